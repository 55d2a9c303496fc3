import type { SubgraphName } from '@hub/shared';
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { CompiledRule } from './compiled-policy';
import { controllerOf, namedController } from './data-controller';
import { allowingRules, type FieldDecision, type Withheld } from './field-decision';
import { isHiddenAlias, LOCATION_KEY, SUBJECT_KEY } from './hidden-fields';
import type { PlanNode } from './plan-operation';
import type { RecordWithholding, RequestPolicy } from './request-policy';
import { forbidden } from './request-policy';
import type { SubjectType } from './subjects';

/** What left in a response, per subject, owner and data controller: the raw material of the disclosure log. */
export interface Disclosure {
  subjectType: SubjectType | null;
  subjectId: string | null;
  owner: SubgraphName;
  /**
   * The organisation whose data the fields are (data-controller.ts): the owner's one organisation,
   * or the charity whose support episode carried them; null when it could not be established.
   */
  controller: string | null;
  /** The rules that allowed the disclosed fields. */
  rules: Set<CompiledRule>;
  /** Coordinates that carried a value. */
  fields: Set<string>;
  /** Coordinates withheld, before execution or on the record, with why. */
  withheld: Map<string, Withheld>;
}

export interface ShapedResponse {
  result: ExecutionResult;
  disclosures: Disclosure[];
  /** Owners whose personal data the response carries. */
  owners: Set<SubgraphName>;
}

interface Subject {
  type: SubjectType | null;
  id: string | null;
  /** This subject's disclosures by owner and controller, so that each disclosed field finds its record without building a key. */
  byOwner?: Map<string, Map<string | null, Disclosure>>;
}
const NO_SUBJECT: Subject = { type: null, id: null };

type Path = { prev: Path; key: string | number } | undefined;

/** What an object's fields produced, kept only if the object itself is kept (the lists made only when something is in them). */
interface Pending {
  content: boolean;
  errors?: GraphQLError[];
  withheld?: { subject: Subject; owner: SubgraphName; controller: string | null; coordinate: string; withheld: Withheld }[];
}

/** The controller named by the record a value sits in (a support episode's provider), null outside one. */
type Named = string | null;

/**
 * Shapes the executed result into what the client receives (docs/policy.md §5), so that what
 * was withheld looks exactly like what does not exist:
 * - hidden fields go; values withheld before execution become null;
 * - within a subject, an object with no content left (no non-empty value, no link) is null, a
 *   list item with none is dropped, and an empty list is null;
 * - a FORBIDDEN error is added for a field withheld before execution only where its parent
 *   object is kept, so the error says no more than the data already does;
 * - every value that remains is accounted for by subject and owner, with the rules that allowed
 *   it, and every withholding is recorded for the log.
 */
export function shapeResponse(
  result: ExecutionResult,
  nodes: PlanNode[],
  onRecords: Pick<RequestPolicy, 'withheldOnRecords' | 'allowedOnRecords'>,
  options: { account: boolean } = { account: true },
): ShapedResponse {
  const { withheldOnRecords, allowedOnRecords } = onRecords;
  const disclosures = new Map<string, Disclosure>();
  const owners = new Set<SubgraphName>();
  const subjectsByPath = new Map<string, Subject>();
  /** The controller each record that names one named, by execution path: for the withholdings found during execution. */
  const namedByPath = new Map<string, Named>();
  /** Lists whose items the shaper removed: positions inside them no longer match execution's. */
  const reindexed = new Set<string>();
  /** Values withheld by a signposted deny, by execution path: told, and accounted as told. */
  const signposts = new Map<string, RecordWithholding>();
  for (const w of withheldOnRecords) if (w.signpost) signposts.set(w.signpost.path, w);

  // One record per (subject, owner, controller): a data protection officer reads only their own
  // organisation's records, so one charity's episodes never share a record with another's.
  const disclosureFor = (subject: Subject, owner: SubgraphName, controller: string | null): Disclosure => {
    const known = subject.byOwner?.get(owner)?.get(controller);
    if (known) return known;
    // The same subject may be reached by several paths (several Subject objects): one record each.
    const key = `${subject.type}\u0000${subject.id}\u0000${owner}\u0000${controller}`;
    let disclosure = disclosures.get(key);
    if (!disclosure) {
      disclosure = {
        subjectType: subject.type,
        subjectId: subject.id,
        owner,
        controller,
        rules: new Set(),
        fields: new Set(),
        withheld: new Map(),
      };
      disclosures.set(key, disclosure);
    }
    if (subject !== NO_SUBJECT) {
      const byOwner = (subject.byOwner ??= new Map());
      let byController = byOwner.get(owner);
      if (!byController) byOwner.set(owner, (byController = new Map()));
      byController.set(controller, disclosure);
    }
    return disclosure;
  };

  /** The plan nodes each disclosure already accounts for: a list's items disclose the same field again and again. */
  const accounted = new Map<Disclosure, Set<PlanNode>>();
  // An object's fields mostly go to the same record one after another: the last one found is tried first.
  let last: { subject: Subject; owner: SubgraphName; named: Named; disclosure: Disclosure; nodes: Set<PlanNode> } | undefined;
  /**
   * `rules`: the rules that allowed this very value, where they depend on its record (rulesAt);
   * undefined where the plan's rules are the answer, the same for every value of the node.
   */
  const disclose = (subject: Subject, node: PlanNode, named: Named, rules?: readonly CompiledRule[]) => {
    if (!node.owner) return;
    owners.add(node.owner);
    // Without a log (only in benchmarks) there is nobody to account to.
    if (!options.account) return;
    let disclosure: Disclosure;
    let nodes: Set<PlanNode> | undefined;
    if (last && last.subject === subject && last.owner === node.owner && last.named === named) ({ disclosure, nodes } = last);
    else {
      disclosure = disclosureFor(subject, node.owner, controllerOf(node.owner, named));
      nodes = accounted.get(disclosure);
      if (!nodes) accounted.set(disclosure, (nodes = new Set()));
      last = { subject, owner: node.owner, named, disclosure, nodes };
    }
    if (rules) {
      // Each value may have been allowed by other rules: every one is accounted, not once per node.
      disclosure.fields.add(node.coordinate);
      for (const rule of rules) disclosure.rules.add(rule);
      return;
    }
    if (nodes.has(node)) return;
    nodes.add(node);
    disclosure.fields.add(node.coordinate);
    for (const rule of allowingRules(node.decision)) disclosure.rules.add(rule);
  };

  /** The record enclosing a path within its subject that named a controller, walking up; null if none did. */
  const namedAbove = (path: string, subjectPath: string | undefined): Named => {
    for (let at = path; at !== '' && at !== subjectPath; at = at.slice(0, Math.max(at.lastIndexOf('.'), 0))) {
      if (namedByPath.has(at)) return namedByPath.get(at)!;
    }
    return null;
  };

  /** The controllers of a value withheld on its record: those it named itself, or its enclosing record's. */
  const controllersOfWithholding = (w: RecordWithholding, owner: SubgraphName): (string | null)[] => [
    ...new Set((w.controllers ?? [namedAbove(w.path, w.subjectPath)]).map((named) => controllerOf(owner, named))),
  ];

  const commit = (into: Pending, from: Pending) => {
    if (from.errors) (into.errors ??= []).push(...from.errors);
    if (from.withheld) (into.withheld ??= []).push(...from.withheld);
  };

  /** Shapes a subject's object, and says who it is (read from the gateway's own key before the shaper removes it). */
  const shapeSubject = (item: unknown, node: PlanNode, path: Path, into: Pending): Subject | undefined => {
    if (item === null || typeof item !== 'object') return undefined;
    const subject = subjectOf(node.subjectType!, item as Record<string, unknown>);
    subjectsByPath.set(pathKeyOf(path), subject);
    // A subject's object is always kept: the client named it, or a link rule shared it. No
    // record encloses a subject, so it starts naming no controller.
    commit(into, shapeObject(item as Record<string, unknown>, node.children, path, subject, null, undefined));
    return subject;
  };

  /**
   * The rules that allowed a value, where that depends on its record: for a field decided on the
   * record, those that held for it (RequestPolicy.allowedOnRecords, by its path — an item's, or
   * the field's when decided whole); below such a value, a rule named above counts only if it
   * held there (`held`). Undefined where the plan's rules are the same for every value.
   */
  const rulesAt = (
    node: PlanNode,
    held: readonly CompiledRule[] | undefined,
    /** The value's path is `{ prev, key }` (made only if needed); `whole`, the list's, when the value is an item of one. */
    prev: Path,
    key: string | number,
    whole?: Path,
  ): readonly CompiledRule[] | undefined => {
    const decision = node.decision;
    if (decision?.kind === 'conditional') {
      // One rule alone: a value shown is one it allowed.
      if (decision.conditionalAllows.length === 1) return decision.conditionalAllows;
      const rules = allowedOnRecords.get(pathKeyOf({ prev, key })) ?? (whole && allowedOnRecords.get(pathKeyOf(whole)));
      return rules ?? NO_RULES;
    }
    if (decision?.kind === 'allow' && inheritsRecordRules(decision))
      return decision.allowedBy.filter((rule) => rule.conditions.length === 0 || held?.includes(rule) === true);
    return undefined;
  };

  const shapeObject = (
    object: Record<string, unknown>,
    planNodes: PlanNode[],
    path: Path,
    subject: Subject,
    named: Named,
    held: readonly CompiledRule[] | undefined,
  ): Pending => {
    const pending: Pending = { content: false };
    let hidden = false;
    for (const node of planNodes) {
      const key = node.responseKey;
      if (node.hidden) {
        hidden = true;
        continue;
      }
      if (node.nothingAsked) {
        object[key] = null;
        continue;
      }
      if (node.withheld) {
        object[key] = null;
        const error = forbidden(node.withheld);
        (pending.errors ??= []).push(new GraphQLError(error.message, { path: toArray({ prev: path, key }), extensions: error.extensions }));
        if (node.owner && node.scope !== 'public') {
          const controller = controllerOf(node.owner, named);
          (pending.withheld ??= []).push({ subject, owner: node.owner, controller, coordinate: node.coordinate, withheld: node.withheld });
        }
        continue;
      }
      const value = object[key];
      // A leaf's path is needed only where some value was signposted: the rest are made below, where needed.
      const signpost = signposts.size > 0 ? signposts.get(pathKeyOf({ prev: path, key })) : undefined;
      if (signpost) {
        // The agreement chose to say that a rule withheld this (docs/policy.md §5): the telling is
        // content, so the record holding it is kept, and it is disclosed under that rule.
        const error = forbidden(signpost.withheld);
        (pending.errors ??= []).push(new GraphQLError(error.message, { path: toArray({ prev: path, key }), extensions: error.extensions }));
        pending.content = true;
        if (node.owner && options.account) {
          owners.add(node.owner);
          const controllers = signpost.controllers?.map((c) => controllerOf(node.owner!, c)) ?? [controllerOf(node.owner, named)];
          for (const controller of new Set(controllers)) disclosureFor(subject, node.owner, controller).rules.add(signpost.signpost!.rule);
        }
        continue;
      }
      if (node.subjectType) {
        const at: Path = { prev: path, key };
        const reached = Array.isArray(value)
          ? value.map((item, i) => shapeSubject(item, node, { prev: at, key: i }, pending))
          : [shapeSubject(value, node, at, pending)];
        if (!node.link) continue;
        if (Array.isArray(value) && value.length === 0) object[key] = null;
        else if (value !== null && value !== undefined) {
          pending.content = true;
          // The link is also the linked subject's data (who lives where, whose landlord someone
          // is): each person or property it reaches gets the record too, so their subject access
          // and `recipientsOf` see it.
          // Who each one is was read from the gateway's own key before shaping removed it: never from
          // what the client named `id` or `uprn` (an alias can put anything there).
          // The rules that allowed each one: decided item by item, or the link as a whole.
          reached.forEach((linked, i) => {
            const rules = Array.isArray(value) ? rulesAt(node, held, at, i, at) : rulesAt(node, held, path, key);
            disclose(subject, node, named, rules);
            if (linked) disclose(linked, node, named, rules);
          });
        }
        continue;
      }
      if (value === null || value === undefined) continue;
      if (node.scope === 'public' || node.scope === 'gateway') {
        removeHidden(value, node.children);
        continue;
      }
      if (node.structural) {
        // `stats` echoes its period: what is below it is shaped, but it is not content itself.
        if (node.composite)
          for (const item of Array.isArray(value) ? value : [value])
            commit(pending, shapeObject(item, node.children, { prev: path, key }, subject, named, held));
        continue;
      }
      if (!node.composite) {
        if (Array.isArray(value) && value.length === 0) {
          object[key] = null;
          continue;
        }
        pending.content = true;
        disclose(subject, node, named, rulesAt(node, held, path, key));
        continue;
      }
      // Statistics are controlled counts, not a subject's record: shown as they are.
      const collapse = node.scope === 'subject';
      const at: Path = { prev: path, key };
      const list = Array.isArray(value);
      const items: unknown[] = list ? value : [value];
      const kept: unknown[] = [];
      for (let i = 0; i < items.length; i++) {
        const item = items[i];
        if (item === null || typeof item !== 'object') continue;
        const itemPath: Path = list ? { prev: at, key: i } : at;
        // Read before shaping: the shaper removes the hidden fact with the other hidden fields.
        const itemNamed = node.controllerFact ? namedController(item, node.controllerFact) : named;
        if (node.controllerFact) namedByPath.set(pathKeyOf(itemPath), itemNamed);
        // Decided item by item, or the field as a whole.
        const rules = list ? rulesAt(node, held, at, i, at) : rulesAt(node, held, path, key);
        const inner = shapeObject(item as Record<string, unknown>, node.children, itemPath, subject, itemNamed, rules ?? held);
        if (collapse && !inner.content) continue;
        commit(pending, inner);
        kept.push(item);
        // The field holding a kept object is that object's data (its controller's, by the rules that allowed it).
        disclose(subject, node, itemNamed, rules);
      }
      if (list) {
        if (kept.length !== items.length) reindexed.add(pathKeyOf(at));
        object[key] = kept.length > 0 ? kept : null;
      } else if (kept.length === 0) object[key] = null;
      if (kept.length > 0) pending.content = true;
    }
    if (hidden) deleteHidden(object, planNodes);
    return pending;
  };

  const root: Pending = { content: true };
  if (result.data) commit(root, shapeObject(result.data as Record<string, unknown>, nodes, undefined, NO_SUBJECT, null, undefined));

  if (options.account) {
    for (const w of root.withheld ?? []) disclosureFor(w.subject, w.owner, w.controller).withheld.set(w.coordinate, w.withheld);
    for (const w of withheldOnRecords) {
      if (!w.owner) continue;
      const subject = (w.subjectPath !== undefined ? subjectsByPath.get(w.subjectPath) : undefined) ?? NO_SUBJECT;
      for (const controller of controllersOfWithholding(w, w.owner))
        disclosureFor(subject, w.owner, controller).withheld.set(w.coordinate, w.withheld);
    }
  }

  const data = result.data as Record<string, unknown> | null | undefined;
  const executionErrors = repath(spreadUnavailable(result.errors ?? [], data, nodes), data, reindexed);
  const errors = [...executionErrors, ...(root.errors ?? [])];
  const { errors: _executed, ...rest } = result;
  return {
    result: errors.length > 0 ? { ...rest, errors } : rest,
    disclosures: [...disclosures.values()],
    owners,
  };
}

/**
 * A partner that did not answer is reported where its fields would have been: an error the
 * stitching runtime pinned on a whole object (a root query several partners serve) becomes one
 * error at each field of that partner the client asked for there, so a client sees which parts
 * are missing and nothing else is blamed.
 */
function spreadUnavailable(
  errors: readonly GraphQLError[],
  data: Record<string, unknown> | null | undefined,
  nodes: PlanNode[],
): GraphQLError[] {
  return errors.flatMap((error) => {
    const subgraph = error.extensions.code === 'SUBGRAPH_UNAVAILABLE' ? error.extensions.subgraph : undefined;
    if (typeof subgraph !== 'string' || !error.path || !data) return [error];
    const node = nodeAtPath(nodes, error.path);
    const value = valueAtPath(data, error.path);
    const fields = (node?.children ?? []).filter((c) => !c.hidden && !c.structural && c.owner === subgraph);
    if (!node || fields.length === 0 || value === null || typeof value !== 'object') return [error];
    const items = Array.isArray(value) ? value.map((_, i) => [...error.path!, i]) : [[...error.path!]];
    return items.flatMap((at) =>
      fields.map((f) => new GraphQLError(error.message, { path: [...at, f.responseKey], extensions: error.extensions })),
    );
  });
}

function nodeAtPath(nodes: PlanNode[], path: readonly (string | number)[]): PlanNode | undefined {
  let level = nodes;
  let found: PlanNode | undefined;
  for (const key of path) {
    if (typeof key === 'number') continue;
    found = level.find((n) => n.responseKey === key);
    if (!found) return undefined;
    level = found.children;
  }
  return found;
}

function valueAtPath(data: Record<string, unknown>, path: readonly (string | number)[]): unknown {
  let value: unknown = data;
  for (const key of path)
    value = value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[key] : undefined;
  return value;
}

/** Removes hidden fields below a value the policy does not shape (the directory, the gateway's own). */
function removeHidden(value: unknown, nodes: PlanNode[]): void {
  if (value === null || typeof value !== 'object' || nodes.length === 0) return;
  if (Array.isArray(value)) {
    for (const item of value) removeHidden(item, nodes);
    return;
  }
  const object = value as Record<string, unknown>;
  for (const node of nodes) if (!node.hidden && node.children.length > 0) removeHidden(object[node.responseKey], node.children);
  deleteHidden(object, nodes);
}

/**
 * Deletes an object's hidden fields, last first. The plan asks them after the client's fields,
 * so each is the object's last property when deleted, which V8 undoes in place; deleting any
 * other property turns the object into a slow dictionary (slower to shape and to serialise).
 */
function deleteHidden(object: Record<string, unknown>, nodes: readonly PlanNode[]): void {
  for (let i = nodes.length - 1; i >= 0; i--) if (nodes[i]!.hidden) delete object[nodes[i]!.responseKey];
}

/**
 * Execution errors (a partner that did not answer, say) keep their place only as far as the
 * shaped response still has it: a path through an object the shaper made null, or a list it took
 * items out of, is cut there, so an error never points inside what looks absent. Errors inside
 * the gateway's hidden fields concern nothing the client asked for (their conditions failed closed).
 */
function repath(
  errors: readonly GraphQLError[],
  data: Record<string, unknown> | null | undefined,
  reindexed: ReadonlySet<string>,
): GraphQLError[] {
  const seen = new Set<string>();
  const out: GraphQLError[] = [];
  for (const original of errors) {
    const hiddenAt = original.path?.findIndex((key) => typeof key === 'string' && isHiddenAlias(key)) ?? -1;
    // A partner that did not answer for the gateway's own facts left a decision undecidable: say so
    // on the object the facts were for. Any other error inside a hidden field concerns nothing asked.
    if (hiddenAt >= 0 && original.extensions.code !== 'SUBGRAPH_UNAVAILABLE') continue;
    const error =
      hiddenAt >= 0
        ? new GraphQLError(original.message, { path: original.path!.slice(0, hiddenAt), extensions: original.extensions })
        : original;
    if (!error.path || !data) {
      out.push(error);
      continue;
    }
    const kept: (string | number)[] = [];
    let value: unknown = data;
    for (const key of error.path) {
      if (typeof key === 'number' && reindexed.has(kept.join('.'))) break;
      kept.push(key);
      value = value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[key] : undefined;
      if (value === null || value === undefined) break;
    }
    const identity = `${kept.join('.')}\u0000${error.message}`;
    if (seen.has(identity)) continue;
    seen.add(identity);
    out.push(kept.length === error.path.length ? error : new GraphQLError(error.message, { path: kept, extensions: error.extensions }));
  }
  return out;
}

function toArray(path: Path): (string | number)[] {
  const keys: (string | number)[] = [];
  for (let p = path; p; p = p.prev) keys.push(p.key);
  return keys.reverse();
}

function pathKeyOf(path: Path): string {
  return toArray(path).join('.');
}

/**
 * The key the plan added under a hidden alias (hidden-fields.ts), and only that: the client's own
 * `id` or `uprn` may be an alias of anything. Without the gateway's key the subject is unknown (null).
 */
function subjectOf(type: SubjectType, object: Record<string, unknown>): Subject {
  const id = type === 'Person' ? object[SUBJECT_KEY.alias] : object[LOCATION_KEY.alias];
  return { type, id: typeof id === 'string' ? id : null };
}

const NO_RULES: readonly CompiledRule[] = [];

/** Decisions are made once per plan and met per value: whether one allows by a rule decided above, worked out once. */
const inheriting = new WeakMap<FieldDecision, boolean>();

/** An allow by a rule with record conditions named above (decided there, on that record): it counts only where it held. */
function inheritsRecordRules(decision: Extract<FieldDecision, { kind: 'allow' }>): boolean {
  let answer = inheriting.get(decision);
  if (answer === undefined) {
    answer = decision.allowedBy.some((rule) => rule.conditions.length > 0);
    inheriting.set(decision, answer);
  }
  return answer;
}
