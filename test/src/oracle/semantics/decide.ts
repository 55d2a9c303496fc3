import type { Agreement, Rule } from '../model/agreement';
import { inForce, approvalValid, type RequestContext } from '../model/request';
import { isLink, isObjectField, isStructural, type HubSchema } from '../model/schema';
import { collectFields, subSelections, type AskedField, type Operation } from './operation';
import { allowPassesBeforeExecution, allowRecipientsMatch, denyApplies, names, unmetRequirements } from './rules';

/**
 * docs/policy.md §3, §4 and §4.1: the verdict of one field occurrence that needs no record data.
 * Everything here is a function of the operation and the request; nothing reads a row.
 */

/** A field occurrence inside a subject scope. */
export interface Occurrence {
  parentType: string;
  asked: AskedField;
  /** `Type.field` */
  coordinate: string;
  /** Coordinates of the occurrences above it, from the subject's object down, within this scope. */
  chain: string[];
}

export type Decision =
  /** Withheld before execution (§4.1): null, an error naming `rule`. */
  | { kind: 'withheld'; rule: string; agreement: string | null }
  /** No allow rule covers it for this requester and it has fields of its own: no verdict of its own. */
  | { kind: 'container'; conditionalDenies: Rule[] }
  /**
   * Some allow passes requirements 1–6. `allows` hold without a condition decided here (no `when`,
   * or a `when` decided at a field above); `conditionalAllows` and `conditionalDenies` are decided
   * here, on the record.
   */
  | { kind: 'allowed'; allows: Rule[]; conditionalAllows: Rule[]; conditionalDenies: Rule[] };

export interface Policy {
  agreements: Agreement[];
  /** Every rule of every agreement, in file order. */
  rules: Rule[];
  schema: HubSchema;
}

/**
 * Covering rules (§3), in file order. A link is covered by an allow only where the allow names it
 * outright. A disclosure on request covers only its owner's data (§7), and never a link.
 */
export function coveringRules(policy: Policy, occ: Occurrence): Rule[] {
  const link = isLink(occ.parentType, policy.schema.field(occ.parentType, occ.asked.fieldName));
  return policy.rules.filter((rule) => {
    if (rule.grantOwner !== undefined && (link || ownerOf(policy.schema, occ) !== rule.grantOwner)) return false;
    if (link && rule.effect === 'allow') return names(rule, occ.coordinate, { wildcard: false });
    return names(rule, occ.coordinate) || occ.chain.some((c) => names(rule, c));
  });
}

/**
 * Whose data an occurrence is: the partner that resolves the field, or, for a field of a type
 * several partners resolve (an `Address`, a `PersonName`), the partner of the nearest field above
 * it in the scope that one partner resolves. Null when nothing says.
 */
export function ownerOf(schema: HubSchema, occ: Occurrence): string | null {
  const own = schema.resolverOf(occ.parentType, occ.asked.fieldName);
  if (own) return own;
  for (let i = occ.chain.length - 1; i >= 0; i--) {
    const coordinate = occ.chain[i]!;
    const dot = coordinate.indexOf('.');
    const resolver = schema.resolverOf(coordinate.slice(0, dot), coordinate.slice(dot + 1));
    if (resolver) return resolver;
  }
  return null;
}

/** Is the rule's `when` decided at this occurrence: it names this field and no field above it in the scope. */
export function decidedHere(rule: Rule, occ: Occurrence): boolean {
  return rule.when.length > 0 && names(rule, occ.coordinate) && !occ.chain.some((c) => names(rule, c));
}

export function decide(policy: Policy, request: RequestContext, occ: Occurrence): Decision {
  const covering = coveringRules(policy, occ);
  const field = policy.schema.field(occ.parentType, occ.asked.fieldName);
  const denies = covering.filter((r) => r.effect === 'deny' && denyApplies(r, request));

  // 1. an applying deny without `when`, the first in file order
  const outright = denies.find((r) => r.when.length === 0);
  if (outright) return withheld(outright.id, outright.agreement.ref);
  const conditionalDenies = denies.filter((r) => decidedHere(r, occ));

  // 2. allow rules cover it but none of their agreements is in force
  const coveringAllows = covering.filter((r) => r.effect === 'allow');
  if (coveringAllows.length > 0 && coveringAllows.every((r) => !inForce(r.agreement, request))) {
    return withheld('R12-agreement-not-in-force', coveringAllows[0]!.agreement.ref);
  }

  // 3. no allow covers it for this requester: a container, or no-matching-rule
  const allows = covering.filter((r) => r.effect === 'allow' && allowRecipientsMatch(r, request));
  if (allows.length === 0) {
    // A link is never a container: "a link is shared only where a rule names it" (§3).
    if (isObjectField(field) && !isLink(occ.parentType, field)) return { kind: 'container', conditionalDenies };
    return withheld('no-matching-rule', null);
  }

  // 4. approval and purpose
  if (!approvalValid(request)) return withheld('ISA-6.4-approval', null);
  if (request.purpose === null) return withheld('ISA-4.3-purpose', null);
  if (!request.approval!.purposes.includes(request.purpose)) return withheld('ISA-6.4-approved-purposes', null);

  const passing = allows.filter((r) => allowPassesBeforeExecution(r, request));
  if (passing.length === 0) {
    // 5. the first allow whose recipients match, its other requirements unmet (its agreement in force)
    const first = allows.find((r) => !unmetRequirements(r, request).agreement);
    if (first) return withheld(first.id, first.agreement.ref);
    // 6.
    const notInForce = coveringAllows.find((r) => !inForce(r.agreement, request));
    return notInForce ? withheld('R12-agreement-not-in-force', notInForce.agreement.ref) : withheld('no-matching-rule', null);
  }
  return {
    kind: 'allowed',
    allows: passing.filter((r) => !decidedHere(r, occ)),
    conditionalAllows: passing.filter((r) => decidedHere(r, occ)),
    conditionalDenies,
  };
}

/** Whether the verdict depends on record data (§5 Notices). */
export function dependsOnRecord(decision: Decision): boolean {
  if (decision.kind === 'withheld') return false;
  if (decision.kind === 'container') return decision.conditionalDenies.length > 0;
  return decision.conditionalDenies.length > 0 || (decision.allows.length === 0 && decision.conditionalAllows.length > 0);
}

/**
 * Withheld before execution, with the rule it names, or null. A container all of whose asked
 * fields are withheld before execution is withheld whole, naming its first withheld field's rule
 * (§4.1). Structural fields (`__typename`) do not count as asked fields here: see README.
 */
export function withheldBeforeExecution(
  policy: Policy,
  request: RequestContext,
  op: Operation,
  occ: Occurrence,
): { rule: string; agreement: string | null } | null {
  const decision = decide(policy, request, occ);
  if (decision.kind === 'withheld') return decision;
  if (decision.kind !== 'container') return null;
  const type = policy.schema.objectType(namedTypeOf(policy, occ));
  const children = collectFields(op, type, subSelections(occ.asked)).filter((c) => !isStructural(type.name, c.fieldName));
  if (children.length === 0) return null;
  let first: { rule: string; agreement: string | null } | null = null;
  for (const child of children) {
    const verdict = withheldBeforeExecution(policy, request, op, childOccurrence(occ, type.name, child));
    if (!verdict) return null;
    first ??= verdict;
  }
  return first;
}

export function childOccurrence(parent: Occurrence, parentType: string, asked: AskedField): Occurrence {
  return {
    parentType,
    asked,
    coordinate: `${parentType}.${asked.fieldName}`,
    chain: [...parent.chain, parent.coordinate],
  };
}

export function rootOccurrence(subjectType: string, asked: AskedField): Occurrence {
  return { parentType: subjectType, asked, coordinate: `${subjectType}.${asked.fieldName}`, chain: [] };
}

export function namedTypeOf(policy: Policy, occ: Occurrence): string {
  let type: any = policy.schema.field(occ.parentType, occ.asked.fieldName).type;
  while (type.ofType) type = type.ofType;
  return type.name;
}

function withheld(rule: string, agreement: string | null): Decision {
  return { kind: 'withheld', rule, agreement };
}
