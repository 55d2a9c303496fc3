import type { SubgraphName } from '@hub/shared';
import type { CompiledRule } from './compiled-policy';
import type { FieldDecision, Withheld } from './field-decision';
import type { HubRequest, Requester } from './hub-request';

export interface Coverage {
  coordinate: string;
  /** Rules naming this coordinate. */
  own: readonly CompiledRule[];
  /** Rules naming a field above it within the same subject: they cover everything below. */
  inherited: readonly CompiledRule[];
  /**
   * Whether, with no allow rule covering it, it may stand as a container of other fields. A link
   * to another subject may not: a link is shared only where a rule names it (docs/policy.md §3).
   */
  container: boolean;
  /**
   * A link to another subject: shared only by a rule naming it, never by one naming a field above
   * it (docs/policy.md §3). Agreements are checked for this when they load (rule-reach.ts); a
   * disclosure on request is not, so this is where its reach stops.
   */
  link?: boolean;
  /**
   * Whose data it is: a denial of another partner's data the requester could ask for names the
   * remedy, and a disclosure on request applies only to its owner's data.
   */
  owner?: SubgraphName;
}

/**
 * Decides one field occurrence on everything but record data (phase 1; docs/policy.md §4).
 * Deny wins; no matching allow is a deny; a rule with record conditions named on this very
 * field is left to execution. A denial names its rule in the order of §4.1.
 */
export function decideField(coverage: Coverage, request: HubRequest): FieldDecision {
  // A disclosure on request is for its own purpose, basis and case: for any other request it is as
  // if it were not there. Otherwise a disclosure of a whole part (HealthRecord.attendances) would
  // cover that part for every other purpose too and, failing there, deny what the agreement's own
  // rules share below it. So no denial names one either: a denial is logged on every subject of the
  // response, and a request is about one subject (and may be kept even from that one).
  //
  // And a disclosure on request releases only its owner's data: a coordinate names a field of a
  // type, and types such as Address or PersonName hold several partners' data (red team, 30 Nov:
  // the council's disclosure of Address.line1 released the police's address).
  const inherited = coverage.link ? coverage.inherited.filter((r) => r.effect === 'deny') : coverage.inherited;
  const rules = [...inherited, ...coverage.own]
    .filter(
      (r) =>
        r.grantSubject === undefined ||
        (coverage.owner !== undefined &&
          r.owner === coverage.owner &&
          recipientMatches(r.recipients, request.requester) &&
          missingFor(r, request).length === 0),
    )
    .sort((a, b) => a.order - b.order);
  const inForce = (r: CompiledRule) => request.agreementStates.get(r.agreement.id)?.active === true;

  // Deny rules apply whatever their agreement's state: a suspension never widens access.
  const conditionalDenies: CompiledRule[] = [];
  for (const rule of rules) {
    if (rule.effect !== 'deny' || !denyApplies(rule, request)) continue;
    if (rule.conditions.length === 0) return { kind: 'deny', withheld: ruleWithheld(rule) };
    if (coverage.own.includes(rule)) conditionalDenies.push(rule);
  }

  const allowRules = rules.filter((r) => r.effect === 'allow');
  if (allowRules.length > 0 && !allowRules.some(inForce)) return { kind: 'deny', withheld: notInForce(allowRules[0]!, request) };

  if (!allowRules.some((r) => recipientMatches(r.recipients, request.requester))) {
    return coverage.container
      ? { kind: 'container', conditionalDenies }
      : { kind: 'deny', withheld: withRemedy(defaultDeny(coverage.coordinate, request), coverage, request) };
  }

  const notApproved = approvalProblem(request);
  if (notApproved) return { kind: 'deny', withheld: notApproved };

  const allows = allowRules.filter(
    (r) => inForce(r) && recipientMatches(r.recipients, request.requester) && missingFor(r, request).length === 0,
  );
  // A conditional allow named higher up was decided there, on that record: below it, it holds.
  const unconditional = allows.filter((r) => r.conditions.length === 0 || !coverage.own.includes(r));
  if (unconditional.length > 0) return { kind: 'allow', allowedBy: unconditional, conditionalDenies };
  if (allows.length > 0) return { kind: 'conditional', conditionalAllows: allows, conditionalDenies };
  return { kind: 'deny', withheld: withRemedy(nearestMiss(coverage.coordinate, allowRules, request), coverage, request) };
}

/**
 * A denial for want of a rule (not a deny rule, not a missing approval, not a suspended agreement)
 * of another partner's data has a lawful next step: ask that partner (ISA 2.5, Appendix 2). Not a
 * link: a request cannot name one (it is shared only where an agreement rule names it).
 */
function withRemedy(withheld: Withheld, coverage: Coverage, request: HubRequest): Withheld {
  const { owner } = coverage;
  if (
    !owner ||
    coverage.link ||
    owner === request.requester.partner ||
    !request.mayRequestInformation ||
    withheld.rule === 'R12-agreement-not-in-force'
  )
    return withheld;
  return { ...withheld, remedy: { kind: 'REQUEST_FROM_OWNER', owner } };
}

export function recipientMatches(
  recipients: { orgs?: string[]; partners?: string[]; roles?: string[]; users?: string[] },
  requester: Requester,
): boolean {
  if (recipients.orgs && !recipients.orgs.includes(requester.org)) return false;
  if (recipients.partners && !(requester.partner && recipients.partners.includes(requester.partner))) return false;
  if (recipients.roles && !recipients.roles.some((role) => (requester.roles as string[]).includes(role))) return false;
  if (recipients.users && !recipients.users.includes(userKey(requester))) return false;
  return true;
}

export function denyApplies(rule: CompiledRule, request: HubRequest): boolean {
  if (!recipientMatches(rule.recipients, request.requester)) return false;
  if (rule.except?.some((e) => recipientMatches(e, request.requester))) return false;
  return !rule.purposes || (request.purpose !== null && rule.purposes.includes(request.purpose));
}

/** A condition an allow rule puts on the request that the request does not meet, and what would meet it. */
export interface MissingCondition {
  condition: 'purpose' | 'lawfulBasis' | 'caseRef';
  needed: string;
}

/** What the request lacks for an allow rule whose recipients it matches. */
export function missingFor(rule: CompiledRule, request: HubRequest): MissingCondition[] {
  const missing: MissingCondition[] = [];
  const purposes = rule.purposes ?? rule.agreement.purposes;
  if (!request.purpose || !purposes.includes(request.purpose))
    missing.push({ condition: 'purpose', needed: `purpose one of ${purposes.join(', ')}` });
  if (request.lawfulBasis && !rule.lawfulBases?.includes(request.lawfulBasis)) {
    missing.push({ condition: 'lawfulBasis', needed: `lawful basis one of ${rule.lawfulBases?.join(', ')}` });
  }
  if (rule.requireCaseRef && !request.caseRef) missing.push({ condition: 'caseRef', needed: 'a case reference (X-Hub-Case-Ref)' });
  else if (rule.caseRefs && !(request.caseRef && rule.caseRefs.includes(request.caseRef))) {
    missing.push({ condition: 'caseRef', needed: `the case reference of the request (X-Hub-Case-Ref: ${rule.caseRefs.join(' or ')})` });
  }
  return missing;
}

export function approvalProblem(request: HubRequest): Withheld | undefined {
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

function notInForce(rule: CompiledRule, request: HubRequest): Withheld {
  const state = request.agreementStates.get(rule.agreement.id);
  return {
    rule: 'R12-agreement-not-in-force',
    agreement: rule.agreementRef,
    reason: `${rule.agreementRef} is not in force: ${state?.reason ?? 'unknown agreement state'}`,
    needed: 'the agreement to be in force',
  };
}

function nearestMiss(coordinate: string, allowRules: readonly CompiledRule[], request: HubRequest): Withheld {
  for (const rule of allowRules) {
    if (!recipientMatches(rule.recipients, request.requester)) continue;
    if (request.agreementStates.get(rule.agreement.id)?.active !== true) continue;
    const needed = missingFor(rule, request)
      .map((m) => m.needed)
      .join('; ');
    return {
      rule: rule.id,
      agreement: rule.agreementRef,
      reason: `${rule.id} shares ${coordinate} with you only with ${needed}`,
      needed,
    };
  }
  const inactive = allowRules.find((r) => request.agreementStates.get(r.agreement.id)?.active !== true);
  return inactive ? notInForce(inactive, request) : defaultDeny(coordinate, request);
}

/** A denial for want of any rule: the same words however it was reached (before execution, or on the record). */
export function defaultDeny(coordinate: string, request: HubRequest): Withheld {
  const { org, roles } = request.requester;
  return {
    rule: 'no-matching-rule',
    agreement: null,
    reason: `no agreement in force shares ${coordinate} with ${org} (${roles.join(', ')})`,
    needed: 'an agreement rule that shares it with your organisation and role',
  };
}

/** A user as the registry keys them: issuer and subject. */
export function userKey(requester: { issuer: string; userId: string }): string {
  return `${requester.issuer}|${requester.userId}`;
}

export function ruleWithheld(rule: CompiledRule): Withheld {
  return { rule: rule.id, agreement: rule.agreementRef, reason: rule.description };
}
