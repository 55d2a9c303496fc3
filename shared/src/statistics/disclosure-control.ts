/**
 * Statistical disclosure control for rule 9 of the agreement (spec §7): a count shared outside
 * the organisation that holds it is suppressed when it is 0 to 7 (a small count can point to a
 * person, and a zero shown would mark the other suppressed counts as not empty) and otherwise rounded to the nearest 5 (so that two overlapping counts cannot be
 * subtracted to reveal one). A requester who owns all the data counted sees the exact figure.
 *
 * It runs in the subgraph that owns the data, before the count leaves: like the gateway's
 * pruning, the owner never transmits what the recipient may not see.
 */
export const SMALLEST_SHOWN_COUNT = 8;
export const ROUNDING_BASE = 5;

export interface ControlledCount {
  label: string;
  /** Null when suppressed. */
  count: number | null;
  suppressed: boolean;
  /** Rounded to the nearest 5; false when exact. */
  rounded: boolean;
}

/**
 * `owners` are the organisations whose records make up the count (one for most partners; a
 * count across charities can have several). Zero is suppressed like 1 to 7: shown, it would
 * tell everyone which suppressed groups are not empty.
 */
export function controlCount(label: string, raw: number, owners: readonly string[], requesterOrg: string): ControlledCount {
  const ownsAll = owners.length > 0 && owners.every((owner) => owner === requesterOrg);
  if (ownsAll) return { label, count: raw, suppressed: false, rounded: false };
  if (raw < SMALLEST_SHOWN_COUNT) return { label, count: null, suppressed: true, rounded: false };
  return { label, count: Math.round(raw / ROUNDING_BASE) * ROUNDING_BASE, suppressed: false, rounded: true };
}
