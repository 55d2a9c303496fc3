import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUPERGRAPH_PATH } from '@hub/gateway';
import { compareShape, firstDifference } from './compare-answers';
import { compareProfiles, groupFor, profileSummary, type CpuProfile } from './cpuprofile-summary';
import { supergraphAt } from './peer-tokens';
import { writeWrkScript } from './wrk';

describe('bench -- peers, its parts', () => {
  it('groups profile frames by package, project directory and Node internal', () => {
    const frame = (url: string, functionName = 'f') => groupFor({ url, functionName });
    expect(frame('file:///w/node_modules/@graphql-tools/delegate/cjs/index.js')).toBe('@graphql-tools/delegate');
    expect(frame('file:///w/node_modules/a/node_modules/graphql/execution/execute.js')).toBe('graphql');
    expect(frame('file:///work/wt/peers/gateway/dist/policy/shape-response.js')).toBe('gateway/policy');
    expect(frame('/work/wt/peers/gateway/dist/hub-executor.js')).toBe('gateway/hub-executor');
    expect(frame('node:internal/deps/undici/undici')).toBe('node:internal/deps/undici');
    expect(frame('node:internal/streams/readable')).toBe('node:internal/streams');
    expect(frame('node:events')).toBe('node:events');
    expect(frame('wasm://wasm/0002f80e')).toBe('(wasm)');
    expect(frame('', '(garbage collector)')).toBe('(garbage collector)');
    expect(frame('', 'writev')).toBe('(native) writev');
  });

  it('summarises a profile over its load windows, idle left out, CPU per request apportioned', () => {
    // root → a (graphql) → b (undici); idle beside them. Samples every 1000 µs from t=0.
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: { functionName: '(root)', url: '' }, children: [2, 4] },
        { id: 2, callFrame: { functionName: 'execute', url: 'file:///x/node_modules/graphql/execute.js' }, children: [3] },
        { id: 3, callFrame: { functionName: 'fetch', url: 'node:internal/deps/undici/undici' } },
        { id: 4, callFrame: { functionName: '(idle)', url: '' } },
      ],
      startTime: 0,
      endTime: 9000,
      samples: [2, 3, 3, 4, 2, 2, 3, 4, 2],
      timeDeltas: [1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
    };
    const all = profileSummary(profile);
    const graphql = all.groups.find((g) => g.group === 'graphql')!;
    const undici = all.groups.find((g) => g.group === 'node:internal/deps/undici')!;
    // The last sample has no successor, so no weight: busy samples weigh 3 (graphql) + 3 (undici).
    expect(graphql).toEqual({ group: 'graphql', self: 50, inclusive: 100 });
    expect(undici).toEqual({ group: 'node:internal/deps/undici', self: 50, inclusive: 50 });
    const windowed = profileSummary(profile, [{ from: 1500, to: 3500, requests: 4, cpuMs: 20 }]);
    expect(windowed.samples).toBe(2);
    expect(windowed.groups).toEqual([{ group: 'node:internal/deps/undici', self: 100, inclusive: 100 }, expect.anything()]);
    expect(windowed.msPerRequest).toBe(5);
    expect(windowed.basis).toBe('process CPU');
    const compared = compareProfiles(
      { name: 'a', profile, windows: [{ from: 0, to: 9000, requests: 10, cpuMs: 100 }] },
      { name: 'b', profile, windows: [{ from: 0, to: 9000, requests: 10, cpuMs: 200 }] },
    );
    expect(compared.join('\n')).toMatch(/graphql +5\.00 \(10\.00\) +10\.00 \(20\.00\) +\+5\.00/);
  });

  it('compares answers: equal data, or the same shape with values withheld', () => {
    const baseline = { people: [{ id: '1', police: { names: ['A'] }, health: { flags: [{ kind: 'x' }] } }] };
    expect(firstDifference(baseline, structuredClone(baseline))).toBeNull();
    expect(firstDifference(baseline, { people: [{ ...baseline.people[0], id: '2' }] })).toMatch(/^people\.0\.id/);
    const withheld = compareShape(baseline, { people: [{ id: '1', police: null, health: { flags: [] } }] });
    expect(withheld).toEqual({ difference: null, withheld: 2, leaves: 3 });
    expect(compareShape(baseline, { people: [baseline.people[0], baseline.people[0]] }).difference).toMatch(/length 1 vs 2/);
  });

  it('points the committed supergraph at the bench subgraphs, every one', () => {
    const endpoints = {
      police: 'http://p/graphql',
      'local-authority': 'http://l/graphql',
      nhs: 'http://n/graphql',
      ngo: 'http://g/graphql',
    };
    const sdl = supergraphAt(readFileSync(SUPERGRAPH_PATH, 'utf8'), endpoints);
    for (const [name, url] of Object.entries(endpoints)) expect(sdl).toContain(`@join__graph(name: "${name}", url: "${url}")`);
    expect(sdl).not.toMatch(/127\.0\.0\.1:400\d/);
    expect(() => supergraphAt(readFileSync(SUPERGRAPH_PATH, 'utf8'), { police: 'http://p' })).toThrow(/no endpoint/);
  });

  it('writes a wrk script whose strings a body cannot close early', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wrk-script-'));
    try {
      const script = readFileSync(writeWrkScript(dir, 'q', '{"query":"{ a }","x":"]]"}', { 'content-type': 'application/json' }), 'utf8');
      expect(script).toContain('wrk.body = [=[{"query":"{ a }","x":"]]"}]=]');
      expect(script).toContain('wrk.headers[ [[content-type]] ] = [[application/json]]');
      expect(script).toContain('function request() sent = sent + 1; return wrk.request() end');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
