import { isDeepStrictEqual } from 'node:util';
import type { World } from '../model/world';
import type { ExpectedResponse } from '../oracle';
import type { ActualBody, Difference } from './compare';
import type { GeneratedOperation } from './generate-operation';
import type { Random } from './prng';

/**
 * Withheld looks like absent (docs/policy.md §5), tested without trusting the oracle's values:
 * two subjects the oracle says must look the same to this requester (same data, errors and
 * notices apart from the subject's reference) are both asked; the gateway's two answers must
 * then be identical too. Twins are chosen, where possible, among subjects whose partners hold
 * different things, so that a withheld record is set against a missing one.
 */

export function twinnable(op: GeneratedOperation): { field: 'person' | 'location'; ref: string } | null {
  if (op.roots.length !== 1) return null;
  const root = op.roots[0]!;
  if (root.field !== 'person' && root.field !== 'location') return null;
  // Short references ('42') would also match unrelated text when normalised.
  if (root.refs[0]!.length < 10) return null;
  return { field: root.field, ref: root.refs[0]! };
}

/** The operation with every mention of one reference replaced by another. */
export function withReference(op: GeneratedOperation, from: string, to: string): GeneratedOperation {
  const replace = (v: unknown): unknown =>
    v === from
      ? to
      : Array.isArray(v)
        ? v.map(replace)
        : v && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, replace(x)]))
          : v;
  return {
    query: op.query.split(JSON.stringify(from)).join(JSON.stringify(to)),
    variables: replace(op.variables) as Record<string, unknown>,
    operationName: op.operationName,
    roots: op.roots.map((r) => ({ field: r.field, refs: r.refs.map((x) => (x === from ? to : x)) })),
  };
}

export function normalizeExpected(expected: ExpectedResponse, ref: string): string {
  const errors = expected.errors.map((e) => `${e.path.join('.')}|${e.rule}`).sort();
  const notices = expected.notices.map((n) => `${n.at}|${n.rule}`).sort();
  return JSON.stringify({ data: expected.data, errors, notices }).split(ref).join('<ref>');
}

export function normalizeActual(body: ActualBody, ref: string): { data: string; errors: string[]; notices: string[] } {
  const errors = (body.errors ?? []).map((e) => `${(e.path ?? []).join('.')}|${e.extensions?.code}|${e.extensions?.rule ?? ''}`).sort();
  const notices = ((body.extensions?.policyNotices ?? []) as { at: string; rule: string }[]).map((n) => `${n.at}|${n.rule}`).sort();
  return {
    data: JSON.stringify(body.data ?? null)
      .split(ref)
      .join('<ref>'),
    errors,
    notices,
  };
}

/** What the partners hold about a reference, coarsely: twins that differ here make the better test. */
export function presence(world: World, field: 'person' | 'location', ref: string): string {
  if (field === 'person') {
    return [
      world.nominalBySubject.has(ref),
      world.councilPersonBySubject.has(ref),
      world.patientBySubject.has(ref),
      world.episodesBySubject.has(ref),
    ].join();
  }
  return [
    world.hmoByUprn.has(ref),
    world.premisesByUprn.has(ref),
    world.inspectionsByUprn.has(ref),
    world.concernByUprn.has(ref),
    world.intelligenceByUprn.has(ref),
    world.nominalsByUprn.has(ref),
  ].join();
}

/** A twin reference for `ref`: the oracle's answer the same apart from the reference, preferring different holdings. */
export function findTwin(
  rnd: Random,
  world: World,
  field: 'person' | 'location',
  ref: string,
  candidates: string[],
  expectFor: (ref: string) => ExpectedResponse,
): string | null {
  const target = normalizeExpected(expectFor(ref), ref);
  const mine = presence(world, field, ref);
  let fallback: string | null = null;
  // A sample is enough to find a twin most of the time, and keeps planning cheap.
  for (const other of rnd.shuffle(candidates).slice(0, 10)) {
    if (other === ref || normalizeExpected(expectFor(other), other) !== target) continue;
    if (presence(world, field, other) !== mine) return other;
    fallback ??= other;
  }
  return fallback;
}

export function compareTwins(a: { body: ActualBody; ref: string }, b: { body: ActualBody; ref: string }): Difference[] {
  const x = normalizeActual(a.body, a.ref);
  const y = normalizeActual(b.body, b.ref);
  if (isDeepStrictEqual(x, y)) return [];
  const part = x.data !== y.data ? 'data' : !isDeepStrictEqual(x.errors, y.errors) ? 'errors' : 'notices';
  return [
    {
      class: 'indistinguishability',
      signature: `${part} differ between twins`,
      detail: `${a.ref} vs ${b.ref}: ${part === 'data' ? `${x.data.slice(0, 400)}\n    vs ${y.data.slice(0, 400)}` : `${JSON.stringify(part === 'errors' ? x.errors : x.notices)}\n    vs ${JSON.stringify(part === 'errors' ? y.errors : y.notices)}`}`,
    },
  ];
}
