import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUBGRAPH_NAMES, type SubgraphName } from '@hub/shared';
import { createTestDatabase, postGraphql, testRunId, type GraphqlResponse, type TestDatabase } from '@hub/shared/testing';
import { storedHubKeys } from '../../runtime/hub-keys';
import { print } from '../../cli-output';
import { RESULTS_DIR } from '../policy-bench';
import { dashboardHeaders, REQUESTS, type QueryName } from '../queries';
import { median, round2 } from '../stats';
import { processCpuMs } from './process-cpu';
import { spawnService, spawnSubgraphs, type ServiceProcess } from './service-process';

export interface PartnerOpsOptions {
  /** Replays of each captured call per partner per round. */
  requests: number;
  rounds: number;
  /** Rounds run first and left out of the figures (the partners' JIT warms up over the first few). */
  warmupRounds: number;
  scale: number;
  /** Which of the peers bench's queries the gateways answer: the dashboard or one person. */
  query: QueryName;
}

const GATEWAYS = ['hub', 'apollo'] as const;
type Gateway = (typeof GATEWAYS)[number];

/** One call a gateway made to a partner, as sent: its body and headers (the gateway's token with them). */
interface Call {
  body: string;
  headers: IncomingHttpHeaders;
}

/** A recorded call, ready to be asked again. */
interface Replayable {
  query: string;
  variables: Record<string, unknown>;
  headers: Record<string, string>;
}

/**
 * `npm run bench -- partner-ops`: what the partners spend answering what each gateway asks them
 * for one dashboard (or one person, `--query person`), without the load of the rest. Under wrk
 * (`bench -- peers`) every process shares two cores, and a partner's CPU per request moves with
 * the contention as much as with the question. Here the hub and plain @apollo/gateway each answer
 * the query once through a recording proxy; each partner is then asked exactly those calls again,
 * directly, two at a time, and its process CPU per call is read from /proc. Fresh calls are captured every round (the
 * gateway's subgraph tokens live 60 s), and the gateways alternate.
 */
export async function partnerOpsBench(options: PartnerOpsOptions): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'hub-partner-ops-'));
  const run = testRunId();
  const databases: TestDatabase[] = [];
  const services: ServiceProcess[] = [];
  const proxies: Server[] = [];
  try {
    const database = async (owner: Parameters<typeof createTestDatabase>[0]) => {
      const db = await createTestDatabase(owner, run);
      databases.push(db);
      return db.url;
    };
    const keys = await storedHubKeys(work);
    const databaseUrls = {} as Record<SubgraphName, string>;
    for (const name of SUBGRAPH_NAMES) databaseUrls[name] = await database(name);
    const subgraphs = await spawnSubgraphs(databaseUrls, work, options.scale);
    services.push(...subgraphs);
    const recorded = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, [] as Call[]]));
    const endpoints: Record<string, string> = {};
    for (const [i, name] of SUBGRAPH_NAMES.entries()) {
      const proxy = await recordingProxy(subgraphs[i]!.url, recorded[name]!);
      proxies.push(proxy.server);
      endpoints[name] = proxy.url;
    }
    const gateways: Record<Gateway, ServiceProcess> = {
      hub: await spawnService('hub', 'serve-hub', {
        endpoints,
        hubDatabaseUrl: await database('hub'),
        keysDir: work,
        enforcement: 'on',
        withLog: true,
      }),
      apollo: await spawnService('apollo', 'serve-apollo', { endpoints, keysDir: work }),
    };
    services.push(...Object.values(gateways));
    const headers = await dashboardHeaders(keys.devIssuer);

    const perCall: Record<Gateway, Record<string, number[]>> = { hub: {}, apollo: {} };
    const callChars: Record<Gateway, Record<string, number>> = { hub: {}, apollo: {} };
    for (let round = 0; round < options.warmupRounds + options.rounds; round++) {
      const order = round % 2 === 0 ? GATEWAYS : [...GATEWAYS].reverse();
      for (const gateway of order) {
        for (const calls of Object.values(recorded)) calls.length = 0;
        const request = REQUESTS[options.query];
        answered(await postGraphql(gateways[gateway].url, request.query, request.variables, headers));
        for (const [i, name] of SUBGRAPH_NAMES.entries()) {
          const calls = recorded[name]!;
          if (calls.length !== 1) throw new Error(`${gateway} asked ${name} ${calls.length} times for one ${options.query}, not once`);
          const call = replayable(calls[0]!);
          callChars[gateway][name] = call.query.length;
          const cpuMs = await replay(subgraphs[i]!, call, options.requests);
          if (round >= options.warmupRounds) (perCall[gateway][name] ??= []).push(cpuMs);
        }
      }
    }

    const rows = SUBGRAPH_NAMES.map((name) => ({
      partner: name,
      hubMs: median(perCall.hub[name]!),
      apolloMs: median(perCall.apollo[name]!),
      hubRounds: perCall.hub[name]!.map(round2),
      apolloRounds: perCall.apollo[name]!.map(round2),
      queryChars: { hub: callChars.hub[name], apollo: callChars.apollo[name] },
    }));
    const total = (g: 'hubMs' | 'apolloMs') => round2(rows.reduce((n, r) => n + r[g], 0));
    for (const r of rows)
      print(
        `${r.partner.padEnd(16)} hub ${r.hubMs} ms (${r.hubRounds.join(', ')}), Apollo ${r.apolloMs} ms (${r.apolloRounds.join(', ')}) of partner CPU per call`,
      );
    print(`all four partners: hub ${total('hubMs')} ms, Apollo ${total('apolloMs')} ms of partner CPU per ${options.query}`);
    mkdirSync(RESULTS_DIR, { recursive: true });
    const date = new Date().toISOString();
    const result = { benchmark: 'partner-ops', date, options, rows, total: { hub: total('hubMs'), apollo: total('apolloMs') } };
    // The dashboard's file keeps its name (BENCHMARKS.md cites it); another query's is named for it.
    const file = options.query === 'dashboard' ? 'partner-ops-latest.json' : `partner-ops-${options.query}-latest.json`;
    writeFileSync(join(RESULTS_DIR, file), `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    for (const service of services.reverse()) await service.stop().catch(() => undefined);
    for (const proxy of proxies) proxy.close();
    await Promise.all(databases.map((d) => d.drop().catch((e: unknown) => console.error('could not drop a bench database:', e))));
    rmSync(work, { recursive: true, force: true });
  }
}

/** Asks the partner this call `requests` times, two at a time; its process CPU per call. */
async function replay(partner: ServiceProcess, call: Replayable, requests: number): Promise<number> {
  const ask = async () => answered(await postGraphql(partner.url, call.query, call.variables, call.headers));
  for (let i = 0; i < 10; i++) await ask();
  const before = processCpuMs(partner.pid)!;
  await Promise.all(
    [0, 1].map(async (lane) => {
      for (let i = lane; i < requests; i += 2) await ask();
    }),
  );
  return (processCpuMs(partner.pid)! - before) / requests;
}

/** The call's operation and the headers that go with it (not the proxy's own: host, connection, length). */
function replayable(call: Call): Replayable {
  const { query, variables } = JSON.parse(call.body) as { query: string; variables?: Record<string, unknown> };
  const { host: _host, connection: _connection, 'content-length': _length, ...headers } = call.headers;
  return { query, variables: variables ?? {}, headers: headers as Record<string, string> };
}

/** A replay that is refused or fails measures nothing: stop. */
function answered({ status, body }: GraphqlResponse): void {
  if (status !== 200 || !body.data || body.errors?.length)
    throw new Error(`partner-ops: an answer with errors (${status}): ${JSON.stringify(body).slice(0, 300)}`);
}

/** A proxy in this process in front of one partner that keeps each call's body and headers. */
function recordingProxy(target: string, calls: Call[]): Promise<{ server: Server; url: string }> {
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      calls.push({ body: body.toString(), headers: req.headers });
      const forward = httpRequest(
        { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => res.destroy());
      forward.end(body);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as { port: number };
      resolve({ server, url: `http://127.0.0.1:${address.port}${upstream.pathname}` });
    }),
  );
}
