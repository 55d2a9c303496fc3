import { runLoad } from '../run-load';
import { median } from '../stats';
import { stageTimes, type StageSnapshot, type StageTimes } from './stage-times';

/** Latency at one offered load, per gateway: medians over the rounds, failures summed. */
export interface FixedRateResult {
  /** Requests per second, sent on schedule. */
  rate: number;
  rounds: number;
  seconds: number;
  byGateway: Record<string, { p50: number; p95: number; p99: number; requests: number; failures: number }>;
  /**
   * Where a gateway's own time went at this rate, over all its rounds, by pipeline stage (the hub:
   * `hub_gateway_stage_seconds`): whether its tail is the partners' answers or the log's commit.
   */
  stages: Record<string, StageTimes>;
}

/** The bare runtime too, where it runs: whether a tail is the policy's and the log's, or the machine's. */
const COMPARED = ['hub', 'apollo', 'hub-bare'];

/**
 * Latency at the same offered load for the hub, Apollo and the bare runtime, below saturation: one
 * request every 1/rate s (open loop, load-generator.ts, in its own process), alternating gateways
 * round by round, at `share` of the lower of the hub's and Apollo's throughput in the closed-loop
 * rounds. Undefined when the share is 0 or either of the two did not run.
 *
 * The closed-loop rounds keep every core busy with everything (gateway, subgraphs, PostgreSQL),
 * so their latency follows throughput, and throughput the total CPU per request. At a rate both
 * gateways can serve, latency is what a user of each waits: the work on the request's own path,
 * the disclosure log's commit included, and the queueing that load leaves.
 */
export async function fixedRatePhase(options: {
  query: string;
  share: number;
  rounds: number;
  seconds: number;
  /** Requests per second each gateway served in the closed-loop rounds, by gateway. */
  throughput: Record<string, number>;
  urls: Record<string, string>;
  headers: Record<string, string>;
  body: string;
  /** Reads a gateway's stage timings so far, for those that keep them (the hub). */
  stagesOf?: Record<string, () => Promise<StageSnapshot | null>>;
}): Promise<FixedRateResult | undefined> {
  const { hub, apollo } = options.throughput;
  if (options.share <= 0 || hub === undefined || apollo === undefined) return undefined;
  const rate = Math.max(1, Math.round(options.share * Math.min(hub, apollo)));
  const names = COMPARED.filter((g) => options.urls[g] !== undefined);
  console.log(
    `fixed rate: ${options.query} at ${rate} requests/s on ${names.join(' and ')}, ${options.rounds} alternating rounds of ${options.seconds} s`,
  );
  const samples: Record<string, { p50: number; p95: number; p99: number; requests: number; failures: number }[]> = Object.fromEntries(
    names.map((n) => [n, []]),
  );
  const stagesBefore = await readStages(options.stagesOf);
  for (let round = 0; round < options.rounds; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const load = {
        url: options.urls[name]!,
        headers: options.headers,
        body: options.body,
        connections: 1,
        seconds: options.seconds,
        rate,
      };
      samples[name]!.push(await runLoad(load));
    }
  }
  const stagesAfter = await readStages(options.stagesOf);
  return {
    rate,
    stages: Object.fromEntries(
      Object.entries(stagesAfter).flatMap(([g, after]) => (stagesBefore[g] ? [[g, stageTimes(stagesBefore[g], after)]] : [])),
    ),
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

async function readStages(stagesOf: Record<string, () => Promise<StageSnapshot | null>> = {}): Promise<Record<string, StageSnapshot>> {
  const read = await Promise.all(Object.entries(stagesOf).map(async ([g, of]) => [g, await of()] as const));
  return Object.fromEntries(read.filter((entry): entry is readonly [string, StageSnapshot] => entry[1] !== null));
}
