import { openTestLog } from '../testing/audit-test-log';
import { writeValidChain } from '../testing/bulk-records';
import { genericPlan } from '../testing/generic-plan';
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
    const plan = await genericPlan(
      log.pool,
      `SELECT * FROM disclosure_records WHERE ${column} = $1 ORDER BY occurred_at DESC, writer_id DESC, seq DESC LIMIT 21`,
      [['text', `'${value}'`]],
    );
    expect(plan).toMatch(/Index (Only )?Scan (Backward )?using \S*initiator\S*/);
    // The month's partition through its index (the empty default partition may be scanned: it has no rows).
    expect(plan).not.toMatch(/Seq Scan on disclosure_records_\d{4}_\d{2}/);
    expect((await findDisclosures(log.pool, { [filter]: value }, 20, null)).records).toEqual([]);
  });
});

describe('the log indexes in arrival order (migration AscendingLogIndexes)', () => {
  it('all order by time ascending, as records arrive', async () => {
    const { rows } = await log.pool.query<{ def: string }>(
      `SELECT pg_get_indexdef(i.indexrelid) AS def FROM pg_index i WHERE i.indrelid = 'disclosure_records'::regclass`,
    );
    expect(rows.length).toBe(9);
    for (const { def } of rows) expect(def).not.toMatch(/DESC/);
  });

  it.each(['subject_id', 'requester_id', 'requester_org', 'owner', 'controller_org'])(
    "serve an auditor's newest-first page by %s from an index read backward, not by reading the month",
    async (column) => {
      const plan = await genericPlan(
        log.pool,
        `SELECT * FROM disclosure_records WHERE ${column} = $1 ORDER BY occurred_at DESC, writer_id DESC, seq DESC LIMIT 21`,
        [['text', `'x'`]],
      );
      expect(plan).toMatch(/Index Scan (Backward )?(using|on) disclosure_records_\d{4}_\d{2}_\S+_idx/);
      expect(plan).not.toMatch(/Seq Scan on disclosure_records_\d{4}_\d{2}/);
    },
  );

  it('serve the unfiltered page after a cursor straight from by_time read backward: the cursor bounds the scan, and there is no sort', async () => {
    const plan = await genericPlan(
      log.pool,
      `SELECT * FROM disclosure_records WHERE (occurred_at, writer_id, seq) < ($1, $2, $3) ORDER BY occurred_at DESC, writer_id DESC, seq DESC LIMIT 21`,
      [
        ['timestamptz', `'2026-10-20T00:00:00Z'`],
        ['text', `'x'`],
        ['bigint', '100'],
      ],
    );
    expect(plan).toMatch(/Index Scan Backward using disclosure_records_\d{4}_\d{2}_occurred_at_writer_id_seq_idx/);
    expect(plan).toMatch(/Index Cond: \(ROW\(occurred_at, writer_id, seq\) < ROW\(\$1, \$2, \$3\)\)/);
    expect(plan).not.toMatch(/(^|->)\s*(Incremental )?Sort {2}\(/m);
  });
});
