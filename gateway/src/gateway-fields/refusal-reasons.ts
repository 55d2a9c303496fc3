import type { DisclosureRecord } from '../audit/disclosure-record';

/** A line of a record's `withheld_json`, as the auditors' API reads it. */
export interface WithheldLine {
  field: string;
  rule: string;
  reason: string;
  signposted?: boolean;
  requestOnly?: boolean;
}

/**
 * Whether a line is a refused referral's reason that depends on someone's records (docs/
 * disclosure-log.md): "adavu holds no record of SUBJ-…", "the partners hold none of name for …",
 * a consent that does not name the provider. The caller was given only the uniform refusal, so
 * the reason is a fact about the person's records and about organisations other than the
 * fields' owner; the auditors' API shows it as `record-condition`, like a value withheld on its
 * record (rule 11). Fail closed: any line of a refused referral (its reason's prefix, or a
 * ReferToService record that disclosed nothing) is masked unless it was written as request-only,
 * so the records written before the marker existed are masked too. The log keeps the reason.
 */
export function isRecordDependentRefusal(record: Pick<DisclosureRecord, 'operationName' | 'fieldsDisclosed'>, line: WithheldLine): boolean {
  if (line.requestOnly === true) return false;
  const refusedReferral = record.operationName === 'ReferToService' && record.fieldsDisclosed.length === 0;
  return refusedReferral || line.reason.startsWith('referral refused: ');
}
