import { createTestDatabase, type TestDatabase } from '@hub/shared/testing';
import type { Pool } from 'pg';
import { HubStore } from '../store/hub-store';
import { demoDisclosures } from './bulk-records';
import type { DraftDisclosure } from '../audit/disclosure-record';
import { openPool, Prng } from '@hub/shared';

/** A fresh, migrated hub database and a pool on it, for the audit tests. */
export async function openTestLog(): Promise<{ pool: Pool; database: TestDatabase; close(): Promise<void> }> {
  const database = await createTestDatabase('hub');
  const store = await HubStore.open(database.url);
  await store.close();
  // The audit tests write chains of thousands of rows through it; on a loaded CI machine a new
  // backend took longer than the service's 2 s to fork (CI, 30 Nov: "timeout exceeded when trying
  // to connect" in export-log.db.test). Still bounded, but for test data, not for a request.
  const pool = openPool(database.url, { label: 'audit-test', max: 6, connectionTimeoutMillis: 15_000 });
  return {
    pool,
    database,
    async close() {
      await pool.end();
      await database.drop();
    },
  };
}

/** `count` realistic drafts, timed from `from` a second apart. */
export function sampleDrafts(count: number, seed: string, from = new Date('2026-11-01T09:00:00Z')): DraftDisclosure[] {
  const drafts = demoDisclosures(new Prng(seed), from, count / 86_400, count);
  return Array.from({ length: count }, () => drafts.next());
}
