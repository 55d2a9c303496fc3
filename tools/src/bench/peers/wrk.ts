import { execFile, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface WrkResult {
  /** Completed within the duration. */
  requests: number;
  /** Sent: the completed ones and those still in flight when wrk stopped (which the servers finish all the same). */
  sent: number;
  seconds: number;
  rps: number;
  /** wrk's latency distribution, ms. */
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
  /** Socket errors, non-2xx statuses and answers carrying GraphQL `errors`. */
  failures: number;
  errors: { connect: number; read: number; write: number; status: number; timeout: number; graphql: number };
}

/** Debian's `wrk`, installed with apt-get when it is missing (the bench runs as root on the dev machine). */
export function ensureWrk(): void {
  if (hasWrk()) return;
  console.log('wrk is not installed: apt-get update && apt-get install -y wrk');
  // Non-interactive, and without needrestart offering to restart the machine's services.
  // eslint-disable-next-line no-restricted-properties -- passes the environment through to apt-get
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive', NEEDRESTART_SUSPEND: '1' };
  for (const args of [['update'], ['install', '-y', 'wrk']]) {
    const done = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (done.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed: install wrk (Debian package "wrk") and run again`);
  }
  if (!hasWrk()) throw new Error('wrk is still missing after apt-get install wrk');
}

function hasWrk(): boolean {
  // `wrk -v` prints its version and exits 1; a missing binary is ENOENT.
  return spawnSync('wrk', ['-v'], { encoding: 'utf8' }).error === undefined;
}

/**
 * A wrk script that POSTs one GraphQL request with its headers, counts answers that are not
 * 200 or that carry `"errors"` (per thread, summed in `done`), and prints one JSON line with
 * wrk's own latency percentiles (µs).
 */
export function writeWrkScript(dir: string, name: string, body: string, headers: Record<string, string>): string {
  const path = join(dir, `${name}.lua`);
  const lines = [
    'wrk.method = "POST"',
    `wrk.body = ${luaString(body)}`,
    // Spaces inside the brackets: `headers[[[` would open a long string.
    ...Object.entries(headers).map(([key, value]) => `wrk.headers[ ${luaString(key)} ] = ${luaString(value)}`),
    'local threads = {}',
    'function setup(thread) table.insert(threads, thread) end',
    'function init(args) bad_status = 0; graphql_errors = 0; sent = 0 end',
    // Counts what was sent, so that the requests still in flight when wrk stops are known too.
    'function request() sent = sent + 1; return wrk.request() end',
    'function response(status, headers, body)',
    '  if status ~= 200 then bad_status = bad_status + 1',
    '  elseif string.find(body, \'"errors"\', 1, true) then graphql_errors = graphql_errors + 1 end',
    'end',
    'function done(summary, latency, requests)',
    '  local status, graphql, sent = 0, 0, 0',
    '  for _, t in ipairs(threads) do',
    '    status = status + t:get("bad_status"); graphql = graphql + t:get("graphql_errors"); sent = sent + t:get("sent")',
    '  end',
    '  local e = summary.errors',
    '  io.write(string.format(\'WRK_RESULT {"requests":%d,"sent":%d,"duration_us":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,"bad_status":%d,"graphql":%d,"p50":%d,"p90":%d,"p95":%d,"p99":%d,"max":%d}\\n\',',
    '    summary.requests, sent, summary.duration, e.connect, e.read, e.write, e.status, e.timeout, status, graphql,',
    '    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99), latency.max))',
    'end',
  ];
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** A Lua long string that the text cannot close early. */
function luaString(text: string): string {
  let level = '';
  while (text.includes(`]${level}]`)) level += '=';
  return `[${level}[${text}]${level}]`;
}

export interface WrkRun {
  pid: number;
  result: Promise<WrkResult>;
}

/** Runs wrk (its own process, two threads at most) against `url` with a fixed number of connections for `seconds`. */
export function runWrk(url: string, script: string, connections: number, seconds: number): WrkRun {
  const threads = Math.min(2, connections);
  let pid = 0;
  const result = new Promise<WrkResult>((resolve, reject) => {
    const child = execFile(
      'wrk',
      ['-t', String(threads), '-c', String(connections), '-d', `${seconds}s`, '--timeout', '30s', '-s', script, url],
      { timeout: (seconds + 60) * 1000, maxBuffer: 1 << 20 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`wrk failed: ${error.message}\n${stderr}`));
        const line = stdout.split('\n').find((l) => l.startsWith('WRK_RESULT '));
        if (!line) return reject(new Error(`wrk printed no result:\n${stdout}\n${stderr}`));
        resolve(parseResult(JSON.parse(line.slice('WRK_RESULT '.length)) as Record<string, number>));
      },
    );
    pid = child.pid!;
  });
  return { pid, result };
}

function parseResult(raw: Record<string, number>): WrkResult {
  const ms = (us: number) => Math.round(us / 10) / 100;
  const seconds = raw.duration_us! / 1e6;
  const errors = {
    connect: raw.connect!,
    read: raw.read!,
    write: raw.write!,
    // wrk's own count of statuses > 399; ours also counts any other non-200.
    status: Math.max(raw.status!, raw.bad_status!),
    timeout: raw.timeout!,
    graphql: raw.graphql!,
  };
  return {
    requests: raw.requests!,
    sent: raw.sent!,
    seconds: Math.round(seconds * 100) / 100,
    rps: Math.round((raw.requests! / seconds) * 100) / 100,
    p50: ms(raw.p50!),
    p90: ms(raw.p90!),
    p95: ms(raw.p95!),
    p99: ms(raw.p99!),
    max: ms(raw.max!),
    failures: errors.connect + errors.read + errors.write + errors.status + errors.timeout + errors.graphql,
    errors,
  };
}
