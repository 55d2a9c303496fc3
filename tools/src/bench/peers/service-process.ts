import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { configureLogging, environment, GATEWAY_NODE_OPTIONS, SUBGRAPH_NAMES, type SubgraphName } from '@hub/shared';
import type { SubgraphConfig } from './serve-subgraph';

/** What a service runner tells its parent once it is serving. */
export interface ReadyMessage {
  ready: true;
  url: string;
}

export interface ServiceProcess {
  name: string;
  pid: number;
  url: string;
  /** Asks the service a question its runner answers (`handle`), one at a time. */
  ask<T>(question: string): Promise<T>;
  /** Asks the service to stop and waits for its process to exit (a CPU profile is written then). */
  stop(): Promise<void>;
}

interface Answer {
  answer: unknown;
}

export interface SpawnOptions {
  /** Node's `--cpu-prof` into this folder, under this file name. */
  cpuProfile?: { dir: string; name: string };
  /** How long start-up (migrations, seeding) may take. */
  startTimeoutMs?: number;
  /** NODE_ENV for the service (graphql-js, Express and Apollo Server change behaviour with it); else ours. */
  nodeEnv?: string;
  /** Where the runner script is, if not beside this module (another checkout's build). */
  scriptDir?: string;
  /** Node's own options; by default a hub gateway's are those it is deployed with, a peer's none. */
  nodeOptions?: readonly string[];
}

/**
 * Starts `tools/dist/bench/peers/<script>.js` in a process of its own, with its configuration as
 * one JSON argument, and resolves once it reports the URL it serves on. Its stderr goes to ours.
 */
export function spawnService(name: string, script: string, config: unknown, options: SpawnOptions = {}): Promise<ServiceProcess> {
  const flags = [
    ...(options.nodeOptions ?? (script === 'serve-hub' ? GATEWAY_NODE_OPTIONS : [])),
    ...(options.cpuProfile ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfile.dir}`, `--cpu-prof-name=${options.cpuProfile.name}`] : []),
  ];
  const child = spawn(process.execPath, [...flags, join(options.scriptDir ?? __dirname, `${script}.js`), JSON.stringify(config)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // eslint-disable-next-line no-restricted-properties -- hands our environment on to the service, NODE_ENV aside
    env: options.nodeEnv ? { ...process.env, NODE_ENV: options.nodeEnv } : undefined,
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start within ${options.startTimeoutMs ?? 180_000} ms`));
    }, options.startTimeoutMs ?? 180_000);
    const exited = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (code ${code}) before it was ready`));
    };
    child.once('exit', exited);
    child.once('message', (message: ReadyMessage) => {
      clearTimeout(timer);
      child.off('exit', exited);
      resolve({ name, pid: child.pid!, url: message.url, ask: (question) => ask(child, question), stop: () => stopChild(child) });
    });
  });
}

/**
 * The four partner subgraphs, each in a process of its own on its own database
 * (`serve-subgraph`: migrates and seeds `scale` subjects if empty), started together; in
 * SUBGRAPH_NAMES order.
 */
export function spawnSubgraphs(
  databaseUrls: Record<SubgraphName, string>,
  keysDir: string,
  scale: number,
  options: SpawnOptions = {},
): Promise<ServiceProcess[]> {
  return Promise.all(
    SUBGRAPH_NAMES.map((name) => {
      const config: SubgraphConfig = { name, databaseUrl: databaseUrls[name], keysDir, scale };
      return spawnService(`subgraph ${name}`, 'serve-subgraph', config, options);
    }),
  );
}

function ask<T>(child: ChildProcess, question: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const gone = () => reject(new Error(`the service exited before answering "${question}"`));
    child.once('exit', gone);
    child.once('message', (message: Answer) => {
      child.off('exit', gone);
      resolve(message.answer as T);
    });
    child.send({ question });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    if (child.connected) child.send('stop');
    else child.kill('SIGTERM');
  });
}

/**
 * The runner's side: starts the service from the JSON argument, tells the parent its URL, and
 * stops cleanly (then exits, so that `--cpu-prof` writes its profile) when the parent says so,
 * goes away, or sends SIGTERM/SIGINT.
 */
export function runService<Config>(
  start: (config: Config) => Promise<{ url: string; stop(): Promise<void>; handle?(question: string): unknown }>,
): void {
  // As in the bench's own process: a request log line per service per request would flood the
  // results and cost each service time Apollo's and Hive's do not spend. Warnings and errors only,
  // unless HUB_LOG_LEVEL says otherwise.
  configureLogging({ destination: 'stderr', ...(environment().logLevelChosen ? {} : { level: 'warn' }) });
  const config = JSON.parse(process.argv[2] ?? '{}') as Config;
  start(config).then(
    (service) => {
      let stopping = false;
      const stop = () => {
        if (stopping) return;
        stopping = true;
        service.stop().then(
          () => process.exit(0),
          (error: unknown) => {
            console.error(error);
            process.exit(1);
          },
        );
      };
      process.on('message', (message: unknown) => {
        if (message === 'stop') return stop();
        const question = (message as { question?: string }).question;
        if (question === undefined) return;
        // An answer may take a moment (a metric read); a question that fails is answered with null.
        Promise.resolve()
          .then(() => service.handle?.(question))
          .then(
            (answer) => process.send!({ answer: answer ?? null } satisfies Answer),
            (error: unknown) => {
              console.error(error);
              process.send!({ answer: null } satisfies Answer);
            },
          );
      });
      process.on('disconnect', stop);
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
      process.send!({ ready: true, url: service.url } satisfies ReadyMessage);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
