import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { GENESIS_HASH } from '../audit/disclosure-record';

/** The writer id under which the workflow chain's head sits in `log_writers` (signed by checkpoints). */
export const WORKFLOW_WRITER = 'workflow';
const SEPARATOR = '\x1f';

/** Who did it: every workflow event names its actor as the registry knows them. */
export interface Actor {
  issuer: string;
  userId: string;
  org: string;
}

export interface WorkflowEvent {
  /** `information-request` or `approval`. */
  stream: string;
  /** The request id, or the approved user as `issuer|userId`. */
  ref: string;
  /** `REQUESTED`, `DISCLOSED`, `DECLINED`, `NOTHING_HELD`, `WITHDRAWN`, `APPROVED`, `REVOKED`. */
  action: string;
  actor: Actor;
  /** What changed, as JSON with sorted keys: hashed exactly as stored. */
  payload: Record<string, unknown>;
}

export interface StoredEvent extends Omit<WorkflowEvent, 'payload'> {
  seq: number;
  occurredAt: string;
  payload: string;
  prevHash: string;
  hash: string;
}

/**
 * Appends one event to the workflow history, inside the caller's transaction (which also writes
 * the current state): one hash chain, serialised by a transaction-scoped advisory lock, its head
 * kept in `log_writers` so the disclosure log's signed checkpoints vouch for it. A decision is
 * never edited, only superseded by a later event.
 */
export async function appendWorkflowEvent(manager: EntityManager, event: WorkflowEvent, occurredAt: Date): Promise<StoredEvent> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('partner-hub:workflow-events'))`);
  const [head] = await manager.query(`SELECT head_seq, head_hash FROM log_writers WHERE writer_id = $1`, [WORKFLOW_WRITER]);
  const seq = head ? Number(head.head_seq) + 1 : 1;
  const stored: StoredEvent = {
    ...event,
    seq,
    occurredAt: occurredAt.toISOString(),
    payload: canonicalJson(event.payload),
    prevHash: head?.head_hash ?? GENESIS_HASH,
    hash: '',
  };
  stored.hash = eventHash(stored);
  await manager.query(
    `INSERT INTO workflow_events (seq, occurred_at, stream, ref, action, actor_issuer, actor_id, actor_org, payload, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      seq,
      stored.occurredAt,
      stored.stream,
      stored.ref,
      stored.action,
      stored.actor.issuer,
      stored.actor.userId,
      stored.actor.org,
      stored.payload,
      stored.prevHash,
      stored.hash,
    ],
  );
  await manager.query(
    `INSERT INTO log_writers (writer_id, head_seq, head_hash) VALUES ($1, $2, $3)
     ON CONFLICT (writer_id) DO UPDATE SET head_seq = $2, head_hash = $3`,
    [WORKFLOW_WRITER, seq, stored.hash],
  );
  return stored;
}

/** sha256 over every column but the hash, in a fixed order, including the previous event's hash. */
export function eventHash(event: Omit<StoredEvent, 'hash'>): string {
  const text = [
    event.seq,
    event.occurredAt,
    event.stream,
    event.ref,
    event.action,
    event.actor.issuer,
    event.actor.userId,
    event.actor.org,
    event.payload,
    event.prevHash,
  ].join(SEPARATOR);
  return createHash('sha256').update(text).digest('hex');
}

/** JSON with object keys sorted, so the same payload always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}
