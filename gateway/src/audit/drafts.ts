import { createHash } from 'node:crypto';
import type { HubRequest } from '../policy/hub-request';
import type { Disclosure } from '../policy/shape-response';
import type { DraftDisclosure } from './disclosure-record';

/**
 * The log records for one response: one per (owner, subject) that had anything disclosed or
 * withheld, exactly as the response body carries it.
 */
export function draftsFor(
  disclosures: Disclosure[],
  request: HubRequest,
  operation: { source: string; name: string | null },
  occurredAt: Date,
): DraftDisclosure[] {
  const operationHash = createHash('sha256').update(operation.source).digest('hex');
  // What every record of the response shares is computed once; records never modify it.
  const at = occurredAt.toISOString();
  const roles = [...request.requester.roles];
  const headerBases = request.lawfulBasis ? [request.lawfulBasis] : null;
  return disclosures.map((d) => {
    const rules = [...d.rules];
    return {
      occurredAt: at,
      requestId: request.requestId,
      operationName: operation.name,
      operationHash,
      requesterId: request.requester.userId,
      requesterOrg: request.requester.org,
      requesterRoles: roles,
      purpose: request.purpose,
      lawfulBases: headerBases ?? [...new Set(rules.flatMap((r) => r.lawfulBases ?? []))].sort(),
      caseRef: request.caseRef,
      agreements: [...new Set(rules.map((r) => r.agreementRef))].sort(),
      ruleIds: [...new Set(rules.map((r) => r.id))].sort(),
      owner: d.owner,
      subjectType: d.subjectType,
      subjectId: d.subjectId,
      fieldsDisclosed: [...d.fields].sort(),
      withheldJson: withheldJson(d.withheld),
    };
  });
}

/** `[{ field, rule, reason }]` by field; most records withhold nothing. */
function withheldJson(withheld: Disclosure['withheld']): string {
  if (withheld.size === 0) return '[]';
  return JSON.stringify(
    [...withheld].sort(([a], [b]) => a.localeCompare(b)).map(([field, w]) => ({ field, rule: w.rule, reason: w.reason })),
  );
}
