import type { RequestContext } from '../model/request';
import { node, resolveField, searchServices, type Node } from '../model/resolve';
import { isLink, isListField, isObjectField, isStructural, SUBJECT_KEYS } from '../model/schema';
import type { World } from '../model/world';
import type { Rule } from '../model/agreement';
import { conditionsHold, decidedPerItem, type ConditionContext } from './conditions';
import { childOccurrence, decide, rootOccurrence, withheldBeforeExecution, type Decision, type Occurrence, type Policy } from './decide';
import { argumentsOf, collectFields, subSelections, type Operation } from './operation';
import { publicFieldVerdict } from './public-scope';
import type { SelectionSetNode } from 'graphql';

/**
 * docs/policy.md §5: the response the requester should receive, computed by walking the
 * operation over the raw rows. One recursive pass, no planning: each field occurrence is
 * decided (decide.ts), its raw value read (resolve.ts), record conditions checked (conditions.ts),
 * and the result shaped so that withheld looks like absent.
 */

export type PathKey = string | number;

export interface ExpectedError {
  path: PathKey[];
  rule: string;
  agreement: string | null;
}

export interface Env {
  policy: Policy;
  request: RequestContext;
  op: Operation;
  world: World;
}

interface FieldResult {
  value: unknown;
  /** Carries content (§5.3): a non-null non-empty shown leaf, a shown link item or a kept object. */
  content: boolean;
  /** Errors inside this value, to be emitted only if the object holding it is kept. */
  errors: ExpectedError[];
}

/** The expected `data` and FORBIDDEN errors of the whole operation. */
export function expectedData(env: Env): { data: Record<string, unknown>; errors: ExpectedError[] } {
  const schema = env.policy.schema;
  const queryType = schema.objectType('Query');
  const data: Record<string, unknown> = {};
  const errors: ExpectedError[] = [];
  for (const asked of collectFields(env.op, queryType, [env.op.operation.selectionSet])) {
    const key = asked.responseKey;
    if (asked.fieldName === '__typename') {
      data[key] = 'Query';
      continue;
    }
    const args = argumentsOf(env.op, schema.field('Query', asked.fieldName), asked);
    const selections = subSelections(asked);
    switch (asked.fieldName) {
      case 'person': {
        const r = subjectObject(env, node('Person', { id: args.id }), selections, [key]);
        data[key] = r.value;
        errors.push(...r.errors);
        break;
      }
      case 'people': {
        const items = (args.filter.ids as string[]).map((id, i) => subjectObject(env, node('Person', { id }), selections, [key, i]));
        data[key] = items.map((r) => r.value);
        errors.push(...items.flatMap((r) => r.errors));
        break;
      }
      case 'location': {
        const r = subjectObject(env, node('Location', { uprn: args.uprn }), selections, [key]);
        data[key] = r.value;
        errors.push(...r.errors);
        break;
      }
      case 'supportServices': {
        const services = searchServices(env.world, args.filter ?? {});
        const items = services.map((s, i) => publicObject(env, s, selections, ['Query.supportServices'], [key, i]));
        data[key] = items.map((r) => r.value);
        errors.push(...items.flatMap((r) => r.errors));
        break;
      }
      case 'supportService': {
        if (!env.world.serviceById.has(args.id)) {
          data[key] = null;
          break;
        }
        const r = publicObject(env, node('SupportService', { id: args.id }), selections, ['Query.supportService'], [key]);
        data[key] = r.value;
        errors.push(...r.errors);
        break;
      }
      default:
        throw new Error(`the oracle does not model Query.${asked.fieldName}`);
    }
  }
  return { data, errors };
}

/** A subject's object: always kept (§5.5), so the errors inside it are always emitted. */
function subjectObject(
  env: Env,
  subject: Node,
  selections: readonly SelectionSetNode[],
  path: PathKey[],
): { value: Record<string, unknown>; errors: ExpectedError[] } {
  const type = env.policy.schema.objectType(subject.type);
  const value: Record<string, unknown> = {};
  const errors: ExpectedError[] = [];
  for (const asked of collectFields(env.op, type, selections)) {
    if (asked.fieldName === '__typename') value[asked.responseKey] = type.name;
    else if (isStructural(type.name, asked.fieldName)) value[asked.responseKey] = subject.row[SUBJECT_KEYS[type.name]!];
    else {
      const r = field(env, rootOccurrence(type.name, asked), subject, subject, new Map(), [...path, asked.responseKey]);
      value[asked.responseKey] = r.value;
      errors.push(...r.errors);
    }
  }
  return { value, errors };
}

/** An object inside a subject scope that is not a subject: kept only when it carries content. */
function innerObject(env: Env, occ: Occurrence, item: Node, subject: Node, decided: Map<string, boolean>, path: PathKey[]): FieldResult {
  const type = env.policy.schema.objectType(item.type);
  const value: Record<string, unknown> = {};
  const errors: ExpectedError[] = [];
  let content = false;
  for (const asked of collectFields(env.op, type, subSelections(occ.asked))) {
    if (asked.fieldName === '__typename') {
      value[asked.responseKey] = type.name;
      continue;
    }
    const r = field(env, childOccurrence(occ, type.name, asked), item, subject, decided, [...path, asked.responseKey]);
    value[asked.responseKey] = r.value;
    content ||= r.content;
    errors.push(...r.errors);
  }
  return content ? { value, content, errors } : { value: null, content: false, errors: [] };
}

function field(env: Env, occ: Occurrence, holder: Node, subject: Node, decided: Map<string, boolean>, path: PathKey[]): FieldResult {
  const pre = withheldBeforeExecution(env.policy, env.request, env.op, occ);
  if (pre) return { value: null, content: false, errors: [{ path, rule: pre.rule, agreement: pre.agreement }] };
  const decision = decide(env.policy, env.request, occ);
  const definition = env.policy.schema.field(occ.parentType, occ.asked.fieldName);
  const raw = resolveField(env.world, holder, occ.asked.fieldName, env.request.utcToday);
  const list = isListField(definition.type);
  const shownFor = (item: Node | null) => shown(env, decision, decided, { subject, holder, item });

  // §5 signposting: withheld only by denies the agreement signposts, the requester is told so.
  const told = signpostingDeny(env, decision, decided, { subject, holder, item: list ? null : (raw as Node | null) });
  if (told) return { value: null, content: true, errors: [{ path, rule: told.id, agreement: told.agreement.ref }] };

  // A leaf: the value itself, or null. Empty lists carry nothing and read as null (§5.2).
  if (!isObjectField(definition)) {
    if (!shownFor(holder)) return { value: null, content: false, errors: [] };
    const value = Array.isArray(raw) && raw.length === 0 ? null : raw;
    return { value, content: value !== null && value !== '', errors: [] };
  }

  const items = (list ? ((raw as Node[] | null) ?? []) : raw === null ? [] : [raw as Node]).filter((item) => shownFor(item));

  // A link: its shown items are subjects, kept whole and decided afresh (§2, §5.5).
  if (isLink(occ.parentType, definition)) {
    const kept = items.map((item, i) => subjectObject(env, item, subSelections(occ.asked), list ? [...path, i] : path));
    const values = kept.map((k) => k.value);
    return {
      value: list ? (values.length > 0 ? values : null) : (values[0] ?? null),
      content: kept.length > 0,
      errors: kept.flatMap((k) => k.errors),
    };
  }

  // An object or a list of objects: each item kept only when it carries content (§5.3, §5.4).
  const kept: FieldResult[] = [];
  for (const item of items) {
    const itemDecided = new Map(decided);
    if (decision.kind === 'allowed') {
      for (const rule of decision.conditionalAllows)
        itemDecided.set(rule.id, conditionsHold(conditionContext(env, rule, { subject, holder, item })));
    }
    const r = innerObject(env, occ, item, subject, itemDecided, list ? [...path, kept.length] : path);
    if (r.content) kept.push(r);
  }
  if (kept.length === 0) return { value: null, content: false, errors: [] };
  return {
    value: list ? kept.map((k) => k.value) : kept[0]!.value,
    content: true,
    errors: kept.flatMap((k) => k.errors),
  };
}

interface Place {
  subject: Node;
  holder: Node;
  item: Node | null;
}

/** §4: no deny withholds it, and at least one allow allows it (a container: no deny withholds it). */
function shown(env: Env, decision: Decision, decided: Map<string, boolean>, place: Place): boolean {
  if (decision.kind === 'withheld') return false;
  if (decision.conditionalDenies.some((rule) => conditionsHold(conditionContext(env, rule, place)))) return false;
  if (decision.kind === 'container') return true;
  // A `when` decided above this field holds as decided there (§4 requirement 7).
  if (decision.allows.some((rule) => rule.when.length === 0 || decided.get(rule.id) === true)) return true;
  return decision.conditionalAllows.some((rule) => conditionsHold(conditionContext(env, rule, place)));
}

/**
 * §5: the deny the requester is told of, when a field decided once for the field (no per-item
 * condition among the rules decided there, §6) would be shown but for denies that hold, and
 * every one of them signposts.
 */
function signpostingDeny(env: Env, decision: Decision, decided: Map<string, boolean>, place: Place): Rule | null {
  if (decision.kind !== 'allowed') return null;
  const decidedHere = [...decision.conditionalAllows, ...decision.conditionalDenies];
  if (decidedHere.some((rule) => rule.when.some(decidedPerItem))) return null;
  const holding = decision.conditionalDenies.filter((rule) => conditionsHold(conditionContext(env, rule, place)));
  if (holding.length === 0 || !holding.every((rule) => rule.signpost)) return null;
  const allowed =
    decision.allows.some((rule) => rule.when.length === 0 || decided.get(rule.id) === true) ||
    decision.conditionalAllows.some((rule) => conditionsHold(conditionContext(env, rule, place)));
  return allowed ? holding[0]! : null;
}

function conditionContext(env: Env, rule: ConditionContext['rule'], place: Place): ConditionContext {
  return { world: env.world, request: env.request, rule, ...place };
}

/**
 * The public scope (§2, §4.1 last paragraph): the directory as the directory holds it, no
 * shaping, each field shown unless an applying deny without `when` names it or a field above it.
 */
function publicObject(
  env: Env,
  item: Node,
  selections: readonly SelectionSetNode[],
  chain: string[],
  path: PathKey[],
): { value: Record<string, unknown>; errors: ExpectedError[] } {
  const type = env.policy.schema.objectType(item.type);
  const value: Record<string, unknown> = {};
  const errors: ExpectedError[] = [];
  for (const asked of collectFields(env.op, type, selections)) {
    const key = asked.responseKey;
    if (asked.fieldName === '__typename') {
      value[key] = type.name;
      continue;
    }
    const coordinate = `${type.name}.${asked.fieldName}`;
    const verdict = publicFieldVerdict(env.policy, env.request, coordinate, chain);
    if (verdict.kind === 'withheld') {
      value[key] = null;
      if (verdict.rule) errors.push({ path: [...path, key], rule: verdict.rule, agreement: verdict.agreement });
      continue;
    }
    const raw = resolveField(env.world, item, asked.fieldName, env.request.utcToday);
    const definition = env.policy.schema.field(type.name, asked.fieldName);
    if (!isObjectField(definition) || raw === null) {
      value[key] = raw;
      continue;
    }
    const occChain = [...chain, coordinate];
    if (Array.isArray(raw)) {
      const items = (raw as Node[]).map((child, i) => publicObject(env, child, subSelections(asked), occChain, [...path, key, i]));
      value[key] = items.map((r) => r.value);
      errors.push(...items.flatMap((r) => r.errors));
    } else {
      const r = publicObject(env, raw as Node, subSelections(asked), occChain, [...path, key]);
      value[key] = r.value;
      errors.push(...r.errors);
    }
  }
  return { value, errors };
}
