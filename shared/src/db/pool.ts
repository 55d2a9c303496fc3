import { Pool } from 'pg';
import { logger } from '../telemetry/logger';
import { trackPool } from '../telemetry/metrics';

export interface PoolOptions {
  /** Names the pool in the error it logs, in `pg_stat_activity` and in `hub_db_pool_connections`. */
  label: string;
  max?: number;
  connectionTimeoutMillis?: number;
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
    connectionString: url,
    max: options.max ?? 4,
    application_name: `partner-hub-${options.label}`,
    ...(options.connectionTimeoutMillis !== undefined && { connectionTimeoutMillis: options.connectionTimeoutMillis }),
  });
  pool.on('error', (error) => {
    if (!pool.ending) logger('database').error({ pool: options.label, err: error }, 'idle database connection lost');
  });
  trackPool(options.label, pool);
  return pool;
}
