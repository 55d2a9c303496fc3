import type { Agreement } from './agreement.types';
import { ukDate } from './iso-date';

export type AgreementStatusOnFile = 'ACTIVE' | 'EXPIRED' | 'NOT_YET_EFFECTIVE' | 'SUSPENDED' | 'TERMINATED';

/**
 * The agreement's status by its file alone on `today`: SUSPENDED or TERMINATED as written,
 * otherwise from its dates. A suspension recorded in the hub's store (ISA 13.2) is not in the
 * file; callers combine the two.
 */
export function agreementStatusOnFile(
  agreement: Pick<Agreement, 'status' | 'effectiveFrom' | 'reviewBy'>,
  today: Date,
): AgreementStatusOnFile {
  if (agreement.status !== 'ACTIVE') return agreement.status;
  const date = ukDate(today);
  // The review-by day itself is still covered: the agreement lapses the day after.
  if (date > agreement.reviewBy) return 'EXPIRED';
  if (date < agreement.effectiveFrom) return 'NOT_YET_EFFECTIVE';
  return 'ACTIVE';
}
