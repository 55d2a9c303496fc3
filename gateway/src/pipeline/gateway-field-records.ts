import type { DraftDisclosure } from '../audit/disclosure-record';

/** A gateway field's disclosures, and where in the response its answer is (HubContext.records). */
export interface GatewayFieldRecords {
  /** The field's response path (aliases as the client wrote them). */
  at: readonly (string | number)[];
  drafts: readonly DraftDisclosure[];
}

/**
 * The gateway fields' disclosures the response carries. Only those whose field's answer reached
 * the response: an error elsewhere that nulls it (a non-null sibling failing nulls `data`) sends
 * nothing of them, so nothing is recorded (red team, 2 December: a referral's names logged under a
 * response whose data was null). One record per owner, data controller, subject and rules: a field
 * asked twice (two aliased roots) discloses the same values once, so their records merge, fields
 * and bases as the union, rather than count one disclosure twice in `recipientsOf`.
 */
export function gatewayFieldDisclosures(recorded: readonly GatewayFieldRecords[], data: unknown): DraftDisclosure[] {
  const merged: DraftDisclosure[] = [];
  for (const { at, drafts } of recorded) {
    if (!reached(data, at)) continue;
    for (const draft of drafts) {
      const index = merged.findIndex((d) => sameDisclosure(d, draft));
      if (index < 0) merged.push(draft);
      else
        merged[index] = {
          ...merged[index]!,
          fieldsDisclosed: union(merged[index]!.fieldsDisclosed, draft.fieldsDisclosed),
          lawfulBases: union(merged[index]!.lawfulBases, draft.lawfulBases),
        };
    }
  }
  return merged;
}

function reached(data: unknown, at: readonly (string | number)[]): boolean {
  let value = data;
  for (const key of at) {
    if (value === null || typeof value !== 'object') return false;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value !== null && value !== undefined;
}

function sameDisclosure(a: DraftDisclosure, b: DraftDisclosure): boolean {
  return (
    a.owner === b.owner &&
    a.controllerOrg === b.controllerOrg &&
    a.subjectType === b.subjectType &&
    a.subjectId === b.subjectId &&
    a.ruleIds.join('\u0000') === b.ruleIds.join('\u0000')
  );
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}
