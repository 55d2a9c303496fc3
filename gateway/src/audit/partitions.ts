import type { Pool } from 'pg';
import { STARTUP_LOCKS, STARTUP_LOCK_SPACE } from '@hub/shared';

/**
 * Creates the monthly partitions of `disclosure_records` around `now` (one back, three ahead),
 * so records land in their month's partition rather than the default one, and a month can be
 * archived by detaching its partition.
 *
 * Every gateway replica calls this at start and before each checkpoint. Partitions that exist
 * already cost one catalogue read and no DDL; missing ones are created in one transaction under
 * an advisory lock, because `CREATE TABLE IF NOT EXISTS` is not safe against itself: two replicas
 * that both find a partition missing both create it, and one fails with `relation
 * "disclosure_records_2026_10" already exists`. Under the lock the second finds it and skips it.
 */
export async function ensureMonthlyPartitions(pool: Pool, now: Date, monthsBack = 1, monthsAhead = 3): Promise<void> {
  const wanted = monthlyPartitions(now, monthsBack, monthsAhead);
  const existing = new Set(await partitionNames(pool));
  const missing = wanted.filter((p) => !existing.has(p.name));
  if (missing.length === 0) return;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [STARTUP_LOCK_SPACE, STARTUP_LOCKS.partitions]);
    for (const { name, start, end } of missing) {
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${name} PARTITION OF disclosure_records FOR VALUES FROM ('${start.toISOString()}') TO ('${end.toISOString()}')`,
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

interface MonthlyPartition {
  name: string;
  start: Date;
  end: Date;
}

function monthlyPartitions(now: Date, monthsBack: number, monthsAhead: number): MonthlyPartition[] {
  const months: MonthlyPartition[] = [];
  for (let offset = -monthsBack; offset <= monthsAhead; offset++) {
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
    const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
    months.push({ name: `disclosure_records_${start.getUTCFullYear()}_${String(start.getUTCMonth() + 1).padStart(2, '0')}`, start, end });
  }
  return months;
}

async function partitionNames(pool: Pool): Promise<string[]> {
  const { rows } = await pool.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = 'disclosure_records'::regclass`,
  );
  return rows.map((r) => r.name);
}
