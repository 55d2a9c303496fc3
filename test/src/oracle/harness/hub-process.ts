import { fork, type ChildProcess } from 'node:child_process';
import { DEMO_USERS } from '@hub/shared';
import type { DatabaseUrls } from '../model/world';

/**
 * The system under test in a process of its own: `startTestHub` (the usual harness: fresh
 * databases, seeded, real dev tokens) runs in a child, so the gateway and subgraphs have one
 * core and the oracle the other, and the hub's own console output stays out of the test's.
 * Run as a script, this file is the child; imported, it starts one.
 */

export interface HubProcess {
  url: string;
  tokens: Record<string, string>;
  databases: DatabaseUrls & { hub: string };
  /** Lines the hub wrote to stderr (its incident reports), for the run's report. */
  stderr: string[];
  stop(): Promise<void>;
}

interface Ready {
  type: 'ready';
  url: string;
  tokens: Record<string, string>;
  databases: DatabaseUrls & { hub: string };
}

export function startHubProcess(scale: number): Promise<HubProcess> {
  const child: ChildProcess = fork(__filename, [String(scale)], { execArgv: [], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  const stderr: string[] = [];
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    for (const line of chunk.split('\n'))
      if (line.trim() && !/Postgres pool raised an error|MaxListenersExceeded|trace-warnings/.test(line)) stderr.push(line);
  });
  child.stdout!.resume();
  return new Promise((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`the hub process exited (${code}) before it was ready:\n${stderr.slice(-20).join('\n')}`)),
    );
    child.once('message', (message: Ready | { type: 'failed'; error: string }) => {
      if (message.type === 'failed') return reject(new Error(message.error));
      child.removeAllListeners('exit');
      resolve({
        url: message.url,
        tokens: message.tokens,
        databases: message.databases,
        stderr,
        stop: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.send({ type: 'stop' });
          }),
      });
    });
  });
}

let stopHub: (() => Promise<void>) | null = null;

async function main(): Promise<void> {
  const { startTestHub } = await import('../../helpers/test-hub');
  const hub = await startTestHub({ scale: Number(process.argv[2] ?? 40) });
  stopHub = () => hub.stop();
  const url = (ds: { options: unknown }) => (ds.options as { url: string }).url;
  const tokens: Record<string, string> = {};
  for (const user of DEMO_USERS) tokens[user.id] = await hub.token(user.id);
  process.on('message', (message: { type: string }) => {
    if (message.type === 'stop') void shutdown();
  });
  process.send!({
    type: 'ready',
    url: hub.gateway.url,
    tokens,
    databases: {
      police: url(hub.subgraphs.police.dataSource),
      'local-authority': url(hub.subgraphs['local-authority'].dataSource),
      nhs: url(hub.subgraphs.nhs.dataSource),
      ngo: url(hub.subgraphs.ngo.dataSource),
      hub: url(hub.store.dataSource),
    },
  } satisfies Ready);
}

/** Stops the hub (dropping its test databases) and exits. */
async function shutdown(): Promise<void> {
  await stopHub?.().catch(() => undefined);
  process.exit(0);
}

if (require.main === module) {
  // Stop with the parent, whatever happens to it.
  process.on('disconnect', () => void shutdown());
  main().catch((error) => {
    process.send?.({ type: 'failed', error: String(error?.stack ?? error) });
    process.exit(1);
  });
}
