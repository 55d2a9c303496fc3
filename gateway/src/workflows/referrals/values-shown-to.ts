import { statusAt, type StoredReferral } from './referral-store';

/**
 * Whether a reader at the provider sees a referral's shared values: only under a role they were
 * decided for (referral-recipient.ts), and only while the provider is deciding or works with the
 * person (pending or accepted). A reader in another role (W6 lets several answer) gets the referral
 * without its values, as if they were never shared with them; a declined referral or an expired
 * hold keeps them from everyone (red team, 2 December: read again after the decline, with no end).
 */
export function valuesShownTo(referral: StoredReferral, readerRoles: readonly string[], now: Date): boolean {
  const status = statusAt(referral, now);
  return (
    referral.sharedValues !== null &&
    (status === 'PENDING' || status === 'ACCEPTED') &&
    decidedForReader(referral.sharedForRoles, readerRoles)
  );
}

/** Whether the reader holds one of the roles a referral's values (or one of its records) were decided for. */
export function decidedForReader(decidedFor: readonly string[], readerRoles: readonly string[]): boolean {
  return decidedFor.some((role) => readerRoles.includes(role));
}
