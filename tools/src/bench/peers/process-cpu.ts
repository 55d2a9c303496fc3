import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';

const TICKS_PER_SECOND = clockTicks();

function clockTicks(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

/** CPU time (user + system, all threads) a live process has used, in ms; undefined once it is gone. */
export function processCpuMs(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name may hold spaces and parentheses: the fields start after its last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** A PostgreSQL server process the bench counts: a backend of one of its databases, or the server's own. */
interface PostgresProcess {
  pid: number;
  /** The bench database's owner (`police`, …, `hub`), or `server` for walwriter, checkpointer and the like. */
  group: string;
}

/**
 * CPU used per process between `start()` and `stop()`: the fixed processes (gateways, subgraphs)
 * and PostgreSQL's, found in pg_stat_activity (backends of the bench's databases, and the server's
 * background processes). Backends come and go with the pools, so the list is re-read and every
 * process sampled while the load runs: one that exits keeps what it was last seen to have used,
 * and one that appears counts from zero.
 */
export class CpuMeter {
  private constructor(
    private readonly monitor: Client,
    /** Database name → owner. */
    private readonly databases: Record<string, string>,
  ) {}

  static async open(serverUrl: string, databases: Record<string, string>): Promise<CpuMeter> {
    const monitor = new Client({ connectionString: serverUrl });
    await monitor.connect();
    return new CpuMeter(monitor, databases);
  }

  async close(): Promise<void> {
    await this.monitor.end();
  }

  async postgresProcesses(): Promise<PostgresProcess[]> {
    const { rows } = await this.monitor.query<{ pid: number; datname: string | null; backend_type: string }>(
      `SELECT pid, datname, backend_type FROM pg_stat_activity
        WHERE pid <> pg_backend_pid() AND (datname = ANY($1) OR backend_type NOT IN ('client backend', 'autovacuum worker', 'parallel worker'))`,
      [Object.keys(this.databases)],
    );
    return rows.map((r) => ({ pid: r.pid, group: r.datname && this.databases[r.datname] ? this.databases[r.datname]! : 'server' }));
  }

  /**
   * Starts measuring. `fixed` names the processes by label; PostgreSQL's are grouped as
   * `postgres:<owner>` and `postgres:server`. Resolves the measurement when `stop()` is called.
   */
  async start(fixed: Record<string, number>): Promise<{ stop(): Promise<Record<string, number>> }> {
    const seen = new Map<number, { label: string; first: number; last: number }>();
    const track = (pid: number, label: string, isNew: boolean) => {
      const now = processCpuMs(pid);
      if (now === undefined) return;
      const entry = seen.get(pid);
      if (entry) entry.last = now;
      else seen.set(pid, { label, first: isNew ? 0 : now, last: now });
    };
    // A backend first seen after the start opened during the run: all it used counts.
    const postgres = async (started: boolean) => {
      for (const p of await this.postgresProcesses()) track(p.pid, `postgres:${p.group}`, started);
    };
    for (const [label, pid] of Object.entries(fixed)) track(pid, label, false);
    await postgres(false);
    let ticks = 0;
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      for (const [pid, entry] of seen) track(pid, entry.label, false);
      // Every second, look for backends the pools opened meanwhile.
      const refresh = ++ticks % 4 === 0 ? postgres(true) : Promise.resolve();
      refresh.catch(() => undefined).finally(() => (busy = false));
    }, 250);
    return {
      stop: async () => {
        clearInterval(timer);
        for (const [pid, entry] of seen) track(pid, entry.label, false);
        await postgres(true);
        const used: Record<string, number> = {};
        for (const entry of seen.values()) used[entry.label] = (used[entry.label] ?? 0) + (entry.last - entry.first);
        return used;
      },
    };
  }
}

/**
 * Waits until these processes use almost no CPU (under `idleMs` together per 250 ms), for at
 * most `maxMs`: after wrk stops, the requests it left in flight finish first, so that their
 * work does not land in the next gateway's measurement.
 */
export async function waitUntilIdle(pids: number[], idleMs = 10, maxMs = 20_000): Promise<void> {
  const total = () => pids.reduce((n, pid) => n + (processCpuMs(pid) ?? 0), 0);
  const deadline = Date.now() + maxMs;
  let before = total();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = total();
    if (now - before < idleMs) return;
    before = now;
  }
}
