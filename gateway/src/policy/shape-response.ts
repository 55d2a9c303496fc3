import type { SubgraphName } from '@hub/shared';
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { CompiledRule } from './compiled-policy';
import { allowingRules, type Withheld } from './field-decision';
import { isHiddenAlias } from './hidden-fields';
import type { PlanNode } from './plan-operation';
import type { RecordWithholding } from './request-policy';
import { forbidden } from './request-policy';
import type { SubjectType } from './subjects';

/** What left in a response, per subject and owner: the raw material of the disclosure log. */
export interface Disclosure {
  subjectType: SubjectType | null;
  subjectId: string | null;
  owner: SubgraphName;
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
  /** This subject's disclosures by owner, so that each disclosed field finds its record without building a key. */
  byOwner?: Map<SubgraphName, Disclosure>;
}
const NO_SUBJECT: Subject = { type: null, id: null };

type Path = { prev: Path; key: string | number } | undefined;

/** What an object's fields produced, kept only if the object itself is kept. */
interface Pending {
  content: boolean;
  errors: GraphQLError[];
  withheld: { subject: Subject; owner: SubgraphName; coordinate: string; withheld: Withheld }[];
}

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
  withheldOnRecords: readonly RecordWithholding[],
  options: { account: boolean } = { account: true },
): ShapedResponse {
  const disclosures = new Map<string, Disclosure>();
  const owners = new Set<SubgraphName>();
  const subjectsByPath = new Map<string, Subject>();
  /** Lists whose items the shaper removed: positions inside them no longer match execution's. */
  const reindexed = new Set<string>();

  const disclosureFor = (subject: Subject, owner: SubgraphName): Disclosure => {
    const known = subject.byOwner?.get(owner);
    if (known) return known;
    // The same subject may be reached by several paths (several Subject objects): one record each per owner.
    const key = `${subject.type}\u0000${subject.id}\u0000${owner}`;
    let disclosure = disclosures.get(key);
    if (!disclosure) {
      disclosure = { subjectType: subject.type, subjectId: subject.id, owner, rules: new Set(), fields: new Set(), withheld: new Map() };
      disclosures.set(key, disclosure);
    }
    if (subject !== NO_SUBJECT) (subject.byOwner ??= new Map()).set(owner, disclosure);
    return disclosure;
  };

  const disclose = (subject: Subject, node: PlanNode) => {
    if (!node.owner) return;
    owners.add(node.owner);
    // Without a log (only in benchmarks) there is nobody to account to.
    if (!options.account) return;
    const disclosure = disclosureFor(subject, node.owner);
    disclosure.fields.add(node.coordinate);
    for (const rule of allowingRules(node.decision)) disclosure.rules.add(rule);
  };

  const commit = (into: Pending, from: Pending) => {
    into.errors.push(...from.errors);
    into.withheld.push(...from.withheld);
  };

  const shapeSubject = (item: unknown, node: PlanNode, path: Path, into: Pending) => {
    if (item === null || typeof item !== 'object') return;
    const subject = subjectOf(node.subjectType!, item as Record<string, unknown>);
    subjectsByPath.set(pathKeyOf(path), subject);
    // A subject's object is always kept: the client named it, or a link rule shared it.
    commit(into, shapeObject(item as Record<string, unknown>, node.children, path, subject));
  };

  const shapeObject = (object: Record<string, unknown>, planNodes: PlanNode[], path: Path, subject: Subject): Pending => {
    const pending: Pending = { content: false, errors: [], withheld: [] };
    for (const node of planNodes) {
      const key = node.responseKey;
      const at: Path = { prev: path, key };
      if (node.hidden) {
        delete object[key];
        continue;
      }
      if (node.withheld) {
        object[key] = null;
        const error = forbidden(node.withheld);
        pending.errors.push(new GraphQLError(error.message, { path: toArray(at), extensions: error.extensions }));
        if (node.owner && node.scope !== 'public')
          pending.withheld.push({ subject, owner: node.owner, coordinate: node.coordinate, withheld: node.withheld });
        continue;
      }
      const value = object[key];
      if (node.subjectType) {
        if (Array.isArray(value)) value.forEach((item, i) => shapeSubject(item, node, { prev: at, key: i }, pending));
        else shapeSubject(value, node, at, pending);
        if (!node.link) continue;
        if (Array.isArray(value) && value.length === 0) object[key] = null;
        else if (value !== null && value !== undefined) {
          pending.content = true;
          disclose(subject, node);
          // The link is also the linked subject's data (who lives where, whose landlord someone
          // is): each person or property it reaches gets the record too, so their subject access
          // and `recipientsOf` see it.
          for (const item of Array.isArray(value) ? value : [value]) {
            if (item !== null && typeof item === 'object') disclose(subjectOf(node.subjectType, item as Record<string, unknown>), node);
          }
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
          for (const item of Array.isArray(value) ? value : [value]) commit(pending, shapeObject(item, node.children, at, subject));
        continue;
      }
      if (!node.composite) {
        if (Array.isArray(value) && value.length === 0) {
          object[key] = null;
          continue;
        }
        pending.content = true;
        disclose(subject, node);
        continue;
      }
      // Statistics are controlled counts, not a subject's record: shown as they are.
      const collapse = node.scope === 'subject';
      const items = Array.isArray(value) ? value : [value];
      const kept: unknown[] = [];
      items.forEach((item, i) => {
        if (item === null || typeof item !== 'object') return;
        const inner = shapeObject(
          item as Record<string, unknown>,
          node.children,
          Array.isArray(value) ? { prev: at, key: i } : at,
          subject,
        );
        if (collapse && !inner.content) return;
        commit(pending, inner);
        kept.push(item);
      });
      if (Array.isArray(value)) {
        if (kept.length !== value.length) reindexed.add(pathKeyOf(at));
        object[key] = kept.length > 0 ? kept : null;
      } else if (kept.length === 0) object[key] = null;
      if (kept.length > 0) {
        pending.content = true;
        disclose(subject, node);
      }
    }
    return pending;
  };

  const root: Pending = { content: true, errors: [], withheld: [] };
  if (result.data) commit(root, shapeObject(result.data as Record<string, unknown>, nodes, undefined, NO_SUBJECT));

  if (options.account) {
    for (const w of root.withheld) disclosureFor(w.subject, w.owner).withheld.set(w.coordinate, w.withheld);
    for (const w of withheldOnRecords) {
      if (!w.owner) continue;
      const subject = (w.subjectPath !== undefined ? subjectsByPath.get(w.subjectPath) : undefined) ?? NO_SUBJECT;
      disclosureFor(subject, w.owner).withheld.set(w.coordinate, w.withheld);
    }
  }

  const data = result.data as Record<string, unknown> | null | undefined;
  const executionErrors = repath(spreadUnavailable(result.errors ?? [], data, nodes), data, reindexed);
  const errors = [...executionErrors, ...root.errors];
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
  for (const node of nodes) {
    if (node.hidden) delete object[node.responseKey];
    else if (node.children.length > 0) removeHidden(object[node.responseKey], node.children);
  }
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

/** The key the plan added under a hidden alias (the client may not have asked for it). */
function subjectOf(type: SubjectType, object: Record<string, unknown>): Subject {
  const id = type === 'Person' ? (object.__hub_id ?? object.id) : (object.__hub_uprn ?? object.uprn);
  return { type, id: typeof id === 'string' ? id : null };
}
