import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPool, startEmbeddedPostgres } from '@hub/shared';
import { writeBenchmarkSection } from './report';
import { print } from '../cli-output';

export interface EmbeddedBenchOptions {
  seconds: number;
  /** Queries in flight (the pool's size): 1 is the serial baseline. */
  connections: number;
}

export interface EmbeddedRun {
  connections: number;
  queries: number;
  qps: number;
  /** Queries that failed. */
  failures: number;
  /** Queries answered with another query's answer: must be 0. */
  foreign: number;
  p50: number;
  p95: number;
}

/**
 * `npm run bench -- embedded`: the embedded PostgreSQL on its own, a closed loop of
 * `SELECT $1::int` and `SELECT $1::int + $2::int` (the extended protocol, like every
 * parameterised query of the hub) from a pg pool on a fresh data folder. Each loop asks for its own numbers, so an answer meant for
 * another connection is counted, not just a failure. Runs 1 connection, then `connections`.
 */
export async function embeddedBench(options: EmbeddedBenchOptions): Promise<EmbeddedRun[]> {
  const folder = mkdtempSync(join(tmpdir(), 'hub-embedded-bench-'));
  const embedded = await startEmbeddedPostgres(join(folder, 'db'));
  try {
    const runs: EmbeddedRun[] = [];
    for (const connections of [...new Set([1, options.connections])]) {
      runs.push(await closedLoop(embedded.url, connections, options.seconds));
      print(JSON.stringify(runs.at(-1)));
    }
    writeBenchmarkSection('embedded', [
      `\`SELECT $1::int\` / \`SELECT $1::int + $2::int\` on embedded PostgreSQL (\`startEmbeddedPostgres\`, a fresh data folder), ${options.seconds} s per row, same process as the pool.`,
      '',
      '| in flight | queries/s | p50 ms | p95 ms | failures | foreign answers |',
      '|---|---|---|---|---|---|',
      ...runs.map((r) => `| ${r.connections} | ${r.qps} | ${r.p50} | ${r.p95} | ${r.failures} | ${r.foreign} |`),
      '',
      `Measured ${new Date().toISOString().slice(0, 16)}Z.`,
    ]);
    return runs;
  } finally {
    await embedded.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

async function closedLoop(url: string, connections: number, seconds: number): Promise<EmbeddedRun> {
  const pool = openPool(url, { label: 'embedded-bench', max: connections });
  try {
    // Open every connection before the clock starts.
    const clients = await Promise.all(Array.from({ length: connections }, () => pool.connect()));
    clients.forEach((c) => c.release());
    const latencies: number[] = [];
    let failures = 0;
    let foreign = 0;
    const started = performance.now();
    const deadline = started + seconds * 1000;
    const loop = async (id: number) => {
      for (let i = 0; performance.now() < deadline; i++) {
        const n = id * 1_000_000 + i;
        const t = performance.now();
        try {
          // Two statements with different parameter counts: a Bind that met the other connection's Parse fails.
          const { rows } =
            (id + i) % 2 === 0
              ? await pool.query<{ n: number }>('SELECT $1::int AS n', [n])
              : await pool.query<{ n: number }>('SELECT $1::int + $2::int AS n', [n, 0]);
          if (rows.length !== 1 || rows[0]!.n !== n) foreign++;
        } catch {
          failures++;
        }
        latencies.push(performance.now() - t);
      }
    };
    await Promise.all(Array.from({ length: connections }, (_, id) => loop(id)));
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const at = (q: number) => round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
    return {
      connections,
      queries: latencies.length,
      qps: round(latencies.length / elapsed),
      failures,
      foreign,
      p50: at(0.5),
      p95: at(0.95),
    };
  } finally {
    await pool.end();
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
