import { createHash } from 'node:crypto';
import type { HubRequest } from '../policy/hub-request';
import type { Disclosure } from '../policy/shape-response';
import type { DraftDisclosure } from './disclosure-record';

/** Who made a disclosure happen for a recipient who did not ask (a referral's referrer). */
export interface Initiator {
  userId: string;
  org: string;
}

/**
 * The log records for one response: one per (owner, data controller, subject) that had anything
 * disclosed or withheld, exactly as the response body carries it.
 */
export function draftsFor(
  disclosures: Disclosure[],
  request: HubRequest,
  operation: { source: string; name: string | null },
  occurredAt: Date,
  initiator: Initiator | null = null,
): DraftDisclosure[] {
  const operationHash = createHash('sha256').update(operation.source).digest('hex');
  return disclosures.map((d) => {
    const rules = [...d.rules];
    const bases = request.lawfulBasis ? [request.lawfulBasis] : [...new Set(rules.flatMap((r) => r.lawfulBases ?? []))].sort();
    return {
      occurredAt: occurredAt.toISOString(),
      requestId: request.requestId,
      operationName: operation.name,
      operationHash,
      requesterId: request.requester.userId,
      requesterOrg: request.requester.org,
      requesterRoles: [...request.requester.roles],
      purpose: request.purpose,
      lawfulBases: bases,
      caseRef: request.caseRef,
      agreements: [...new Set(rules.map((r) => r.agreementRef))].sort(),
      ruleIds: [...new Set(rules.map((r) => r.id))].sort(),
      owner: d.owner,
      subjectType: d.subjectType,
      subjectId: d.subjectId,
      fieldsDisclosed: [...d.fields].sort(),
      withheldJson: JSON.stringify(
        [...d.withheld]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([field, w]) => ({
            field,
            rule: w.rule,
            reason: w.reason,
            // The requester was told this rule withheld it: a disclosure of what the rule's conditions say.
            ...(w.signposted ? { signposted: true } : {}),
          })),
      ),
      initiatorId: initiator?.userId ?? null,
      initiatorOrg: initiator?.org ?? null,
      controllerOrg: d.controller,
    };
  });
}
