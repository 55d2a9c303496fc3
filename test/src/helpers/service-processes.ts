import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync } from 'node:fs';
import { join } from 'node:path';
import { withFreeMetricsPorts } from './free-metrics-ports';

const HUB_CLI = join(__dirname, '..', '..', '..', 'tools', 'dist', 'hub.js');

const NOBODY = { uid: 65534, gid: 65534 };
const WITHOUT_DAC_OVERRIDE = ['--bounding-set', '-dac_override,-dac_read_search', '--'];

/**
 * How the services run. In the image they run as `node`, not root, and root would write into a
 * chmod 0555 folder regardless, so a read-only key folder would prove nothing. Run as root (CI
 * does), the tests start the services as `nobody` where `nobody` can read the repository, else as
 * root stripped of CAP_DAC_OVERRIDE (setpriv), which the permission bits then bind as they bind
 * any owner.
 */
function serviceMode(): { describe: string; uid?: number; gid?: number; prefix: string[] } {
  if (process.getuid?.() !== 0) return { describe: 'this user', prefix: [] };
  if (spawnSync(process.execPath, [HUB_CLI], { ...NOBODY, stdio: 'ignore' }).status === 0)
    return { describe: 'nobody', ...NOBODY, prefix: [] };
  return { describe: 'root without CAP_DAC_OVERRIDE', prefix: ['setpriv', ...WITHOUT_DAC_OVERRIDE] };
}

export const SERVICE_MODE = serviceMode();

/** Hands a folder to the service user, as a fresh named volume is handed to `node` by the image. */
export function giveToServiceUser(path: string): void {
  if (SERVICE_MODE.uid !== undefined) chownSync(path, SERVICE_MODE.uid, SERVICE_MODE.gid!);
}

export interface ServiceProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves when `text` has been printed; rejects if the process exits first or `ms` pass. */
  printed(text: string | RegExp, ms?: number): Promise<void>;
  /** SIGTERM, as `docker stop` sends: resolves with the exit code. */
  stop(): Promise<number | null>;
  exited: Promise<number | null>;
}

/** `node tools/dist/hub.js <args>` as a process of its own, with only the environment given (plus PATH). */
export function hubProcess(args: string[], env: Record<string, string>, options: { asServiceUser?: boolean } = {}): ServiceProcess {
  const argv = [process.execPath, HUB_CLI, ...args];
  const [command, ...commandArgs] = options.asServiceUser ? [...SERVICE_MODE.prefix, ...argv] : argv;
  const child = spawn(command!, commandArgs, {
    env: withFreeMetricsPorts({ PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.asServiceUser && SERVICE_MODE.uid !== undefined && { uid: SERVICE_MODE.uid, gid: SERVICE_MODE.gid }),
  });
  let output = '';
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    printed(text, ms = 90_000) {
      const found = () => (typeof text === 'string' ? output.includes(text) : text.test(output));
      return new Promise<void>((resolve, reject) => {
        if (found()) return resolve();
        const timer = setTimeout(() => done(new Error(`"${text}" not printed in ${ms / 1000} s by hub ${args.join(' ')}:\n${output}`)), ms);
        const check = () => found() && done();
        const done = (error?: Error) => {
          clearTimeout(timer);
          listeners.delete(check);
          if (error) reject(error);
          else resolve();
        };
        listeners.add(check);
        void exited.then((code) => !found() && done(new Error(`hub ${args.join(' ')} exited with ${code} before "${text}":\n${output}`)));
      });
    },
    stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Runs a hub command to its end: its exit code and everything it printed. */
export async function runHub(
  args: string[],
  env: Record<string, string>,
  options: { asServiceUser?: boolean } = {},
): Promise<{ code: number | null; output: string }> {
  const run = hubProcess(args, env, options);
  const code = await run.exited;
  return { code, output: run.output() };
}

/** Polls a URL until it answers 200 (a container's healthcheck, by hand). */
export async function answers200(url: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.status === 200) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer 200 in ${ms / 1000} s (last: ${last})`);
}
