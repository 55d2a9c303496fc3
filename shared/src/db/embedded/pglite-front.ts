import { createServer, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import { BackendQueue } from './backend-queue';
import { FrontConnection, type Backend } from './front-connection';
import { messagesIn, startupMessage } from './wire';
import { logger } from '../../telemetry/logger';
import { scrubText } from '../../telemetry/redaction';

export interface FrontOptions {
  host?: string;
  /** 0: a free port. */
  port?: number;
  /** How long a connection may wait for the backend before its request fails (default 30 s). */
  waitTimeoutMs?: number;
  /** Sessions at once, like max_connections (default 100). */
  maxConnections?: number;
  log?: (message: string) => void;
}

export interface PostgresFront {
  host: string;
  port: number;
  /** Closes every connection (rolling back what they left open) and stops listening. */
  stop(): Promise<void>;
}

/** PGlite as the front's backend: one exchange at a time, under PGlite's own lock. */
export function pgliteBackend(db: PGlite): Backend {
  return {
    async exec(messages) {
      const reply = await db.runExclusive(() => db.execProtocolRaw(messages));
      // A copy: for some messages (the start-up) PGlite returns a view of a buffer it reuses.
      return Buffer.from(reply);
    },
  };
}

/**
 * A PostgreSQL server on a loopback port in front of one backend session (PGlite), for the
 * ordinary `pg` driver and its pools. Connections are many; the backend is lent to one at a time
 * for a whole transaction or extended-protocol exchange (transaction pooling, as in pgbouncer),
 * so no client ever sees another's statement, portal, transaction or rows.
 */
export async function startPostgresFront(backend: Backend, options: FrontOptions = {}): Promise<PostgresFront> {
  const host = options.host ?? '127.0.0.1';
  const maxConnections = options.maxConnections ?? 100;
  const log =
    options.log ?? ((message: string) => logger('embedded-postgres').error({ reason: scrubText(message) }, 'embedded PostgreSQL'));
  const queue = new BackendQueue(options.waitTimeoutMs ?? 30_000);
  const connections = new Set<FrontConnection>();

  // The backend's own start-up answer carries the server parameters (server_version,
  // client_encoding, DateStyle, ...) that drivers read; every client gets the same.
  const started = messagesIn(await backend.exec(startupMessage({ user: 'postgres', database: 'postgres' })));
  const parameterStatus = Buffer.concat(started.filter((m) => m.type === 'S').map((m) => m.bytes));

  const context = {
    backend,
    queue,
    parameterStatus,
    admit: () => [...connections].filter((c) => c.inSession).length < maxConnections,
    log,
  };
  const server: Server = createServer((socket: Socket) => {
    const connection = new FrontConnection(socket, context);
    connections.add(connection);
    socket.once('close', () => connections.delete(connection));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    host,
    port: (server.address() as { port: number }).port,
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      connections.forEach((c) => c.close());
      // A client that held the backend is rolled back before PGlite may be closed.
      await queue.free();
      await closed;
    },
  };
}
