import { organisation } from '@hub/shared';
import { agreementStatusOnFile } from '../agreements/agreement-status';
import type { Agreement } from '../agreements/agreement.types';
import type { ActiveSuspension } from '../store/hub-store';
import type { AgreementState } from './hub-request';

/**
 * Whether each agreement is in force right now: as written in its file, by its dates (ISA 13.4
 * review-by), and by any standing suspension by a party (ISA 13.2), with the reason in words.
 */
export function agreementStates(
  agreements: readonly Agreement[],
  suspensions: readonly ActiveSuspension[],
  now: Date,
): Map<string, AgreementState> {
  const states = new Map<string, AgreementState>();
  for (const agreement of agreements) {
    const suspension = suspensions.find((s) => s.agreementId === agreement.id);
    if (suspension) {
      const by = organisation(suspension.suspendedByOrg)?.name ?? suspension.suspendedByOrg;
      states.set(agreement.id, {
        active: false,
        reason: `suspended by ${by} (${suspension.suspendedBy}) on ${new Date(suspension.suspendedAt).toISOString().slice(0, 10)} under ISA 13.2: ${suspension.reason}`,
      });
      continue;
    }
    const status = agreementStatusOnFile(agreement, now);
    const reasons: Record<string, string> = {
      EXPIRED: `its review-by date ${agreement.reviewBy} has passed (ISA 13.4)`,
      NOT_YET_EFFECTIVE: `it takes effect on ${agreement.effectiveFrom}`,
      SUSPENDED: 'it is marked suspended in its file',
      TERMINATED: 'it has been terminated',
    };
    states.set(agreement.id, status === 'ACTIVE' ? { active: true } : { active: false, reason: reasons[status] });
  }
  return states;
}
