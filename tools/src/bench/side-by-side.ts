import type { KeyPair } from '@hub/gateway';
import { postGraphql } from '@hub/shared/testing';
import type { LoadResult } from './load-generator';
import { dashboardHeaders, DASHBOARD_QUERY, DASHBOARD_VARIABLES } from './queries';
import { runLoad } from './run-load';
import { median, round2 } from './stats';
import { print } from '../cli-output';

export interface SideBySideOptions {
  seconds: number;
  connections: number;
  rounds: number;
}

export type Run = LoadResult & { cpuMsPerRequest: number };

export interface VariantSummary {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  cpuMsPerRequest: number;
  failures: number;
}

/**
 * Sends the dashboard query to each variant's gateway in alternating rounds (the order flips
 * every round, so neither always runs on a warmer machine), after a warm-up of each, with the
 * load generator in its own process. Returns every run and the median of each measure.
 */
export async function measureSideBySide(
  variants: Record<string, string>,
  devIssuer: KeyPair,
  options: SideBySideOptions,
): Promise<{ runs: Record<string, Run[]>; summary: Record<string, VariantSummary> }> {
  const headers = await dashboardHeaders(devIssuer);
  const variables = DASHBOARD_VARIABLES;
  const body = JSON.stringify({ query: DASHBOARD_QUERY, variables });
  for (const [name, url] of Object.entries(variants)) {
    const { body: answer } = await postGraphql(url, DASHBOARD_QUERY, variables, headers);
    if (answer.errors || answer.data?.people?.length !== 50)
      throw new Error(`${name}: the query did not answer cleanly: ${JSON.stringify(answer.errors)}`);
    await runLoad({ url, headers, body, connections: options.connections, seconds: 5 }); // warm-up: JIT and pools
  }
  const names = Object.keys(variants);
  const runs: Record<string, Run[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < options.rounds; round++) {
    for (const name of round % 2 === 0 ? names : [...names].reverse()) {
      const cpu = process.cpuUsage();
      const result = await runLoad({ url: variants[name]!, headers, body, connections: options.connections, seconds: options.seconds });
      const used = process.cpuUsage(cpu);
      runs[name]!.push({ ...result, cpuMsPerRequest: round2((used.user + used.system) / 1000 / result.requests) });
      print(`round ${round + 1} ${name.padEnd(8)} ${JSON.stringify(runs[name]!.at(-1))}`);
    }
  }
  return { runs, summary: Object.fromEntries(names.map((n) => [n, summarize(runs[n]!)])) };
}

export function resultsTable(summary: Record<string, VariantSummary>, label: (name: string) => string): string[] {
  return [
    '| gateway | RPS (median) | p50 ms | p95 ms | p99 ms | hub CPU ms/request | failures |',
    '|---|---|---|---|---|---|---|',
    ...Object.entries(summary).map(
      ([n, s]) => `| ${label(n)} | ${s.rps} | ${s.p50} | ${s.p95} | ${s.p99} | ${s.cpuMsPerRequest} | ${s.failures} |`,
    ),
  ];
}

function summarize(list: Run[]): VariantSummary {
  return {
    rps: median(list.map((r) => r.rps)),
    p50: median(list.map((r) => r.p50)),
    p95: median(list.map((r) => r.p95)),
    p99: median(list.map((r) => r.p99)),
    cpuMsPerRequest: median(list.map((r) => r.cpuMsPerRequest)),
    failures: list.reduce((sum, r) => sum + r.failures, 0),
  };
}
