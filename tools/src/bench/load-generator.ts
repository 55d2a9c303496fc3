/**
 * An HTTP load generator, run as its own process so that it does not share an event loop with the
 * servers it measures. Closed loop: `connections` loops each send the same POST, one after the
 * other, for `seconds`. Open loop (`rate`): one POST every 1/rate s whatever the answers, for
 * `seconds`. Prints one JSON line: requests, failures, throughput and latency percentiles (exact,
 * from every sample).
 */
interface LoadSpec {
  url: string;
  headers: Record<string, string>;
  body: string;
  connections: number;
  seconds: number;
  /** Requests per second, sent on schedule (open loop); without it, `connections` closed loops. */
  rate?: number;
}

/** Open loop: requests beyond this many in flight are not sent, and count as failures. */
const MAX_IN_FLIGHT = 256;
/** Open loop: requests sent one after the other, not measured, before the schedule starts. */
const WARM_UP_REQUESTS = 5;

export interface LoadResult {
  requests: number;
  failures: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
}

async function run(spec: LoadSpec): Promise<LoadResult> {
  if (spec.rate !== undefined) return openLoop(spec, spec.rate);
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  const deadline = started + spec.seconds * 1000;
  const loop = async () => {
    while (performance.now() < deadline) {
      const t = performance.now();
      if (!(await answered(spec))) failures++;
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: spec.connections }, loop));
  return result(latencies, failures, (performance.now() - started) / 1000);
}

/**
 * One request every 1/rate s from the start, whether or not earlier ones were answered. Each
 * latency counts from when its request was due, not when it was sent: a client (or server) that
 * falls behind shows in the figures instead of slowing the schedule (no coordinated omission).
 */
async function openLoop(spec: LoadSpec, rate: number): Promise<LoadResult> {
  if (!(rate > 0)) throw new Error('rate must be a positive number of requests per second');
  // This process's first requests open connections and compile the client: not the server's latency.
  for (let i = 0; i < WARM_UP_REQUESTS; i++) await answered(spec);
  const latencies: number[] = [];
  let failures = 0;
  let inFlight = 0;
  const sent: Promise<void>[] = [];
  const started = performance.now();
  const total = Math.floor(spec.seconds * rate);
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (inFlight >= MAX_IN_FLIGHT) {
      failures++;
      continue;
    }
    inFlight++;
    sent.push(
      answered(spec).then((ok) => {
        if (!ok) failures++;
        inFlight--;
        latencies.push(performance.now() - due);
      }),
    );
  }
  await Promise.all(sent);
  return result(latencies, failures, (performance.now() - started) / 1000);
}

/** One POST: whether it was answered with 200 and no GraphQL errors (never rejects). */
async function answered(spec: LoadSpec): Promise<boolean> {
  try {
    const response = await fetch(spec.url, { method: 'POST', headers: spec.headers, body: spec.body });
    const text = await response.text();
    return response.ok && !text.includes('"errors"');
  } catch {
    return false;
  }
}

function result(latencies: number[], failures: number, seconds: number): LoadResult {
  latencies.sort((a, b) => a - b);
  const at = (q: number) => round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return {
    requests: latencies.length,
    failures,
    seconds: round(seconds),
    rps: round(latencies.length / seconds),
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

if (require.main === module) {
  const spec = JSON.parse(process.argv[2]!) as LoadSpec;
  run(spec).then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
