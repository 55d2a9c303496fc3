import { join } from 'node:path';
import { databaseUrlFor, environment, startEmbeddedPostgres, type DatabaseOwner, type EmbeddedPostgres } from '@hub/shared';

export const DATA_DIR = environment().dataDir ?? join(__dirname, '..', '..', '..', '.data');

export interface ResolvedDatabases {
  urls: Record<string, string>;
  /** True where the URL points at real PostgreSQL, whose server may need the database created. */
  real: Record<string, boolean>;
  embedded: string[];
  stop(): Promise<void>;
}

/**
 * A database URL per owner: the configured PostgreSQL (`DATABASE_URL` or `<OWNER>_DATABASE_URL`)
 * where there is one, otherwise an embedded PostgreSQL kept under `.data/<owner>`, so a second
 * start finds the data of the first.
 */
export async function resolveDatabases(owners: readonly DatabaseOwner[]): Promise<ResolvedDatabases> {
  const urls: Record<string, string> = {};
  const real: Record<string, boolean> = {};
  const running: EmbeddedPostgres[] = [];
  const embedded: string[] = [];
  for (const owner of owners) {
    const configured = databaseUrlFor(owner);
    if (configured) {
      urls[owner] = configured;
      real[owner] = true;
      continue;
    }
    const instance = await startEmbeddedPostgres(join(DATA_DIR, owner));
    running.push(instance);
    embedded.push(owner);
    urls[owner] = instance.url;
    real[owner] = false;
  }
  return {
    urls,
    real,
    embedded,
    async stop() {
      await Promise.all(running.map((r) => r.stop()));
    },
  };
}
