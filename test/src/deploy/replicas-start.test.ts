import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_ISSUER, HubStore, issueDevToken, loadOrCreateKeyPair } from '@hub/gateway';
import {
  dropDatabase,
  envPrefix,
  generatePopulation,
  startSubgraph,
  SUBGRAPH_NAMES,
  withDatabaseName,
  type RunningSubgraph,
} from '@hub/shared';
import { postGraphql, testRunId, testServerUrl } from '@hub/shared/testing';
import { FIRST_QUERY, freshDatabases, SUBGRAPHS, type FreshDatabases } from '@hub/tools';
import { freePort } from '../helpers/free-port';
import { hubProcess, runHub, type ServiceProcess } from '../helpers/service-processes';

const STARTS = 10;
const QUERIES_PER_REPLICA = 3;

interface Start {
  ok: boolean;
  /** From spawning both to both listening, in seconds. */
  seconds?: number;
  /** One replica found the other migrating and waited for it. */
  waited?: boolean;
  records?: number;
  problem?: string;
}

/**
 * Two gateway replicas (`hub serve gateway`, real processes) started at the same moment on a hub
 * database that does not exist yet, ten times: both must come up — one creates the database,
 * runs the migrations and makes the log's partitions, the other waits and finds them — both
 * serve, both write to the one disclosure log, and `hub audit verify` passes it with two
 * writers' chains. Before the advisory locks, every such start had one replica die
 * (`pg_database_datname_index`, `relation "migrations" already exists`).
 */
describe('gateway replicas starting together', () => {
  const run = testRunId();
  let dataDir: string;
  let databases: FreshDatabases;
  const subgraphs: RunningSubgraph[] = [];
  let token: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hub-replicas-'));
    const keys = await Promise.all(['gateway', 'audit', 'dev-issuer'].map((name) => loadOrCreateKeyPair(join(dataDir, 'keys'), name)));
    token = await issueDevToken('la.safeguarding', keys[2]!);
    databases = await freshDatabases(SUBGRAPH_NAMES);
    const population = generatePopulation({ scale: 20 });
    for (const definition of SUBGRAPHS) {
      const running = await startSubgraph(definition, {
        databaseUrl: databases.urls[definition.name]!,
        port: 0,
        gatewayPublicKey: keys[0]!.publicKey,
      });
      subgraphs.push(running);
      await definition.seed(running.dataSource, population);
    }
  });
  afterAll(async () => {
    await Promise.all(subgraphs.map((s) => s.stop()));
    await databases?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`both come up and share one verifiable log, ${STARTS} times out of ${STARTS}`, async () => {
    const starts: Start[] = [];
    for (let i = 0; i < STARTS; i++) starts.push(await startTwo(i));
    const ok = starts.filter((s) => s.ok);
    const seconds = ok.map((s) => s.seconds!).sort((a, b) => a - b);
    console.log(
      `${ok.length}/${STARTS} starts of 2 replicas on an empty database came up and verified; ` +
        `both listening after ${seconds[0]?.toFixed(1)}–${seconds.at(-1)?.toFixed(1)} s (median ${seconds[Math.floor(seconds.length / 2)]?.toFixed(1)} s); ` +
        `a replica waited for the other's migrations in ${ok.filter((s) => s.waited).length}; ` +
        `records per log ${Math.min(...ok.map((s) => s.records!))}–${Math.max(...ok.map((s) => s.records!))}`,
    );
    expect(starts.filter((s) => !s.ok).map((s) => s.problem)).toEqual([]);
  }, 900_000);

  async function startTwo(i: number): Promise<Start> {
    const hubUrl = withDatabaseName(testServerUrl(), `hubtest_${run}_r${i}_hub`);
    const env = {
      HUB_HOST: '127.0.0.1',
      HUB_DATA_DIR: dataDir,
      HUB_KEY_DIR: join(dataDir, 'keys'),
      HUB_DATABASE_URL: hubUrl,
      ...Object.fromEntries(subgraphs.map((s) => [`${envPrefix(s.name)}_URL`, s.url])),
    };
    const ports = [await freePort(), await freePort()];
    const began = Date.now();
    const replicas: ServiceProcess[] = ports.map((port) => hubProcess(['serve', 'gateway'], { ...env, GATEWAY_PORT: String(port) }));
    try {
      await Promise.all(replicas.map((r) => r.printed('"msg":"gateway listening"', 120_000)));
      const seconds = (Date.now() - began) / 1000;
      const store = await HubStore.open(hubUrl);
      await store.seedDemoApprovals(DEV_ISSUER).finally(() => store.close());
      for (let q = 0; q < QUERIES_PER_REPLICA; q++) {
        for (const port of ports) {
          const { body } = await postGraphql(
            `http://127.0.0.1:${port}/graphql`,
            FIRST_QUERY,
            {},
            { authorization: `Bearer ${token}`, 'x-hub-purpose': 'IDENTIFY_VICTIMS', 'x-hub-case-ref': 'BCC/MSHT/2026/0042' },
          );
          if (body.errors || body.data?.person?.id !== 'SUBJ-000001') throw new Error(`query on :${port}: ${JSON.stringify(body)}`);
        }
      }
      const codes = await Promise.all(replicas.map((r) => r.stop()));
      if (codes.some((c) => c !== 0)) throw new Error(`replicas exited ${codes.join(', ')}`);
      const verify = await runHub(['audit', 'verify'], {
        HUB_DATA_DIR: dataDir,
        HUB_KEY_DIR: join(dataDir, 'keys'),
        HUB_DATABASE_URL: hubUrl,
      });
      const report = /disclosure log OK: (\d+) records from 2 writers/.exec(verify.output);
      if (verify.code !== 0 || !report) throw new Error(`audit verify exited ${verify.code}: ${verify.output}`);
      const waited = replicas.some((r) => r.output().includes('another process is migrating this database'));
      return { ok: true, seconds, waited, records: Number(report[1]) };
    } catch (error) {
      const outputs = replicas.map((r, n) => `replica ${n}: ${r.output().trim().split('\n').slice(-3).join(' | ')}`).join('\n');
      return { ok: false, problem: `start ${i + 1}: ${(error as Error).message.split('\n')[0]}\n${outputs}` };
    } finally {
      await Promise.all(replicas.map((r) => r.stop()));
      await dropDatabase(hubUrl).catch(() => undefined);
    }
  }
});
