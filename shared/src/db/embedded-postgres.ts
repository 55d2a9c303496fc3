import { environment } from '../config/environment';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pgliteBackend, startPostgresFront } from './embedded/pglite-front';
import { noteSharedSession } from './named-statements';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /**
   * How long a connection may wait for the database while others hold it before its query fails
   * with SQLSTATE 55P03. Default `HUB_EMBEDDED_WAIT_MS`, else 30 s.
   */
  waitTimeoutMs?: number;
}

/**
 * PostgreSQL compiled to WebAssembly (PGlite), served on a loopback port to the ordinary `pg`
 * driver, so `npm start` works on a machine with only Node. One instance per database. PGlite is
 * a single backend session: the front (`embedded/`) lends it to one connection at a time, for a
 * whole transaction, so pools of any size see what they would see on a server — only serialised
 * (docs/adr/0005-embedded-database-for-one-command-start.md): fine for a demo, and the reason real deployments configure DATABASE_URL.
 */
export async function startEmbeddedPostgres(dataDir: string, port = 0, options: EmbeddedOptions = {}): Promise<EmbeddedPostgres> {
  mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const front = await startPostgresFront(pgliteBackend(db), {
    port,
    waitTimeoutMs: options.waitTimeoutMs ?? environment().embeddedWaitMs,
  });
  const url = `postgres://postgres@${front.host}:${front.port}/postgres`;
  // One backend session for every connection: no named statements on it (named-statements.ts).
  const shared = noteSharedSession(url);
  return {
    url,
    async stop() {
      shared.ended();
      await front.stop();
      await db.close();
    },
  };
}
