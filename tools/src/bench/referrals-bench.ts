import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { issueDevToken } from '@hub/gateway';
import { SUBGRAPH_NAMES } from '@hub/shared';
import { postGraphql } from '@hub/shared/testing';
import { freshDatabases } from '../runtime/fresh-databases';
import { launchHub } from '../runtime/launch-hub';
import { print } from '../cli-output';
import { RESULTS_DIR } from './policy-bench';
import { writeBenchmarkSection } from './report';
import { round2 } from './stats';

export interface ReferralsBenchOptions {
  scale: number;
  /** Measured requests of each operation. */
  requests: number;
  /** Requests in flight at once (closed loop). */
  connections: number;
}

const CASE = 'BCC/MSHT/2026/0042';
const SERVICE = 'hope-at-home-hosting';
const CARE_PATHWAY = `query($need: CareNeedInput!) { carePathway(need: $need) { checkedAt options { canTakeNow placesAvailable reasons service { id name } } } }`;
const NEED = { age: 27, gender: 'FEMALE', nrmStage: 'POSITIVE_CG', languages: ['English'], area: 'Birmingham' };
const REFER = `mutation($input: ReferralInput!) { referToService(input: $input) { id status holdExpiresAt } }`;

/**
 * `npm run bench -- referrals`: `carePathway` (the directory and live capacity from three partners)
 * and `referToService` (the policy read as the provider, the hold in the charity's database, the
 * disclosure log, the hub's store) at `--scale` subjects, on the PostgreSQL server, real HTTP and
 * tokens. Each operation is sent `--requests` times, `--connections` at once, after a warm-up;
 * every referral has its own idempotency key, so each is a new hold and a new disclosure. The
 * client runs in the hub's process (as the tests do): latencies include its share of the event loop.
 */
export async function referralsBench(options: ReferralsBenchOptions): Promise<void> {
  const databases = await freshDatabases([...SUBGRAPH_NAMES, 'hub']);
  const seeding = performance.now();
  const hub = await launchHub({ databaseUrls: databases.urls, ports: 'free', seedIfEmpty: options.scale });
  print(`seeded ${options.scale} subjects in ${round2((performance.now() - seeding) / 1000)} s`);
  try {
    // The survivor's consent names the provider, and the service has room for every referral sent.
    const ngo = hub.subgraphs.ngo.dataSource;
    const [{ next }] = await ngo.query('SELECT coalesce(max(id), 0) + 1 AS next FROM consent_records');
    const [episode] = await ngo.query(`SELECT id FROM support_episodes WHERE subject_id = 'SUBJ-000003' ORDER BY id LIMIT 1`);
    await ngo.query(`INSERT INTO consent_records (id, episode_id, recipients, recorded_on, scope) VALUES ($1, $2, $3, '2026-11-01', $4)`, [
      next,
      episode.id,
      ['hope-at-home'],
      'Name and age, for referrals to accommodation',
    ]);
    const headers = async (as: string, purpose: string) => ({
      authorization: `Bearer ${await issueDevToken(as, hub.keys.devIssuer)}`,
      'x-hub-purpose': purpose,
      'x-hub-case-ref': CASE,
    });
    const provider = await headers('hopeathome.caseworker', 'SERVICE_MAPPING');
    const places = options.requests + 100;
    const set = await postGraphql(
      hub.gateway.url,
      `mutation { updateServiceCapacity(serviceId: "${SERVICE}", total: ${places}, available: ${places}) { available } }`,
      {},
      provider,
    );
    if (set.body.errors) throw new Error(`capacity: ${JSON.stringify(set.body.errors)}`);

    const caseworker = await headers('la.safeguarding', 'SAFEGUARDING_REFERRAL');
    const mapping = await headers('la.safeguarding', 'SERVICE_MAPPING');
    let key = 0;
    const pathway = async () => {
      const { body } = await postGraphql(hub.gateway.url, CARE_PATHWAY, { need: NEED }, mapping);
      if (body.errors || !body.data?.carePathway?.options?.length) throw new Error(`carePathway: ${JSON.stringify(body.errors)}`);
    };
    const refer = async () => {
      const input = {
        serviceId: SERVICE,
        subjectId: 'SUBJ-000003',
        sharedFields: ['name', 'ageBand'],
        idempotencyKey: `bench-${Date.now()}-${++key}`,
      };
      const { body } = await postGraphql(hub.gateway.url, REFER, { input }, caseworker);
      if (body.errors || body.data?.referToService?.status !== 'PENDING') throw new Error(`referToService: ${JSON.stringify(body.errors)}`);
    };

    const results: Record<string, Latencies> = {};
    for (const [name, call] of [
      ['carePathway', pathway],
      ['referToService', refer],
    ] as const) {
      await closedLoop(call, 20, options.connections); // warm-up: JIT, pools, plan cache
      results[name] = await closedLoop(call, options.requests, options.connections);
      print(`${name.padEnd(15)} ${JSON.stringify(results[name])}`);
    }

    const date = new Date().toISOString();
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(
      join(RESULTS_DIR, 'referrals-latest.json'),
      `${JSON.stringify({ benchmark: 'referrals', date, options, results }, null, 2)}\n`,
    );
    writeBenchmarkSection('referrals', [
      `\`npm run bench -- referrals --scale ${options.scale} --requests ${options.requests} --connections ${options.connections}\`: ${options.scale} subjects on the PostgreSQL server, ${options.requests} requests of each operation, ${options.connections} at once, after a warm-up of 20.`,
      '',
      '| operation | requests | req/s | p50 ms | p95 ms | p99 ms |',
      '|---|---|---|---|---|---|',
      ...Object.entries(results).map(([n, r]) => `| ${n} | ${r.requests} | ${r.rps} | ${r.p50} | ${r.p95} | ${r.p99} |`),
      '',
      `Measured ${date.slice(0, 16)}Z. Every referral is a new hold (its own idempotency key) and a new disclosure record.`,
    ]);
  } finally {
    await hub.stop();
    await databases.drop();
  }
}

interface Latencies {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
}

async function closedLoop(call: () => Promise<void>, requests: number, connections: number): Promise<Latencies> {
  const latencies: number[] = [];
  let sent = 0;
  const started = performance.now();
  const loop = async () => {
    while (sent < requests) {
      sent++;
      const t = performance.now();
      await call();
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => round2(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!);
  return { requests: latencies.length, rps: round2(latencies.length / seconds), p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}
