import { createHmac } from 'node:crypto';
import { Column, Entity, PrimaryColumn, type DataSource } from 'typeorm';

/**
 * Record and cell keys of the ONS cell-key method (see disclosure-control.ts and
 * docs/statistics.md). Every record counted has a record key, 0–255, fixed for the record's
 * life; a cell's key is the sum of its records' keys mod 256, so the same set of records
 * always has the same cell key, however and whenever it is asked for, and any other set has
 * an unrelated one.
 *
 * A record key is the first byte of HMAC-SHA256(partner secret, "table:id"): unpredictable
 * without the secret, which never leaves the partner's database, and needing no column on
 * the partner's tables. It is computed in SQL, so a statistic stays one statement.
 */
export const CELL_KEY_MODULUS = 256;

/** One secret per partner database, made by its migration from Node's CSPRNG; never changed. */
@Entity('statistics_secret')
export class StatisticsSecret {
  /** Always 1. */
  @PrimaryColumn('smallint')
  id!: number;

  @Column('bytea')
  secret!: Buffer;
}

/** The record key of a record, e.g. `nrm_referrals:42`: what the SQL of `RECORD_KEY_SQL` computes. */
export function recordKey(secret: Uint8Array, record: string): number {
  return createHmac('sha256', secret).update(record, 'utf8').digest()[0]!;
}

/** The cell key of a cell: the sum of its records' keys, mod 256. */
export function cellKey(recordKeys: Iterable<number>): number {
  let sum = 0;
  for (const key of recordKeys) sum = (sum + key) % CELL_KEY_MODULUS;
  return sum;
}

/**
 * HMAC-SHA256 of the `record` column in SQL (RFC 2104: H(K ^ opad || H(K ^ ipad || m))), with
 * the key's two pads as parameters `$3` and `$4`: PostgreSQL has sha256() but no hmac()
 * without pgcrypto. Its first byte is the record key.
 */
export const RECORD_KEY_SQL = `get_byte(sha256($4::bytea || sha256($3::bytea || convert_to(record, 'UTF8'))), 0)`;

export interface HmacPads {
  inner: Buffer;
  outer: Buffer;
}

const SHA256_BLOCK = 64;

/** The key zero-padded to SHA-256's block and XORed with 0x36 and 0x5c (keys longer than a block are not used). */
export function hmacPads(secret: Uint8Array): HmacPads {
  if (secret.length < 16 || secret.length > SHA256_BLOCK) throw new Error('a statistics secret is 16 to 64 bytes');
  const key = Buffer.alloc(SHA256_BLOCK);
  key.set(secret);
  return { inner: Buffer.from(key.map((b) => b ^ 0x36)), outer: Buffer.from(key.map((b) => b ^ 0x5c)) };
}

const padsBySource = new WeakMap<DataSource, Promise<HmacPads>>();

/** The partner's secret as HMAC pads, read once per connection pool (one statement, the first time). */
export function statisticsKeyPads(dataSource: DataSource): Promise<HmacPads> {
  let pads = padsBySource.get(dataSource);
  if (!pads) {
    pads = dataSource.query('SELECT secret FROM statistics_secret WHERE id = 1').then((rows: { secret: Buffer }[]) => {
      // Without its secret a partner publishes nothing rather than counts without noise.
      if (!rows[0]) throw new Error('statistics_secret has no secret: the migration that makes it has not run');
      return hmacPads(rows[0].secret);
    });
    // A failed read (the database was down) is tried again by the next request.
    pads.catch(() => padsBySource.delete(dataSource));
    padsBySource.set(dataSource, pads);
  }
  return pads;
}
