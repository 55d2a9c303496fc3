import { runLoad } from '../run-load';

/** Latency at one offered load, per gateway: medians over the rounds, failures summed. */
export interface FixedRateResult {
  /** Requests per second, sent on schedule. */
  rate: number;
  rounds: number;
  seconds: number;
  byGateway: Record<string, { p50: number; p95: number; p99: number; requests: number; failures: number }>;
}

/**
 * Latency at the same offered load for each gateway, below saturation: one request every 1/rate s
 * (open loop, load-generator.ts, in its own process), alternating gateways round by round.
 *
 * The closed-loop rounds keep every core busy with everything (gateway, subgraphs, PostgreSQL),
 * so their latency follows throughput, and throughput the total CPU per request. At a rate both
 * gateways can serve, latency is what a user of each waits: the work on the request's own path,
 * the disclosure log's commit included, and the queueing that load leaves.
 */
export async function fixedRate(options: {
  urls: Record<string, string>;
  headers: Record<string, string>;
  body: string;
  rate: number;
  rounds: number;
  seconds: number;
}): Promise<FixedRateResult> {
  const names = Object.keys(options.urls);
  const samples: Record<string, { p50: number; p95: number; p99: number; requests: number; failures: number }[]> = Object.fromEntries(
    names.map((n) => [n, []]),
  );
  for (let round = 0; round < options.rounds; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const result = await runLoad({
        url: options.urls[name]!,
        headers: options.headers,
        body: options.body,
        connections: 1,
        seconds: options.seconds,
        rate: options.rate,
      });
      samples[name]!.push(result);
    }
  }
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return Math.round((sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2) * 100) / 100;
  };
  return {
    rate: options.rate,
    rounds: options.rounds,
    seconds: options.seconds,
    byGateway: Object.fromEntries(
      names.map((n) => {
        const runs = samples[n]!;
        return [
          n,
          {
            p50: median(runs.map((r) => r.p50)),
            p95: median(runs.map((r) => r.p95)),
            p99: median(runs.map((r) => r.p99)),
            requests: runs.reduce((sum, r) => sum + r.requests, 0),
            failures: runs.reduce((sum, r) => sum + r.failures, 0),
          },
        ];
      }),
    ),
  };
}
