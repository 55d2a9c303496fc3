import { writeFileSync } from 'node:fs';
import { format } from 'node:util';
import { captureLogs, FIXED_PROPERTIES, FIXED_SUBJECTS, SUBGRAPH_NAMES, type CapturedLogs } from '@hub/shared';
import { startTestHub, userHeaders, type AsUser, type TestHub } from '../helpers/test-hub';

/**
 * The issue's acceptance, on a real hub: requests as several demo users over the four fixed
 * subjects; every line the hub logged (and anything written to the console or the process's
 * output meanwhile) holds none of the subjects' names, aliases, NHS numbers, dates of birth,
 * subject references, UPRNs or addresses — while the responses did carry them; each request's
 * log line carries its id; `/metrics` lists the hub's metrics on each service's metrics port, and
 * is 404 on the ports partner users reach.
 */

const PROFILE = `query Profile($id: ID!) {
  person(id: $id) {
    id
    police { pncId dateOfBirth names { fullName } pvotMarker }
    localAuthority { housing { address { uprn } } }
    health { nhsNumber dateOfBirth names { fullName } attendances { attendedOn site } }
    support { provider }
  }
}`;

interface Sent {
  label: string;
  status: number;
  /** The gateway's `x-request-id` response header. */
  headerId: string | null;
  /** `extensions.requestId`: the id the gateway's pipeline signs into its subgraph calls. */
  pipelineId: string | undefined;
  text: string;
}

describe('telemetry on a running hub', () => {
  let hub: TestHub;
  let logs: CapturedLogs;
  const written: string[] = [];
  const restores: (() => void)[] = [];
  const sent: Sent[] = [];
  let personal: string[] = [];

  beforeAll(async () => {
    // Everything: the hub's loggers at every level, the console, and raw writes to stdout/stderr.
    logs = captureLogs({ level: 'trace' });
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const original = console[method];
      console[method] = (...args: unknown[]) => void written.push(format(...args));
      restores.push(() => (console[method] = original));
    }
    for (const stream of [process.stdout, process.stderr]) {
      const original = stream.write;
      stream.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
        written.push(String(chunk));
        return (original as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
      } as typeof stream.write;
      restores.push(() => (stream.write = original));
    }
    hub = await startTestHub({ scale: 60 });
    const nhsNumbers: { nhs_number: string }[] = await hub.subgraphs.nhs.dataSource.query(
      `SELECT nhs_number FROM patients WHERE subject_id = ANY($1)`,
      [FIXED_SUBJECTS.map((s) => s.id)],
    );
    personal = [
      ...FIXED_SUBJECTS.flatMap((s) => [
        s.id,
        s.givenName,
        s.familyName,
        `${s.givenName} ${s.familyName}`,
        ...s.aliases,
        s.dateOfBirth,
        s.uprn,
      ]),
      ...FIXED_PROPERTIES.flatMap((p) => [p.uprn, p.line1, p.postcode]),
      ...nhsNumbers.map((r) => r.nhs_number),
    ];
    expect(nhsNumbers.length).toBe(3); // subjects 1–3 are known to the NHS

    const send = async (label: string, query: string, variables: Record<string, unknown>, user: AsUser) => {
      const response = await fetch(hub.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await userHeaders(hub.keys, user)) },
        body: JSON.stringify({ query, variables }),
      });
      const text = await response.text();
      const body = JSON.parse(text) as { extensions?: { requestId?: string } };
      sent.push({
        label,
        status: response.status,
        headerId: response.headers.get('x-request-id'),
        pipelineId: body.extensions?.requestId,
        text,
      });
    };
    const users = ['la.safeguarding', 'police.investigator', 'police.analyst', 'nhs.safeguarding', 'ngo.caseworker'];
    for (const as of users) {
      for (const subject of FIXED_SUBJECTS) await send(`${as} profile ${subject.id}`, PROFILE, { id: subject.id }, { as });
    }
    const ids = FIXED_SUBJECTS.map((s) => `"${s.id}"`).join(', ');
    await send('people, ids inline', `{ people(filter: { ids: [${ids}] }) { id police { names { fullName } } } }`, {}, {});
    await send(
      'explainAccess',
      `{ explainAccess(field: "HealthRecord.nhsNumber", purpose: SAFEGUARDING_REFERRAL, subjectId: "SUBJ-000002") { decision rule reason } }`,
      {},
      { as: 'nhs.safeguarding' },
    );
    await send(
      'location',
      `{ location(uprn: "100070000001") { uprn linkedPersons { id } landlord { id police { names { fullName } } } } }`,
      {},
      { as: 'police.investigator' },
    );
    await send('invalid, names in it', `{ person(id: "Tomasz Nowak") { nosuchfield(name: "Elena Popescu") } }`, {}, {});
    await send('unapproved user', PROFILE, { id: 'SUBJ-000003' }, { as: 'police.unapproved' });
    await send(
      'auditor',
      `query Log($s: ID!) { disclosures(filter: { subjectId: $s }, first: 5) { edges { node { subjectId requesterId fieldsDisclosed } } } }`,
      { s: 'SUBJ-000001' },
      { as: 'hub.auditor', purpose: 'AUDIT', caseRef: null },
    );
  }, 180_000);

  afterAll(async () => {
    await hub?.stop();
    logs?.stop();
    // TELEMETRY_TEST_DUMP=file keeps what the hub logged, to read by eye.
    if (process.env.TELEMETRY_TEST_DUMP) writeFileSync(process.env.TELEMETRY_TEST_DUMP, logs.text());
    restores.forEach((restore) => restore());
  });

  it('carried personal data in the responses (so the search below means something)', () => {
    const answers = sent.map((s) => s.text).join('\n');
    expect(answers).toContain('Tomasz Nowak');
    expect(answers).toMatch(/"nhsNumber":"999\d{7}"/);
    expect(sent.length).toBeGreaterThanOrEqual(25);
  });

  it('logged none of it: 0 hits for names, NHS numbers, dates of birth, references and addresses', () => {
    const everything = `${logs.text()}\n${written.join('')}`;
    expect(logs.lines.length).toBeGreaterThan(sent.length);
    const hits = personal.filter((value) => everything.includes(value));
    expect(hits).toEqual([]);
    // No GraphQL text or variables either.
    expect(everything).not.toMatch(/nosuchfield|fullName|explainAccess\(/);
  });

  it('gives every request a log line with its id, on the gateway and on each subgraph it reached', () => {
    const records = logs.records();
    const requestLines = records.filter((r) => r.msg === 'request');
    for (const line of requestLines) expect(line.requestId).toEqual(expect.any(String));
    for (const request of sent) {
      expect(request.headerId).toMatch(/^[0-9a-f-]{36}$/);
      const gatewayLine = requestLines.find((r) => r.service === 'gateway' && r.requestId === request.headerId);
      expect({ request: request.label, line: gatewayLine && { status: gatewayLine.status, outcome: gatewayLine.outcome } }).toEqual({
        request: request.label,
        line: { status: request.status, outcome: expect.stringMatching(/^(ok|partial|refused|failed)$/) },
      });
    }
    // One id: the response header, the response's extensions, and the subgraphs' lines.
    for (const request of sent.filter((s) => s.pipelineId !== undefined)) expect(request.pipelineId).toBe(request.headerId);
    const profile = sent.find((s) => s.label === 'la.safeguarding profile SUBJ-000001')!;
    const subgraphLines = requestLines.filter((r) => r.requestId === profile.pipelineId && r.service !== 'gateway');
    expect(new Set(subgraphLines.map((r) => r.service))).toEqual(new Set(SUBGRAPH_NAMES));
    for (const line of subgraphLines) expect(line).toMatchObject({ outcome: 'ok', purpose: 'IDENTIFY_VICTIMS', status: 200 });
  });

  it('answers 404 for /metrics on the public ports: the counters move with what records held', async () => {
    for (const url of [hub.gateway.url, ...Object.values(hub.subgraphs).map((s) => s.url)]) {
      for (const path of ['metrics', 'metrics/']) {
        const response = await fetch(url.replace(/graphql$/, path));
        expect({ url, path, status: response.status, body: await response.text() }).toEqual({ url, path, status: 404, body: '' });
      }
    }
  });

  it('serves /metrics on the metrics port of the gateway and of every subgraph, with the hub metrics and no personal value', async () => {
    expect(hub.gateway.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(new URL(hub.gateway.metricsUrl!).port).not.toBe(String(hub.gateway.port));
    const gateway = await (await fetch(hub.gateway.metricsUrl!)).text();
    for (const name of [
      'hub_requests_total',
      'hub_request_duration_seconds',
      'hub_policy_decisions_total',
      'hub_withheld_fields_total',
      'hub_disclosure_log_batch_records',
      'hub_disclosure_log_commit_seconds',
      'hub_subgraph_request_duration_seconds',
      'hub_subgraph_errors_total',
      'hub_circuit_state',
      'hub_db_pool_connections',
      'process_cpu_seconds_total',
    ]) {
      expect(gateway).toContain(`# HELP ${name} `);
    }
    expect(gateway).toMatch(/hub_requests_total\{service="gateway",operation="Profile",outcome="(ok|partial)"\} \d+/);
    // The policy's decisions and withholdings, by rule (the pipeline reports them once per request).
    expect(gateway).toMatch(/hub_policy_decisions_total\{rule="R1-police-own",effect="allow"\} [1-9]/);
    expect(gateway).toMatch(/hub_policy_decisions_total\{rule="[^"]+",effect="deny"\} [1-9]/);
    expect(gateway).toMatch(/hub_withheld_fields_total\{rule="ISA-6.4-approval"\} [1-9]/);
    // A withholding decided on record data counts under one label, never its rule's id.
    expect(gateway).toMatch(/hub_withheld_fields_total\{rule="record-condition"\} [1-9]/);
    expect(gateway).toMatch(/hub_requests_total\{service="police",operation="[^"]+",outcome="ok"\} \d+/);
    expect(gateway).toMatch(/hub_subgraph_request_duration_seconds_count\{subgraph="nhs",outcome="ok"\} [1-9]/);
    expect(gateway).toMatch(/hub_disclosure_log_batch_records_count [1-9]/);
    expect(gateway).toMatch(/hub_db_pool_connections\{pool="audit",state="max"\} 4/);
    expect(gateway).toMatch(/hub_db_pool_connections\{pool="police",state="total"\} [1-9]/);
    expect(gateway).toMatch(/hub_subgraph_up\{subgraph="ngo"\} 1/);
    expect(personal.filter((value) => gateway.includes(value))).toEqual([]);
    for (const subgraph of Object.values(hub.subgraphs)) {
      expect(new URL(subgraph.metricsUrl!).port).not.toBe(String(subgraph.port));
      const response = await fetch(subgraph.metricsUrl!);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('# HELP hub_requests_total ');
    }
  });
});
