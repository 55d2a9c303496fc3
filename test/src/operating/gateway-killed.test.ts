import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_ISSUER, HubStore, issueDevToken, loadOrCreateKeyPair, receiptCommitment } from '@hub/gateway';
import { envPrefix, generatePopulation, startSubgraph, SUBGRAPH_NAMES, withDatabaseName, type RunningSubgraph } from '@hub/shared';
import { testRunId, testServerUrl } from '@hub/shared/testing';
import { freshDatabases, SUBGRAPHS, type FreshDatabases } from '@hub/tools';
import { Client } from 'pg';
import { freePort } from '../helpers/free-port';
import { hubProcess, runHub, type ServiceProcess } from '../helpers/service-processes';

const KILLS = 2;
const CLIENTS = 8;
/** How long the load runs on each gateway before it is killed. */
const LOAD_MS = 2_500;
/** Acknowledged responses each round must have before its kill, so that there is something to lose. */
const ACKNOWLEDGED_PER_KILL = 12;
const DASHBOARD = `query Dashboard($ids: [ID!]!) { people(filter: { ids: $ids }) { id police { names { fullName } } localAuthority { housing { tenure } } } }`;

/** `extensions.disclosure` with the response's request id: what proves its records were logged. */
interface Receipt {
  writerId: string;
  commitment: string;
  requestId: string;
}

/**
 * The gateway SIGKILLed under load, twice (issue 8): a response the client received carries the
 * receipt of its disclosure records (writer, commitment), and every one of those must be
 * in the log afterwards, with that hash — nothing acknowledged is lost — and `hub audit verify`
 * must pass the whole log, the killed writers' chains included.
 */
describe('the gateway killed under load', () => {
  const run = testRunId();
  let dataDir: string;
  let databases: FreshDatabases;
  const subgraphs: RunningSubgraph[] = [];
  let token: string;
  let env: Record<string, string>;
  const hubUrl = withDatabaseName(testServerUrl(), `hubtest_${run}_killed_hub`);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hub-killed-'));
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
    env = {
      HUB_HOST: '127.0.0.1',
      HUB_DATA_DIR: dataDir,
      HUB_KEY_DIR: join(dataDir, 'keys'),
      HUB_DATABASE_URL: hubUrl,
      ...Object.fromEntries(subgraphs.map((s) => [`${envPrefix(s.name)}_URL`, s.url])),
    };
  }, 120_000);

  afterAll(async () => {
    await Promise.all(subgraphs.map((s) => s.stop()));
    await databases?.drop();
    const admin = new Client({ connectionString: testServerUrl() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "hubtest_${run}_killed_hub" WITH (FORCE)`).finally(() => admin.end());
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`loses no acknowledged record across ${KILLS} SIGKILLs, and the log verifies`, async () => {
    const receipts: Receipt[] = [];
    let refusedOrCut = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      const port = await freePort();
      const gateway: ServiceProcess = hubProcess(['serve', 'gateway'], { ...env, GATEWAY_PORT: String(port) });
      try {
        await gateway.printed('"msg":"gateway listening"', 120_000);
        if (kill === 0) {
          const store = await HubStore.open(hubUrl);
          await store.seedDemoApprovals(DEV_ISSUER).finally(() => store.close());
        }
        const killAt = Date.now() + LOAD_MS;
        const load = Array.from({ length: CLIENTS }, (_, client) => clientLoop(port, client, receipts, () => refusedOrCut++));
        // Kill after LOAD_MS, once this round has some acknowledged responses to lose (a loaded
        // machine answers slowly), and at the latest after a minute.
        const enough = (kill + 1) * ACKNOWLEDGED_PER_KILL;
        while (Date.now() < killAt || (receipts.length < enough && Date.now() < killAt + 60_000)) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        gateway.child.kill('SIGKILL');
        await gateway.exited;
        await Promise.all(load);
      } finally {
        gateway.child.kill('SIGKILL');
      }
    }
    expect(receipts.length).toBeGreaterThanOrEqual(KILLS * ACKNOWLEDGED_PER_KILL);

    const client = new Client({ connectionString: hubUrl });
    await client.connect();
    try {
      const missing: string[] = [];
      for (const receipt of receipts) {
        const { rows } = await client.query<{ hash: string; receipt_salt: string }>(
          `SELECT r.hash, w.receipt_salt FROM disclosure_records r JOIN log_writers w USING (writer_id)
            WHERE r.writer_id = $1 AND r.request_id = $2 ORDER BY r.seq`,
          [receipt.writerId, receipt.requestId],
        );
        // The commitment is over exactly the request's records: one missing or altered changes it.
        const complete =
          rows.length > 0 &&
          receiptCommitment(
            rows[0]!.receipt_salt,
            receipt.requestId,
            rows.map((r) => r.hash),
          ) === receipt.commitment;
        if (!complete) missing.push(`${receipt.writerId} ${receipt.requestId}`);
      }
      const writers = new Set(receipts.map((r) => r.writerId));
      console.log(
        `${receipts.length} acknowledged responses from ${writers.size} gateways killed under load; ` +
          `${missing.length} with a record missing; ${refusedOrCut} requests cut or refused by the kill`,
      );
      expect(missing).toEqual([]);
      expect(writers.size).toBe(KILLS);
    } finally {
      await client.end();
    }

    const verify = await runHub(['audit', 'verify'], {
      HUB_DATA_DIR: dataDir,
      HUB_KEY_DIR: join(dataDir, 'keys'),
      HUB_DATABASE_URL: hubUrl,
    });
    expect({ code: verify.code, output: verify.output }).toEqual({ code: 0, output: expect.stringMatching(/disclosure log OK/) });
  }, 600_000);

  /** One client asking the dashboard again and again until the gateway stops answering. */
  async function clientLoop(port: number, client: number, receipts: Receipt[], cut: () => void): Promise<void> {
    const ids = Array.from({ length: 5 }, (_, i) => `SUBJ-${String(((client * 5 + i) % 20) + 1).padStart(6, '0')}`);
    for (let i = 0; i < 10_000; i++) {
      let body: { data?: unknown; extensions?: { disclosure?: Omit<Receipt, 'requestId'>; requestId?: string } };
      try {
        const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${token}`,
            'x-hub-purpose': 'IDENTIFY_VICTIMS',
            'x-hub-case-ref': 'BCC/MSHT/2026/0042',
          },
          body: JSON.stringify({ query: DASHBOARD, variables: { ids } }),
          signal: AbortSignal.timeout(10_000),
        });
        body = (await response.json()) as typeof body;
      } catch {
        // The gateway is gone: this request was never acknowledged.
        cut();
        return;
      }
      if (body.extensions?.disclosure && body.extensions.requestId)
        receipts.push({ ...body.extensions.disclosure, requestId: body.extensions.requestId });
      else cut();
    }
  }
});
