import { openTestLog } from '../testing/audit-test-log';
import { writeValidChain } from '../testing/bulk-records';
import { findDisclosures } from './auditor-queries';

let log: Awaited<ReturnType<typeof openTestLog>>;

beforeAll(async () => {
  log = await openTestLog();
  // Records as responses write them: no initiator (only referrals name one).
  await writeValidChain(log.pool, {
    count: 20_000,
    writerId: 'initiator-test',
    from: new Date('2026-10-01T00:00:00Z'),
    spanDays: 30,
    seed: 'initiator',
  });
  await log.pool.query('ANALYZE disclosure_records');
});

afterAll(() => log.close());

describe('the initiator indexes (migration PartialInitiatorIndexes)', () => {
  it('hold only the records that name an initiator, so a response adds nothing to them', async () => {
    const { rows } = await log.pool.query(
      `SELECT c.relname, pg_get_indexdef(c.oid) AS def
         FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        WHERE pg_get_indexdef(c.oid) LIKE '%(initiator_%'`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) expect(row.def).toMatch(/WHERE \(initiator_(id|org) IS NOT NULL\)/);
  });

  it.each([
    ['initiatorId', 'ngo.caseworker'],
    ['initiatorOrg', 'birmingham-city-council'],
  ])("still answer an auditor's %s filter, without reading the whole log", async (filter, value) => {
    const column = filter === 'initiatorId' ? 'initiator_id' : 'initiator_org';
    const client = await log.pool.connect();
    try {
      // The plan an auditor's page would get for any value (a generic plan, as a prepared statement reuses).
      await client.query('SET plan_cache_mode = force_generic_plan');
      await client.query(
        `PREPARE by_initiator(text) AS SELECT * FROM disclosure_records WHERE ${column} = $1 ORDER BY occurred_at DESC, writer_id DESC, seq DESC LIMIT 21`,
      );
      const plan = (await client.query(`EXPLAIN EXECUTE by_initiator('${value}')`)).rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(plan).toMatch(/Index (Only )?Scan using \S*initiator\S*/);
      // The month's partition through its index (the empty default partition may be scanned: it has no rows).
      expect(plan).not.toMatch(/Seq Scan on disclosure_records_\d{4}_\d{2}/);
    } finally {
      await client.query('DEALLOCATE ALL').catch(() => undefined);
      client.release(true);
    }
    expect((await findDisclosures(log.pool, { [filter]: value }, 20, null)).records).toEqual([]);
  });
});
