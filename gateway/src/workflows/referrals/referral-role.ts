import type { Role } from '@hub/shared';

/**
 * The role a referral is decided for: the provider's case workers, whom the referral rules
 * (R7-referral-*, the survivor's consent naming the provider) give the shared fields. Whether the
 * referral is made, or refused, is decided for this role alone, as a query of theirs would be.
 * Deciding it for every role that may answer the provider's referrals instead brought in those
 * roles' own rules, which do not ask for the survivor's consent: a charity then pushed a person's
 * name to the NHS without it, and learnt from success or refusal what the council or the NHS held
 * (red team, 2 December).
 */
export const REFERRAL_ROLE: Role = 'CASEWORKER';
