import type { SubgraphName } from '@hub/shared';
import type { Requester } from '../hub-request';

/** A field the gateway adds to what it asks a subgraph, so a condition can be decided on it. */
export interface HiddenField {
  /** Starts with `__hub_`: the client may not use the prefix, and the response never carries it. */
  alias: string;
  /** GraphQL text relative to the object the condition is decided on, e.g. `police { isChild }`. */
  selection: string;
}

/**
 * Where a condition is decided (docs/policy.md §6):
 * - `item`: on each item of the list field the rule names (the list keeps the items that pass);
 * - `parent`: on the record that holds the field the rule names;
 * - `subject`: on facts about the subject (a Person) the field belongs to, fetched beside the data.
 */
export type ConditionScope = 'item' | 'parent' | 'subject';

/** What a condition may look at. Every object carries the facts the condition asked for. */
export interface ConditionInput {
  requester: Requester;
  /** The partner whose data the rule releases (the rule's `owner`); undefined for a rule without one. */
  owner: SubgraphName | undefined;
  /** The list item being decided (item scope only). */
  item?: Record<string, unknown>;
  /** The record holding the field. */
  parent: Record<string, unknown>;
  /** The enclosing Person with its facts; undefined outside a Person. */
  subject?: Record<string, unknown>;
  /** Notes that must travel with the data (3x5x2 code C conditions). */
  note(text: string): void;
}

/**
 * One record condition of the agreements' vocabulary. Each lives in its own
 * `*.condition.ts` file in this folder; the YAML vocabulary, its validation, the facts the planner
 * adds, the explanations and the notices are all derived from these declarations.
 */
export interface RecordCondition {
  /** The name the agreement files use in `when`. */
  name: string;
  /** In words, for notices and explanations: what holds when the condition holds. */
  description: string;
  scope: ConditionScope;
  /**
   * The types it is decided on: the list's item types (item), the types of the record holding
   * the field (parent), or `Person` (subject). A rule naming a field elsewhere fails to load.
   */
  decidedOn: readonly string[];
  /** The facts it reads; for `subject`, they may differ by the owner of the rule's data. */
  facts(owner: SubgraphName | undefined): readonly HiddenField[];
  /**
   * True or false when the facts say; undefined when they do not (missing, null, unreadable).
   * The engine turns undefined into the answer that shares less: an allow does not hold, a
   * deny does. Conditions never decide fail-closed themselves, so none can get it backwards.
   */
  decide(input: ConditionInput): boolean | undefined;
}

/** Declares a condition: one call per `*.condition.ts` file, as its default export. */
export function defineCondition(condition: RecordCondition): RecordCondition {
  for (const fact of condition.facts(undefined)) assertHiddenAlias(condition.name, fact);
  return condition;
}

function assertHiddenAlias(name: string, fact: HiddenField): void {
  if (!fact.alias.startsWith('__hub_')) throw new Error(`condition ${name}: fact alias ${fact.alias} must start with __hub_`);
}

/** Reads a nested fact, treating anything but a plain object as unknown. */
export function objectAt(value: unknown, key: string): Record<string, unknown> | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const inner = (value as Record<string, unknown>)[key];
  return inner !== null && typeof inner === 'object' && !Array.isArray(inner) ? (inner as Record<string, unknown>) : undefined;
}

/** A list fact: undefined when it is not a list (unknown), the list otherwise. */
export function listAt(value: Record<string, unknown> | undefined, key: string): unknown[] | undefined {
  const inner = value?.[key];
  return Array.isArray(inner) ? inner : undefined;
}
