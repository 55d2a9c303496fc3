import { Client } from 'pg';
import { MigrationExecutor, type DataSource } from 'typeorm';
import { databaseNameOf, withDatabaseName } from './database-url';
import { logger } from '../telemetry/logger';

/**
 * Start-up work that every replica of a service does, and that must happen once: creating the
 * database, applying migrations, creating the log's monthly partitions. Each runs under a
 * PostgreSQL advisory lock, so N replicas (N gateways, N copies of a subgraph) can start at the
 * same moment on an empty server: one does the work, the others wait for it, then find it done.
 *
 * The two-key form `pg_advisory_lock(space, key)` keeps these apart from the one-key locks the
 * hub takes elsewhere (`hashtext(agreementId)` when suspending an agreement).
 */
export const STARTUP_LOCK_SPACE = 0x48554230; // 'HUB0'
export const STARTUP_LOCKS = { createDatabase: 1, migrations: 2, partitions: 3 } as const;

/**
 * Creates the database named in `url` when the server does not have it yet. Connects to the
 * database itself first: where it exists (the usual case, and the only one for a role that may
 * not create databases or reach `postgres`), nothing else happens. Otherwise the creation runs
 * under a lock taken in the maintenance database, which every replica connects to (advisory
 * locks are per database); a `CREATE DATABASE` by anything else meanwhile still counts as done.
 */
export async function ensureDatabase(url: string): Promise<void> {
  if (await databaseExists(url)) return;
  const name = databaseNameOf(url);
  const admin = new Client({ connectionString: withDatabaseName(url, 'postgres') });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock($1, hashtext($2))', [STARTUP_LOCK_SPACE, name]);
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      try {
        await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      } catch (error) {
        if (!alreadyCreated(error)) throw error;
      }
    }
  } finally {
    // Ending the session releases its advisory locks.
    await admin.end();
  }
}

async function databaseExists(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === '3D000') return false; // invalid_catalog_name: no such database
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** 42P04 duplicate_database; 23505 on pg_database's name index is the same race lost inside the catalog. */
function alreadyCreated(error: unknown): boolean {
  const { code, constraint } = error as { code?: string; constraint?: string };
  return code === '42P04' || (code === '23505' && constraint === 'pg_database_datname_index');
}

/**
 * Applies pending migrations, all in one transaction, holding the migration lock on the same
 * connection: a replica that finds the lock taken waits (saying so), then finds nothing pending.
 * Without it, two replicas both create typeorm's `migrations` table and both run every migration
 * (`pg_type_typname_nsp_index`, `relation "migrations" already exists`).
 */
export async function runMigrationsOnce(dataSource: DataSource, service: string): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    const [{ locked }] = await runner.query('SELECT pg_try_advisory_lock($1, $2) AS locked', [
      STARTUP_LOCK_SPACE,
      STARTUP_LOCKS.migrations,
    ]);
    if (!locked) {
      logger(service).info('another process is migrating this database; waiting for it');
      await runner.query('SELECT pg_advisory_lock($1, $2)', [STARTUP_LOCK_SPACE, STARTUP_LOCKS.migrations]);
    }
    try {
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'all';
      await executor.executePendingMigrations();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1, $2)', [STARTUP_LOCK_SPACE, STARTUP_LOCKS.migrations]).catch(() => undefined);
    }
  } finally {
    await runner.release();
  }
}
