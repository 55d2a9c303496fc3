import type { PoolClient } from 'pg';
import { GENESIS_HASH } from '../audit/disclosure-record';
import type { LogProblem } from '../audit/chain-check';
import type { ChainHead } from '../audit/checkpoints';
import { eventHash, WORKFLOW_WRITER } from './workflow-history';

const BATCH = 5_000;

/**
 * Checks the workflow history (requests, decisions, approvals): every event's hash, the chain from
 * the first event without gaps, and every head a signed checkpoint vouched for — so an event
 * altered, inserted, deleted, or cut from the end is found, like a disclosure record.
 */
export async function verifyWorkflowHistory(
  client: PoolClient,
  checkpoints: readonly { id: number; heads: readonly ChainHead[] }[],
): Promise<{ events: number; problem?: LogProblem }> {
  const hashes = new Map<number, string>();
  const watch = new Set(checkpoints.flatMap((c) => c.heads.filter((h) => h.writerId === WORKFLOW_WRITER).map((h) => h.seq)));
  let expectedSeq = 1;
  let prev = GENESIS_HASH;
  for (;;) {
    const { rows } = await client.query(
      `SELECT seq, occurred_at, stream, ref, action, actor_issuer, actor_id, actor_org, payload, prev_hash, hash
         FROM workflow_events WHERE seq >= $1 ORDER BY seq LIMIT $2`,
      [expectedSeq, BATCH],
    );
    for (const row of rows) {
      const seq = Number(row.seq);
      const at = { kind: 'modified' as const, writerId: WORKFLOW_WRITER, seq };
      if (seq !== expectedSeq)
        return {
          events: expectedSeq - 1,
          problem: { ...at, kind: 'deleted', seq: expectedSeq, detail: `workflow event ${expectedSeq} is missing` },
        };
      if (row.prev_hash !== prev) {
        return {
          events: seq - 1,
          problem: {
            ...at,
            kind: 'inserted',
            detail: `workflow event ${seq} does not follow event ${seq - 1}: an event was inserted or removed before it`,
          },
        };
      }
      const recomputed = eventHash({
        seq,
        occurredAt: new Date(row.occurred_at).toISOString(),
        stream: row.stream,
        ref: row.ref,
        action: row.action,
        actor: { issuer: row.actor_issuer, userId: row.actor_id, org: row.actor_org },
        payload: row.payload,
        prevHash: row.prev_hash,
      });
      if (recomputed !== row.hash)
        return {
          events: seq - 1,
          problem: { ...at, detail: `workflow event ${seq} (${row.stream} ${row.ref} ${row.action}) was altered` },
        };
      if (watch.has(seq)) hashes.set(seq, row.hash);
      prev = row.hash;
      expectedSeq = seq + 1;
    }
    if (rows.length < BATCH) break;
  }
  const last = expectedSeq - 1;
  for (const checkpoint of checkpoints) {
    for (const head of checkpoint.heads) {
      if (head.writerId !== WORKFLOW_WRITER) continue;
      const problem = { writerId: WORKFLOW_WRITER, seq: head.seq, checkpointId: checkpoint.id };
      if (head.seq > last) {
        return {
          events: last,
          problem: {
            ...problem,
            kind: 'truncated',
            seq: last + 1,
            detail: `checkpoint #${checkpoint.id} vouches for workflow event ${head.seq}, but the history ends at ${last}`,
          },
        };
      }
      if (hashes.get(head.seq) !== head.hash) {
        return {
          events: last,
          problem: {
            ...problem,
            kind: 'checkpoint-mismatch',
            detail: `checkpoint #${checkpoint.id} vouches for another workflow event ${head.seq}: the history was rewritten`,
          },
        };
      }
    }
  }
  return { events: last };
}
