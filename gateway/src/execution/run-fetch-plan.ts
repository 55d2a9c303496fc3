import { requestLogger, SubgraphUnavailableError } from '@hub/shared';
import { GraphQLError, Kind, type FieldNode, type SelectionNode } from 'graphql';
import type { EntityFetch, FetchPlan } from './fetch-plan';
import { expandAnswer } from './wire-selections';

/** A subgraph's answer, as sent. */
export interface SubgraphAnswer {
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** Asks one subgraph; rejects with the error its part of the response should show when the partner did not answer. */
export type AskSubgraph = (subgraph: string, query: string, variables: Record<string, unknown>) => Promise<SubgraphAnswer>;

type Entity = Record<string, unknown>;

/**
 * Runs a fetch plan: the root calls at once, then the entity calls level by level, one call per
 * subgraph per level however many entities (the gateway's side of "no N+1"). Answers are merged
 * into one tree keyed by response key; an error a partner reported, or a partner that did not
 * answer, is put in the tree where its value would have been, so that executing the operation over
 * the tree reports it at that path, as the stitched executor does.
 */
export async function runFetchPlan(
  plan: FetchPlan,
  variables: Record<string, unknown>,
  ask: AskSubgraph,
): Promise<{ data: Entity; errors: GraphQLError[] }> {
  const data: Entity = {};
  const loose: GraphQLError[] = [];
  const answers = await Promise.all(plan.roots.map((root) => settle(ask(root.subgraph, root.query, pick(variables, root.variables)))));
  // Merged first, so that errors and missing parts are placed on the whole tree. A partner whose
  // answer names other subjects than the others' at the same places is not merged at all.
  answers.forEach((answer, i) => {
    if (!answer.ok || !answer.value.data) return;
    const root = plan.roots[i]!;
    // Expanded first (each field the gateway repeats was asked once), so the checks see the whole answer.
    if (expandAnswer(answer.value.data, root.expansion) && answersAsAsked(data, answer.value.data, root.selections))
      mergeInto(data, answer.value.data);
    else answers[i] = { ok: false, error: misplaced(root.subgraph) };
  });
  let wave: { fetch: EntityFetch; anchors: Entity[] }[] = [];
  answers.forEach((answer, i) => {
    const root = plan.roots[i]!;
    if (!answer.ok) {
      for (const supplied of root.supplies) {
        if (data[supplied.responseKey] == null || supplied.fields.length === 0) setMissing(data, supplied.responseKey, answer.error);
        else
          for (const object of objectsAt([data], [supplied.responseKey]))
            for (const key of supplied.fields) setMissing(object, key, answer.error);
      }
      return;
    }
    for (const error of answer.value.errors ?? []) place(data, error.path ?? [], toError(error), loose);
    wave.push(...root.entities.map((fetch) => ({ fetch, anchors: [data] })));
  });

  while (wave.length > 0) {
    const next: typeof wave = [];
    const bySubgraph = new Map<string, Batch[]>();
    for (const { fetch, anchors } of wave) {
      const batch = batchFor(fetch, objectsAt(anchors, fetch.path));
      if (!batch) continue;
      let batches = bySubgraph.get(fetch.subgraph);
      if (!batches) bySubgraph.set(fetch.subgraph, (batches = []));
      batches.push(batch);
    }
    await Promise.all(
      [...bySubgraph].map(async ([subgraph, batches]) => {
        const answer = await settle(ask(subgraph, entitiesQuery(batches, plan.operationName), entitiesVariables(batches, variables)));
        batches.forEach((batch, b) => {
          if (!answer.ok) {
            for (const target of batch.groups.flat()) for (const key of batch.fetch.fields) setMissing(target, key, answer.error);
            return;
          }
          const found = answer.value.data?.[`_e${b}`];
          batch.groups.forEach((targets, j) => {
            const entity = Array.isArray(found) ? (found[j] as Entity | null) : undefined;
            if (!entity || typeof entity !== 'object') return;
            // An entity answered for another key than the one asked is not merged: its fields show the partner's error.
            if (!expandAnswer(entity, batch.fetch.expansion) || entity[batch.fetch.keyAlias] !== batch.keys[j]) {
              for (const target of targets) for (const key of batch.fetch.fields) setMissing(target, key, misplaced(subgraph));
              return;
            }
            for (const target of targets) {
              if (answersAsAsked(target, entity, batch.fetch.selections)) Object.assign(target, entity);
              else for (const key of batch.fetch.fields) setMissing(target, key, misplaced(subgraph));
            }
          });
          const all = batch.groups.flat();
          next.push(...batch.fetch.entities.map((fetch) => ({ fetch, anchors: all })));
        });
        if (!answer.ok) return;
        for (const error of answer.value.errors ?? []) {
          const [alias, index, ...rest] = error.path ?? [];
          const batch = typeof alias === 'string' && /^_e\d+$/.test(alias) ? batches[Number(alias.slice(2))] : undefined;
          const targets = batch && typeof index === 'number' ? batch.groups[index] : undefined;
          if (!batch || !targets) {
            // An error about the call as a whole: every field it was to supply shows it.
            for (const each of batches)
              for (const target of each.groups.flat()) for (const key of each.fetch.fields) setMissing(target, key, toError(error));
            continue;
          }
          if (rest.length === 0) {
            for (const target of targets) for (const key of batch.fetch.fields) setMissing(target, key, toError(error));
            continue;
          }
          for (const target of targets) place(target, rest, toError(error), loose);
        }
      }),
    );
    wave = next;
  }
  return { data, errors: loose };
}

/** The entities of one entity fetch, one representation per distinct key (each answered once, placed in every object with that key). */
interface Batch {
  fetch: EntityFetch;
  keys: unknown[];
  groups: Entity[][];
}

function batchFor(fetch: EntityFetch, targets: Entity[]): Batch | undefined {
  const byKey = new Map<unknown, Entity[]>();
  for (const target of targets) {
    const key = target[fetch.keyAlias];
    // Without its key an entity cannot be fetched: its other fields stay null, as they would be if the partner held nothing.
    if (key == null || typeof key === 'object') continue;
    const group = byKey.get(key);
    if (group) group.push(target);
    else byKey.set(key, [target]);
  }
  if (byKey.size === 0) return undefined;
  return { fetch, keys: [...byKey.keys()], groups: [...byKey.values()] };
}

function entitiesQuery(batches: Batch[], operationName: string | undefined): string {
  const variables = new Set<string>();
  const definitions: string[] = [];
  const fields: string[] = [];
  batches.forEach((batch, b) => {
    definitions.push(`$r${b}: [_Any!]!`);
    fields.push(`_e${b}: _entities(representations: $r${b}) { ${batch.fetch.selection} }`);
    for (const name of batch.fetch.variables) variables.add(name);
  });
  for (const name of variables) definitions.push(batches.find((b) => b.fetch.variables.includes(name))!.fetch.variableDefinitions[name]!);
  return `query ${operationName ?? ''}(${definitions.join(', ')}) { ${fields.join(' ')} }`;
}

function entitiesVariables(batches: Batch[], variables: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  batches.forEach((batch, b) => {
    values[`r${b}`] = batch.keys.map((key) => ({ __typename: batch.fetch.typeName, [batch.fetch.keyField]: key }));
    for (const name of batch.fetch.variables) if (Object.hasOwn(variables, name)) values[name] = variables[name];
  });
  return values;
}

/** The objects reached from the anchors by response keys, through lists; nulls and errors end a branch. */
function objectsAt(anchors: readonly Entity[], path: readonly string[]): Entity[] {
  let current: unknown[] = [...anchors];
  for (const key of path) {
    const next: unknown[] = [];
    for (const object of current) flattenInto(next, (object as Entity)[key]);
    current = next;
  }
  return current as Entity[];
}

function flattenInto(into: unknown[], value: unknown): void {
  if (Array.isArray(value)) for (const item of value) flattenInto(into, item);
  else if (value !== null && typeof value === 'object' && !(value instanceof Error)) into.push(value);
}

/**
 * Deep merge of one partner's answer into the tree: objects field by field, lists item by item
 * (every partner answers a shared root field in the order asked).
 */
function mergeInto(target: Entity, source: Entity): void {
  for (const key of Object.keys(source)) {
    const value = source[key];
    // Never through `__proto__` or any inherited property: the planner refuses such keys, and a
    // merge must not write a prototype (every object's, for `{}`) even if one got through.
    if (key === '__proto__') continue;
    const existing = Object.hasOwn(target, key) ? target[key] : undefined;
    if (existing == null || value == null || typeof value !== 'object' || typeof existing !== 'object') {
      if (existing == null) target[key] = value;
      continue;
    }
    if (Array.isArray(existing) && Array.isArray(value)) {
      value.forEach((item, i) => {
        if (existing[i] == null) existing[i] = item;
        else if (item !== null && typeof item === 'object' && typeof existing[i] === 'object')
          mergeInto(existing[i] as Entity, item as Entity);
      });
    } else if (!Array.isArray(existing) && !Array.isArray(value)) {
      mergeInto(existing as Entity, value as Entity);
    }
  }
}

/** The keys naming what an object is about: the subject, the property, an entity's key. */
const IDENTITY = /^__hub_(id|uprn|key_\w+)$/;

/**
 * Whether a partner's answer holds only what it was asked, and merging it into the tree would not
 * put one subject's data on another's object (the keys naming what an object is about disagree).
 * A subgraph never answers a field it was not asked: one that does is not trusted with the rest of
 * its answer either, so another partner's part (`health` in the police's answer) cannot be slipped in.
 */
function answersAsAsked(target: unknown, source: unknown, selections: readonly SelectionNode[]): boolean {
  if (source === null || typeof source !== 'object') return true;
  if (Array.isArray(source))
    return source.every((item, i) => answersAsAsked(Array.isArray(target) ? target[i] : undefined, item, selections));
  const asked = askedFields(selections);
  const existing = target !== null && typeof target === 'object' && !Array.isArray(target) ? (target as Entity) : undefined;
  const object = source as Entity;
  for (const key of Object.keys(object)) {
    const value = object[key];
    const field = asked.get(key);
    if (!field) return false;
    if (existing && key.startsWith('__hub_') && IDENTITY.test(key) && existing[key] !== undefined && existing[key] !== value) return false;
    if (value === null || typeof value !== 'object') continue;
    if (!field.selectionSet) {
      if (!isScalarList(value)) return false;
      continue;
    }
    if (!answersAsAsked(existing?.[key], value, field.selectionSet.selections)) return false;
  }
  return true;
}

/** A list of scalars (or of such lists): a leaf field's value, e.g. `exploitationTypes`. */
function isScalarList(value: unknown): boolean {
  return Array.isArray(value) && value.every((item) => item === null || typeof item !== 'object' || isScalarList(item));
}

/** A selection's fields by response key, worked out once per plan. */
const asked = new WeakMap<readonly SelectionNode[], Map<string, FieldNode>>();
function askedFields(selections: readonly SelectionNode[]): Map<string, FieldNode> {
  let fields = asked.get(selections);
  if (!fields) {
    fields = new Map();
    for (const selection of selections)
      if (selection.kind === Kind.FIELD) fields.set(selection.alias?.value ?? selection.name.value, selection);
    asked.set(selections, fields);
  }
  return fields;
}

/** A partner that answered other than it was asked (other subjects, unasked fields): its part is left out and the incident logged. */
function misplaced(subgraph: string): GraphQLError {
  requestLogger('gateway').error({ subgraph }, 'a partner answered other than it was asked; its part is left out');
  return new SubgraphUnavailableError(subgraph, 'inconsistent');
}

/**
 * Puts an error where the value at `path` would be: at the first missing value along it (a
 * partner that nulled a parent for a non-null child says so at the parent). An error that points
 * nowhere in the tree is reported beside the data.
 */
function place(anchor: unknown, path: readonly (string | number)[], error: GraphQLError, loose: GraphQLError[]): void {
  let parent = anchor as Record<string | number, unknown>;
  for (const [i, key] of path.entries()) {
    const value = parent[key];
    if (value == null) {
      parent[key] = error;
      return;
    }
    if (value instanceof Error) return; // already reported there
    if (i === path.length - 1 || typeof value !== 'object') break;
    parent = value as Record<string | number, unknown>;
  }
  loose.push(error);
}

function setMissing(object: Entity, key: string, error: GraphQLError): void {
  if (object[key] === undefined || object[key] === null) object[key] = error;
}

function toError(error: NonNullable<SubgraphAnswer['errors']>[number]): GraphQLError {
  return new GraphQLError(error.message, { extensions: error.extensions });
}

function pick(variables: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const name of names) if (Object.hasOwn(variables, name)) picked[name] = variables[name];
  return picked;
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: GraphQLError };

async function settle(promise: Promise<SubgraphAnswer>): Promise<Settled<SubgraphAnswer>> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return {
      ok: false,
      error: error instanceof GraphQLError ? error : new GraphQLError('A partner call failed.', { originalError: error as Error }),
    };
  }
}
