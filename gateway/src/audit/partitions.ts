import type { Pool } from 'pg';

/**
 * Creates the monthly partitions of `disclosure_records` around `now` (one back, three ahead),
 * so records land in their month's partition rather than the default one, and a month can be
 * archived by detaching its partition.
 */
export async function ensureMonthlyPartitions(pool: Pool, now: Date, monthsBack = 1, monthsAhead = 3): Promise<void> {
  for (let offset = -monthsBack; offset <= monthsAhead; offset++) {
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
    const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
    const name = `disclosure_records_${start.getUTCFullYear()}_${String(start.getUTCMonth() + 1).padStart(2, '0')}`;
    await pool.query(
      `CREATE TABLE IF NOT EXISTS ${name} PARTITION OF disclosure_records FOR VALUES FROM ('${start.toISOString()}') TO ('${end.toISOString()}')`,
    );
  }
}
