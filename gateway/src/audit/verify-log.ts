import type { CryptoKey } from 'jose';
import type { Pool, PoolClient } from 'pg';
import { CANONICAL_ROW_TYPES } from './canonical-rows';
import { ChainCheck, type ChainSpan, type LogProblem } from './chain-check';
import { checkpointSignatureValid, type ChainHead } from './checkpoints';
import { joinAtSplit, splitPoint } from './chain-parts';
import { CANONICAL_SELECT } from './disclosure-record';
import { inSharedSnapshot, streamRecordRows, type RecordSelection, type SeqRange } from './record-cursor';
import { verifyWorkflowHistory } from '../workflows/verify-workflow';
import { WORKFLOW_WRITER } from '../workflows/workflow-history';

export type { LogProblem, ProblemKind } from './chain-check';

export interface VerifyOptions extends RecordSelection {
  /** The hub's audit public key: checkpoints must be signed with its private half. */
  publicKey: CryptoKey;
  /**
   * Connections to read with. With 2, the chains are cut in two by position and both halves are
   * read at once from one shared snapshot: PostgreSQL building each record's canonical text is
   * the limit of one connection. Only on a PostgreSQL server: the embedded one lends its one
   * backend to a transaction at a time, so the second would wait for the first's to end, until
   * the embedded wait limit fails it (SQLSTATE 55P03).
   */
  connections?: 1 | 2;
}

export interface VerificationReport {
  ok: boolean;
  records: number;
  writers: number;
  /** Requests, decisions and approvals in the workflow history, checked like the records. */
  workflowEvents: number;
  checkpoints: number;
  seconds: number;
  recordsPerSecond: number;
  /** The first problem: in chain order (writer, seq), then checkpoint by checkpoint. */
  firstProblem?: LogProblem;
}

interface StoredCheckpoint {
  id: number;
  createdAt: string;
  headsJson: string;
  signature: string;
  heads: ChainHead[];
}

/**
 * Checks the disclosure log offline (docs/disclosure-log.md): every writer's hash chain, record by record, then
 * every checkpoint — its Ed25519 signature, and that each chain head it vouches for is still
 * there with the same hash. Records and checkpoints are read from one snapshot, so a gateway
 * writing meanwhile cannot make a consistent log look truncated.
 *
 * With `from`, the first record of each writer in the period anchors its chain (its prev_hash is
 * taken as given), and only checkpoints made in the period are checked, on the heads that fall
 * within it.
 */
export async function verifyDisclosureLog(pool: Pool, options: VerifyOptions): Promise<VerificationReport> {
  const started = performance.now();
  const { records, writers, checkpoints, problem, workflowEvents } = await inSharedSnapshot(
    pool,
    options.connections ?? 1,
    async ([main, helper]) => {
      const checkpoints = await readCheckpoints(main!, options);
      const watch = positionsToWatch(checkpoints);
      const anchored = options.from !== undefined;
      const read = (client: PoolClient, seq: SeqRange | undefined, check: ChainCheck) =>
        streamRecordRows(client, { ...options, seq }, { select: CANONICAL_SELECT, order: 'chain', types: CANONICAL_ROW_TYPES }, (rows) =>
          check.checkRows(rows),
        );

      const split = helper ? await splitPoint(main!) : null;
      let chains: { records: number; spans: ReadonlyMap<string, ChainSpan>; problem: LogProblem | undefined };
      if (split === null) {
        const check = new ChainCheck(anchored, watch);
        await read(main!, undefined, check);
        chains = check;
      } else {
        // The second half is read anchored on its first record of each writer; the join checks the seam.
        const [first, second] = [new ChainCheck(anchored, watch), new ChainCheck(true, watch)];
        await Promise.all([read(main!, { atMost: split }, first), read(helper!, { above: split }, second)]);
        chains = { records: first.records + second.records, ...(await joinAtSplit(main!, first, second, split, anchored)) };
      }
      const workflow = await verifyWorkflowHistory(main!, options.from ? [] : checkpoints);
      const problem = chains.problem ?? (await checkCheckpoints(main!, checkpoints, chains.spans, options)) ?? workflow.problem;
      return { records: chains.records, writers: chains.spans.size, checkpoints, problem, workflowEvents: workflow.events };
    },
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    ok: problem === undefined,
    records,
    writers,
    workflowEvents,
    checkpoints: checkpoints.length,
    seconds: Math.round(seconds * 1000) / 1000,
    recordsPerSecond: Math.round(records / seconds),
    ...(problem && { firstProblem: problem }),
  };
}

async function readCheckpoints(client: PoolClient, { from, to }: RecordSelection): Promise<StoredCheckpoint[]> {
  const { rows } = await client.query<{ id: string; created_at: Date; heads_json: string; signature: string }>(
    `SELECT id, created_at, heads_json, signature FROM log_checkpoints
      WHERE ($1::timestamptz IS NULL OR created_at >= $1) AND ($2::timestamptz IS NULL OR created_at < $2)
      ORDER BY id`,
    [from?.toISOString() ?? null, to?.toISOString() ?? null],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    createdAt: r.created_at.toISOString(),
    headsJson: r.heads_json,
    signature: r.signature,
    heads: JSON.parse(r.heads_json) as ChainHead[],
  }));
}

function positionsToWatch(checkpoints: StoredCheckpoint[]): Map<string, Set<number>> {
  const watch = new Map<string, Set<number>>();
  for (const { heads } of checkpoints) {
    for (const head of heads) {
      const positions = watch.get(head.writerId) ?? new Set<number>();
      positions.add(head.seq);
      watch.set(head.writerId, positions);
    }
  }
  return watch;
}

async function checkCheckpoints(
  client: PoolClient,
  checkpoints: StoredCheckpoint[],
  spans: ReadonlyMap<string, ChainSpan>,
  options: VerifyOptions,
): Promise<LogProblem | undefined> {
  for (const checkpoint of checkpoints) {
    const of = `checkpoint #${checkpoint.id} (${checkpoint.createdAt})`;
    if (!(await checkpointSignatureValid(options.publicKey, checkpoint))) {
      return {
        kind: 'bad-signature',
        writerId: '',
        seq: 0,
        checkpointId: checkpoint.id,
        detail: `${of}: its signature does not verify with the audit public key`,
      };
    }
    for (const head of checkpoint.heads) {
      if (head.writerId === WORKFLOW_WRITER) continue; // checked with the workflow history
      if (options.skipWriters?.some((prefix) => head.writerId.startsWith(prefix))) continue;
      const span = spans.get(head.writerId);
      const problem = { writerId: head.writerId, seq: head.seq, checkpointId: checkpoint.id };
      if (!span || head.seq > span.lastSeq) {
        const lastSeq = await lastSeqOf(client, head.writerId, span, options);
        if (head.seq > lastSeq) {
          return {
            kind: 'truncated',
            ...problem,
            seq: lastSeq + 1,
            detail: `${of} vouches for seq ${head.seq}, but the chain ends at seq ${lastSeq}: records removed from its end`,
          };
        }
        continue; // after the period read
      }
      if (head.seq < span.firstSeq) continue; // before the period read
      if (span.hashes.get(head.seq) !== head.hash) {
        return {
          kind: 'checkpoint-mismatch',
          ...problem,
          detail: `${of} vouches for hash ${head.hash.slice(0, 16)}…, the chain now gives ${span.hashes.get(head.seq)?.slice(0, 16)}…: the chain was rewritten`,
        };
      }
    }
  }
  return undefined;
}

/** The writer's last seq in the whole log: without a period, the chain read is the whole chain. */
async function lastSeqOf(client: PoolClient, writerId: string, span: ChainSpan | undefined, options: VerifyOptions): Promise<number> {
  if (!options.from && !options.to) return span?.lastSeq ?? 0;
  const { rows } = await client.query<{ last: string | null }>('SELECT max(seq) AS last FROM disclosure_records WHERE writer_id = $1', [
    writerId,
  ]);
  return Number(rows[0]?.last ?? 0);
}
