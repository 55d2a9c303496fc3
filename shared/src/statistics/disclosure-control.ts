import { CELL_KEY_MODULUS } from './cell-key';

/**
 * Statistical disclosure control for rule 9 of the agreement (docs/agreement.md; the method
 * and why are in docs/statistics.md). A count shared outside the organisation that holds it
 * goes through the ONS cell-key method and then rule 9's thresholds:
 *
 * 1. a count of 0 to 7 is suppressed (a small count can point to a person, and a zero shown
 *    would mark the other suppressed counts as not empty);
 * 2. any other count gets the noise the perturbation table gives its cell key: the same
 *    records always get the same noise, so asking again, or for the same records by another
 *    period, cannot average it away, and a difference of overlapping counts is off by the sum
 *    of their noises;
 * 3. a perturbed count below 8 is suppressed too, so a suppressed count may be up to 10;
 * 4. the rest is rounded to the nearest 5.
 *
 * A requester who owns all the data counted sees the exact figure. It runs in the subgraph
 * that owns the data, before the count leaves: like the gateway's pruning, the owner never
 * transmits what the recipient may not see.
 */
export const SMALLEST_SHOWN_COUNT = 8;
export const ROUNDING_BASE = 5;

/**
 * The perturbation table (the ONS "p-table"): the noise for a cell key, as consecutive runs
 * of the 256 keys (keys 0–15 get −3, 16–39 −2, … 240–255 +3). Mean 0, variance 2.25, at most
 * ±3. One row serves every count from 8 up, as a p-table's last row serves every count
 * beyond it; counts 0–7 have no row, they are suppressed.
 */
export const PERTURBATION_TABLE: readonly { noise: number; keys: number }[] = [
  { noise: -3, keys: 16 },
  { noise: -2, keys: 24 },
  { noise: -1, keys: 48 },
  { noise: 0, keys: 80 },
  { noise: 1, keys: 48 },
  { noise: 2, keys: 24 },
  { noise: 3, keys: 16 },
];
export const MAX_PERTURBATION = Math.max(...PERTURBATION_TABLE.map((row) => Math.abs(row.noise)));

const NOISE_BY_KEY: readonly number[] = PERTURBATION_TABLE.flatMap((row) => Array<number>(row.keys).fill(row.noise));
if (NOISE_BY_KEY.length !== CELL_KEY_MODULUS) throw new Error('the perturbation table must cover the 256 cell keys exactly');

/** The noise for a count and its cell key; null for a count with no row (0–7: suppressed). */
export function perturbation(count: number, cellKey: number): number | null {
  if (!Number.isInteger(cellKey) || cellKey < 0 || cellKey >= CELL_KEY_MODULUS) throw new Error(`not a cell key: ${cellKey}`);
  return count < SMALLEST_SHOWN_COUNT ? null : NOISE_BY_KEY[cellKey]!;
}

export interface ControlledCount {
  label: string;
  /** Null when suppressed. */
  count: number | null;
  suppressed: boolean;
  /** Perturbed and rounded to the nearest 5; false when exact. */
  rounded: boolean;
}

/**
 * `owners` are the organisations whose records make up the count (one for most partners; a
 * count across charities can have several); `cellKey` is the sum of the counted records'
 * keys mod 256 (cell-key.ts).
 */
export function controlCount(
  label: string,
  raw: number,
  cellKey: number,
  owners: readonly string[],
  requesterOrg: string,
): ControlledCount {
  const ownsAll = owners.length > 0 && owners.every((owner) => owner === requesterOrg);
  if (ownsAll) return { label, count: raw, suppressed: false, rounded: false };
  const noise = perturbation(raw, cellKey);
  if (noise === null || raw + noise < SMALLEST_SHOWN_COUNT) return { label, count: null, suppressed: true, rounded: false };
  return { label, count: Math.round((raw + noise) / ROUNDING_BASE) * ROUNDING_BASE, suppressed: false, rounded: true };
}
