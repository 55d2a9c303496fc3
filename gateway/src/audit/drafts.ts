import { createHash } from 'node:crypto';
import type { CompiledRule } from '../policy/compiled-policy';
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
  // What every record of the response shares is computed once; records never modify it.
  const at = occurredAt.toISOString();
  // Lists are frozen: the records share them, and pgArray prints a frozen list once.
  const roles = Object.freeze([...request.requester.roles]);
  const headerBases = request.lawfulBasis ? Object.freeze([request.lawfulBasis]) : null;
  // A dashboard's records repeat a few combinations of rules, of disclosed fields and of withheld
  // fields: each is worked out (sets, sorts, JSON) once per response and shared by the records that have it.
  const byRules = new Map<string, { bases: readonly string[]; agreements: readonly string[]; ruleIds: readonly string[] }>();
  const byFields = new Map<string, readonly string[]>();
  const byWithheld = new Map<string, string>();
  return disclosures.map((d) => {
    const fromRules = memo(byRules, rulesKey(d.rules), () => {
      const rules = [...d.rules];
      return {
        bases: headerBases ?? Object.freeze([...new Set(rules.flatMap((r) => r.lawfulBases ?? []))].sort()),
        agreements: Object.freeze([...new Set(rules.map((r) => r.agreementRef))].sort()),
        ruleIds: Object.freeze([...new Set(rules.map((r) => r.id))].sort()),
      };
    });
    return {
      occurredAt: at,
      requestId: request.requestId,
      operationName: operation.name,
      operationHash,
      requesterId: request.requester.userId,
      requesterOrg: request.requester.org,
      requesterRoles: roles,
      purpose: request.purpose,
      lawfulBases: fromRules.bases,
      caseRef: request.caseRef,
      agreements: fromRules.agreements,
      ruleIds: fromRules.ruleIds,
      owner: d.owner,
      subjectType: d.subjectType,
      subjectId: d.subjectId,
      fieldsDisclosed: memo(byFields, fieldsKey(d.fields), () => Object.freeze([...d.fields].sort())),
      withheldJson: d.withheld.size === 0 ? '[]' : memo(byWithheld, withheldKey(d.withheld), () => withheldJson(d.withheld)),
      initiatorId: initiator?.userId ?? null,
      initiatorOrg: initiator?.org ?? null,
      controllerOrg: d.controller,
    };
  });
}

function memo<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

/**
 * Short keys for the memos: each rule object and each coordinate is given a number the first time
 * it is met, so a record's key is a few digits per rule or field rather than their text (hashing
 * 100 records' keys of a few hundred characters each was most of the memos' cost). Rules are held
 * weakly (a requester's disclosures on request are compiled per request); coordinates are the
 * schema's, a fixed set.
 */
const ruleNumbers = new WeakMap<CompiledRule, number>();
const coordinateNumbers = new Map<string, number>();
let rulesNumbered = 0;

/** The rules' identities, in the set's order: equal keys mean the same rule objects, so equal derived lists. */
function rulesKey(rules: Disclosure['rules']): string {
  let key = '';
  for (const rule of rules) {
    let n = ruleNumbers.get(rule);
    if (n === undefined) ruleNumbers.set(rule, (n = ++rulesNumbered));
    key += `${n},`;
  }
  return key;
}

/** The fields in the set's order: equal keys mean equal sets (the same fields in another order only miss the sharing). */
function fieldsKey(fields: Disclosure['fields']): string {
  let key = '';
  for (const field of fields) {
    let n = coordinateNumbers.get(field);
    if (n === undefined) coordinateNumbers.set(field, (n = coordinateNumbers.size + 1));
    key += `${n},`;
  }
  return key;
}

function withheldKey(withheld: Disclosure['withheld']): string {
  let key = '';
  for (const [field, w] of withheld) key += `${field}\u0000${w.rule}\u0000${w.reason}\u0000${w.signposted ? 1 : 0}\u0002`;
  return key;
}

/** `[{ field, rule, reason, signposted? }]` by field. */
function withheldJson(withheld: Disclosure['withheld']): string {
  return JSON.stringify(
    [...withheld]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([field, w]) => ({
        field,
        rule: w.rule,
        reason: w.reason,
        // The requester was told this rule withheld it: a disclosure of what the rule's conditions say.
        ...(w.signposted ? { signposted: true } : {}),
      })),
  );
}
