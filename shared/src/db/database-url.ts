import { SUBGRAPH_NAMES } from '../config/services';

/** The stores that own a database: each partner subgraph, and the hub itself (audit log, registry). */
export const DATABASE_OWNERS = [...SUBGRAPH_NAMES, 'hub'] as const;
export type DatabaseOwner = (typeof DATABASE_OWNERS)[number];

/** `local-authority` → `local_authority`: PostgreSQL database names avoid dashes. */
export function databaseSuffix(owner: DatabaseOwner): string {
  return owner.replace(/-/g, '_');
}

export function databaseNameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(name)}`;
  return parsed.toString();
}
