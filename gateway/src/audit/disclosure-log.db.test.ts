import { openPool } from '@hub/shared';
import type { Pool, PoolClient } from 'pg';
import { generateEphemeralKeyPair } from '../identity/key-store';
import { openTestLog, sampleDrafts } from '../testing/audit-test-log';
import { createAuditPool } from './audit-trail';
import { DisclosureLog } from './disclosure-log';
import { verifyDisclosureLog } from './verify-log';

let log: Awaited<ReturnType<typeof openTestLog>>;

beforeEach(async () => {
  log = await openTestLog();
});

afterEach(() => log.close());

/** A pool that refuses connections while `down` is set: the log store unavailable. */
function flakyPool(pool: Pool): Pool & { down: boolean } {
  return Object.assign(Object.create(pool) as Pool, {
    down: false,
    connect(this: { down: boolean }): Promise<PoolClient> {
      return this.down ? Promise.reject(new Error('log store unavailable')) : pool.connect();
    },
  });
}

const verify = async () => verifyDisclosureLog(log.pool, { publicKey: (await generateEphemeralKeyPair()).publicKey });

describe('DisclosureLog', () => {
  it('commits concurrent appends together, in far fewer batches than requests, as one valid chain', async () => {
    const writer = new DisclosureLog(log.pool);
    const drafts = sampleDrafts(600, 'group-commit');
    const receipts = await Promise.all(Array.from({ length: 200 }, (_, i) => writer.append(drafts.slice(i * 3, i * 3 + 3))));
    expect(writer.stats.records).toBe(600);
    expect(writer.stats.batches).toBeLessThan(20);
    // Each request got its own positions, in the order it asked.
    expect(receipts.map((r) => [r.fromSeq, r.toSeq])).toEqual(Array.from({ length: 200 }, (_, i) => [i * 3 + 1, i * 3 + 3]));
    const { rows } = await log.pool.query('SELECT count(*)::int AS n, max(seq)::int AS last FROM disclosure_records WHERE writer_id = $1', [
      receipts[0]!.writerId,
    ]);
    expect(rows[0]).toEqual({ n: 600, last: 600 });
    expect(await verify()).toMatchObject({ ok: true, records: 600, writers: 1 });
  });

  it('prepares its two statements once per connection, by name (a PostgreSQL server)', async () => {
    const one = openPool(log.database.url, { label: 'audit-test-one', max: 1 });
    try {
      const writer = new DisclosureLog(one);
      await writer.append(sampleDrafts(3, 'named-1'));
      await writer.append([], 'a request with no records');
      await writer.append(sampleDrafts(3, 'named-2'));
      const { rows } = await one.query<{ name: string }>('SELECT name FROM pg_prepared_statements ORDER BY name');
      expect(rows.map((r) => r.name)).toEqual(['hub_log_append', 'hub_log_update_head']);
      expect(writer.stats).toEqual({ batches: 3, records: 6 });
    } finally {
      await one.end();
    }
    expect(await verify()).toMatchObject({ ok: true, records: 6 });
  });

  it("plans its append once on the audit pool's connections, not once per batch", async () => {
    // Left to choose, PostgreSQL planned the append afresh every time (createAuditPool).
    const audit = createAuditPool(log.database.url, { label: 'audit-test-plans', max: 1 });
    try {
      const writer = new DisclosureLog(audit);
      for (let i = 0; i < 8; i++) await writer.append(sampleDrafts(3, `planned-${i}`));
      const { rows } = await audit.query<{ generic: number; custom: number }>(
        `SELECT generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements WHERE name = 'hub_log_append'`,
      );
      expect(rows).toEqual([{ generic: 8, custom: 0 }]);
    } finally {
      await audit.end();
    }
    expect(await verify()).toMatchObject({ ok: true, records: 24 });
  });

  it('rejects an append the store cannot take, and carries on with a new chain', async () => {
    const pool = flakyPool(log.pool);
    const writer = new DisclosureLog(pool);
    const [before, during, after] = [sampleDrafts(3, 'a'), sampleDrafts(2, 'b'), sampleDrafts(2, 'c')];
    const first = await writer.append(before);
    pool.down = true;
    await expect(writer.append(during)).rejects.toThrow('log store unavailable');
    pool.down = false;
    const next = await writer.append(after);
    expect(next.writerId).not.toBe(first.writerId);
    expect([next.fromSeq, next.toSeq]).toEqual([1, 2]);
    expect(await verify()).toMatchObject({ ok: true, records: 5, writers: 2 });
  });

  it('rolls back a batch PostgreSQL refuses, rejects every request in it, and starts a new chain', async () => {
    const writer = new DisclosureLog(log.pool);
    const first = await writer.append(sampleDrafts(2, 'a'));
    const [bad, good] = [sampleDrafts(1, 'bad'), sampleDrafts(2, 'good')];
    const refused = Promise.allSettled([
      writer.append(sampleDrafts(1, 'x')),
      writer.append([{ ...bad[0]!, subjectId: 'nul\u0000byte' }]),
      writer.append(good),
    ]);
    const outcomes = await refused;
    // The first append may have had a batch of its own; the bad one and any batched with it fail.
    expect(outcomes[1]!.status).toBe('rejected');
    const after = await writer.append(sampleDrafts(1, 'after'));
    expect(after.writerId).not.toBe(first.writerId);
    expect(after.fromSeq).toBe(1);
    expect((await verify()).ok).toBe(true);
  });

  it('fails every append once its pool has ended, without hanging', async () => {
    const pool = new (log.pool.constructor as new (config: object) => Pool)({ connectionString: log.database.url });
    const writer = new DisclosureLog(pool);
    await writer.append(sampleDrafts(1, 'a'));
    await pool.end();
    await expect(writer.append(sampleDrafts(1, 'b'))).rejects.toThrow();
    expect((await verify()).ok).toBe(true);
  });
});
