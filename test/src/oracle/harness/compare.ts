import { isDeepStrictEqual } from 'node:util';
import type { ExpectedResponse } from '../oracle';

/**
 * Expected against actual, sorted into the classes the gateway author needs to tell apart:
 *
 * - over-disclosure: the response carries a value the oracle withholds (or that does not exist);
 * - under-disclosure: the oracle shows a value the response does not carry;
 * - shape: same values, different shape (`[]` for null, an empty object for null, ...) — still a
 *   leak under docs/policy.md §5, since an empty object says a record exists;
 * - errors: the FORBIDDEN errors differ (path + rule), or other errors appear;
 * - notices: `extensions.policyNotices` differ as sets of {at, rule};
 * - log and indistinguishability are checked elsewhere (log-check.ts, twins.ts).
 */

export type DifferenceClass =
  'over-disclosure' | 'under-disclosure' | 'shape' | 'errors' | 'notices' | 'log' | 'indistinguishability' | 'harness';

export interface Difference {
  class: DifferenceClass;
  /** What went wrong, short and stable, for grouping (e.g. `person.police.pncId`). */
  signature: string;
  detail: string;
}

export interface ActualBody {
  data?: any;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
  extensions?: Record<string, any>;
}

/** Names a response path by field names rather than aliases, so differences group across operations. */
export type PathNamer = (path: string) => string;

export function compareResponse(expected: ExpectedResponse, status: number, body: ActualBody, name: PathNamer = (p) => p): Difference[] {
  const out: Difference[] = [];
  // A request that failed as a whole (no data) is one difference, not one per missing value.
  const failures = (body.errors ?? []).filter((e) => e.extensions?.code !== 'FORBIDDEN');
  if (status !== 200 || (body.data == null && failures.length > 0)) {
    const first = failures[0];
    const message = (first?.message ?? '')
      .replace(/\$\w+/g, '$var')
      .replace(/incident \w+/g, 'incident …')
      .slice(0, 120);
    return [
      {
        class: 'errors',
        signature: `request failed: HTTP ${status} ${first?.extensions?.code ?? ''} ${message}`.trim(),
        detail: `HTTP ${status}: ${JSON.stringify(body).slice(0, 600)}`,
      },
    ];
  }

  // Data: facts carried, as multisets of (path without list positions, value).
  if (!isDeepStrictEqual(expected.data, body.data ?? null)) {
    const exp = facts(expected.data);
    const act = facts(body.data ?? null);
    const over = minus(act, exp);
    const under = minus(exp, act);
    for (const f of over) out.push({ class: 'over-disclosure', signature: name(f.at), detail: `${f.at} = ${f.value}` });
    for (const f of under) out.push({ class: 'under-disclosure', signature: name(f.at), detail: `${f.at} = ${f.value}` });
    if (over.length === 0 && under.length === 0) {
      const first = firstDifference(expected.data, body.data ?? null, []);
      out.push({
        class: 'shape',
        signature: `${name(stripPositions(first.path))}: ${kind(first.expected)} -> ${kind(first.actual)}`,
        detail: `at ${first.path.join('.')}: expected ${JSON.stringify(first.expected)}, got ${JSON.stringify(first.actual)}`,
      });
    }
  }

  // Errors: FORBIDDEN as (path, rule) sets; anything else is a difference by itself.
  const expectedErrors = new Set(expected.errors.map((e) => `${e.path.join('.')}|${e.rule}`));
  const actualErrors = new Set<string>();
  for (const e of body.errors ?? []) {
    const code = e.extensions?.code;
    if (code !== 'FORBIDDEN') {
      out.push({
        class: 'errors',
        signature: `unexpected ${code} at ${name(stripPositions(e.path ?? []))}`,
        detail: `${code}: ${e.message}`,
      });
      continue;
    }
    actualErrors.add(`${(e.path ?? []).join('.')}|${e.extensions?.rule}`);
  }
  for (const e of expectedErrors)
    if (!actualErrors.has(e))
      out.push({ class: 'errors', signature: `missing ${errorSignature(e, name)}`, detail: `missing FORBIDDEN ${e}` });
  for (const e of actualErrors)
    if (!expectedErrors.has(e))
      out.push({ class: 'errors', signature: `extra ${errorSignature(e, name)}`, detail: `unexpected FORBIDDEN ${e}` });

  // Notices: {at, rule} sets.
  const expectedNotices = new Set(expected.notices.map((n) => `${n.at}|${n.rule}`));
  const actualNotices = new Set(((body.extensions?.policyNotices ?? []) as { at: string; rule: string }[]).map((n) => `${n.at}|${n.rule}`));
  for (const n of expectedNotices)
    if (!actualNotices.has(n))
      out.push({ class: 'notices', signature: `missing ${noticeSignature(n, name)}`, detail: `missing notice ${n}` });
  for (const n of actualNotices)
    if (!expectedNotices.has(n))
      out.push({ class: 'notices', signature: `extra ${noticeSignature(n, name)}`, detail: `unexpected notice ${n}` });
  return out;
}

interface Fact {
  at: string;
  value: string;
}

/** Every non-null leaf (and non-empty scalar list), with its path without list positions. */
export function facts(value: unknown, at: string[] = []): Fact[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) {
    if (value.length === 0) return [];
    if (value.every((v) => v === null || typeof v !== 'object')) return [{ at: at.join('.'), value: JSON.stringify(value) }];
    return value.flatMap((v) => facts(v, at));
  }
  if (typeof value === 'object') return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => facts(v, [...at, k]));
  return [{ at: at.join('.'), value: JSON.stringify(value) }];
}

function minus(a: Fact[], b: Fact[]): Fact[] {
  const counts = new Map<string, number>();
  for (const f of b) counts.set(`${f.at}=${f.value}`, (counts.get(`${f.at}=${f.value}`) ?? 0) + 1);
  const out: Fact[] = [];
  for (const f of a) {
    const key = `${f.at}=${f.value}`;
    const n = counts.get(key) ?? 0;
    if (n > 0) counts.set(key, n - 1);
    else out.push(f);
  }
  return out;
}

export interface FirstDifference {
  path: (string | number)[];
  expected: unknown;
  actual: unknown;
}

/** The first path, in document order, where the two trees part. */
export function firstDifference(expected: unknown, actual: unknown, path: (string | number)[]): FirstDifference {
  if (isPlainObject(expected) && isPlainObject(actual)) {
    for (const key of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
      if (!isDeepStrictEqual(expected[key], actual[key])) return firstDifference(expected[key], actual[key], [...path, key]);
    }
  }
  if (Array.isArray(expected) && Array.isArray(actual) && expected.length === actual.length) {
    for (let i = 0; i < expected.length; i++) {
      if (!isDeepStrictEqual(expected[i], actual[i])) return firstDifference(expected[i], actual[i], [...path, i]);
    }
  }
  return { path, expected, actual };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function kind(v: unknown): string {
  if (v === undefined) return 'absent';
  if (v === null) return 'null';
  if (Array.isArray(v)) return v.length === 0 ? '[]' : 'list';
  if (typeof v === 'object') return Object.keys(v as object).length === 0 ? '{}' : 'object';
  return 'value';
}

export function stripPositions(path: (string | number)[] | string): string {
  const parts = typeof path === 'string' ? path.split('.') : path.map(String);
  return parts.filter((p) => !/^\d+$/.test(p)).join('.');
}

function errorSignature(e: string, name: PathNamer): string {
  const [path, rule] = e.split('|');
  return `${name(stripPositions(path!))} ${rule}`;
}

function noticeSignature(n: string, name: PathNamer): string {
  const [at, rule] = n.split('|');
  return `${name(at!)} ${rule}`;
}
