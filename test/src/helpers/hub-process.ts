import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { withFreeMetricsPorts } from './free-metrics-ports';

const HUB_CLI = join(__dirname, '..', '..', '..', 'tools', 'dist', 'hub.js');

export interface HubProcess {
  child: ChildProcess;
  output: () => string;
}

/**
 * Runs `hub start` (what `npm start` runs) as a separate process and waits for the gateway.
 * With no DATABASE_URL in `env`, every service gets embedded PostgreSQL — which cannot run in
 * Jest's module sandbox (PGlite loads its WebAssembly with a dynamic import), so tests of that
 * path run the hub in a process of its own.
 */
export async function startHubProcess(env: NodeJS.ProcessEnv, readyWithinMs = 90_000): Promise<HubProcess> {
  const child = spawn(process.execPath, [HUB_CLI, 'start'], { env: withFreeMetricsPorts(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in ${readyWithinMs / 1000} s:\n${output}`)), readyWithinMs);
    const check = () => {
      if (output.includes('gateway ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
  return { child, output: () => output };
}

/** Ctrl-C: resolves with the exit code. */
export function interrupt(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
}

/**
 * An empty embedded PostgreSQL cluster in `<dataDir>/<owner>` for each owner, for a hub process
 * to open instead of running initdb per database: PGlite's initdb takes seconds of CPU each
 * (5 at once took 36 s on a 2-core machine), opening an existing cluster under one. One initdb,
 * in a child process (see startHubProcess), then copies of the cleanly closed cluster.
 */
export function emptyEmbeddedClusters(dataDir: string, owners: readonly string[]): void {
  const [first, ...rest] = owners;
  const script = `require('@electric-sql/pglite').PGlite.create(process.argv[1]).then((db) => db.close())`;
  execFileSync(process.execPath, ['-e', script, join(dataDir, first!)], { cwd: join(__dirname, '..', '..', '..'), stdio: 'inherit' });
  for (const owner of rest) cpSync(join(dataDir, first!), join(dataDir, owner), { recursive: true });
}
