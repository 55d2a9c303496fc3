import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { SubgraphName } from '@hub/shared';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';
import { startTestHub, type TestHub } from '../helpers/test-hub';

/**
 * A partner that is down or hung costs its own part of the answer and nothing else: the others'
 * data is served, every path the partner would have filled says SUBGRAPH_UNAVAILABLE (never a
 * FORBIDDEN blaming a rule), a hung partner costs at most the request's deadline, and once its
 * circuit opens it costs milliseconds. Each partner is reached through a proxy the test can cut
 * or hang.
 */
const DEADLINE_MS = 1_500;
const IDS = Array.from({ length: 25 }, (_, i) => `"SUBJ-${String(i + 1).padStart(6, '0')}"`).join(', ');
const DASHBOARD = `{ people(filter: { ids: [${IDS}] }) { id police { names { fullName } } health { safeguardingFlags { kind } } } }`;

describe('a partner that is down or hung', () => {
  let hub: TestHub;
  const proxies = new Map<SubgraphName, TcpProxy>();

  beforeAll(async () => {
    for (const name of ['police', 'nhs'] as const) proxies.set(name, await startTcpProxy('127.0.0.1', 1));
    hub = await startTestHub({
      scale: 40,
      requestDeadlineMs: DEADLINE_MS,
      breaker: { consecutiveFailures: 3, halfOpenAfterMs: 2_000 },
      endpointFor: (name, url) => {
        const proxy = proxies.get(name);
        if (!proxy) return url;
        const target = new URL(url);
        proxy.retarget('127.0.0.1', Number(target.port));
        target.port = String(proxy.port);
        return target.toString();
      },
    });
  });
  afterAll(async () => {
    await hub?.stop();
    for (const proxy of proxies.values()) await proxy.close();
  });

  const nhsProxy = () => proxies.get('nhs')!;
  const asNurse = (query: string) => hub.query(query, {}, { as: 'nhs.safeguarding' });

  it('down: the dashboard keeps the police part, and says at every person that the NHS part is missing', async () => {
    const before = await asNurse(DASHBOARD);
    expect(before.body.errors).toBeUndefined();
    proxies.get('nhs')!.cut();
    try {
      const { status, body } = await asNurse(DASHBOARD);
      expect(status).toBe(200);
      const people = body.data.people as { id: string; police: unknown; health: unknown }[];
      expect(people).toHaveLength(25);
      expect(people.filter((p) => p.police !== null).length).toBeGreaterThan(5);
      for (const person of people) expect(person.health).toBeNull();
      const unavailable = (body.errors ?? []).filter((e) => e.extensions.code === 'SUBGRAPH_UNAVAILABLE');
      const paths = new Set(unavailable.map((e) => JSON.stringify(e.path)));
      for (let i = 0; i < 25; i++) expect(paths).toContain(JSON.stringify(['people', i, 'health']));
      expect(unavailable[0]!.extensions.subgraph).toBe('nhs');
      expect((body.errors ?? []).filter((e) => e.extensions.code === 'FORBIDDEN')).toEqual([]);
    } finally {
      proxies.get('nhs')!.restore();
    }
  });

  it('down: a record rule whose partner is missing is reported as unavailable, never as withheld by the rule', async () => {
    proxies.get('police')!.cut();
    try {
      const { body } = await hub.query(`{ location(uprn: "100070000001") { intelligence { summary } hmoLicence { licensed } } }`);
      expect(body.data.location.hmoLicence).toEqual({ licensed: false });
      expect(body.data.location.intelligence).toBeNull();
      expect(body.errors).toEqual([
        expect.objectContaining({
          path: ['location', 'intelligence'],
          extensions: expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE' }),
        }),
      ]);
      const rows = await hub.store.dataSource.query(`SELECT withheld_json FROM disclosure_records WHERE request_id = $1`, [
        body.extensions!.requestId,
      ]);
      for (const row of rows) expect(row.withheld_json).not.toMatch(/R3-/);
    } finally {
      proxies.get('police')!.restore();
    }
  });

  it('hung: each request that touches it waits no longer than its deadline; once the circuit opens, milliseconds', async () => {
    const timed = async () => {
      const started = performance.now();
      const { body } = await asNurse(`{ person(id: "SUBJ-000001") { police { pvotMarker } health { safeguardingFlags { kind } } } }`);
      return { ms: performance.now() - started, body };
    };
    // The circuit may have opened in the test before: let it close on a healthy call first.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const healthy: number[] = [];
    for (let i = 0; i < 5; i++) healthy.push((await timed()).ms);
    const baseline = Math.max(...healthy);

    proxies.get('nhs')!.hang();
    // The hub runs in this process: how late its timers fire on a busy machine is measured, not
    // blamed on the deadline (CI saw 65 ms over deadline + 100 ms at load average 10 on 2 cores).
    const lateness = monitorEventLoopDelay({ resolution: 10 });
    lateness.enable();
    try {
      const waits: number[] = [];
      const askedWhileClosed = nhsProxy().bytesFromClients();
      for (let i = 0; i < 3; i++) {
        const { ms, body } = await timed();
        waits.push(ms);
        expect(body.data.person.police).toEqual({ pvotMarker: true });
        expect(body.errors![0]!.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'nhs', reason: 'deadline' });
      }
      lateness.disable();
      // While the circuit was closed the hung partner was asked (so the count below can move).
      expect(nhsProxy().bytesFromClients()).toBeGreaterThan(askedWhileClosed);
      const late = lateness.max / 1e6;
      for (const ms of waits) expect(ms).toBeLessThanOrEqual(DEADLINE_MS + 100 + baseline + late);
      const open: number[] = [];
      const askedBefore = nhsProxy().bytesFromClients();
      // As for the waits: timers and I/O a busy machine delays are measured, not blamed on the
      // circuit (full CI runs saw 87 ms against a bound of 85, and 266 against 237, with the machine busy).
      const openLateness = monitorEventLoopDelay({ resolution: 10 });
      openLateness.enable();
      for (let i = 0; i < 5; i++) {
        const { ms, body } = await timed();
        open.push(ms);
        expect(body.errors![0]!.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'nhs', reason: 'circuit-open' });
      }
      openLateness.disable();
      // What makes an open circuit cost milliseconds: the partner is not asked at all.
      expect(nhsProxy().bytesFromClients()).toBe(askedBefore);
      // So its answers take what a healthy call takes: the typical one within 50 ms of the slowest
      // healthy call (one call of five may meet a busy core), and every one far from the deadline.
      const typical = [...open].sort((a, b) => a - b)[Math.floor(open.length / 2)]!;
      expect(typical).toBeLessThanOrEqual(baseline + 50 + openLateness.max / 1e6);
      for (const ms of open) expect(ms).toBeLessThan(DEADLINE_MS / 2);
    } finally {
      proxies.get('nhs')!.restore();
    }
    // After the half-open delay a trial call goes through and the partner is back.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const recovered = await timed();
    expect(recovered.body.errors).toBeUndefined();
    expect(recovered.body.data.person.health).not.toBeNull();
  });
});
