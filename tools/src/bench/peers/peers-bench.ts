import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { databaseNameOf, environment, GATEWAY_STAGES, SUBGRAPH_NAMES, type SubgraphName } from '@hub/shared';
import { createTestDatabase, postGraphql, serverReachable, testRunId, testServerUrl, type TestDatabase } from '@hub/shared/testing';
import { storedHubKeys } from '../../runtime/hub-keys';
import { RESULTS_DIR } from '../policy-bench';
import { dashboardHeaders, DASHBOARD_USER, REQUESTS, type QueryName } from '../queries';
import { writeBenchmarkSection } from '../report';
import { median, round2 } from '../stats';
import { compareShape, firstDifference } from './compare-answers';
import { summarizeProfile, type ProfileWindow } from './cpuprofile-summary';
import { CpuMeter, waitUntilIdle } from './process-cpu';
import type { SubgraphCalls } from './serve-subgraph';
import { spawnService, spawnSubgraphs, type ServiceProcess } from './service-process';
import { fixedRatePhase, type FixedRateResult } from './fixed-rate';
import type { StageSnapshot } from './stage-times';
import { ensureWrk, runWrk, writeWrkScript, type WrkResult } from './wrk';

/**
 * The gateways side by side: the hub as it runs, the same runtime bare, and two peers; and, on
 * request, the hub built from another checkout (`hub-base`, with `--base <dir>`), to measure a
 * change in the same run as the code before it.
 */
export const GATEWAYS = ['hub', 'hub-bare', 'apollo', 'hive', 'hub-base'] as const;
export type GatewayName = (typeof GATEWAYS)[number];
/** What `npm run bench -- peers` runs unless `--gateways` says otherwise. */
export const DEFAULT_GATEWAYS: readonly GatewayName[] = ['hub', 'hub-bare', 'apollo', 'hive'];

export interface PeersOptions {
  seconds: number;
  connections: number;
  rounds: number;
  scale: number;
  /** Seconds of load per gateway and query before the rounds (JIT, pools). */
  warmup: number;
  gateways: GatewayName[];
  queries: QueryName[];
  /** Gateways to run under node's `--cpu-prof`. */
  cpuProf: GatewayName[];
  /** Run every service with NODE_ENV=production (as deployed); otherwise they inherit the bench's. */
  production: boolean;
  /** The root of another checkout, built (`npm run build`), that `hub-base` runs. */
  baseDir?: string;
  /**
   * `hub-base` with Node's default options instead of the gateway's (GATEWAY_NODE_OPTIONS): with
   * `--base .`, what those options change, paired in one run.
   */
  baseNodeDefaults: boolean;
  /**
   * After the rounds, the hub, Apollo and the bare runtime at one fixed offered load: this share of
   * the lower of the hub's and Apollo's throughputs (fixed-rate.ts); 0 for none.
   */
  rateShare: number;
}

/** Per request, in CPU ms: the process groups the table shows. */
interface CpuPerRequest {
  gateway: number;
  subgraphs: number;
  postgres: number;
  postgresServer: number;
  total: number;
}

interface Run extends WrkResult {
  round: number;
  query: QueryName;
  gateway: GatewayName;
  /**
   * CPU ms used from the start of the run until the processes are idle again (the requests wrk
   * left in flight done), per process label (`gateway`, `subgraph:<name>`, `postgres:<owner>`,
   * `postgres:server`); divided by the requests wrk sent for `cpuMsPerRequest`.
   */
  cpuMs: Record<string, number>;
  /** Null when no request was sent in the run. */
  cpuMsPerRequest: CpuPerRequest | null;
  /** Calls the subgraphs received for the run, per request sent. */
  subgraphCallsPerRequest: number | null;
}

interface Summary {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  failures: number;
  cpuMsPerRequest: CpuPerRequest;
  /** Medians per process label, ms per request. */
  cpuMsPerRequestByProcess: Record<string, number>;
}

interface Ratio {
  /** Requests per gateway CPU-second, relative to the hub's (policy + log): >1 means cheaper than the hub. */
  perGatewayCpuSecond: number;
  /** Throughput relative to the hub's. */
  perRps: number;
  /** Requests per CPU-second of everything measured (gateway, subgraphs, PostgreSQL), relative to the hub's. */
  perTotalCpuSecond: number;
  /** The same per gateway CPU-second, round by round (roundRatios): how far one run's figure can be trusted. */
  rounds: RoundRatios | null;
}

/** Hub ÷ another gateway's gateway CPU per request, paired within each round. */
interface RoundRatios {
  median: number;
  min: number;
  max: number;
  /** Rounds in which the hub used less gateway CPU per request. */
  hubCheaper: number;
  count: number;
}

const LABELS: Record<GatewayName, string> = {
  hub: 'hub (policy + log)',
  'hub-bare': 'hub runtime, no policy/log',
  apollo: `@apollo/gateway ${packageVersion('@apollo/gateway')} on @apollo/server ${packageVersion('@apollo/server')}`,
  hive: `@graphql-hive/gateway-runtime ${packageVersion('@graphql-hive/gateway-runtime')}`,
  'hub-base': 'hub (policy + log), built from --base',
};

const QUERY_LABELS: Record<QueryName, string> = {
  dashboard: 'the 50-subject dashboard',
  person: 'one person (the same fields)',
};

export const PROFILES_DIR = join(RESULTS_DIR, 'profiles');

/**
 * `npm run bench -- peers`: the hub beside plain federation gateways over the same four subgraph
 * processes and seeded data. Each gateway and subgraph runs in a process of its own; wrk loads one
 * gateway at a time, alternating the order per round; CPU per process comes from /proc.
 */
export async function peersBench(options: PeersOptions): Promise<void> {
  const notRun = options.cpuProf.filter((g) => !options.gateways.includes(g));
  if (notRun.length > 0) throw new Error(`--cpu-prof ${notRun.join(',')}: not among --gateways ${options.gateways.join(',')}`);
  const baseScripts = options.baseDir === undefined ? undefined : join(resolve(options.baseDir), 'tools/dist/bench/peers');
  if (options.gateways.includes('hub-base') && (baseScripts === undefined || !existsSync(join(baseScripts, 'serve-hub.js'))))
    throw new Error('--gateways hub-base needs --base <dir>: the root of another checkout, built with `npm run build`');
  if (options.baseNodeDefaults && !options.gateways.includes('hub-base'))
    throw new Error('--base-node-defaults: hub-base is not among --gateways');
  const startedAt = new Date();
  const loadAtStart = loadavg();
  console.log(`load average at start: ${loadAtStart.map((l) => l.toFixed(2)).join(' ')} (${cpus().length} cores)`);
  ensureWrk();
  const serverUrl = testServerUrl();
  if (!(await serverReachable(serverUrl))) throw new Error('bench -- peers needs the PostgreSQL server (DATABASE_URL or 127.0.0.1:5432)');

  const work = mkdtempSync(join(tmpdir(), 'hub-peers-'));
  const run = testRunId();
  const owners = [...SUBGRAPH_NAMES, 'hub'] as const;
  const databases: Record<string, TestDatabase> = {};
  const services: ServiceProcess[] = [];
  let meter: CpuMeter | undefined;
  try {
    for (const owner of owners) databases[owner] = await createTestDatabase(owner, run);
    const keys = await storedHubKeys(work);
    const nodeEnv = options.production ? 'production' : undefined;
    console.log(
      `starting four subgraphs (seeding ${options.scale} subjects) and ${options.gateways.length} gateways, each in its own process`,
    );
    const databaseUrls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, databases[name]!.url])) as Record<SubgraphName, string>;
    const subgraphs = await spawnSubgraphs(databaseUrls, work, options.scale, { nodeEnv });
    services.push(...subgraphs);
    const endpoints = Object.fromEntries(SUBGRAPH_NAMES.map((name, i) => [name, subgraphs[i]!.url]));
    const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
    const profile = (gateway: GatewayName) => ({
      nodeEnv,
      ...(options.cpuProf.includes(gateway) ? { cpuProfile: { dir: PROFILES_DIR, name: `${gateway}-${stamp}.cpuprofile` } } : {}),
    });
    if (options.cpuProf.length > 0) mkdirSync(PROFILES_DIR, { recursive: true });
    const hubConfig = { endpoints, hubDatabaseUrl: databases.hub!.url, keysDir: work };
    const peerConfig = { endpoints, keysDir: work };
    const starters: Record<GatewayName, () => Promise<ServiceProcess>> = {
      hub: () => spawnService('hub', 'serve-hub', { ...hubConfig, enforcement: 'on', withLog: true }, profile('hub')),
      'hub-bare': () => spawnService('hub-bare', 'serve-hub', { ...hubConfig, enforcement: 'off', withLog: false }, profile('hub-bare')),
      // The same hub database: both hubs' stores migrate it the same way, and each writes the log as a writer of its own.
      'hub-base': () =>
        spawnService(
          'hub-base',
          'serve-hub',
          { ...hubConfig, enforcement: 'on', withLog: true },
          { ...profile('hub-base'), scriptDir: baseScripts, ...(options.baseNodeDefaults ? { nodeOptions: [] } : {}) },
        ),
      apollo: () => spawnService('apollo', 'serve-apollo', peerConfig, profile('apollo')),
      hive: () => spawnService('hive', 'serve-hive', peerConfig, profile('hive')),
    };
    const gateways = {} as Record<GatewayName, ServiceProcess>;
    // One at a time: the hub gateways migrate and seed the hub store when they start. The bare
    // runtime always starts: it is what the correctness gate compares the others with.
    for (const name of new Set<GatewayName>([...options.gateways, 'hub-bare'])) {
      gateways[name] = await starters[name]();
      services.push(gateways[name]);
    }

    const headers = await dashboardHeaders(keys.devIssuer);
    const gate: Record<string, string> = {};
    const calls: Record<string, Partial<Record<GatewayName, Record<string, SubgraphCalls>>>> = {};
    const countCalls = async () => {
      const counts = await Promise.all(subgraphs.map((s) => s.ask<SubgraphCalls>('calls')));
      return Object.fromEntries(SUBGRAPH_NAMES.map((name, i) => [name, counts[i]!]));
    };
    for (const query of options.queries) {
      gate[query] = await checkAnswers(query, REQUESTS[query], headers, gateways);
      calls[query] = {};
      for (const gateway of options.gateways) {
        await countCalls();
        await postGraphql(gateways[gateway].url, REQUESTS[query].query, REQUESTS[query].variables, headers);
        calls[query][gateway] = await countCalls();
      }
    }

    const scripts = Object.fromEntries(
      options.queries.map((q) => [q, writeWrkScript(work, q, JSON.stringify(REQUESTS[q]), headers)]),
    ) as Record<QueryName, string>;
    const dbOwners = Object.fromEntries(owners.map((o) => [databaseNameOf(databases[o]!.url), o]));
    meter = await CpuMeter.open(serverUrl, dbOwners);
    const fixedPids = (gateway: GatewayName) => ({
      gateway: gateways[gateway].pid,
      ...Object.fromEntries(SUBGRAPH_NAMES.map((name, i) => [`subgraph:${name}`, subgraphs[i]!.pid])),
    });

    if (options.warmup > 0) {
      console.log(`warm-up: ${options.warmup} s of each query on each gateway`);
      for (const gateway of options.gateways)
        for (const query of options.queries) {
          await runWrk(gateways[gateway].url, scripts[query], options.connections, options.warmup).result;
          await waitUntilIdle(Object.values(fixedPids(gateway)));
        }
      await countCalls();
    }

    const windows: Partial<Record<GatewayName, ProfileWindow[]>> = {};
    const runs: Run[] = [];
    for (let round = 0; round < options.rounds; round++) {
      const shift = round % options.gateways.length;
      const order = [...options.gateways.slice(shift), ...options.gateways.slice(0, shift)];
      for (const query of options.queries) {
        for (const gateway of order) {
          const measuring = await meter.start(fixedPids(gateway));
          const from = monotonicMicros();
          const result = await runWrk(gateways[gateway].url, scripts[query], options.connections, options.seconds).result;
          // The servers finish what wrk left in flight: measure until they are idle, per request sent.
          await waitUntilIdle(Object.values(fixedPids(gateway)));
          const to = monotonicMicros();
          const cpuMs = roundValues(await measuring.stop());
          const received = Object.values(await countCalls()).reduce((n, c) => n + c.calls, 0);
          if (options.cpuProf.includes(gateway))
            (windows[gateway] ??= []).push({ from, to, label: `round ${round + 1} ${query}`, requests: result.sent, cpuMs: cpuMs.gateway });
          const r: Run = {
            round: round + 1,
            query,
            gateway,
            ...result,
            cpuMs,
            cpuMsPerRequest: perRequest(cpuMs, result.sent),
            subgraphCallsPerRequest: result.sent > 0 ? round2(received / result.sent) : null,
          };
          runs.push(r);
          console.log(
            `round ${r.round} ${query.padEnd(9)} ${gateway.padEnd(8)} ${String(r.rps).padStart(8)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  ` +
              `gateway ${r.cpuMsPerRequest?.gateway ?? '–'} ms/req  total ${r.cpuMsPerRequest?.total ?? '–'} ms/req  failures ${r.failures}`,
          );
        }
      }
    }
    const loadAtEnd = loadavg();
    await meter.close();
    meter = undefined;

    const summary = Object.fromEntries(
      options.queries.map((q) => [
        q,
        Object.fromEntries(options.gateways.map((g) => [g, summarize(runs.filter((r) => r.query === q && r.gateway === g))])),
      ]),
    ) as Record<QueryName, Partial<Record<GatewayName, Summary>>>;
    const ratios = Object.fromEntries(
      options.queries.map((q) => [
        q,
        Object.fromEntries(
          options.gateways
            .filter((g) => g !== 'hub' && summary[q].hub)
            .map((g) => [g, { ...ratio(summary[q].hub!, summary[q][g]!), rounds: roundRatios(runs, q, g) }]),
        ),
      ]),
    ) as Record<QueryName, Partial<Record<GatewayName, Ratio>>>;

    // Latency at the same offered load below saturation (not under --cpu-prof, nor for a change against hub-base).
    const atFixedRate: Partial<Record<QueryName, FixedRateResult>> = {};
    if (options.cpuProf.length === 0 && !options.gateways.includes('hub-base'))
      for (const query of options.queries) {
        const measured = await fixedRatePhase({
          query,
          share: options.rateShare,
          rounds: Math.min(options.rounds, 3),
          seconds: options.seconds,
          throughput: Object.fromEntries(options.gateways.map((g) => [g, summary[query][g]!.rps])),
          urls: Object.fromEntries(options.gateways.map((g) => [g, gateways[g].url])),
          headers,
          body: JSON.stringify(REQUESTS[query]),
          ...(gateways.hub ? { stagesOf: { hub: () => gateways.hub.ask<StageSnapshot | null>('stages') } } : {}),
        });
        if (measured) atFixedRate[query] = measured;
      }

    const machine = {
      cores: cpus().length,
      cpu: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      loadAverage: { start: loadAtStart.map(round2), end: loadAtEnd.map(round2) },
    };
    const provisional = isProvisional(options, loadAtStart);
    const versions = Object.fromEntries(
      [
        '@apollo/server',
        '@apollo/gateway',
        '@graphql-hive/gateway-runtime',
        '@graphql-mesh/transport-http',
        '@graphql-tools/federation',
      ].map((p) => [p, packageVersion(p)]),
    );
    const report = {
      benchmark: 'peers',
      date: startedAt.toISOString(),
      options,
      user: DASHBOARD_USER,
      machine,
      provisional,
      versions,
      gate,
      subgraphCalls: calls,
      summary,
      ratios,
      atFixedRate,
      runs,
    };
    const lines = reportLines(options, summary, ratios, atFixedRate, gate, calls, machine, provisional, startedAt);
    console.log(`\n${lines.join('\n')}`);

    // Under --cpu-prof the gateways run slower: their figures go beside the profiles, not into BENCHMARKS.md.
    await stopAll(services);
    if (options.cpuProf.length > 0) {
      writeFileSync(join(PROFILES_DIR, `peers-${stamp}.json`), `${JSON.stringify(report, null, 2)}\n`);
      for (const gateway of options.cpuProf) {
        const file = join(PROFILES_DIR, `${gateway}-${stamp}.cpuprofile`);
        writeFileSync(`${file}.windows.json`, `${JSON.stringify(windows[gateway] ?? [], null, 2)}\n`);
        console.log(`\nCPU profile of ${LABELS[gateway]} under load (measured rounds only): ${file}`);
        console.log(summarizeProfile(JSON.parse(readFileSync(file, 'utf8')), { windows: windows[gateway], top: 20 }).join('\n'));
      }
      console.log('\nProfiled run: BENCHMARKS.md and peers-latest.json left as they were.');
    } else if (options.gateways.includes('hub-base')) {
      // A change measured against the code before it: for the commit message, not the published table.
      for (const query of options.queries) console.log(pairedChange(runs, query));
      console.log('\nRun with hub-base: BENCHMARKS.md and peers-latest.json left as they were.');
    } else {
      mkdirSync(RESULTS_DIR, { recursive: true });
      writeFileSync(join(RESULTS_DIR, 'peers-latest.json'), `${JSON.stringify(report, null, 2)}\n`);
      writeBenchmarkSection('peers', lines);
    }
  } finally {
    await meter?.close().catch(() => undefined);
    await stopAll(services).catch(() => undefined);
    await Promise.all(
      Object.values(databases).map((d) => d.drop().catch((e: unknown) => console.error('could not drop a bench database:', e))),
    );
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The correctness gate: every gateway answers without errors; the peers' data equals the bare
 * hub runtime's; the hub under the policy has the same shape, some values withheld.
 */
async function checkAnswers(
  query: QueryName,
  request: { query: string; variables: Record<string, unknown> },
  headers: Record<string, string>,
  gateways: Partial<Record<GatewayName, ServiceProcess>>,
): Promise<string> {
  const answers: Partial<Record<GatewayName, { data?: unknown; errors?: unknown }>> = {};
  for (const [name, gateway] of Object.entries(gateways) as [GatewayName, ServiceProcess][]) {
    const { status, body } = await postGraphql(gateway.url, request.query, request.variables, headers);
    if (status !== 200 || body.errors || !body.data)
      throw new Error(`${name} did not answer ${query} cleanly (${status}): ${JSON.stringify(body).slice(0, 500)}`);
    answers[name] = body;
  }
  const baseline = answers['hub-bare'];
  if (!baseline) return 'not checked: the bare hub runtime (the baseline) was not run';
  const notes: string[] = [];
  for (const name of ['apollo', 'hive'] as const) {
    if (!answers[name]) continue;
    const difference = firstDifference(baseline.data, answers[name].data);
    if (difference) throw new Error(`${name}'s answer to ${query} differs from the bare hub runtime's at ${difference}`);
    notes.push(`${name} equal`);
  }
  if (answers.hub) {
    const shape = compareShape(baseline.data, answers.hub.data);
    if (shape.difference)
      throw new Error(`the hub's answer to ${query} differs from the bare runtime's beyond withholding, at ${shape.difference}`);
    notes.push(`hub same shape, ${shape.withheld} of ${shape.leaves} values withheld`);
    if (answers['hub-base']) {
      const difference = firstDifference(answers.hub.data, answers['hub-base'].data);
      if (difference) throw new Error(`hub-base's answer to ${query} differs from the hub's at ${difference}`);
      notes.push('hub-base equal to the hub');
    }
  }
  const note = notes.join('; ');
  console.log(`${query}: answers checked against the bare hub runtime: ${note}`);
  return note;
}

/** Gateways first (started last), then the subgraphs they call: no request is left to find its subgraph gone. */
async function stopAll(services: ServiceProcess[]): Promise<void> {
  const gateways = services.splice(SUBGRAPH_NAMES.length);
  await Promise.all(gateways.map((s) => s.stop()));
  await Promise.all(services.splice(0).map((s) => s.stop()));
}

function perRequest(cpuMs: Record<string, number>, requests: number): CpuPerRequest | null {
  if (requests === 0) return null;
  const sum = (test: (label: string) => boolean) =>
    Object.entries(cpuMs)
      .filter(([label]) => test(label))
      .reduce((n, [, ms]) => n + ms, 0);
  const per = (ms: number) => round2(ms / requests);
  const gateway = sum((l) => l === 'gateway');
  const subgraphs = sum((l) => l.startsWith('subgraph:'));
  const postgres = sum((l) => l.startsWith('postgres:') && l !== 'postgres:server');
  const postgresServer = sum((l) => l === 'postgres:server');
  return {
    gateway: per(gateway),
    subgraphs: per(subgraphs),
    postgres: per(postgres),
    postgresServer: per(postgresServer),
    total: per(gateway + subgraphs + postgres + postgresServer),
  };
}

function summarize(all: Run[]): Summary {
  const runs = all.filter((r): r is Run & { cpuMsPerRequest: CpuPerRequest } => r.cpuMsPerRequest !== null);
  const labels = [...new Set(runs.flatMap((r) => Object.keys(r.cpuMs)))].sort();
  return {
    rps: median(all.map((r) => r.rps)),
    p50: median(runs.map((r) => r.p50)),
    p95: median(runs.map((r) => r.p95)),
    p99: median(runs.map((r) => r.p99)),
    requests: all.reduce((n, r) => n + r.requests, 0),
    failures: all.reduce((n, r) => n + r.failures, 0),
    cpuMsPerRequest: {
      gateway: median(runs.map((r) => r.cpuMsPerRequest.gateway)),
      subgraphs: median(runs.map((r) => r.cpuMsPerRequest.subgraphs)),
      postgres: median(runs.map((r) => r.cpuMsPerRequest.postgres)),
      postgresServer: median(runs.map((r) => r.cpuMsPerRequest.postgresServer)),
      total: median(runs.map((r) => r.cpuMsPerRequest.total)),
    },
    cpuMsPerRequestByProcess: Object.fromEntries(labels.map((label) => [label, median(runs.map((r) => (r.cpuMs[label] ?? 0) / r.sent))])),
  };
}

function ratio(hub: Summary, other: Summary): Omit<Ratio, 'rounds'> {
  return {
    perGatewayCpuSecond: round2(hub.cpuMsPerRequest.gateway / other.cpuMsPerRequest.gateway),
    perRps: round2(other.rps / hub.rps),
    perTotalCpuSecond: round2(hub.cpuMsPerRequest.total / other.cpuMsPerRequest.total),
  };
}

/** Short runs, few rounds, or a machine busy with other work: figures to be taken again. */
function isProvisional(options: PeersOptions, start: number[]): string | null {
  const reasons: string[] = [];
  if (options.seconds < 10 || options.rounds < 5)
    reasons.push(`a short run (${options.rounds} round${options.rounds === 1 ? '' : 's'} of ${options.seconds} s)`);
  // Only the load before the run says whether someone else was busy: at its end the 1-minute
  // average is the bench's own (ten connections keep every core busy and a queue waiting), so
  // judging by it marked every full run provisional. The end's figures are printed beside.
  if (start[0]! > cpus().length * 0.75)
    reasons.push(`a loaded machine (1-minute load average ${start[0]!.toFixed(2)} at the start on ${cpus().length} cores)`);
  return reasons.length > 0 ? `Provisional: measured on ${reasons.join(' and ')}; to be measured again on a quiet machine.` : null;
}

function reportLines(
  options: PeersOptions,
  summary: Record<QueryName, Partial<Record<GatewayName, Summary>>>,
  ratios: Record<QueryName, Partial<Record<GatewayName, Ratio>>>,
  atFixedRate: Partial<Record<QueryName, FixedRateResult>>,
  gate: Record<string, string>,
  calls: Record<string, Partial<Record<GatewayName, Record<string, SubgraphCalls>>>>,
  machine: { cores: number; cpu: string; node: string; loadAverage: { start: number[]; end: number[] } },
  provisional: string | null,
  date: Date,
): string[] {
  const lines = [
    `Measured ${date.toISOString().slice(0, 16)}Z on ${machine.cores} cores (${machine.cpu}), Node ${machine.node}; ${options.scale} subjects, ` +
      `${options.rounds} alternating round${options.rounds === 1 ? '' : 's'} of ${options.seconds} s per gateway and query after ${options.warmup} s of warm-up each, wrk with ${options.connections} connections; ` +
      `services ${options.production || environment().production ? 'with NODE_ENV=production' : 'without NODE_ENV=production'}. ` +
      `Load average (1, 5, 15 min) at the start ${machine.loadAverage.start.join(', ')}, at the end ${machine.loadAverage.end.join(', ')}.`,
  ];
  if (provisional) lines.push('', `**${provisional}**`);
  for (const query of options.queries) {
    lines.push(
      '',
      `**${QUERY_LABELS[query]}** — answers checked: ${gate[query]}.`,
      '',
      '| gateway | RPS | p50 ms | p95 ms | p99 ms | CPU ms/request: gateway | subgraphs | PostgreSQL backends | PostgreSQL server | total | failures | × hub per gateway CPU-s | × hub RPS |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    );
    for (const gateway of options.gateways) {
      const s = summary[query][gateway]!;
      const c = s.cpuMsPerRequest;
      const r = ratios[query][gateway];
      lines.push(
        `| ${LABELS[gateway]} | ${s.rps} | ${s.p50} | ${s.p95} | ${s.p99} | ${c.gateway} | ${c.subgraphs} | ${c.postgres} | ${c.postgresServer} | ${c.total} | ${s.failures} | ${r ? `${r.perGatewayCpuSecond}×` : gateway === 'hub' ? '1×' : '–'} | ${r ? `${r.perRps}×` : gateway === 'hub' ? '1×' : '–'} |`,
      );
    }
    const processes = [
      ...SUBGRAPH_NAMES.map((n) => `subgraph:${n}`),
      ...[...SUBGRAPH_NAMES, 'hub'].map((n) => `postgres:${n}`),
      'postgres:server',
    ];
    lines.push(
      '',
      `CPU ms/request per process (PostgreSQL: the backends of each owner's database, and the server's own processes):`,
      '',
      `| gateway | ${processes.map((p) => p.replace('subgraph:', '').replace('postgres:', 'pg ')).join(' | ')} |`,
      `|---|${processes.map(() => '---').join('|')}|`,
      ...options.gateways.map(
        (g) => `| ${LABELS[g]} | ${processes.map((p) => summary[query][g]!.cpuMsPerRequestByProcess[p] ?? 0).join(' | ')} |`,
      ),
    );
    lines.push(
      '',
      'Calls the subgraphs received for one request (counted at the subgraphs), and the length of the operations sent:',
      '',
      `| gateway | ${SUBGRAPH_NAMES.join(' | ')} | calls | operations, KB |`,
      `|---|${SUBGRAPH_NAMES.map(() => '---').join('|')}|---|---|`,
      ...options.gateways.map((g) => {
        const counts = calls[query]?.[g] ?? {};
        const total = (key: keyof SubgraphCalls) => Object.values(counts).reduce((n, c) => n + c[key], 0);
        return `| ${LABELS[g]} | ${SUBGRAPH_NAMES.map((n) => counts[n]?.calls ?? 0).join(' | ')} | ${total('calls')} | ${round2(total('chars') / 1024)} |`;
      }),
    );
    const apollo = ratios[query].apollo;
    if (apollo) {
      lines.push(
        '',
        `Hub (policy + log) vs plain Apollo Gateway: Apollo serves **${apollo.perGatewayCpuSecond}×** the hub's requests per gateway CPU-second, ` +
          `**${apollo.perRps}×** its requests per second, ${apollo.perTotalCpuSecond}× per CPU-second of all processes measured.` +
          (apollo.rounds
            ? ` Round by round (the two run back to back in each): ${apollo.rounds.median}× (median), ` +
              `${apollo.rounds.min}–${apollo.rounds.max}×; the hub used less gateway CPU per request in ${apollo.rounds.hubCheaper} of ${apollo.rounds.count} rounds.`
            : ''),
      );
    }
    const fixed = atFixedRate[query];
    if (fixed) {
      lines.push(
        '',
        `At one fixed offered load below saturation, ${fixed.rate} requests/s (${Math.round(options.rateShare * 100)} % of the lower of the hub's and Apollo's throughput above; ` +
          `open loop, each latency from when its request was due; medians of ${fixed.rounds} alternating rounds of ${fixed.seconds} s):`,
        '',
        '| gateway | p50 ms | p95 ms | p99 ms | requests | failures |',
        '|---|---|---|---|---|---|',
        ...Object.entries(fixed.byGateway).map(
          ([g, r]) => `| ${LABELS[g as GatewayName]} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.requests} | ${r.failures} |`,
        ),
      );
      const hubStages = fixed.stages.hub;
      if (hubStages && Object.keys(hubStages).length > 0) {
        lines.push(
          '',
          "Where the hub's time went at that rate, by stage of its pipeline (`hub_gateway_stage_seconds` over its rounds; p50 and p99 " +
            "interpolated within the histogram's buckets; `execute` waits for the partners, `account` shapes the response and waits for the log's commit):",
          '',
          '| stage | runs | mean ms | p50 ms | p99 ms |',
          '|---|---|---|---|---|',
          ...GATEWAY_STAGES.flatMap((stage) => {
            const t = hubStages[stage];
            return t ? [`| ${stage} | ${t.requests} | ${t.mean} | ${t.p50} | ${t.p99} |`] : [];
          }),
        );
      }
    }
  }
  return lines;
}

function roundValues(values: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, round2(v)]));
}

/** CLOCK_MONOTONIC in µs: the clock V8's CPU profiles stamp their samples with. */
function monotonicMicros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/** An installed package's version, read from its package.json (found from its entry point). */
function packageVersion(name: string): string {
  try {
    let dir = dirname(require.resolve(name));
    for (;;) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
        if (pkg.name === name) return pkg.version ?? '?';
      } catch {
        // not here: go up
      }
      if (dirname(dir) === dir) return '?';
      dir = dirname(dir);
    }
  } catch {
    return 'not installed';
  }
}

/**
 * The hub against another gateway, round by round: the machine's speed drifts over a run (warm-up,
 * other tenants) by more than a change of a few per cent, but the two run back to back within each
 * round, so the rounds' ratios show how much one run's figure can be trusted, and their median
 * says more than the ratio of the medians.
 */
function roundRatios(runs: readonly Run[], query: QueryName, other: GatewayName): RoundRatios | null {
  const ratios: number[] = [];
  for (const run of runs) {
    if (run.query !== query || run.gateway !== 'hub') continue;
    const paired = runs.find((r) => r.query === query && r.gateway === other && r.round === run.round);
    if (run.cpuMsPerRequest && paired?.cpuMsPerRequest) ratios.push(run.cpuMsPerRequest.gateway / paired.cpuMsPerRequest.gateway);
  }
  if (ratios.length === 0) return null;
  return {
    median: median(ratios),
    min: round2(Math.min(...ratios)),
    max: round2(Math.max(...ratios)),
    hubCheaper: ratios.filter((r) => r < 1).length,
    count: ratios.length,
  };
}

/** The hub against hub-base (a change measured against the code before it), for the commit message. */
function pairedChange(runs: readonly Run[], query: QueryName): string {
  const r = roundRatios(runs, query, 'hub-base');
  if (!r) return `${query}: no rounds to pair`;
  return (
    `${query}: gateway CPU per request, hub ÷ hub-base, median of ${r.count} rounds' ratios: ${r.median} ` +
    `(hub cheaper in ${r.hubCheaper} of ${r.count} rounds; range ${r.min}–${r.max})`
  );
}
