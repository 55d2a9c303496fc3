import { Pool } from 'pg';
import { environment } from '../config/environment';
import { logger } from '../telemetry/logger';
import { trackPool } from '../telemetry/metrics';

export interface PoolOptions {
  /** Names the pool in the error it logs, in `pg_stat_activity` and in `hub_db_pool_connections`. */
  label: string;
  max?: number;
  /** How long to wait for a connection (the server unreachable, or the pool busy). */
  connectionTimeoutMillis?: number;
  /** How long one statement may run, lock waits included; 0 for none (bulk tools only). */
  statementTimeoutMs?: number;
  /**
   * Settings every connection of the pool starts its session with (PostgreSQL's start-up
   * `options`, so no extra round trip). Embedded PostgreSQL's front ignores them: its one session
   * serves every connection, and a pool's setting must not become everyone's.
   */
  settings?: Readonly<Record<string, string>>;
}

/**
 * Every wait on PostgreSQL is bounded (docs/architecture.md#failure-behaviour): a connection, a statement (including waiting for a
 * lock), and a transaction left idle. TCP keepalive finds a connection whose server vanished
 * without closing it. Serving pools take the environment's figures; a tool that streams or bulk
 * loads for minutes says so with `statementTimeoutMs: 0`.
 */
export function boundedWaits(options: { connectionTimeoutMillis?: number; statementTimeoutMs?: number } = {}) {
  const env = environment();
  const statement = options.statementTimeoutMs ?? env.db.statementTimeoutMs;
  return {
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? env.db.connectTimeoutMs,
    idle_in_transaction_session_timeout: env.db.idleInTransactionTimeoutMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    idleTimeoutMillis: 30_000,
    ...(statement > 0 ? { statement_timeout: statement } : {}),
  };
}

/**
 * A pg pool that cannot crash the process. pg emits `error` on the pool when an idle client's
 * connection dies (a restarted server, a cut network, a dropped database); with no listener,
 * Node turns that into an uncaught exception. The pool already discards the dead client and the
 * next query opens a new one, so the right response is a log line, not a crash. While the pool
 * is ending the error is expected (pg-pool resolves `end()` before the sockets close, so a
 * database dropped straight after can still reach a closing client) and stays quiet.
 */
export function openPool(url: string, options: PoolOptions): Pool {
  const pool = new Pool({
    ...connectionWithSettings(url, options.settings),
    max: options.max ?? 4,
    application_name: `partner-hub-${options.label}`,
    ...boundedWaits(options),
  });
  pool.on('error', (error) => {
    if (!pool.ending) logger('database').error({ pool: options.label, err: error }, 'idle database connection lost');
  });
  trackPool(options.label, pool);
  return pool;
}

/**
 * The connection string and the sessions' start-up `options`. pg lets an `options` parameter in the
 * URL replace the pool's, which would drop the pool's settings without a word: the URL's own options
 * are kept and the pool's follow them.
 */
function connectionWithSettings(url: string, settings: PoolOptions['settings']): { connectionString: string; options?: string } {
  if (!settings) return { connectionString: url };
  const parsed = new URL(url);
  const fromUrl = parsed.searchParams.get('options');
  if (fromUrl === null) return { connectionString: url, options: startupOptions(settings) };
  parsed.searchParams.delete('options');
  return { connectionString: parsed.toString(), options: `${fromUrl} ${startupOptions(settings)}` };
}

/** `-c name=value …`: names and values limited to what needs no quoting, so nothing can be smuggled in. */
function startupOptions(settings: Readonly<Record<string, string>>): string {
  return Object.entries(settings)
    .map(([name, value]) => {
      if (!/^[a-z_]+$/.test(name) || !/^[A-Za-z0-9_.]+$/.test(value)) throw new Error(`unsupported PostgreSQL setting for a pool: ${name}`);
      return `-c ${name}=${value}`;
    })
    .join(' ');
}
