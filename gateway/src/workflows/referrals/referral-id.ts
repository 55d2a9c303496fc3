import { randomInt } from 'node:crypto';

/** Crockford's base-32 digits: no I, L, O or U, so an id read aloud or copied by hand is not misread. */
const DIGITS = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 10;

/** The shape of a referral id: `REF-<year>-` and ten random base-32 digits, e.g. REF-2026-7KQ4M9XD2B. */
export const REFERRAL_ID = /^REF-\d{4}-[0-9A-HJKMNP-TV-Z]{10}$/;

/**
 * A new referral's id (refused attempts get one too, and the log names them by it). Random, not a
 * sequence: a sequential number would tell every referrer how many attempts the hub has seen
 * (docs/policy.md §8). 50 random bits make an id unguessable and a collision negligible; one would
 * still not merge two referrals (the id is the primary key: the attempt is refused, fail closed).
 */
export function newReferralId(now: Date): string {
  let suffix = '';
  for (let i = 0; i < LENGTH; i++) suffix += DIGITS[randomInt(DIGITS.length)];
  return `REF-${now.getUTCFullYear()}-${suffix}`;
}
