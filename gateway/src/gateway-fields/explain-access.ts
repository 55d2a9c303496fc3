import { assertSubjectId, isPurpose, type Purpose } from '@hub/shared';
import {
  getNamedType,
  type GraphQLError,
  isObjectType,
  parse,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import type { HubContext } from '../pipeline/hub-context';
import type { CompiledRule } from '../policy/compiled-policy';
import type { HiddenField } from '../policy/conditions/record-condition';
import type { FieldDecision, Remedy } from '../policy/field-decision';
import type { HubRequest } from '../policy/hub-request';
import { planOperation, type PlanNode } from '../policy/plan-operation';
import { isLink, SUBJECT_KEYS, SUBJECT_TYPES, type SubjectType } from '../policy/subjects';
import { BadUserInputError } from '@hub/shared';

type Explanation = {
  field: string;
  purpose: string;
  subjectId: string | null;
  decision: 'ALLOW' | 'DENY' | 'ALLOW_IF_CONDITIONS_HOLD';
  rule?: string | null;
  agreement?: string | null;
  lawfulBasis?: string | null;
  reason: string;
  needed?: string | null;
  remedy?: Remedy | null;
};

/**
 * `explainAccess(field, purpose, subjectId)`: the decision the policy makes, in words. The field is
 * planned exactly as a query would ask for it (along its shortest path from a subject), so the
 * explanation cannot drift from enforcement. With a subject, conditions that depend on the subject
 * alone are decided — but only on facts the caller may see, read as the caller through the same
 * enforcement and recorded in the disclosure log like any read; where the caller may not see them,
 * the answer names the rule and its conditions and does not decide.
 */
export async function explainAccess(
  args: { field: string; purpose: string; subjectId?: string | null },
  context: HubContext,
  info: GraphQLResolveInfo,
): Promise<Explanation> {
  if (!isPurpose(args.purpose)) throw badInput('unknown purpose');
  const base = { field: args.field, purpose: args.purpose, subjectId: args.subjectId ?? null };
  if (context.policy.isPublic(args.field)) {
    return {
      ...base,
      decision: 'ALLOW',
      rule: 'R10-directory',
      reason:
        'the directory: any authenticated partner user may read it (under a subject, it is that subject’s data, shared as its link is)',
    };
  }
  const route = routeTo(info.schema, args.field);
  if (!route) throw badInput(`"${args.field.slice(0, 80)}" is not a field of a subject's data (expected Type.field)`);
  const subjectId = args.subjectId ? assertSubjectId(args.subjectId) : null;
  const request: HubRequest = { ...context.hubRequest, purpose: args.purpose as Purpose };
  const plan = planOperation({
    schema: info.schema,
    document: parse(route.operation),
    operationName: undefined,
    variables: {},
    request,
    policy: context.policy,
    ownership: context.ownership,
  });
  const node = nodeAt(plan.nodes, route.path);
  if (!node) return { ...base, subjectId, decision: 'DENY', rule: 'policy-error', reason: 'the field could not be planned' };
  if (node.withheld) {
    const w = node.withheld;
    return {
      ...base,
      subjectId,
      decision: 'DENY',
      rule: w.rule,
      agreement: w.agreement,
      reason: w.reason,
      needed: w.needed ?? null,
      remedy: w.remedy ?? null,
    };
  }
  return explainDecision(
    { ...base, subjectId },
    node.decision!,
    request,
    subjectId ? await visibleFacts(subjectId, node.decision!, context, request) : undefined,
  );
}

function explainDecision(
  base: Pick<Explanation, 'field' | 'purpose' | 'subjectId'>,
  decision: FieldDecision,
  request: HubRequest,
  facts: Record<string, unknown> | undefined,
): Explanation {
  switch (decision.kind) {
    case 'structural':
      return { ...base, decision: 'ALLOW', rule: null, reason: 'a reference you supplied, not partner data' };
    case 'public':
      return { ...base, decision: 'ALLOW', rule: 'R10-directory', reason: 'the directory: any authenticated partner user may read it' };
    case 'deny':
      return {
        ...base,
        decision: 'DENY',
        rule: decision.withheld.rule,
        agreement: decision.withheld.agreement,
        reason: decision.withheld.reason,
        remedy: decision.withheld.remedy ?? null,
      };
    case 'container':
      return {
        ...base,
        decision: 'ALLOW_IF_CONDITIONS_HOLD',
        reason: `${base.field} is shown when a field inside it is shared with you; ask about those fields`,
      };
    case 'allow': {
      const rule = decision.allowedBy[0]!;
      const unless = decision.conditionalDenies.map((r) => `${r.id} (${conditionsOf(r)})`);
      return {
        ...base,
        decision: unless.length > 0 ? 'ALLOW_IF_CONDITIONS_HOLD' : 'ALLOW',
        ...ruleParts(rule, request),
        reason: rule.description,
        needed: unless.length > 0 ? `unless ${unless.join('; ')}` : null,
      };
    }
    case 'conditional': {
      for (const rule of decision.conditionalAllows) {
        if (facts && decidedHolds(rule, request, facts) === true)
          return { ...base, decision: 'ALLOW', ...ruleParts(rule, request), reason: rule.description };
      }
      const rule = decision.conditionalAllows[0]!;
      const decided = facts !== undefined && decision.conditionalAllows.every((r) => decidedHolds(r, request, facts) === false);
      return {
        ...base,
        decision: decided ? 'DENY' : 'ALLOW_IF_CONDITIONS_HOLD',
        ...ruleParts(rule, request),
        reason: decided
          ? `${rule.description} What you may see of this subject does not meet it.`
          : `${rule.description}${facts ? ' It cannot be decided from what you may see of this subject.' : ''}`,
        needed: decision.conditionalAllows.map((r) => `${r.id}: ${conditionsOf(r)}`).join('; '),
      };
    }
  }
}

/** True/false when every condition of the rule is a subject condition decided on visible facts; else undefined. */
function decidedHolds(rule: CompiledRule, request: HubRequest, facts: Record<string, unknown>): boolean | undefined {
  if (!rule.conditions.every((c) => c.scope === 'subject')) return undefined;
  const input = { requester: request.requester, owner: rule.owner, parent: {}, subject: facts, note: () => undefined };
  const verdicts = rule.conditions.map((c) => c.decide(input));
  if (verdicts.some((v) => v === false)) return false;
  return verdicts.every((v) => v === true) ? true : undefined;
}

/**
 * The subject facts the decision's conditions need, asked as the caller (same purpose, basis, case
 * reference) through the gateway's enforcement and its log: what comes back is only what the
 * caller may see, and the read is recorded. Facts withheld come back null, and stay undecided.
 */
async function visibleFacts(
  subjectId: string,
  decision: FieldDecision,
  context: HubContext,
  request: HubRequest,
): Promise<Record<string, unknown> | undefined> {
  const rules = decision.kind === 'conditional' ? decision.conditionalAllows : [];
  const facts = new Map<string, HiddenField>();
  for (const rule of rules) {
    for (const condition of rule.conditions) {
      if (condition.scope === 'subject') for (const fact of condition.facts(rule.owner)) facts.set(fact.alias, fact);
    }
  }
  if (facts.size === 0) return undefined;
  const asked = [...facts.values()];
  const selection = asked.map((fact, i) => `f${i}: ${fact.selection}`).join(' ');
  const result = await context.runAsRequester(
    `query ExplainAccessFacts($id: ID!) { person(id: $id) { ${selection} } }`,
    { id: subjectId },
    request,
  );
  const person = (result.data?.person ?? null) as Record<string, unknown> | null;
  if (!person) return undefined;
  return Object.fromEntries(asked.map((fact, i) => [fact.alias, person[`f${i}`] ?? null]));
}

function ruleParts(rule: CompiledRule, request: HubRequest) {
  const lawfulBasis =
    request.lawfulBasis && rule.lawfulBases?.includes(request.lawfulBasis) ? request.lawfulBasis : (rule.lawfulBases?.[0] ?? null);
  return { rule: rule.id, agreement: rule.agreementRef, lawfulBasis };
}

function conditionsOf(rule: CompiledRule): string {
  return rule.conditions.map((c) => c.name).join(' and ');
}

/**
 * An operation that asks for `Type.field` along its shortest path from a subject, not crossing a
 * link (a field beyond a link belongs to the other subject, and is asked from it). Composite fields
 * ask for every scalar below them, within the subject.
 */
function routeTo(schema: GraphQLSchema, coordinate: string): { operation: string; path: string[] } | undefined {
  const [typeName, fieldName] = coordinate.split('.');
  const target = typeName ? schema.getType(typeName) : undefined;
  if (!isObjectType(target) || !fieldName || !target.getFields()[fieldName]) return undefined;
  for (const subject of SUBJECT_TYPES) {
    const path = shortestPath(schema, subject, typeName!);
    if (!path) continue;
    const root = subject === 'Person' ? 'person(id: "SUBJ-000000")' : 'location(uprn: "0")';
    const field = target.getFields()[fieldName]!;
    const named = getNamedType(field.type);
    let inner = fieldName;
    if (isObjectType(named))
      inner += isLink(target, field) ? ` { ${SUBJECT_KEYS[named.name as SubjectType]} }` : ` { ${scalarsBelow(named, new Set())} }`;
    for (const step of [...path].reverse()) inner = `${step} { ${inner} }`;
    return { operation: `{ ${root} { ${inner} } }`, path: [subject === 'Person' ? 'person' : 'location', ...path, fieldName] };
  }
  return undefined;
}

/** Field names from the subject type to a field whose parent is `typeName`, breadth first, within the subject. */
function shortestPath(schema: GraphQLSchema, subject: string, typeName: string): string[] | undefined {
  const start = schema.getType(subject);
  if (!isObjectType(start)) return undefined;
  const queue: { type: GraphQLObjectType; path: string[] }[] = [{ type: start, path: [] }];
  const seen = new Set<string>([subject]);
  while (queue.length > 0) {
    const { type, path } = queue.shift()!;
    if (type.name === typeName) return path;
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type);
      if (!isObjectType(named) || isLink(type, field) || seen.has(named.name)) continue;
      seen.add(named.name);
      queue.push({ type: named, path: [...path, field.name] });
    }
  }
  return undefined;
}

function scalarsBelow(type: GraphQLObjectType, seen: Set<string>): string {
  seen.add(type.name);
  return Object.values(type.getFields())
    .flatMap((field) => {
      const named = getNamedType(field.type);
      if (!isObjectType(named)) return [field.name];
      if (isLink(type, field) || seen.has(named.name)) return [];
      return [`${field.name} { ${scalarsBelow(named, seen)} }`];
    })
    .join(' ');
}

function nodeAt(nodes: PlanNode[], path: string[]): PlanNode | undefined {
  let found: PlanNode | undefined;
  let level = nodes;
  for (const key of path) {
    found = level.find((n) => n.responseKey === key);
    if (!found) return undefined;
    level = found.children;
  }
  return found;
}

function badInput(message: string): GraphQLError {
  return new BadUserInputError(message);
}
