import { Client } from 'pg';
import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import { databaseNameOf, withDatabaseName } from './database-url';
import { boundedWaits } from './pool';
import { StatementCounter } from './statement-counter';

export interface DataSourceOptions {
  service: string;
  url: string;
  entities: MixedList<Function | string | EntitySchema>;
  migrations: MixedList<Function | string>;
  /** Connections in the pool; embedded PostgreSQL serialises them anyway. */
  poolSize?: number;
  /** Per statement; 0 for none. Defaults to the environment's serving figure. */
  statementTimeoutMs?: number;
}

export interface CountedDataSource {
  dataSource: DataSource;
  statements: StatementCounter;
}

/**
 * A typeorm data source for one service's own database. Schema changes happen only through
 * migrations (`synchronize` stays off): a partner's database is a record of its own, and an
 * ORM that rewrites tables on start-up would be a silent migration nobody reviewed.
 */
export function createDataSource(options: DataSourceOptions): CountedDataSource {
  const statements = new StatementCounter(options.service);
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.url,
    entities: options.entities,
    migrations: options.migrations,
    migrationsRun: false,
    synchronize: false,
    logging: ['query', 'error', 'warn', 'migration'],
    logger: statements,
    maxQueryExecutionTime: 1000,
    extra: {
      max: options.poolSize ?? 10,
      application_name: `partner-hub-${options.service}`,
      ...boundedWaits({ statementTimeoutMs: options.statementTimeoutMs }),
    },
  });
  return { dataSource, statements };
}

/** Drops a database (tests clean up their fresh databases with this). */
export async function dropDatabase(url: string): Promise<void> {
  const name = databaseNameOf(url);
  const admin = new Client({ connectionString: withDatabaseName(url, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
