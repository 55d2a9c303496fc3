import type { Pool } from 'pg';
import { generateEphemeralKeyPair, type KeyPair } from '../identity/key-store';
import { openTestLog, sampleDrafts } from '../testing/audit-test-log';
import { BULK_WRITER_PREFIX, writeBulkUnchained, writeValidChain } from '../testing/bulk-records';
import { checkpointMessage, writeCheckpoint } from './checkpoints';
import { DisclosureLog } from './disclosure-log';
import { hashRecord, RECORD_COLUMNS, recordToRow, rowToRecord } from './disclosure-record';
import { splitPoint } from './chain-parts';
import { verifyDisclosureLog } from './verify-log';

const CHAIN = 'chain-under-test';
const CHAIN_LENGTH = 15_000;
const MIDDLE = 7_321;

let log: Awaited<ReturnType<typeof openTestLog>>;
let pool: Pool;
let key: KeyPair;
let gatewayWriter: string;

beforeAll(async () => {
  log = await openTestLog();
  pool = log.pool;
  key = await generateEphemeralKeyPair();
  await writeValidChain(pool, {
    count: CHAIN_LENGTH,
    writerId: CHAIN,
    from: new Date('2026-03-01T00:00:00Z'),
    spanDays: 120,
    seed: 'verify',
  });
  // The second writer is the gateway's own, from 2,000 concurrent requests of two or three records.
  const writer = new DisclosureLog(pool);
  const drafts = sampleDrafts(5_000, 'gateway');
  const receipts = await Promise.all(
    Array.from({ length: 2_000 }, (_, i) => writer.append(drafts.slice(Math.floor(i * 2.5), Math.floor((i + 1) * 2.5)))),
  );
  gatewayWriter = receipts[0]!.writerId;
  await writeCheckpoint(pool, key);
});

afterAll(() => log.close());

/** Set by each run of the suite below: one connection, or the chains cut in two at SEAM. */
let connections: 1 | 2 = 1;
const verify = (options: Partial<Parameters<typeof verifyDisclosureLog>[1]> = {}) =>
  verifyDisclosureLog(pool, { publicKey: key.publicKey, connections, ...options });
/** Where two connections cut the chains: half the longest writer (CHAIN). */
const SEAM = CHAIN_LENGTH / 2;

/** Runs `tamper`, returns what verify says, and puts the log back as it was (checked). */
async function whenTampered(tamper: string | (() => Promise<unknown>), restore: string | (() => Promise<unknown>)) {
  await (typeof tamper === 'string' ? pool.query(tamper) : tamper());
  try {
    return await verify();
  } finally {
    await (typeof restore === 'string' ? pool.query(restore) : restore());
    expect((await verify()).ok).toBe(true);
  }
}

async function recordAt(writerId: string, seq: number) {
  const { rows } = await pool.query({
    text: `SELECT ${RECORD_COLUMNS.join(', ')} FROM disclosure_records WHERE writer_id = $1 AND seq = $2`,
    values: [writerId, seq],
    rowMode: 'array',
  });
  return rowToRecord(rows[0]!);
}

/**
 * Rewrites one record of CHAIN with another subject and a hash recomputed to match: the record
 * holds up on its own, only the chain around it (or a checkpoint) can tell.
 */
async function rewriting(seq: number) {
  const genuine = await recordAt(CHAIN, seq);
  const { hash: _, ...unhashed } = { ...genuine, subjectId: 'SUBJ-000042' };
  const at = `WHERE writer_id = '${CHAIN}' AND seq = ${seq}`;
  return {
    tamper: `UPDATE disclosure_records SET subject_id = 'SUBJ-000042', hash = '${hashRecord(unhashed)}' ${at}`,
    restore: `UPDATE disclosure_records SET subject_id = '${genuine.subjectId}', hash = '${genuine.hash}' ${at}`,
  };
}

/** Moves rows to a side table and back: a deletion that can be undone. */
const deleting = (where: string) => ({
  tamper: `CREATE TABLE tamper_backup AS WITH d AS (DELETE FROM disclosure_records WHERE ${where} RETURNING *) SELECT * FROM d`,
  restore: 'INSERT INTO disclosure_records SELECT * FROM tamper_backup; DROP TABLE tamper_backup',
});

it('cuts the chains in two at half the longest writer when reading on two connections', async () => {
  const client = await pool.connect();
  try {
    expect(await splitPoint(client)).toBe(SEAM);
  } finally {
    client.release();
  }
});

describe.each([1, 2] as const)('verifyDisclosureLog on %i connection(s)', (count) => {
  beforeAll(() => {
    connections = count;
  });

  it('passes a valid log of two writers with a checkpoint, without collapsing in speed', async () => {
    const report = await verify();
    expect(report).toMatchObject({ ok: true, records: CHAIN_LENGTH + 5_000, writers: 2, checkpoints: 1 });
    expect(report.firstProblem).toBeUndefined();
    // The benchmark measures the real figure (~190,000/s); this only catches a collapse, and must hold
    // on a 2-core machine loaded by other suites (measured 11,000–14,000/s at load average 10).
    expect(report.recordsPerSecond).toBeGreaterThan(4_000);
  });

  it('names a record altered in place as modified', async () => {
    const original = await recordAt(CHAIN, MIDDLE);
    const report = await whenTampered(
      `UPDATE disclosure_records SET subject_id = 'SUBJ-099999' WHERE writer_id = '${CHAIN}' AND seq = ${MIDDLE}`,
      `UPDATE disclosure_records SET subject_id = '${original.subjectId}' WHERE writer_id = '${CHAIN}' AND seq = ${MIDDLE}`,
    );
    expect(report.ok).toBe(false);
    expect(report.firstProblem).toMatchObject({ kind: 'modified', writerId: CHAIN, seq: MIDDLE, occurredAt: original.occurredAt });
  });

  it('names a record of the gateway writer altered in a list column as modified', async () => {
    const report = await whenTampered(
      `UPDATE disclosure_records SET fields_disclosed = fields_disclosed || 'PoliceRecord.intelligence'::text WHERE writer_id = '${gatewayWriter}' AND seq = 4000`,
      `UPDATE disclosure_records SET fields_disclosed = fields_disclosed[1:cardinality(fields_disclosed) - 1] WHERE writer_id = '${gatewayWriter}' AND seq = 4000`,
    );
    expect(report.firstProblem).toMatchObject({ kind: 'modified', writerId: gatewayWriter, seq: 4000 });
  });

  it('names a deleted record', async () => {
    const { tamper, restore } = deleting(`writer_id = '${CHAIN}' AND seq = ${MIDDLE}`);
    const report = await whenTampered(tamper, restore);
    expect(report.firstProblem).toMatchObject({ kind: 'deleted', writerId: CHAIN, seq: MIDDLE });
  });

  it('names a forged record slipped in at a taken position as inserted', async () => {
    const genuine = await recordAt(CHAIN, MIDDLE);
    const { hash: _, ...unhashed } = {
      ...genuine,
      subjectId: 'SUBJ-000042',
      occurredAt: new Date(Date.parse(genuine.occurredAt) + 1).toISOString(),
    };
    const forged = { ...unhashed, hash: hashRecord(unhashed) };
    const report = await whenTampered(
      () =>
        pool.query(
          `INSERT INTO disclosure_records (${RECORD_COLUMNS.join(', ')}) VALUES (${RECORD_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`,
          recordToRow(forged),
        ),
      `DELETE FROM disclosure_records WHERE writer_id = '${CHAIN}' AND seq = ${MIDDLE} AND subject_id = 'SUBJ-000042'`,
    );
    expect(report.firstProblem).toMatchObject({ kind: 'inserted', writerId: CHAIN, seq: MIDDLE, occurredAt: forged.occurredAt });
  });

  it('names a record rewritten with a recomputed hash by the record that no longer follows it', async () => {
    const { tamper, restore } = await rewriting(MIDDLE);
    const report = await whenTampered(tamper, restore);
    expect(report.firstProblem).toMatchObject({ kind: 'modified', writerId: CHAIN, seq: MIDDLE });
  });

  it('names records removed from the end of a chain, which the checkpoint vouched for, as truncated', async () => {
    const { tamper, restore } = deleting(`writer_id = '${CHAIN}' AND seq > ${CHAIN_LENGTH - 3}`);
    const report = await whenTampered(tamper, restore);
    expect(report.firstProblem).toMatchObject({
      kind: 'truncated',
      writerId: CHAIN,
      seq: CHAIN_LENGTH - 2,
      checkpointId: expect.any(Number),
    });
  });

  it('names a checkpoint signed by another key', async () => {
    const other = await generateEphemeralKeyPair();
    const { rows } = await pool.query('SELECT heads_json FROM log_checkpoints ORDER BY id DESC LIMIT 1');
    const createdAt = new Date().toISOString();
    const signature = Buffer.from(
      await crypto.subtle.sign('Ed25519', other.privateKey, checkpointMessage(createdAt, rows[0].heads_json)),
    ).toString('base64url');
    const report = await whenTampered(
      () =>
        pool.query('INSERT INTO log_checkpoints (created_at, heads_json, key_id, signature) VALUES ($1, $2, $3, $4)', [
          createdAt,
          rows[0].heads_json,
          key.kid,
          signature,
        ]),
      () => pool.query('DELETE FROM log_checkpoints WHERE signature = $1', [signature]),
    );
    expect(report.firstProblem).toMatchObject({ kind: 'bad-signature', checkpointId: expect.any(Number) });
  });

  it('names a chain rewritten consistently to its end by the checkpoint it no longer matches', async () => {
    const { tamper, restore } = await rewriting(CHAIN_LENGTH);
    const report = await whenTampered(tamper, restore);
    expect(report.firstProblem).toMatchObject({ kind: 'checkpoint-mismatch', writerId: CHAIN, seq: CHAIN_LENGTH });
  });

  it('checks a period alone, its first record anchoring each chain', async () => {
    const report = await verify({ from: new Date('2026-04-01T00:00:00Z'), to: new Date('2026-05-01T00:00:00Z') });
    expect(report.ok).toBe(true);
    expect(report.records).toBeGreaterThan(3_000);
    expect(report.records).toBeLessThan(CHAIN_LENGTH);
    expect(report.writers).toBe(1);
  });

  it('finds a deletion inside a period, and ignores one outside it', async () => {
    const { tamper, restore } = deleting(`writer_id = '${CHAIN}' AND seq = 100`); // March
    await pool.query(tamper);
    try {
      expect((await verify({ from: new Date('2026-04-01T00:00:00Z') })).ok).toBe(true);
      expect((await verify({ to: new Date('2026-04-01T00:00:00Z') })).firstProblem).toMatchObject({
        kind: 'deleted',
        writerId: CHAIN,
        seq: 100,
      });
    } finally {
      await pool.query(restore);
    }
  });

  // Where two connections meet (seq SEAM | SEAM + 1), the join must see what one stream sees.
  it.each([
    ['the last record before the seam', `seq = ${SEAM}`, SEAM, `seq ${SEAM} is missing`],
    ['the first record after the seam', `seq = ${SEAM + 1}`, SEAM + 1, `seq ${SEAM + 1} is missing`],
    ['both records at the seam', `seq IN (${SEAM}, ${SEAM + 1})`, SEAM, `seqs ${SEAM} to ${SEAM + 1} are missing`],
  ])('names %s deleted', async (_what, where, seq, detail) => {
    const { tamper, restore } = deleting(`writer_id = '${CHAIN}' AND ${where}`);
    const report = await whenTampered(tamper, restore);
    expect(report.firstProblem).toMatchObject({ kind: 'deleted', writerId: CHAIN, seq, detail });
  });

  it('names the record before the seam rewritten with a recomputed hash', async () => {
    const { tamper, restore } = await rewriting(SEAM);
    const report = await whenTampered(tamper, restore);
    expect(report.firstProblem).toMatchObject({ kind: 'modified', writerId: CHAIN, seq: SEAM });
  });

  it('reports the first problem in chain order when there are several, on either side of the seam', async () => {
    const { tamper, restore } = deleting(`writer_id = '${CHAIN}' AND seq IN (${SEAM + 100}, ${SEAM - 100})`);
    const report = await whenTampered(tamper, restore);
    expect(report.firstProblem).toMatchObject({ kind: 'deleted', writerId: CHAIN, seq: SEAM - 100 });
  });

  it('fails on unchained bulk filler unless told to skip it, explicitly', async () => {
    await writeBulkUnchained(pool, { count: 2_000, from: new Date('2026-03-01T00:00:00Z'), spanDays: 30, chunk: 1_000 });
    expect((await verify()).firstProblem).toMatchObject({ kind: 'modified', writerId: `${BULK_WRITER_PREFIX}0`, seq: 1 });
    expect(await verify({ skipWriters: [BULK_WRITER_PREFIX] })).toMatchObject({ ok: true, records: CHAIN_LENGTH + 5_000, writers: 2 });
    await pool.query(`DELETE FROM disclosure_records WHERE writer_id LIKE 'bulk-%'`);
  });
});
