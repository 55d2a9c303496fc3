import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';

/** The parts of a V8 `.cpuprofile` (node --cpu-prof) this summary reads. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A stretch of the profile to keep, in the profile's own clock (CLOCK_MONOTONIC, µs). */
export interface ProfileWindow {
  from: number;
  to: number;
  label?: string;
  /** Requests the load generator sent in the window: lets the summary give ms per request. */
  requests?: number;
  /** The process's CPU time over the window (from /proc): what the profile's shares apportion. */
  cpuMs?: number;
}

export interface GroupShare {
  group: string;
  /** % of busy time with this group's code on top of the stack. */
  self: number;
  /** % of busy time with this group's code anywhere on the stack. */
  inclusive: number;
}

export interface ProfileSummary {
  /** Sampled time kept (within the windows, if any), ms. */
  sampledMs: number;
  /** Of that, not idle, ms. */
  busyMs: number;
  samples: number;
  /** Requests in the windows, when the windows say. */
  requests?: number;
  /**
   * Per request, ms: the process's CPU time when the windows carry it (the samples only apportion
   * it), else the main thread's busy time (wall time: a loaded machine inflates it).
   */
  msPerRequest?: number;
  basis?: 'process CPU' | 'main-thread busy time';
  groups: GroupShare[];
}

/**
 * Where a profile's busy time goes, by package (`graphql`, `@graphql-tools/delegate`), by the
 * project's own directories (`gateway/policy`, `shared/server`), by Node's internals
 * (`node:internal/deps/undici`), and V8's own entries (`(garbage collector)`, `(program)`).
 * Idle time is left out of the percentages. With windows, only the samples inside them count.
 */
export function profileSummary(profile: CpuProfile, windows?: ProfileWindow[]): ProfileSummary {
  const parent = new Map<number, number>();
  const byId = new Map<number, CpuProfile['nodes'][number]>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const groupOf = new Map<number, string>();
  for (const node of profile.nodes) groupOf.set(node.id, groupFor(node.callFrame));
  const stackGroups = new Map<number, Set<string>>();
  const groupsOnStack = (id: number): Set<string> => {
    const known = stackGroups.get(id);
    if (known) return known;
    const up = parent.get(id);
    const groups = new Set(up === undefined ? [] : groupsOnStack(up));
    const own = groupOf.get(id)!;
    if (own !== '(root)') groups.add(own);
    stackGroups.set(id, groups);
    return groups;
  };

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let sampled = 0;
  let busy = 0;
  let samples = 0;
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    // A sample stands for the time until the next one.
    const weight = profile.timeDeltas[i + 1] ?? 0;
    if (windows && windows.length > 0 && !windows.some((w) => t >= w.from && t <= w.to)) continue;
    const id = profile.samples[i]!;
    samples++;
    sampled += weight;
    const top = groupOf.get(id) ?? '(unknown)';
    if (top === '(idle)') continue;
    busy += weight;
    self.set(top, (self.get(top) ?? 0) + weight);
    for (const group of groupsOnStack(id)) inclusive.set(group, (inclusive.get(group) ?? 0) + weight);
  }
  const pct = (us: number) => Math.round((1000 * us) / Math.max(busy, 1)) / 10;
  const groups = [...new Set([...self.keys(), ...inclusive.keys()])]
    .map((group) => ({ group, self: pct(self.get(group) ?? 0), inclusive: pct(inclusive.get(group) ?? 0) }))
    .sort((a, b) => b.self - a.self || b.inclusive - a.inclusive);
  const sum = (key: 'requests' | 'cpuMs') =>
    windows?.length && windows.every((w) => typeof w[key] === 'number') ? windows.reduce((n, w) => n + w[key]!, 0) : undefined;
  const requests = sum('requests') || undefined;
  const cpuMs = sum('cpuMs');
  const basis = requests ? (cpuMs !== undefined ? 'process CPU' : 'main-thread busy time') : undefined;
  const msPerRequest = requests ? (cpuMs ?? busy / 1000) / requests : undefined;
  return { sampledMs: Math.round(sampled / 1000), busyMs: Math.round(busy / 1000), samples, requests, msPerRequest, basis, groups };
}

/** The functions of one group with most self time: `--in gateway/audit`. */
export function topFunctions(profile: CpuProfile, group: string, windows?: ProfileWindow[], top = 25): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let busy = 0;
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    const weight = profile.timeDeltas[i + 1] ?? 0;
    if (windows && windows.length > 0 && !windows.some((w) => t >= w.from && t <= w.to)) continue;
    const frame = byId.get(profile.samples[i]!)?.callFrame;
    if (!frame || frame.functionName === '(idle)') continue;
    busy += weight;
    if (groupFor(frame) !== group) continue;
    const where = frame.url
      .replace(/^file:\/\//, '')
      .split('/')
      .slice(-2)
      .join('/');
    const key = `${frame.functionName || '(anonymous)'} ${where}`;
    self.set(key, (self.get(key) ?? 0) + weight);
  }
  return [...self.entries()]
    .sort((x, y) => y[1] - x[1])
    .slice(0, top)
    .map(([key, us]) => `${fixed(Math.round((1000 * us) / Math.max(busy, 1)) / 10)}  ${key}`);
}

/** The group a frame's code belongs to. */
export function groupFor(frame: { functionName: string; url: string }): string {
  const url = frame.url;
  if (!url) return frame.functionName.startsWith('(') ? frame.functionName : `(native) ${frame.functionName || 'anonymous'}`;
  if (url.startsWith('wasm://')) return '(wasm)';
  if (url.startsWith('node:')) {
    const parts = url.slice(5).split('/');
    const depth = parts[0] === 'internal' ? (parts[1] === 'deps' ? 3 : 2) : 1;
    return `node:${parts.slice(0, depth).join('/')}`;
  }
  const path = url.replace(/^file:\/\//, '');
  const inModules = path.lastIndexOf('/node_modules/');
  if (inModules >= 0) {
    const parts = path.slice(inModules + '/node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  // The project's own code: <workspace>/dist/<directory>/… → <workspace>/<directory>.
  const parts = path.split('/');
  const dist = parts.lastIndexOf('dist');
  if (dist > 0) {
    const rest = parts.slice(dist + 1);
    return `${parts[dist - 1]}/${rest.length > 1 ? rest[0] : rest[0]!.replace(/\.js$/, '')}`;
  }
  return path;
}

/** The summary as text: one profile, or two side by side (before, after) with the change. */
export function summarizeProfile(profile: CpuProfile, options: { windows?: ProfileWindow[]; top?: number } = {}): string[] {
  const s = profileSummary(profile, options.windows);
  const perRequest = (pct: number) => (s.msPerRequest !== undefined ? ((s.msPerRequest * pct) / 100).toFixed(2).padStart(9) : '');
  const lines = [
    `${s.samples} samples, ${s.sampledMs} ms sampled${options.windows?.length ? ` in ${options.windows.length} load windows` : ''}, ${s.busyMs} ms busy` +
      (s.msPerRequest !== undefined ? ` over ${s.requests} requests, ${s.msPerRequest.toFixed(2)} ms of ${s.basis} per request` : '') +
      '; % of busy time' +
      (s.msPerRequest !== undefined ? `, and ms per request (${s.basis} apportioned by those shares)` : '') +
      ':',
    `${'group'.padEnd(44)} ${'self %'.padStart(7)} ${'incl %'.padStart(7)}${s.msPerRequest !== undefined ? `${'self ms'.padStart(9)}${'incl ms'.padStart(9)}` : ''}`,
  ];
  for (const g of s.groups.slice(0, options.top ?? 25))
    lines.push(`${g.group.padEnd(44)} ${fixed(g.self)} ${fixed(g.inclusive)}${perRequest(g.self)}${perRequest(g.inclusive)}`);
  return lines;
}

export function compareProfiles(
  before: { name: string; profile: CpuProfile; windows?: ProfileWindow[] },
  after: { name: string; profile: CpuProfile; windows?: ProfileWindow[] },
  top = 25,
): string[] {
  const a = profileSummary(before.profile, before.windows);
  const b = profileSummary(after.profile, after.windows);
  const find = (s: ProfileSummary, group: string) => s.groups.find((g) => g.group === group);
  const groups = [...new Set([...a.groups, ...b.groups].map((g) => g.group))]
    .map((group) => ({ group, a: find(a, group), b: find(b, group) }))
    .sort((x, y) => Math.max(y.a?.self ?? 0, y.b?.self ?? 0) - Math.max(x.a?.self ?? 0, x.b?.self ?? 0));
  // With request counts on both sides, compare busy ms per request (the work differs); else % of busy time.
  const perRequest = a.msPerRequest !== undefined && b.msPerRequest !== undefined && a.basis === b.basis;
  const value = (s: ProfileSummary, pct: number) => (perRequest ? (s.msPerRequest! * pct) / 100 : pct);
  const describe = (s: ProfileSummary) =>
    `${s.samples} samples, ${s.busyMs} ms busy` +
    (s.msPerRequest !== undefined ? `, ${s.requests} requests, ${s.msPerRequest.toFixed(2)} ms of ${s.basis} per request` : '');
  const lines = [
    `before: ${before.name}: ${describe(a)}`,
    `after:  ${after.name}: ${describe(b)}`,
    perRequest ? `ms of ${a.basis} per request, apportioned by each profile's shares; self (incl):` : '% of busy time; self (incl):',
    `${'group'.padEnd(44)} ${'before'.padStart(15)} ${'after'.padStart(15)} ${'Δ self'.padStart(7)}`,
  ];
  groups.sort(
    (x, y) => Math.max(value(b, y.b?.self ?? 0), value(a, y.a?.self ?? 0)) - Math.max(value(b, x.b?.self ?? 0), value(a, x.a?.self ?? 0)),
  );
  for (const g of groups.slice(0, top)) {
    const digits = perRequest ? 2 : 1;
    const cell = (s: ProfileSummary, x?: GroupShare) =>
      `${value(s, x?.self ?? 0).toFixed(digits)} (${value(s, x?.inclusive ?? 0).toFixed(digits)})`.padStart(15);
    const delta = value(b, g.b?.self ?? 0) - value(a, g.a?.self ?? 0);
    lines.push(
      `${g.group.padEnd(44)} ${cell(a, g.a)} ${cell(b, g.b)} ${`${delta > 0 ? '+' : ''}${delta.toFixed(perRequest ? 2 : 1)}`.padStart(7)}`,
    );
  }
  return lines;
}

function fixed(n: number): string {
  return n.toFixed(1).padStart(7);
}

/** A profile file and the load windows the bench wrote beside it (`<file>.windows.json`), unless `all`. */
export function readProfile(file: string, all = false): { name: string; profile: CpuProfile; windows?: ProfileWindow[] } {
  const sidecar = `${file}.windows.json`;
  return {
    name: basename(file),
    profile: JSON.parse(readFileSync(file, 'utf8')) as CpuProfile,
    windows: !all && existsSync(sidecar) ? (JSON.parse(readFileSync(sidecar, 'utf8')) as ProfileWindow[]) : undefined,
  };
}

export const CPUPROFILE_USAGE = `usage: npm run bench -- cpuprofile <file.cpuprofile> [<after.cpuprofile>] [--top 25] [--all] [--in <group>]
  One file: where its busy time goes, by package or directory (self and inclusive %);
  with --in, the functions of one group (e.g. gateway/audit) by self % of busy time.
  Two files: before and after, side by side. Only the load windows the bench noted
  (<file>.windows.json) count, unless --all.`;

/** `npm run bench -- cpuprofile a.cpuprofile [b.cpuprofile] [--top N] [--all]`, or this file run by node. */
export function cpuprofileCommand(args: string[]): void {
  const files = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--top' && args[i - 1] !== '--in');
  const inAt = args.indexOf('--in');
  const group = inAt >= 0 ? args[inAt + 1] : undefined;
  const topAt = args.indexOf('--top');
  const top = topAt >= 0 ? Number(args[topAt + 1]) : 25;
  const all = args.includes('--all');
  if (files.length < 1 || files.length > 2 || !Number.isFinite(top)) {
    console.error(CPUPROFILE_USAGE);
    process.exit(2);
  }
  if (files.length === 1 && group) {
    const one = readProfile(files[0]!, all);
    console.log(`${one.name}, functions of ${group}, self % of busy time:`);
    console.log(topFunctions(one.profile, group, one.windows, top).join('\n'));
  } else if (files.length === 1) {
    const one = readProfile(files[0]!, all);
    console.log(`${one.name}:`);
    console.log(summarizeProfile(one.profile, { windows: one.windows, top }).join('\n'));
  } else {
    console.log(compareProfiles(readProfile(files[0]!, all), readProfile(files[1]!, all), top).join('\n'));
  }
}

if (require.main === module) cpuprofileCommand(process.argv.slice(2));
