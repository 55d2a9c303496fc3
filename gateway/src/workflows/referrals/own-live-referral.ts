import { ConflictError, type DirectoryEntry } from '@hub/shared';
import type { Actor } from '../workflow-history';
import type { StoredReferral } from './referral-store';

/**
 * The answer when the referrer's own organisation already has a referral of the person to the
 * service being made or pending (docs/policy.md §8): one organisation holds one place for one
 * person at one service. The referral is that organisation's own data, so it is named, with who
 * made it when it was a colleague; another organisation's referral never reaches here (the guard
 * is per organisation) and so is never told.
 */
export function liveInOwnOrganisation(existing: StoredReferral | null, referrer: Actor, entry: DirectoryEntry): ConflictError {
  // Null: the organisation's live referral kept changing under the store's tries. Fail closed, and say only to try again.
  if (!existing)
    return new ConflictError(
      `a referral of this person to ${entry.name} by ${referrer.org} is being made or decided just now: nothing was shared and no place is held. Ask again shortly.`,
    );
  const yours = existing.referrer.issuer === referrer.issuer && existing.referrer.userId === referrer.userId;
  return new ConflictError(
    (yours
      ? `you already referred this person to ${entry.name}: ${existing.id} is being made or pending`
      : `${referrer.org} already has a referral of this person to ${entry.name} pending: ${existing.id}, made by ${existing.referrer.userId}`) +
      ', and a second referral would hold a second place. Wait for the provider to decide, or for its hold to end.',
  );
}
