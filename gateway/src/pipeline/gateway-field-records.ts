import type { DraftDisclosure } from '../audit/disclosure-record';

/**
 * Adds a gateway field's disclosures to those of the same response (HubContext.records). One
 * record per owner, data controller, subject and rules in a response: a field asked twice (two
 * aliased roots) discloses the same values once, so its records merge, fields and bases as the
 * union, rather than count one disclosure twice in `recipientsOf` (red team, 2 December).
 */
export function addGatewayFieldRecords(recorded: DraftDisclosure[], drafts: readonly DraftDisclosure[]): void {
  for (const draft of drafts) {
    const index = recorded.findIndex((d) => sameDisclosure(d, draft));
    if (index < 0) {
      recorded.push(draft);
      continue;
    }
    const same = recorded[index]!;
    recorded[index] = {
      ...same,
      fieldsDisclosed: union(same.fieldsDisclosed, draft.fieldsDisclosed),
      lawfulBases: union(same.lawfulBases, draft.lawfulBases),
    };
  }
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
