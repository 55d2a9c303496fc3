import { envPrefix } from '../config/services';

/** A store that owns a database: each partner subgraph, and the hub itself (audit log, registry). */
export type DatabaseOwner = 'police' | 'local-authority' | 'nhs' | 'ngo' | 'hub';

/** `local-authority` → `local_authority`: PostgreSQL database names avoid dashes. */
export function databaseSuffix(owner: DatabaseOwner): string {
  return owner.replace(/-/g, '_');
}

/**
 * The PostgreSQL URL for one owner's database, or undefined when none is configured
 * (the caller then runs embedded PostgreSQL).
 *
 * `POLICE_DATABASE_URL` (etc.) names a database exactly. `DATABASE_URL` names a server and a
 * base name: each owner gets its own database `<base>_<owner>`, so partners never share one.
 */
export function databaseUrlFor(owner: DatabaseOwner, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const exact = env[`${envPrefix(owner)}_DATABASE_URL`];
  if (exact) return exact;
  const base = env.DATABASE_URL;
  if (!base) return undefined;
  return withDatabaseName(base, `${databaseNameOf(base) || 'partnerhub'}_${databaseSuffix(owner)}`);
}

export function databaseNameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(name)}`;
  return parsed.toString();
}
