import { hash as digest } from 'node:crypto';
import { isoFromUtcTimestamp, type CanonicalRow } from './canonical-rows';
import { GENESIS_HASH, SEPARATOR } from './disclosure-record';

export type ProblemKind = 'modified' | 'deleted' | 'inserted' | 'bad-signature' | 'checkpoint-mismatch' | 'truncated';

export interface LogProblem {
  kind: ProblemKind;
  /** Empty for a problem of a whole checkpoint (its signature). */
  writerId: string;
  seq: number;
  occurredAt?: string;
  /** Set when a checkpoint is at fault or is the evidence. */
  checkpointId?: number;
  detail: string;
}

/** Where a writer's chain was read: its first and last positions, and the hashes checkpoints asked for. */
export interface ChainSpan {
  firstSeq: number;
  lastSeq: number;
  /** The prev_hash of the first record read: where a part read on another connection must end. */
  firstPrevHash: string;
  /** The hash of the last record read. */
  lastHash: string;
  hashes: Map<number, string>;
}

/**
 * Checks writers' hash chains from rows read in (writer_id, seq, occurred_at) order, shaped as
 * CANONICAL_SELECT gives them, without building a record object per row.
 */
export class ChainCheck {
  records = 0;
  problem: LogProblem | undefined;
  readonly spans = new Map<string, ChainSpan>();
  private writerId = '';
  private span: ChainSpan | undefined;
  private watched: ReadonlySet<number> | undefined;
  private previousHash = GENESIS_HASH;

  /**
   * @param anchored the first record read of each writer starts its chain as found (a period
   *   that begins after the log did), rather than at seq 1 after the genesis hash
   * @param watch per writer, the positions whose recomputed hash the checkpoints will need
   */
  constructor(
    private readonly anchored: boolean,
    private readonly watch: ReadonlyMap<string, ReadonlySet<number>>,
  ) {}

  /** Rows as [writer_id, seq, canonical text, prev_hash, hash]. Returns false at the first problem. */
  checkRows(rows: unknown[][]): boolean {
    for (const row of rows) {
      const writerId = row[0] as string;
      const seq = row[1] as number;
      const record: CanonicalRow = { canonical: row[2] as string, prevHash: row[3] as string, hash: row[4] as string };
      this.problem = this.checkRecord(writerId, seq, record);
      if (this.problem) return false;
      this.records += 1;
    }
    return true;
  }

  private checkRecord(writerId: string, seq: number, record: CanonicalRow): LogProblem | undefined {
    let expectedPrevious = this.previousHash;
    if (writerId !== this.writerId || !this.span) {
      this.startWriter(writerId, seq, record.prevHash);
      if (this.anchored) expectedPrevious = record.prevHash;
      else if (seq !== 1) return problem('deleted', writerId, 1, `the chain starts at seq ${seq}: records 1 to ${seq - 1} are missing`);
      else expectedPrevious = GENESIS_HASH;
    } else {
      const last = this.span.lastSeq;
      if (seq === last) return problem('inserted', writerId, seq, `a second record holds seq ${seq}`, record);
      if (seq !== last + 1)
        return problem(
          'deleted',
          writerId,
          last + 1,
          seq === last + 2 ? `seq ${last + 1} is missing` : `seqs ${last + 1} to ${seq - 1} are missing`,
        );
    }
    const recomputed = digest('sha256', record.canonical, 'hex');
    if (recomputed !== record.hash) return problem('modified', writerId, seq, 'its content does not match its hash', record);
    if (record.prevHash !== expectedPrevious) {
      // Its own hash holds, so the record before it was rewritten with a recomputed hash.
      return seq === 1
        ? problem('modified', writerId, 1, 'the first record does not follow the genesis hash', record)
        : problem('modified', writerId, seq - 1, `the hash of seq ${seq - 1} was recomputed: seq ${seq} does not follow it`);
    }
    if (this.watched?.has(seq)) this.span!.hashes.set(seq, recomputed);
    this.span!.lastSeq = seq;
    this.span!.lastHash = record.hash;
    this.previousHash = record.hash;
    return undefined;
  }

  private startWriter(writerId: string, seq: number, prevHash: string): void {
    this.writerId = writerId;
    this.span = { firstSeq: seq, lastSeq: seq - 1, firstPrevHash: prevHash, lastHash: prevHash, hashes: new Map() };
    this.spans.set(writerId, this.span);
    this.watched = this.watch.get(writerId);
  }
}

/** `record`, when the problem is that very record: its time (the canonical array's third element) is reported. */
export function problem(kind: ProblemKind, writerId: string, seq: number, detail: string, record?: CanonicalRow): LogProblem {
  return { kind, writerId, seq, ...(record && { occurredAt: isoFromUtcTimestamp(record.canonical.split(SEPARATOR)[3]!) }), detail };
}
