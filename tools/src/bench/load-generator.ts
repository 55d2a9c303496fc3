/**
 * A closed-loop HTTP load generator, run as its own process so that it does not share an event
 * loop with the servers it measures: `connections` loops each send the same POST, one after the
 * other, for `seconds`. Prints one JSON line: requests, failures, throughput and latency
 * percentiles (exact, from every sample).
 */
interface LoadSpec {
  url: string;
  headers: Record<string, string>;
  body: string;
  connections: number;
  seconds: number;
}

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
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  const deadline = started + spec.seconds * 1000;
  const loop = async () => {
    while (performance.now() < deadline) {
      const t = performance.now();
      try {
        const response = await fetch(spec.url, { method: 'POST', headers: spec.headers, body: spec.body });
        const text = await response.text();
        if (!response.ok || text.includes('"errors"')) failures++;
      } catch {
        failures++;
      }
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: spec.connections }, loop));
  const seconds = (performance.now() - started) / 1000;
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
