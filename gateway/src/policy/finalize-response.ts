import type { SubgraphName } from '@hub/shared';
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { CompiledRule } from './compiled-policy';
import type { FieldDecision, Withheld } from './field-decision';
import { isHiddenAlias } from './hidden-fields';
import type { PlanNode } from './plan-operation';
import { forbidden } from './request-policy';

/** What left in a response, per subject and owner: the raw material of the disclosure log. */
export interface Disclosure {
  subjectType: 'Person' | 'Location' | null;
  subjectId: string | null;
  owner: SubgraphName;
  /** The rules that allowed the disclosed fields. */
  rules: Set<CompiledRule>;
  /** Coordinates that carried a non-null value. */
  fields: Set<string>;
  /** Coordinates withheld before execution, with why. */
  withheld: Map<string, Withheld>;
}

export interface FinalizedResponse {
  result: ExecutionResult;
  disclosures: Disclosure[];
  /** Owners whose personal data the response carries. */
  owners: Set<SubgraphName>;
}

/**
 * Shapes the executed result into what the client receives: each field withheld before
 * execution becomes null with a FORBIDDEN error at its path (only where its parent exists, so
 * nothing reveals a record the client could not see), the gateway's hidden fields are removed,
 * and every personal value that remains is accounted for by subject and owner.
 */
export function finalizeResponse(
  result: ExecutionResult,
  nodes: PlanNode[],
  options: { account: boolean } = { account: true },
): FinalizedResponse {
  const errors: GraphQLError[] = [];
  const disclosures = new Map<string, Disclosure>();
  const owners = new Set<SubgraphName>();

  const disclosureFor = (subject: Subject, owner: SubgraphName): Disclosure => {
    const key = `${subject.type}\u0000${subject.id}\u0000${owner}`;
    let disclosure = disclosures.get(key);
    if (!disclosure) {
      disclosure = { subjectType: subject.type, subjectId: subject.id, owner, rules: new Set(), fields: new Set(), withheld: new Map() };
      disclosures.set(key, disclosure);
    }
    return disclosure;
  };

  // Paths are linked lists, made into arrays only for the few errors that need one.
  const walk = (value: unknown, planNodes: PlanNode[], path: Path, subjectId: Subject): void => {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, planNodes, { prev: path, key: index }, subjectId));
      return;
    }
    const object = value as Record<string, unknown>;
    for (const node of planNodes) {
      const key = node.responseKey;
      if (node.hidden) {
        delete object[key];
        continue;
      }
      if (node.withheld) {
        object[key] = null;
        const error = forbidden(node.withheld);
        errors.push(new GraphQLError(error.message, { path: toArray({ prev: path, key }), extensions: error.extensions }));
        if (node.owner) disclosureFor(subjectId, node.owner).withheld.set(node.coordinate, node.withheld);
        continue;
      }
      const child = object[key];
      // An empty list carries nothing (it may be what is left after items were withheld).
      if (child === null || child === undefined || (Array.isArray(child) && child.length === 0)) continue;
      if (!node.subjectType) {
        if (node.personal && node.owner) record(subjectId, node);
        if (node.children.length > 0) walk(child, node.children, { prev: path, key }, subjectId);
        continue;
      }
      // A subject (Person) or property (Location): what lies below is about it, not the enclosing one.
      const subjects = Array.isArray(child) ? child : [child];
      subjects.forEach((item, index) => {
        const itemPath: Path = Array.isArray(child) ? { prev: { prev: path, key }, key: index } : { prev: path, key };
        if (item === null || item === undefined) return;
        const subject = subjectOf(node.subjectType!, item);
        if (node.personal && node.owner) record(subject, node);
        walk(item, node.children, itemPath, subject);
      });
    }
  };

  const record = (subject: Subject, node: PlanNode) => {
    owners.add(node.owner!);
    // Without a log (only in benchmarks) there is nobody to account to.
    if (!options.account) return;
    const disclosure = disclosureFor(subject, node.owner!);
    disclosure.fields.add(node.coordinate);
    for (const rule of allowingRules(node.decision)) disclosure.rules.add(rule);
  };

  if (result.data) walk(result.data, nodes, undefined, NO_SUBJECT);
  // Errors inside the gateway's own hidden fields concern nothing the client asked for; the
  // conditions that needed those facts have already failed closed.
  const visible = (result.errors ?? []).filter((e) => !e.path?.some((key) => typeof key === 'string' && isHiddenAlias(key)));
  const allErrors = [...visible, ...errors];
  return {
    result: { ...result, ...(allErrors.length > 0 ? { errors: allErrors } : {}) },
    disclosures: [...disclosures.values()],
    owners,
  };
}

type Path = { prev: Path; key: string | number } | undefined;

function toArray(path: Path): (string | number)[] {
  const keys: (string | number)[] = [];
  for (let p = path; p; p = p.prev) keys.push(p.key);
  return keys.reverse();
}

interface Subject {
  type: 'Person' | 'Location' | null;
  id: string | null;
}
const NO_SUBJECT: Subject = { type: null, id: null };

/** The key the plan added under a hidden alias (the client may not have asked for it). */
function subjectOf(type: 'Person' | 'Location', value: unknown): Subject {
  const object = value as Record<string, unknown> | null;
  const id = type === 'Person' ? (object?.__hub_id ?? object?.id) : (object?.__hub_uprn ?? object?.uprn);
  return { type, id: typeof id === 'string' ? id : null };
}

function allowingRules(decision: FieldDecision | undefined): CompiledRule[] {
  if (decision?.kind === 'allow') return decision.allowedBy;
  if (decision?.kind === 'conditional') return decision.conditionalAllows;
  return [];
}
