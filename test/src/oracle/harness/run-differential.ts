import { isDeepStrictEqual } from 'node:util';
import { parse, print } from 'graphql';
import type { Client } from 'pg';
import type { World } from '../model/world';
import type { ExpectedResponse, Oracle } from '../oracle';
import { prepareOperation } from '../semantics/operation';
import { names, recipientsMatch } from '../semantics/rules';
import { pool, send } from './client';
import { compareResponse, firstDifference, type ActualBody, type Difference, type DifferenceClass } from './compare';
import { generateOperation, type GeneratedOperation, type References } from './generate-operation';
import { compareLog, disclosedByLog, disclosedByResponse, readLogRows } from './log-check';
import { pathNamer } from './paths';
import { headersFor, personas, requestContext, variants, type CaseHeaders, type Persona, type Variant } from './personas';
import { Random } from './prng';
import { targetedOperation, targetsOf, type Target } from './targeted-operation';
import { shrink } from './shrink';
import { CLASS_ORDER, Findings } from './summary';
import { grantCase } from './grant-cases';
import { compareTwins, findTwin, twinnable, withReference } from './twins';

/**
 * The differential run: plan cases from a seed, send them, compare each with the oracle, then
 * check the log and the twins, and shrink one reproduction per class of difference.
 */

export interface HubUnderTest {
  url: string;
  token(userId: string): Promise<string>;
  /** A connection to the hub's own database, for `disclosure_records`. */
  log: Client;
  suspend(agreementId: string): Promise<void>;
  lift(agreementId: string): Promise<void>;
}

export interface RunOptions {
  seed: string;
  cases: number;
  concurrency: number;
  /** Share of cases run while the agreements are suspended. */
  suspendedShare: number;
  twinShare: number;
  shrink: boolean;
  /** Cases sent and checked together; only one batch of responses is held at a time. */
  batch?: number;
}

export interface CaseSpec {
  index: number;
  persona: Persona;
  variant: Variant;
  headers: CaseHeaders;
  operation: GeneratedOperation;
  twinOf?: { index: number; ref: string; twinRef: string };
}

interface Outcome {
  spec: CaseSpec;
  expected: ExpectedResponse | null;
  /** The expected data differs from what it would be without the disclosures on request. */
  granted?: boolean;
  status: number;
  body: ActualBody;
  differences: Difference[];
}

export interface RunResult {
  findings: Findings;
  /** Every case that differs, in full, one JSON object per line. */
  differing: string[];
  report: string;
  cases: number;
  twins: number;
  logChecked: number;
  signposted: number;
  /** Cases whose expected data a disclosure on request changed: proof the run reached them. */
  granted: number;
  personas: number;
  millis: number;
}

export async function runDifferential(
  hub: HubUnderTest,
  oracle: Oracle,
  world: World,
  refs: References,
  options: RunOptions,
): Promise<RunResult> {
  const started = Date.now();
  const cpu = process.cpuUsage();
  const rnd = new Random(options.seed);
  refs = { ...refs, focus: refs.focus ?? oracle.policy.rules.filter((r) => r.when.length > 0).flatMap((r) => r.fields) };
  const people = personas();
  const agreementIds = oracle.policy.agreements.map((a) => a.id);
  const tokens = new Map<string, string>();
  for (const p of people) tokens.set(p.userId, await hub.token(p.userId));
  const findings = new Findings();
  const repros: string[] = [];
  const reproduced = new Set<string>();
  const differing: string[] = [];
  const suspendedCount = Math.round(options.cases * options.suspendedShare);
  let twins = 0;
  let logChecked = 0;
  let offset = 0;
  /** Cases whose expected response tells a signposted denial: proof the run reached them. */
  let signposted = 0;
  let granted = 0;
  const signposting = new Set(oracle.policy.rules.filter((r) => r.signpost).map((r) => r.id));

  for (const suspended of [false, true]) {
    const count = suspended ? suspendedCount : options.cases - suspendedCount;
    if (count === 0) continue;
    const suspendedIds = suspended ? agreementIds : [];
    const planner = new Planner(rnd.fork(suspended ? 'suspended' : 'in-force'), oracle, world, refs, people, suspended, options.twinShare);
    if (suspended) for (const id of agreementIds) await hub.suspend(id);
    try {
      // In batches, so a night run of 200 000 cases holds one batch of responses at a time.
      for (let done = 0; done < count;) {
        const specs = planner.next(Math.min(options.batch ?? BATCH, count - done), offset);
        offset += specs.length;
        done += specs.length;
        twins += specs.filter((s) => s.twinOf).length;
        const outcomes = await pool(specs, options.concurrency, (spec) => runCase(hub, oracle, tokens, spec, suspendedIds));
        logChecked += await checkLog(hub, oracle, outcomes);
        signposted += outcomes.filter((o) => o.expected?.errors.some((e) => signposting.has(e.rule))).length;
        granted += outcomes.filter((o) => o.granted).length;
        checkTwins(outcomes, specs[0]!.index);
        for (const o of outcomes) findings.add(o.spec.index, o.spec.persona.userId, o.differences);
        for (const o of outcomes) if (o.differences.length > 0 && differing.length < MAX_RECORDED) differing.push(caseRecord(o));
        if (options.shrink && repros.length < MAX_REPRODUCTIONS)
          repros.push(...(await reproductions(hub, oracle, tokens, outcomes, suspendedIds, reproduced)));
      }
    } finally {
      if (suspended) for (const id of agreementIds) await hub.lift(id);
    }
  }

  const millis = Date.now() - started;
  const header = [
    `policy differential: seed ${JSON.stringify(options.seed)}, ${offset} cases (${twins} twin cases, ${suspendedCount} while suspended), ` +
      `${people.length} personas, ${logChecked} log-checked, ${signposted} with a signposted denial, ` +
      `${granted} with data a disclosure on request released (${oracle.grants.length} in force), ` +
      `${(millis / 1000).toFixed(1)} s (oracle and harness CPU ${cpuSeconds(cpu).toFixed(1)} s)`,
    `reproduce: ORACLE_SEED=${JSON.stringify(options.seed)} ORACLE_CASES=${options.cases} npx jest test/dist/oracle/policy-differential`,
    findings.empty ? 'no differences' : `${findings.casesWithDifferences.size} cases differ from docs/policy.md:`,
  ].join('\n');
  const report = `${header}${findings.text()}${repros.length ? `\n\n== reproductions (shrunk)\n${repros.join('\n')}` : ''}`;
  return { findings, differing, report, cases: offset, twins, logChecked, signposted, granted, personas: people.length, millis };
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

function caseRecord(o: Outcome): string {
  return JSON.stringify({
    case: o.spec.index,
    persona: o.spec.persona.userId,
    headers: o.spec.headers,
    suspended: o.spec.variant.suspended,
    query: o.spec.operation.query,
    variables: o.spec.operation.variables,
    operationName: o.spec.operation.operationName,
    twinOf: o.spec.twinOf,
    differences: o.differences,
    expected: o.expected,
    actual: { status: o.status, body: o.body },
  });
}

const BATCH = 2000;
/** Cases aimed at one record-decided field, by a persona some allow rule there is for (targeted-operation.ts). */
const TARGETED_SHARE = 0.3;
const FIXED_SUBJECTS = ['SUBJ-000001', 'SUBJ-000002', 'SUBJ-000003', 'SUBJ-000004'];
/** Cases aimed at a disclosure on request: its requester, (mostly) its headers, its fields (grant-cases.ts). */
const GRANTED_SHARE = 0.08;
const MAX_RECORDED = 5000;
const MAX_REPRODUCTIONS = 30;

/**
 * Each persona meets each header variant in turn; the operation is random; some cases get a twin.
 * A share of the cases is aimed at one record-decided field instead, asked by a persona some
 * allow rule covering it is for, under any header variant.
 */
class Planner {
  private readonly combos: { persona: Persona; variant: Variant }[];
  private readonly suspendedIds: string[];
  private readonly targets: { target: Target; personas: Persona[] }[][];
  private readonly variants: Variant[];
  private turn = 0;

  constructor(
    private readonly rnd: Random,
    private readonly oracle: Oracle,
    private readonly world: World,
    private readonly refs: References,
    private readonly people: Persona[],
    suspended: boolean,
    private readonly twinShare: number,
  ) {
    // Personas some allow rule is for come three times as often: the others see (almost) nothing.
    const weight = (p: Persona) =>
      oracle.policy.rules.some((r) => r.effect === 'allow' && recipientsMatch(r.recipients, p.requester)) ? 3 : 1;
    this.combos = rnd.shuffle(
      people.flatMap((persona) =>
        Array.from({ length: weight(persona) }, () => variants(suspended).map((variant) => ({ persona, variant }))).flat(),
      ),
    );
    this.suspendedIds = suspended ? oracle.policy.agreements.map((a) => a.id) : [];
    this.variants = variants(suspended);
    // Per record rule, its fields, asked by the personas the rule is about: an allow's recipients;
    // for a deny, those it applies to who some allow would otherwise give the field.
    const allows = oracle.policy.rules.filter((r) => r.effect === 'allow');
    const covered = (p: Persona, t: Target) =>
      allows.some((r) => recipientsMatch(r.recipients, p.requester) && t.along.some((c) => names(r, c)));
    this.targets = oracle.policy.rules
      .filter((rule) => rule.when.length > 0)
      .map((rule) => {
        const targets = targetsOf(oracle.schema.schema, rule.fields);
        const about = (p: Persona, t: Target) =>
          rule.effect === 'allow'
            ? recipientsMatch(rule.recipients, p.requester)
            : recipientsMatch(rule.recipients, p.requester) && !rule.except.some((e) => recipientsMatch(e, p.requester)) && covered(p, t);
        return targets.map((target) => ({ target, personas: people.filter((p) => about(p, target)) }));
      })
      .filter((ofRule) => ofRule.length > 0);
  }

  private aimed(): { persona: Persona; variant: Variant; operation: GeneratedOperation; headers?: CaseHeaders } | undefined {
    const { rnd, oracle, refs } = this;
    const granted = rnd.chance(GRANTED_SHARE) ? grantCase(rnd, oracle, refs, this.people, this.variants, FIXED_SUBJECTS) : undefined;
    if (granted) return granted;
    if (this.targets.length === 0 || !rnd.chance(TARGETED_SHARE)) return undefined;
    const { target, personas: candidates } = rnd.pick(rnd.pick(this.targets));
    if (candidates.length === 0) return undefined;
    const subjects = rnd.chance(0.75) ? FIXED_SUBJECTS : refs.subjects;
    const operation = targetedOperation(rnd, oracle.schema.schema, refs, target, subjects);
    // Mostly headers under which the rules there can pass, or the record is never consulted.
    const passing = this.variants.filter((v) => v.purpose === 'approved' && v.caseRef && v.basis !== 'not-matching');
    const variant = rnd.chance(0.8) && passing.length > 0 ? rnd.pick(passing) : rnd.pick(this.variants);
    return { persona: rnd.pick(candidates), variant, operation };
  }

  /** The next `count` cases, numbered from `offset`; a twin always follows its original in the same batch. */
  next(count: number, offset: number): CaseSpec[] {
    const { rnd, oracle, refs } = this;
    const specs: CaseSpec[] = [];
    while (specs.length < count) {
      const aimed = this.aimed();
      const { persona, variant } = aimed ?? this.combos[this.turn++ % this.combos.length]!;
      const headers = aimed?.headers ?? headersFor(rnd, persona, variant, oracle.policy.rules);
      const operation = aimed?.operation ?? generateOperation(rnd, oracle.schema.schema, refs);
      const spec: CaseSpec = { index: offset + specs.length, persona, variant, headers, operation };
      specs.push(spec);
      const root = twinnable(operation);
      if (!root || specs.length >= count || !rnd.chance(this.twinShare)) continue;
      const ctx = requestContext(persona, headers, this.suspendedIds);
      const candidates = root.field === 'person' ? [...refs.subjects, 'SUBJ-000999'] : [...refs.uprns, '100079999999'];
      const twinRef = findTwin(rnd, this.world, root.field, root.ref, candidates, (ref) =>
        oracle.expect(ctx, withReference(operation, root.ref, ref)),
      );
      if (!twinRef) continue;
      specs.push({
        index: offset + specs.length,
        persona,
        variant,
        headers,
        operation: withReference(operation, root.ref, twinRef),
        twinOf: { index: spec.index, ref: root.ref, twinRef },
      });
    }
    return specs;
  }
}

async function runCase(
  hub: HubUnderTest,
  oracle: Oracle,
  tokens: Map<string, string>,
  spec: CaseSpec,
  suspendedIds: string[],
): Promise<Outcome> {
  const ctx = requestContext(spec.persona, spec.headers, suspendedIds);
  let expected: ExpectedResponse | null = null;
  try {
    expected = oracle.expect(ctx, spec.operation);
  } catch (error) {
    return { spec, expected, status: 0, body: {}, differences: [{ class: 'harness', signature: 'oracle failed', detail: String(error) }] };
  }
  const granted =
    oracle.policyFor(ctx) !== oracle.policy &&
    !isDeepStrictEqual(oracle.expect(ctx, spec.operation, { withoutGrants: true }).data, expected.data);
  const { status, body } = await send(hub.url, tokens.get(spec.persona.userId)!, spec.headers, spec.operation);
  const op = prepareOperation(oracle.schema.schema, spec.operation.query, spec.operation.variables, spec.operation.operationName);
  return { spec, expected, granted, status, body, differences: compareResponse(expected, status, body, pathNamer(oracle.schema, op)) };
}

/** §7 for every case whose response can be attributed; returns how many were checked. */
async function checkLog(hub: HubUnderTest, oracle: Oracle, outcomes: Outcome[]): Promise<number> {
  let checked = 0;
  for (let i = 0; i < outcomes.length; i += 500) {
    const chunk = outcomes.slice(i, i + 500).filter((o) => typeof o.body.extensions?.requestId === 'string');
    const rows = await readLogRows(
      hub.log,
      chunk.map((o) => o.body.extensions!.requestId as string),
    );
    for (const o of chunk) {
      const op = prepareOperation(oracle.schema.schema, o.spec.operation.query, o.spec.operation.variables, o.spec.operation.operationName);
      const sent = disclosedByResponse(oracle.schema, op, o.body.data);
      if (!sent) continue;
      checked++;
      o.differences.push(...compareLog(sent, disclosedByLog(rows.get(o.body.extensions!.requestId as string) ?? [])));
    }
  }
  return checked;
}

function checkTwins(outcomes: Outcome[], base: number): void {
  for (const o of outcomes) {
    const twin = o.spec.twinOf;
    if (!twin) continue;
    const original = outcomes[twin.index - base]!;
    o.differences.push(...compareTwins({ body: original.body, ref: twin.ref }, { body: o.body, ref: twin.twinRef }));
  }
}

/**
 * Shrunk reproductions of the most frequent signatures of each class (two per class), found in
 * these outcomes and not reproduced in an earlier phase.
 */
async function reproductions(
  hub: HubUnderTest,
  oracle: Oracle,
  tokens: Map<string, string>,
  outcomes: Outcome[],
  suspendedIds: string[],
  reproduced: Set<string>,
): Promise<string[]> {
  const out: string[] = [];
  for (const cls of CLASS_ORDER) {
    const counts = new Map<string, number>();
    for (const o of outcomes)
      for (const d of o.differences) if (d.class === cls) counts.set(d.signature, (counts.get(d.signature) ?? 0) + 1);
    const top = [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([signature]) => signature)
      .filter((signature) => !reproduced.has(`${cls}|${signature}`))
      .slice(0, 2);
    for (const signature of top) {
      reproduced.add(`${cls}|${signature}`);
      const has = (o: Outcome) => o.differences.some((d) => d.class === cls && d.signature === signature);
      // The smallest failing operation is the best start.
      const start = outcomes.filter(has).sort((a, b) => a.spec.operation.query.length - b.spec.operation.query.length)[0]!;
      if (cls === 'indistinguishability' || cls === 'harness') {
        out.push(
          describe(
            cls,
            start,
            start.spec.operation,
            start.differences.find((d) => d.class === cls)!,
            null,
          ),
        );
        continue;
      }
      const withLog = cls === 'log';
      const small = await shrink(
        oracle.schema.schema,
        start.spec.operation,
        async (candidate) => has(await rerun(hub, oracle, tokens, start.spec, candidate, suspendedIds, withLog)),
        50,
      );
      const last = await rerun(hub, oracle, tokens, start.spec, small, suspendedIds, withLog);
      const difference =
        last.differences.find((d) => d.class === cls && d.signature === signature) ?? start.differences.find((d) => d.class === cls)!;
      out.push(describe(cls, last, small, difference, last.expected));
    }
  }
  return out;
}

async function rerun(
  hub: HubUnderTest,
  oracle: Oracle,
  tokens: Map<string, string>,
  spec: CaseSpec,
  operation: GeneratedOperation,
  suspendedIds: string[],
  withLog: boolean,
): Promise<Outcome> {
  const o = await runCase(hub, oracle, tokens, { ...spec, operation }, suspendedIds);
  if (withLog) await checkLog(hub, oracle, [o]);
  return o;
}

function describe(
  cls: DifferenceClass,
  o: Outcome,
  operation: GeneratedOperation,
  difference: Difference,
  expected: ExpectedResponse | null,
): string {
  const h = o.spec.headers;
  const lines = [
    `\n-- ${cls}: ${difference.signature} (case ${o.spec.index}${o.spec.twinOf ? `, twin of case ${o.spec.twinOf.index}: ${o.spec.twinOf.ref} vs ${o.spec.twinOf.twinRef}` : ''})`,
    `   persona: ${o.spec.persona.userId}   purpose: ${h.purpose ?? '(none)'}   lawful basis: ${h.lawfulBasis ?? '(none)'}   case ref: ${h.caseRef ?? '(none)'}   agreement: ${o.spec.variant.suspended ? 'suspended' : 'in force'}`,
    `   operation:\n${indent(print(parse(operation.query)))}`,
    `   variables: ${JSON.stringify(operation.variables)}${operation.operationName ? `   operationName: ${operation.operationName}` : ''}`,
    `   difference: ${difference.detail}`,
  ];
  if (expected && (cls === 'over-disclosure' || cls === 'under-disclosure' || cls === 'shape')) {
    const first = firstDifference(expected.data, o.body.data ?? null, []);
    lines.push(`   first differing path: ${first.path.join('.') || '(root)'}`);
    lines.push(`     expected: ${JSON.stringify(first.expected)}`);
    lines.push(`     actual:   ${JSON.stringify(first.actual)}`);
  }
  if (expected && cls === 'errors') {
    lines.push(`   expected errors: ${JSON.stringify(expected.errors.map((e) => `${e.path.join('.')} ${e.rule}`))}`);
    lines.push(
      `   actual errors:   ${JSON.stringify((o.body.errors ?? []).map((e) => `${(e.path ?? []).join('.')} ${e.extensions?.rule ?? e.extensions?.code}`))}`,
    );
  }
  if (expected && cls === 'notices') {
    lines.push(`   expected notices: ${JSON.stringify(expected.notices.map((n) => `${n.at} ${n.rule}`))}`);
    lines.push(
      `   actual notices:   ${JSON.stringify(((o.body.extensions?.policyNotices ?? []) as any[]).map((n) => `${n.at} ${n.rule}`))}`,
    );
  }
  return lines.join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `     ${l}`)
    .join('\n');
}
