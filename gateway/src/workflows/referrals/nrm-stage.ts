/**
 * What a referral tells a provider of a person's NRM referrals: the stage, not the history. The
 * police record every referral with its date, its exploitation types and both decisions; a
 * provider deciding whether to take someone needs only where the latest one stands. So the read
 * never asks the police for the exploitation types (they do not leave the police), and of the
 * referrals read, only the latest is kept: its reasonable-grounds and conclusive-grounds outcomes
 * and its date (the police record no separate decision dates).
 */
export const NRM_REFERRALS = 'PoliceRecord.nrmReferrals';

/** The selection under `nrmReferrals`: what states the stage, and the date that orders them. */
export const NRM_STAGE_SELECTION = 'referredOn reasonableGrounds conclusiveGrounds';

export interface NrmStage {
  referredOn: string | null;
  reasonableGrounds: string | null;
  conclusiveGrounds: string | null;
}

/** The latest referral's outcomes (by referral date; undated ones count as oldest), or null when there is none. */
export function latestNrmStage(referrals: unknown): NrmStage | null {
  if (!Array.isArray(referrals)) return null;
  let latest: NrmStage | null = null;
  for (const item of referrals) {
    if (!item || typeof item !== 'object') continue;
    const r = item as Record<string, unknown>;
    const stage: NrmStage = {
      referredOn: typeof r.referredOn === 'string' ? r.referredOn : null,
      reasonableGrounds: typeof r.reasonableGrounds === 'string' ? r.reasonableGrounds : null,
      conclusiveGrounds: typeof r.conclusiveGrounds === 'string' ? r.conclusiveGrounds : null,
    };
    if (!latest || (stage.referredOn ?? '') >= (latest.referredOn ?? '')) latest = stage;
  }
  return latest;
}
