import type { StoredReferral } from './referral-store';

/**
 * Whether a reader at the provider sees a referral's shared values: only under a role they were
 * decided for (referral-recipient.ts). A reader in another role (W6 lets several answer) gets the
 * referral without its values, as if they were never shared with them.
 */
export function valuesShownTo(referral: StoredReferral, readerRoles: readonly string[]): boolean {
  return referral.sharedValues !== null && decidedForReader(referral.sharedForRoles, readerRoles);
}

/** Whether the reader holds one of the roles a referral's values (or one of its records) were decided for. */
export function decidedForReader(decidedFor: readonly string[], readerRoles: readonly string[]): boolean {
  return decidedFor.some((role) => readerRoles.includes(role));
}
