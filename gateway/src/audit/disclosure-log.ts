import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { logger, NamedStatement, recordLogBatch, recordLogFailure } from '@hub/shared';
import type { Pool } from 'pg';
import { ChainHasher } from './chain-hasher';
import { GENESIS_HASH, type DisclosureRecord, type DraftDisclosure } from './disclosure-record';
import { INSERT_RECORDS, recordsParameter } from './insert-records';

export interface AppendReceipt {
  writerId: string;
  /** Chain positions of this request's records (internal: how many there are depends on the data). */
  fromSeq: number;
  toSeq: number;
  /** Hash of the request's last record (internal, as the positions). */
  hash: string;
  /**
   * What the client is given: sha256 over the writer's receipt salt, the request id and its
   * records' hashes in chain order (receiptCommitment). It commits to exactly those records
   * without saying how many there are: their number follows what the partners hold (a record for
   * a value withheld on its record, none for a subject nobody holds), and a client must not count
   * it — nor tell none from some.
   */
  commitment: string;
}

/**
 * The receipt's commitment: an auditor recomputes it from the request's records and the writer's
 * salt in `log_writers` (docs/disclosure-log.md). The salt is random and never shown to a client:
 * without it, the commitment of a request with no records would be one the client could work out
 * from its request id, and so tell that nothing of its answer was withheld on a record.
 */
export function receiptCommitment(salt: string | null, requestId: string, recordHashes: readonly string[]): string {
  // A writer from before salts (receipt_salt null) made its receipts without one.
  const hash = createHash('sha256').update(
    salt === null ? `partner-hub-receipt\u001f${requestId}` : `partner-hub-receipt\u001f${salt}\u001f${requestId}`,
  );
  // One update, not one per record: the same bytes.
  if (recordHashes.length > 0) hash.update(`\u001f${recordHashes.join('\u001f')}`);
  return hash.digest('hex');
}

interface Pending {
  requestId: string;
  drafts: DraftDisclosure[];
  resolve(receipt: AppendReceipt): void;
  reject(error: unknown): void;
}

/**
 * The disclosure log's writer. A response waits until its records are committed (durable
 * before it is sent). Concurrent requests' records are committed together: while one batch is
 * being written the next accumulates, and each batch is one multi-row INSERT in one
 * transaction (group commit). Each writer keeps its own hash chain; if a write fails, the
 * writer starts a fresh chain, so a record that may or may not have been committed can never
 * share a position with a later one.
 *
 * Telemetry: every committed batch is measured (`hub_disclosure_log_batch_records`,
 * `_batch_requests`, `_commit_seconds`); a failed one is counted by stage and logged once per
 * batch, with its size and the new chain, never its records.
 */
export class DisclosureLog {
  private queue: Pending[] = [];
  private writing = false;
  private writerId = newWriterId();
  private seq = 0;
  private head = GENESIS_HASH;
  /** In every receipt's commitment; kept with the writer's head, never told to a client (receiptCommitment). */
  private salt = newSalt();
  private readonly hasher = new ChainHasher();
  /** Batches written and their sizes, for the benchmark and tests. */
  readonly stats = { batches: 0, records: 0 };

  constructor(private readonly pool: Pool) {}

  /**
   * Appends a request's records and resolves once they are committed. A request with no records
   * waits for a commit too (see write), so that answering does not take less time for a subject
   * nobody holds than for one whose values were withheld.
   */
  append(drafts: DraftDisclosure[], requestId: string = drafts[0]?.requestId ?? ''): Promise<AppendReceipt> {
    return new Promise((resolve, reject) => {
      this.queue.push({ requestId, drafts, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        await this.write(batch);
      }
    } finally {
      this.writing = false;
    }
  }

  private async write(all: Pending[]): Promise<void> {
    const records: DisclosureRecord[] = [];
    const receipts: AppendReceipt[] = [];
    const batch: Pending[] = [];
    let seq = this.seq;
    let head = this.head;
    for (const pending of all) {
      // A request whose records cannot be hashed (a value the format refuses) fails alone.
      let hashed: DisclosureRecord[];
      try {
        hashed = this.hasher.chain(pending.drafts, this.writerId, seq, head);
      } catch (error) {
        recordLogFailure('hash');
        logger('audit').error(
          { err: error, records: pending.drafts.length },
          'disclosure records could not be hashed; that request fails alone',
        );
        pending.reject(error);
        continue;
      }
      const fromSeq = seq + 1;
      seq += hashed.length;
      head = hashed.at(-1)?.hash ?? head;
      records.push(...hashed);
      receipts.push({
        writerId: this.writerId,
        fromSeq,
        toSeq: seq,
        hash: head,
        commitment: receiptCommitment(
          this.salt,
          pending.requestId,
          hashed.map((r) => r.hash),
        ),
      });
      batch.push(pending);
    }
    if (batch.length === 0) return;
    const started = performance.now();
    const client = await this.pool.connect().catch((error: unknown) => {
      this.failed('connect', error, batch.length, records.length);
      batch.forEach((p) => p.reject(error));
      return undefined;
    });
    if (!client) return this.startNewChain();
    try {
      // One statement, so one round trip and its own transaction: the records and the writer's new
      // head commit together or not at all. A batch of requests with no records still commits the
      // head (a WAL write, so the same flush): their answers wait as long as anyone's.
      await (records.length > 0 ? INSERT_RECORDS_AND_HEAD : UPDATE_HEAD).on(this.pool, client, [
        ...(records.length > 0 ? [recordsParameter(records)] : []),
        this.writerId,
        seq,
        head,
        this.salt,
      ]);
      client.release();
    } catch (error) {
      client.release(error instanceof Error ? error : true);
      this.failed('commit', error, batch.length, records.length);
      batch.forEach((p) => p.reject(error));
      return this.startNewChain();
    }
    recordLogBatch({ requests: batch.length, records: records.length, seconds: (performance.now() - started) / 1000 });
    this.seq = seq;
    this.head = head;
    this.stats.batches += 1;
    this.stats.records += records.length;
    batch.forEach((p, i) => p.resolve(receipts[i]!));
  }

  private failed(stage: 'connect' | 'commit', error: unknown, requests: number, records: number): void {
    recordLogFailure(stage);
    logger('audit').error(
      { err: error, stage, requests, records, writerId: this.writerId },
      'disclosure log batch not committed; the writer starts a new chain',
    );
  }

  private startNewChain(): void {
    this.writerId = newWriterId();
    this.seq = 0;
    this.head = GENESIS_HASH;
    this.salt = newSalt();
  }
}

/**
 * The writer's head and receipt salt, `$1`–`$4` (or `$2`–`$5` after the records' parameter). The
 * salt commits with the writer's first batch, so it is durable before any receipt made with it.
 */
const upsertHead = (first: number) =>
  `INSERT INTO log_writers (writer_id, head_seq, head_hash, receipt_salt) VALUES ($${first}, $${first + 1}, $${first + 2}, $${first + 3})
   ON CONFLICT (writer_id) DO UPDATE SET head_seq = $${first + 1}, head_hash = $${first + 2}`;
/** Named: each connection plans them once, not on every batch (named-statements.ts). */
const UPDATE_HEAD = new NamedStatement('hub_log_update_head', upsertHead(1));
/** A data-modifying CTE runs exactly once, to completion, in the statement's transaction. */
const INSERT_RECORDS_AND_HEAD = new NamedStatement('hub_log_append', `WITH inserted AS (${INSERT_RECORDS} RETURNING 1) ${upsertHead(2)}`);

function newSalt(): string {
  return randomBytes(32).toString('hex');
}

function newWriterId(): string {
  return `${hostname().slice(0, 24)}-${process.pid}-${randomUUID().slice(0, 8)}`;
}
