import type { Pool } from 'pg';
import { environment, logger, openPool } from '@hub/shared';
import type { KeyPair } from '../identity/key-store';
import { pingWithin } from '../store/hub-store';
import { writeCheckpoint } from './checkpoints';
import { DisclosureLog } from './disclosure-log';
import { ensureMonthlyPartitions } from './partitions';

export interface AuditTrailOptions {
  /** The hub's store (or a dedicated audit database): its own pool, so a registry read never queues behind the log. */
  pool: Pool;
  /** Signs checkpoints; its public half is published for offline verification. */
  key: KeyPair;
  checkpointEveryMs?: number;
}

/**
 * The log's own pool: a registry read never queues behind the log, and a cut connection is
 * reported per request (AUDIT_UNAVAILABLE), not as a crash.
 *
 * Its sessions keep one generic plan per prepared statement. Left to choose, PostgreSQL planned
 * the append afresh for every batch: with its one JSON parameter known, the custom plan folds it
 * in and is estimated cheaper than the generic one, so the plan cache never settles (12 custom
 * plans in 12 appends). That was 6 % of the backend's CPU per dashboard append; since each list is
 * cast once per statement (insert-records.ts), the two measure the same, and the generic plan
 * stays: planned once per connection, and the same plan for a batch of any size (`npm run bench --
 * log-sql`, `planned per append (before)`).
 * (`max`, `label`: for the benchmark, which measures one connection's backend.)
 */
export function createAuditPool(url: string, overrides: { max?: number; label?: string } = {}): Pool {
  return openPool(url, {
    label: overrides.label ?? 'audit',
    max: overrides.max ?? 4,
    connectionTimeoutMillis: 1_000,
    statementTimeoutMs: environment().db.logStatementTimeoutMs,
    settings: { plan_cache_mode: 'force_generic_plan' },
  });
}

/** The gateway's side of the disclosure log: the writer, the partitions, periodic signed checkpoints. */
export class AuditTrail {
  readonly log: DisclosureLog;
  private timer: NodeJS.Timeout | undefined;

  private constructor(private readonly options: AuditTrailOptions) {
    this.log = new DisclosureLog(options.pool);
  }

  static async start(options: AuditTrailOptions): Promise<AuditTrail> {
    const trail = new AuditTrail(options);
    await ensureMonthlyPartitions(options.pool, new Date());
    trail.timer = setInterval(() => void trail.checkpoint(), options.checkpointEveryMs ?? 30_000);
    trail.timer.unref();
    return trail;
  }

  get pool(): Pool {
    return this.options.pool;
  }

  get publicJwk() {
    return this.options.key.publicJwk;
  }

  get publicKey() {
    return this.options.key.publicKey;
  }

  /** Whether the log's database answers right now, within a second. */
  ping(): Promise<boolean> {
    return pingWithin(() => this.options.pool.query('SELECT 1'));
  }

  /** Signs the current heads now (also every 30 s, and at stop). Never throws: the next one catches up. */
  async checkpoint(): Promise<void> {
    // Partitions ahead of time; a failure here must not hold up the checkpoint (records then
    // land in the default partition, which loses nothing).
    await ensureMonthlyPartitions(this.options.pool, new Date()).catch((error: unknown) =>
      logger('audit').error({ err: error }, 'could not create monthly partitions'),
    );
    try {
      const checkpoint = await writeCheckpoint(this.options.pool, this.options.key);
      if (checkpoint) logger('audit').debug({ checkpoint: checkpoint.id, writers: checkpoint.heads.length }, 'checkpoint signed');
    } catch (error) {
      logger('audit').error({ err: error }, 'checkpoint failed; the next one will cover these records');
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.checkpoint();
  }
}
