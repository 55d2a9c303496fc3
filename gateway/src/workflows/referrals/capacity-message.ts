import type { DirectoryEntry } from '@hub/shared';

/**
 * What a provider is told after setting a service's places. Setting fewer free places than are
 * held for pending referrals is allowed (a bed can close), but then the figures do not add up as
 * "free − held", so the answer says what it means rather than a bare "0 available".
 */
export function capacityMessage(
  entry: DirectoryEntry,
  c: { total: number; free: number; held: number; available: number; overHeld: number },
): string {
  const places = (n: number) => `${n} place${n === 1 ? '' : 's'}`;
  const set = `${entry.name}: ${places(c.total)}, ${c.free} free as you set them`;
  if (c.overHeld > 0)
    return (
      `${set}, but ${places(c.held)} ${c.held === 1 ? 'is' : 'are'} held for pending referrals: ${c.overHeld} more than are free. ` +
      `No new referral can be held until you decline pending referrals, free places, or holds end; accept only those you can take.`
    );
  return `${set}; ${c.held} held for pending referrals, so ${places(c.available)} available to new referrals.`;
}
