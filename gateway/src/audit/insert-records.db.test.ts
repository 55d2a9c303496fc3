import { openTestLog, sampleDrafts } from '../testing/audit-test-log';
import { genericPlan } from '../testing/generic-plan';
import { ChainHasher } from './chain-hasher';
import { GENESIS_HASH } from './disclosure-record';
import { INSERT_RECORDS, recordsParameter } from './insert-records';
import { ensureMonthlyPartitions } from './partitions';

let log: Awaited<ReturnType<typeof openTestLog>>;
beforeAll(async () => {
  log = await openTestLog();
  await ensureMonthlyPartitions(log.pool, new Date('2026-11-01T09:00:00Z'));
});
afterAll(() => log.close());

const hashed = (count: number, writer: string) => new ChainHasher().chain(sampleDrafts(count, writer), writer, 0, GENESIS_HASH);
const written = async (writer: string) =>
  (
    await log.pool.query<{ seq: string; lawful_bases: string[]; agreements: string[]; rule_ids: string[]; fields_disclosed: string[] }>(
      'SELECT seq, lawful_bases, agreements, rule_ids, fields_disclosed FROM disclosure_records WHERE writer_id = $1 ORDER BY seq',
      [writer],
    )
  ).rows;

describe('INSERT_RECORDS', () => {
  it('writes each record with the lists it names, each list sent and cast once', async () => {
    const records = hashed(40, 'insert-lists');
    const parameter = JSON.parse(recordsParameter(records)) as { l: string[] };
    // Forty records draw on far fewer distinct lists: the point of the table of lists.
    expect(parameter.l.length).toBeLessThan(40);
    await log.pool.query(INSERT_RECORDS, [recordsParameter(records)]);
    expect(await written('insert-lists')).toEqual(
      records.map((r) => ({
        seq: String(r.seq),
        lawful_bases: r.lawfulBases,
        agreements: r.agreements,
        rule_ids: r.ruleIds,
        fields_disclosed: r.fieldsDisclosed,
      })),
    );
  });

  it('refuses the whole batch, rather than drop a record, when a record names a list the parameter lacks', async () => {
    const parameter = JSON.parse(recordsParameter(hashed(5, 'insert-missing'))) as { l: string[] };
    parameter.l = parameter.l.slice(0, -1);
    await expect(log.pool.query(INSERT_RECORDS, [JSON.stringify(parameter)])).rejects.toThrow(/null value/);
    expect(await written('insert-missing')).toEqual([]);
  });

  it('keeps the parameter a parameter: no row carries it into the window sort', async () => {
    const plan = await genericPlan(log.pool, INSERT_RECORDS, [['jsonb', `'{}'`]]);
    // Scanned as a CTE, `p` would be a column of every row the window sorts: a 5,000-record batch sorted 9.9 GB.
    expect(plan).toContain('WindowAgg');
    expect(plan).not.toMatch(/CTE Scan on p\b/);
  });
});
