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
    // Every party's standing suspension is named: lifting one leaves the others, and the reason says whose remain.
    const standing = suspensions.filter((s) => s.agreementId === agreement.id);
    if (standing.length > 0) {
      states.set(agreement.id, {
        active: false,
        reason: standing.map(suspendedBecause).join('; and '),
        suspendedBy: [...new Set(standing.map((s) => s.suspendedByOrg))],
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

function suspendedBecause(suspension: ActiveSuspension): string {
  const by = organisation(suspension.suspendedByOrg)?.name ?? suspension.suspendedByOrg;
  const on = new Date(suspension.suspendedAt).toISOString().slice(0, 10);
  // The reason is the representative's free text: quoted, so that it cannot read as another party's suspension.
  return `suspended by ${by} (${suspension.suspendedBy}) on ${on} under ISA 13.2: ${JSON.stringify(suspension.reason)}`;
}
