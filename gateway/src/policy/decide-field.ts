import type { CompiledRule } from './compiled-policy';
import type { FieldDecision, Withheld } from './field-decision';
import type { HubRequest, Requester } from './hub-request';

export interface Coverage {
  coordinate: string;
  /** Rules naming this coordinate. */
  own: readonly CompiledRule[];
  /** Rules naming a field above it in the request: they cover everything below (inheritance). */
  inherited: readonly CompiledRule[];
  structural: boolean;
  /** The field's value is an object (it has fields of its own), not a leaf. */
  composite: boolean;
  /** The coordinate, or one above it, is public (rule 10). */
  public: boolean;
}

/**
 * Decides a field on everything but record data (phase 1). Deny wins; no matching allow is a
 * deny; a rule with record conditions named on this very field is left to execution.
 */
export function decideField(coverage: Coverage, request: HubRequest): FieldDecision {
  if (coverage.structural) return { kind: 'structural' };
  const all = [...coverage.inherited, ...coverage.own];
  if (coverage.public) {
    const deny = all.find((r) => r.effect === 'deny' && !r.when?.length && denyApplies(r, request));
    return deny ? { kind: 'deny', withheld: ruleWithheld(deny) } : { kind: 'public' };
  }
  const inactive = inactiveAgreement(all, request);
  const rules = all.filter((r) => request.agreementStates.get(r.agreement.id)?.active);
  if (rules.length === 0 && inactive) return { kind: 'deny', withheld: inactive };

  const conditionalDenies: CompiledRule[] = [];
  for (const rule of rules) {
    if (rule.effect !== 'deny' || !denyApplies(rule, request)) continue;
    if (!rule.when?.length) return { kind: 'deny', withheld: ruleWithheld(rule) };
    if (coverage.own.includes(rule)) conditionalDenies.push(rule);
  }

  // No allow rule for this requester covers it: an object is judged by what inside it is shared
  // with them (Person.police holds PoliceRecord.names ...); a leaf is withheld.
  if (!all.some((r) => r.effect === 'allow' && recipientMatches(r.recipients, request.requester))) {
    return coverage.composite ? { kind: 'container', hoisted: [] } : { kind: 'deny', withheld: defaultDeny(coverage.coordinate, request) };
  }

  const notApproved = approvalProblem(request);
  if (notApproved) return { kind: 'deny', withheld: notApproved };

  const allows = rules.filter((r) => r.effect === 'allow' && allowApplies(r, request));
  // A conditional allow named higher up was decided there, on that record: below it, it holds.
  const unconditional = allows.filter((r) => !r.when?.length || !coverage.own.includes(r));
  if (unconditional.length > 0) return { kind: 'allow', allowedBy: unconditional, conditionalDenies };
  if (allows.length > 0) return { kind: 'conditional', conditionalAllows: allows, conditionalDenies };
  return {
    kind: 'deny',
    withheld: nearestMiss(coverage.coordinate, rules, request) ?? inactive ?? defaultDeny(coverage.coordinate, request),
  };
}

export function recipientMatches(recipients: { orgs?: string[]; partners?: string[]; roles?: string[] }, requester: Requester): boolean {
  if (recipients.orgs && !recipients.orgs.includes(requester.org)) return false;
  if (recipients.partners && !(requester.partner && recipients.partners.includes(requester.partner))) return false;
  if (recipients.roles && !recipients.roles.some((role) => (requester.roles as string[]).includes(role))) return false;
  return true;
}

function denyApplies(rule: CompiledRule, request: HubRequest): boolean {
  if (!recipientMatches(rule.recipients, request.requester)) return false;
  if (rule.except?.some((e) => recipientMatches(e, request.requester))) return false;
  return !rule.purposes || (request.purpose !== null && rule.purposes.includes(request.purpose));
}

function allowApplies(rule: CompiledRule, request: HubRequest): boolean {
  return recipientMatches(rule.recipients, request.requester) && missingFor(rule, request).length === 0;
}

/** What the request lacks for an allow rule whose recipients it matches. */
function missingFor(rule: CompiledRule, request: HubRequest): string[] {
  const missing: string[] = [];
  const purposes = rule.purposes ?? rule.agreement.purposes;
  if (!request.purpose || !purposes.includes(request.purpose)) missing.push(`purpose one of ${purposes.join(', ')}`);
  if (request.lawfulBasis && !rule.lawfulBases?.includes(request.lawfulBasis)) {
    missing.push(`lawful basis one of ${rule.lawfulBases?.join(', ')}`);
  }
  if (rule.requireCaseRef && !request.caseRef) missing.push('a case reference (X-Hub-Case-Ref)');
  return missing;
}

function approvalProblem(request: HubRequest): Withheld | undefined {
  const { approval, purpose, requester } = request;
  if (!approval) {
    return {
      rule: 'ISA-6.4-approval',
      agreement: null,
      reason: `${requester.userId} is not approved by ${requester.org}'s nominated representative, or the approval has expired (ISA 6.4)`,
      needed: "approval by the organisation's nominated representative",
    };
  }
  if (!purpose) {
    return { rule: 'ISA-4.3-purpose', agreement: null, reason: 'personal data needs a purpose (X-Hub-Purpose)', needed: 'a purpose' };
  }
  if (!approval.purposes.includes(purpose)) {
    return {
      rule: 'ISA-6.4-approved-purposes',
      agreement: null,
      reason: `${requester.userId} is approved for ${approval.purposes.join(', ')}, not ${purpose} (ISA 6.4, 9.4)`,
      needed: `a purpose ${requester.userId} is approved for`,
    };
  }
  return undefined;
}

function inactiveAgreement(rules: readonly CompiledRule[], request: HubRequest): Withheld | undefined {
  for (const rule of rules) {
    const state = request.agreementStates.get(rule.agreement.id);
    if (!state?.active) {
      return {
        rule: 'R12-agreement-not-in-force',
        agreement: rule.agreementRef,
        reason: `${rule.agreementRef} is not in force: ${state?.reason ?? 'unknown agreement state'}`,
        needed: 'the agreement to be in force',
      };
    }
  }
  return undefined;
}

function nearestMiss(coordinate: string, rules: readonly CompiledRule[], request: HubRequest): Withheld | undefined {
  for (const rule of rules) {
    if (rule.effect !== 'allow' || !recipientMatches(rule.recipients, request.requester)) continue;
    const missing = missingFor(rule, request);
    return {
      rule: rule.id,
      agreement: rule.agreementRef,
      reason: `${rule.id} shares ${coordinate} with you only with ${missing.join('; ')}`,
      needed: missing.join('; '),
    };
  }
  return undefined;
}

function defaultDeny(coordinate: string, request: HubRequest): Withheld {
  const { org, roles } = request.requester;
  return {
    rule: 'no-matching-rule',
    agreement: null,
    reason: `no agreement in force shares ${coordinate} with ${org} (${roles.join(', ')})`,
    needed: 'an agreement rule that shares it with your organisation and role',
  };
}

export function ruleWithheld(rule: CompiledRule): Withheld {
  return { rule: rule.id, agreement: rule.agreementRef, reason: rule.description };
}
