import { agreementStatusOnFile } from '../agreements/agreement-status';
import type { Agreement } from '../agreements/agreement.types';
import type { AgreementState } from '../policy/hub-request';

/** An agreement as the `agreements` query shows it, with its status right now. */
export function agreementInfo(agreement: Agreement, state: AgreementState | undefined, now: Date) {
  const onFile = agreementStatusOnFile(agreement, now);
  const suspended = onFile === 'ACTIVE' && state && !state.active;
  return {
    id: agreement.id,
    version: agreement.version,
    title: agreement.title,
    parties: agreement.parties,
    signedOn: agreement.signedOn,
    reviewBy: agreement.reviewBy,
    status: suspended ? 'SUSPENDED' : onFile,
    statusReason: state?.active ? null : (state?.reason ?? null),
    suspendedBy: state?.suspendedBy ?? [],
    rules: agreement.rules.map((rule) => ({
      id: rule.id,
      description: rule.description,
      clause: rule.clause ?? null,
      effect: rule.effect,
      owner: rule.owner ?? null,
      fields: rule.fields,
      purposes: rule.purposes ?? agreement.purposes,
      lawfulBases: rule.lawfulBases ?? [],
      conditions: rule.when ?? [],
    })),
  };
}
