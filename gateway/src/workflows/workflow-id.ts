import { randomInt } from 'node:crypto';

/** Crockford's base-32 digits: no I, L, O or U, so an id read aloud or copied by hand is not misread. */
const DIGITS = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 10;

/** What each workflow's ids start with: a referral's `REF-`, an information request's `REQ-`. */
export type WorkflowKind = 'REF' | 'REQ';

const shape = (kind: WorkflowKind) => new RegExp(`^${kind}-\\d{4}-[0-9A-HJKMNP-TV-Z]{${LENGTH}}$`);

/** A referral id: `REF-<year>-` and ten random base-32 digits, e.g. REF-2026-7KQ4M9XD2B. */
export const REFERRAL_ID = shape('REF');
/** An information request id: `REQ-<year>-` and ten random base-32 digits, e.g. REQ-2026-3M8TQ0Z6KD. */
export const INFORMATION_REQUEST_ID = shape('REQ');

/**
 * A new workflow id (a refused referral attempt gets one too, and the log names it by it). Random,
 * not a sequence: a sequential number would tell every requester or referrer how many requests or
 * attempts the hub has seen (docs/policy.md §8). 50 random bits make an id unguessable and a
 * collision negligible; one would still not merge two (the id is the primary key: the second
 * insert fails, and the caller is refused, fail closed).
 */
export function newWorkflowId(kind: WorkflowKind, now: Date): string {
  let suffix = '';
  for (let i = 0; i < LENGTH; i++) suffix += DIGITS[randomInt(DIGITS.length)];
  return `${kind}-${now.getUTCFullYear()}-${suffix}`;
}
