import { FIELD_TYPES } from '../gql/field-types';

/**
 * What a hub response says beyond its data (docs/policy.md §5): the parts withheld and why, the
 * record-dependent rules that applied, the handling marking with its onward-disclosure
 * conditions, and the receipt that the view was recorded.
 */

export type PathKey = string | number;

/** A field withheld before execution: FORBIDDEN at its path, with the rule and reason. */
export interface WithheldPart {
  /** Response keys without list positions: `person.health.attendances.clinicalNotes`. */
  at: string;
  /** The schema coordinate the agreement names: `Attendance.clinicalNotes`. */
  coordinate: string | null;
  rule: string;
  agreement: string | null;
  reason: string;
  needed: string | null;
  /** How many items of a list it was withheld from (1 for a single field). */
  occurrences: number;
  /** The lawful next step, where there is one (`extensions.remedy`): ask the owner. */
  remedy?: Remedy;
}

/** `extensions.remedy` of a FORBIDDEN error, and `explainAccess { remedy }`. */
export interface Remedy {
  kind: string;
  owner: string;
}

/**
 * A rule decided on each record (`extensions.policyNotices`, the documented shape): listed for
 * every asked-for field whose verdict depends on record data, whether or not anything was withheld.
 */
export interface PolicyNotice {
  at: string;
  rule: string;
  agreement: string | null;
  effect: 'allow' | 'deny';
  conditions: string[];
  reason: string;
}

export interface Handling {
  marking: string;
  onwardDisclosure: string[];
  conditions: string[];
}

/**
 * `extensions.disclosure`: this response's records are in the disclosure log. A commitment over
 * them (an auditor recomputes it from the request id), never how many there are.
 */
export interface Receipt {
  writerId: string;
  commitment: string;
}

/** An error that is not a withheld field: the request, the log or a partner failed. */
export interface ApiProblem {
  code: string;
  message: string;
  /** The partner service that did not answer (SUBGRAPH_UNAVAILABLE). */
  subgraph: string | null;
  /** Response keys, when the problem is about one part of the answer. */
  at: string | null;
  rule: string | null;
  /** The hub's incident id for a fault it masked (INTERNAL_SERVER_ERROR): what the service desk asks for. */
  incident?: string | null;
}

export interface HubResult {
  withheld: WithheldPart[];
  notices: PolicyNotice[];
  handling: Handling | null;
  receipt: Receipt | null;
  requestId: string | null;
  problems: ApiProblem[];
}

interface GraphQLErrorLike {
  message: string;
  path?: readonly PathKey[] | null;
  extensions?: Record<string, unknown>;
}

interface ResultLike {
  error?: { graphQLErrors?: readonly GraphQLErrorLike[]; networkError?: Error | null; response?: unknown } | null;
  extensions?: Record<string, unknown> | null;
}

export function readHubResult(result: ResultLike): HubResult {
  const withheld = new Map<string, WithheldPart>();
  const problems: ApiProblem[] = [];
  for (const error of result.error?.graphQLErrors ?? []) {
    const ext = error.extensions ?? {};
    const code = typeof ext.code === 'string' ? ext.code : 'INTERNAL_SERVER_ERROR';
    const path = error.path ?? null;
    // A field under a root field withheld by a rule; at the root, the request itself was refused.
    if (code === 'FORBIDDEN' && path && path.length >= 2 && typeof ext.rule === 'string') {
      const at = keysOf(path);
      const key = `${at}|${ext.rule}`;
      const seen = withheld.get(key);
      if (seen) seen.occurrences += 1;
      else
        withheld.set(key, {
          at,
          coordinate: coordinateOf(path),
          rule: ext.rule,
          agreement: typeof ext.agreement === 'string' ? ext.agreement : null,
          reason: typeof ext.reason === 'string' ? ext.reason : error.message,
          needed: typeof ext.needed === 'string' ? ext.needed : null,
          occurrences: 1,
          ...readRemedy(ext.remedy),
        });
      continue;
    }
    problems.push({
      code,
      message: error.message,
      subgraph: typeof ext.subgraph === 'string' ? ext.subgraph : null,
      at: path ? keysOf(path) : null,
      rule: typeof ext.rule === 'string' ? ext.rule : null,
      incident: typeof ext.incident === 'string' ? ext.incident : null,
    });
  }
  if (result.error?.networkError && problems.length === 0) {
    problems.push({ code: 'NETWORK', message: result.error.networkError.message, subgraph: null, at: null, rule: null });
  }
  const ext = result.extensions ?? {};
  return {
    withheld: [...withheld.values()],
    notices: readNotices(ext.policyNotices),
    handling: readHandling(ext.handling),
    receipt: readReceipt(ext.disclosure),
    requestId: typeof ext.requestId === 'string' ? ext.requestId : null,
    problems,
  };
}

/** `['person', 'health', 'attendances', 0, 'clinicalNotes']` → `person.health.attendances.clinicalNotes`. */
export function keysOf(path: readonly PathKey[]): string {
  return path.filter((k): k is string => typeof k === 'string').join('.');
}

/** The schema coordinate at the end of a response path, walking the API schema from Query. */
export function coordinateOf(path: readonly PathKey[] | string): string | null {
  const keys = typeof path === 'string' ? path.split('.') : path.filter((k): k is string => typeof k === 'string');
  let type = 'Query';
  for (const key of keys.slice(0, -1)) {
    const next = FIELD_TYPES[type]?.[key];
    if (!next) return null;
    type = next;
  }
  const last = keys[keys.length - 1];
  return last ? `${type}.${last}` : null;
}

function readRemedy(value: unknown): { remedy?: Remedy } {
  if (typeof value !== 'object' || value === null) return {};
  const { kind, owner } = value as Record<string, unknown>;
  return typeof kind === 'string' && typeof owner === 'string' ? { remedy: { kind, owner } } : {};
}

function readNotices(value: unknown): PolicyNotice[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((n) => {
    if (typeof n !== 'object' || n === null) return [];
    const { at, rule, agreement, effect, conditions, reason } = n as Record<string, unknown>;
    if (typeof at !== 'string' || typeof rule !== 'string') return [];
    return [
      {
        at,
        rule,
        agreement: typeof agreement === 'string' ? agreement : null,
        effect: effect === 'deny' ? 'deny' : 'allow',
        conditions: Array.isArray(conditions) ? conditions.map(String) : [],
        reason: typeof reason === 'string' ? reason : '',
      } satisfies PolicyNotice,
    ];
  });
}

function readHandling(value: unknown): Handling | null {
  if (typeof value !== 'object' || value === null) return null;
  const { marking, onwardDisclosure, conditions } = value as Record<string, unknown>;
  if (typeof marking !== 'string') return null;
  return {
    marking,
    onwardDisclosure: Array.isArray(onwardDisclosure) ? onwardDisclosure.map(String) : [],
    conditions: Array.isArray(conditions) ? conditions.map(String) : [],
  };
}

function readReceipt(value: unknown): Receipt | null {
  if (typeof value !== 'object' || value === null) return null;
  const { writerId, commitment } = value as Record<string, unknown>;
  if (typeof writerId !== 'string' || typeof commitment !== 'string') return null;
  return { writerId, commitment };
}

/** Withheld parts and notices at or below a response path (`person.police`). */
export function under<T extends { at: string }>(items: readonly T[], prefix: string): T[] {
  return items.filter((i) => i.at === prefix || i.at.startsWith(`${prefix}.`));
}
