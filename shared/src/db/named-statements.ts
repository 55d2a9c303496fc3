import type { Pool, PoolClient, QueryConfig, QueryResult, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * Named prepared statements for the statements a server runs on every request (the hub's registry
 * read, the disclosure log's append). Unnamed, PostgreSQL parses, analyses and plans each one
 * again on every call: for the log's append, a third of what the backend spends on it; for the
 * registry read, most of it. Named, each connection prepares it once (pg remembers which
 * connections have) and then only binds and executes.
 *
 * Not on embedded PostgreSQL: its one backend session serves every connection, so a name one
 * connection prepared would already exist for the next (an error there), and what a closed
 * connection prepared would stay. Its fronts are started in this process and noted here.
 */
const sharedSessions = new Set<string>();

/** `host:port` of a URL, as the fronts are noted. */
function serverOf(url: string): string | null {
  try {
    const { hostname, port } = new URL(url);
    return `${hostname}:${port || '5432'}`;
  } catch {
    return null;
  }
}

/** An embedded PostgreSQL front at `url` (one session shared by every connection) is up; until `ended`. */
export function noteSharedSession(url: string): { ended(): void } {
  const server = serverOf(url);
  if (server) sharedSessions.add(server);
  return { ended: () => server && sharedSessions.delete(server) };
}

/** Whether a statement a connection to `url` prepares is that connection's alone. Unknown: no. */
export function preparesPerConnection(url: string | undefined): boolean {
  const server = url ? serverOf(url) : null;
  return server !== null && !sharedSessions.has(server);
}

/**
 * The pool's server prepares per connection (its connection string; a pool without one: no).
 * Decided once per pool: the statements run on every request, and a pool's server does not change.
 */
export function poolPreparesPerConnection(pool: Pool): boolean {
  let named = decidedPools.get(pool);
  if (named === undefined) {
    named = preparesPerConnection((pool as Pool & { options?: { connectionString?: string } }).options?.connectionString);
    decidedPools.set(pool, named);
  }
  return named;
}
const decidedPools = new WeakMap<Pool, boolean>();

/** A statement run by name where the server prepares per connection, else as an unnamed one. */
export class NamedStatement {
  constructor(
    readonly name: string,
    readonly text: string,
  ) {}

  config(named: boolean, values: unknown[]): QueryConfig {
    return named ? { name: this.name, text: this.text, values } : { text: this.text, values };
  }

  /** On one client of `pool` (the pool decides named or not). */
  on<R extends QueryResultRow>(pool: Pool, client: PoolClient | Pool, values: unknown[]): Promise<QueryResult<R>> {
    return client.query<R>(this.config(poolPreparesPerConnection(pool), values));
  }

  /**
   * Through a TypeORM data source's pool, reported as its own queries are (counted, a failure and
   * a slow one logged by its logger, without text or values).
   */
  async through<R extends QueryResultRow>(dataSource: DataSource, values: unknown[]): Promise<R[]> {
    const pool = (dataSource.driver as unknown as { master: Pool }).master;
    const logger = dataSource.logger;
    logger.logQuery(this.text);
    const started = performance.now();
    try {
      return (await this.on<R>(pool, pool, values)).rows;
    } catch (error) {
      logger.logQueryError(error as Error, this.text);
      throw error;
    } finally {
      const took = performance.now() - started;
      const slow = dataSource.options.maxQueryExecutionTime;
      if (slow && took > slow) logger.logQuerySlow(took, this.text);
    }
  }
}
