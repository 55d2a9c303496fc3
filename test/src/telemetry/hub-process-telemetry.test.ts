import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateKeyPair } from '@hub/gateway';
import { FIXED_PROPERTIES, FIXED_SUBJECTS, GATEWAY_STAGES, SUBGRAPH_NAMES } from '@hub/shared';
import { FIRST_QUERY } from '@hub/tools';
import { freePort } from '../helpers/free-port';
import { emptyEmbeddedClusters, interrupt, startHubProcess, type HubProcess } from '../helpers/hub-process';
import { userHeaders, type AsUser } from '../helpers/test-hub';

/**
 * The hub as `npm start` runs it — its own process, embedded PostgreSQL, tracing switched on by
 * the standard variables alone (OTLP over HTTP/JSON to a collector this test plays) — and the
 * run's whole output read afterwards: JSON log lines with request ids, no personal value in
 * any line or any exported span, `/metrics` on the gateway's metrics port (404 on its public
 * one), and the spans of one request in one
 * trace from the gateway's HTTP server to the subgraphs' SQL. Unlike the in-process tests, the
 * instrumentations here patch `http` and `pg` through Node's own require hook, after the CLI's
 * first import started the SDK.
 */

const PROFILE = `query Profile($id: ID!) {
  person(id: $id) {
    id
    police { names { fullName } dateOfBirth }
    localAuthority { housing { address { uprn } } }
    health { nhsNumber names { fullName } attendances { attendedOn site } }
    support { provider }
  }
}`;

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: Record<string, unknown> }[];
  scope: string;
}

describe('a hub process with tracing on, and what it wrote', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-telemetry-'));
  const exported: string[] = [];
  let collector: Server;
  let hub: HubProcess | undefined;
  let gatewayUrl: string;
  let gatewayMetricsUrl: string;
  let output = '';
  const answers: { headerId: string | null; text: string }[] = [];

  beforeAll(async () => {
    collector = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        exported.push(body);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    emptyEmbeddedClusters(dataDir, [...SUBGRAPH_NAMES, 'hub']);
    const ports = await Promise.all([0, 1, 2, 3, 4].map(() => freePort()));
    const metricsPorts = await Promise.all([0, 1, 2, 3, 4].map(() => freePort()));
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HUB_DATA_DIR: dataDir,
      HUB_DEMO_SCALE: '40',
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
      OTEL_BSP_SCHEDULE_DELAY: '200',
    };
    ['GATEWAY', 'POLICE', 'LOCAL_AUTHORITY', 'NHS', 'NGO'].forEach((service, i) => {
      env[`${service}_PORT`] = String(ports[i]);
      env[`${service}_METRICS_PORT`] = String(metricsPorts[i]);
    });
    gatewayUrl = `http://127.0.0.1:${ports[0]}/graphql`;
    gatewayMetricsUrl = `http://127.0.0.1:${metricsPorts[0]}/metrics`;
    hub = await startHubProcess(env);
    const devIssuer = await loadOrCreateKeyPair(join(dataDir, 'keys'), 'dev-issuer');
    const send = async (query: string, variables: Record<string, unknown>, user: AsUser) => {
      const response = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await userHeaders({ devIssuer }, user)) },
        body: JSON.stringify({ query, variables }),
      });
      answers.push({ headerId: response.headers.get('x-request-id'), text: await response.text() });
    };
    for (const as of ['la.safeguarding', 'nhs.safeguarding', 'police.investigator']) {
      for (const subject of FIXED_SUBJECTS) await send(PROFILE, { id: subject.id }, { as });
    }
    await send(`{ person(id: "Tomasz Nowak") { nosuchfield } }`, {}, {});
  }, 180_000);

  afterAll(async () => {
    if (hub?.child.exitCode === null) await interrupt(hub.child);
    await new Promise((resolve) => collector?.close(resolve));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("serves /metrics on the gateway's metrics port with the requests, subgraph calls, log batches and pools of the run", async () => {
    // Not on the public port: partner users reach it, and the counters move with what records held.
    expect((await fetch(gatewayUrl.replace(/graphql$/, 'metrics'))).status).toBe(404);
    const metrics = await (await fetch(gatewayMetricsUrl)).text();
    expect(metrics).toMatch(/hub_requests_total\{service="gateway",operation="[A-Za-z]+",outcome="ok"\} \d+/);
    expect(metrics).toMatch(/hub_requests_total\{service="nhs",operation="Profile",outcome="ok"\} \d+/);
    expect(metrics).toMatch(/hub_subgraph_request_duration_seconds_count\{subgraph="police",outcome="ok"\} [1-9]/);
    expect(metrics).toMatch(/hub_disclosure_log_commit_seconds_count [1-9]/);
    // Each stage of the pipeline timed, the log's commit (account) apart from the partners' answers (execute).
    for (const stage of GATEWAY_STAGES) expect(metrics).toMatch(new RegExp(`hub_gateway_stage_seconds_count\\{stage="${stage}"\\} [1-9]`));
    expect(metrics).toMatch(/hub_db_pool_connections\{pool="audit",state="idle"\} \d+/);
  });

  it('stops on Ctrl-C, sending its last spans', async () => {
    expect(await interrupt(hub!.child)).toBe(0);
    output = hub!.output();
    expect(output).toContain('"msg":"stopping"');
  });

  it("logged JSON lines with each request's id, and no personal value the responses carried", () => {
    const answered = answers.map((a) => a.text).join('\n');
    const nhsNumbers = [...answered.matchAll(/"nhsNumber":"(\d{10})"/g)].map((m) => m[1]!);
    const names = [...answered.matchAll(/"fullName":"([^"]+)"/g)].map((m) => m[1]!);
    expect(nhsNumbers.length).toBeGreaterThan(0);
    expect(names).toContain('Tomasz Nowak');
    const personal = [
      ...new Set([
        ...nhsNumbers,
        ...names,
        ...FIXED_SUBJECTS.flatMap((s) => [s.id, s.givenName, s.familyName, s.dateOfBirth, s.uprn, ...s.aliases]),
        ...FIXED_PROPERTIES.flatMap((p) => [p.line1, p.postcode]),
      ]),
    ];
    // Everything the run wrote, less the example query `npm start` prints for the person at the terminal.
    const written = output.replace(FIRST_QUERY, '');
    expect(personal.filter((value) => written.includes(value))).toEqual([]);

    const lines = output
      .split('\n')
      .filter((line) => line.startsWith('{"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const gatewayLines = lines.filter((l) => l.service === 'gateway' && l.msg === 'request');
    for (const answer of answers) expect(gatewayLines.map((l) => l.requestId)).toContain(answer.headerId);
    // With tracing on, each line names its trace: the gateway's and the subgraphs' lines join on it.
    expect(gatewayLines.every((l) => typeof l.traceId === 'string')).toBe(true);
  });

  it('exported one trace per request, from the gateway through the subgraphs to their SQL, with nothing personal', async () => {
    const spans: OtlpSpan[] = exported.flatMap((body) =>
      (
        JSON.parse(body) as { resourceSpans: { scopeSpans: { scope: { name: string }; spans: Omit<OtlpSpan, 'scope'>[] }[] }[] }
      ).resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans.map((span) => ({ ...span, scope: ss.scope.name })))),
    );
    const text = (span: OtlpSpan, key: string) => span.attributes.find((a) => a.key === key)?.value.stringValue;
    const gateway = spans.find((s) => s.kind === 2 && text(s, 'hub.service') === 'gateway' && s.name === 'POST /graphql')!;
    expect(gateway).toBeDefined();
    const inTrace = spans.filter((s) => s.traceId === gateway.traceId);
    const services = new Set(inTrace.filter((s) => s.kind === 2).map((s) => text(s, 'hub.service')));
    expect(services).toEqual(new Set(['gateway', ...SUBGRAPH_NAMES]));
    const scopes = new Set(inTrace.map((s) => s.scope));
    expect(scopes).toEqual(new Set(['@opentelemetry/instrumentation-http', '@opentelemetry/instrumentation-pg', 'partner-hub']));
    // The gateway's pipeline: a span per stage, the subgraph calls under `hub.execute`.
    const stages = inTrace.filter((s) => s.scope === 'partner-hub').map((s) => s.name);
    expect(stages).toEqual(
      expect.arrayContaining(['hub.authenticate', 'hub.read-state', 'hub.plan', 'hub.execute', 'hub.account', 'hub.respond']),
    );
    const byId = new Map(inTrace.map((s) => [s.spanId, s]));
    const underExecute = (span: OtlpSpan): boolean => {
      for (let parent = byId.get(span.parentSpanId ?? ''); parent; parent = byId.get(parent.parentSpanId ?? '')) {
        if (parent.name === 'hub.execute') return true;
      }
      return false;
    };
    // The subgraph calls: the gateway's http client spans (lean-fetch.ts uses Node's http client). OTLP's kind 3 is CLIENT.
    const calls = inTrace.filter((s) => s.scope === '@opentelemetry/instrumentation-http' && s.kind === 3);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.filter((s) => !underExecute(s)).map((s) => s.name)).toEqual([]);
    const serialised = exported.join('\n');
    expect(serialised).not.toMatch(/Tomasz|Nowak|SUBJ-0|nosuchfield|client\.address|user_agent/);
  });
});
