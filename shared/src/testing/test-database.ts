import { environment } from '../config/environment';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { dropDatabase } from '../db/data-source';
import { ensureDatabase } from '../db/startup-locks';
import { databaseSuffix, withDatabaseName, type DatabaseOwner } from '../db/database-url';

/** The PostgreSQL server tests use: `DATABASE_URL`, else the PG* variables, else 127.0.0.1:5432. */
export function testServerUrl(): string {
  return environment().testServerUrl;
}

export async function serverReachable(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new, empty database for one owner, named so that parallel runs never collide. */
export async function createTestDatabase(owner: DatabaseOwner, run = testRunId()): Promise<TestDatabase> {
  const url = withDatabaseName(testServerUrl(), `hubtest_${run}_${databaseSuffix(owner)}`);
  await ensureDatabase(url);
  return { url, drop: () => dropDatabase(url) };
}

export function testRunId(): string {
  return `${process.pid}_${randomBytes(3).toString('hex')}`;
}
