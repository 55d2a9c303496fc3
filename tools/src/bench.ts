#!/usr/bin/env node
import { configureLogging, environment } from '@hub/shared';
import { auditBench } from './bench/audit-bench';
import { embeddedBench } from './bench/embedded-bench';
import { logBench } from './bench/log-bench';
import { policyBench } from './bench/policy-bench';
import { printNote } from './cli-output';

const USAGE = `usage: npm run bench -- <policy|log> [--seconds 10] [--connections 10] [--rounds 3] [--scale 1000]
       npm run bench -- audit [--records 10000000] [--chain 1000000]
       npm run bench -- embedded [--seconds 10] [--connections 16]`;

async function main(): Promise<void> {
  // A request log line per service per request would flood the results and cost time: warnings
  // and errors only, on stderr, unless HUB_LOG_LEVEL says otherwise.
  configureLogging({ destination: 'stderr', ...(environment().logLevelChosen ? {} : { level: 'warn' }) });
  const [name, ...args] = process.argv.slice(2);
  const number = (flag: string, fallback: number) => {
    const i = args.indexOf(flag);
    const value = i >= 0 ? Number(args[i + 1]) : fallback;
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${flag} must be a positive number`);
    return value;
  };
  const sideBySide = () => ({
    seconds: number('--seconds', 10),
    connections: number('--connections', 10),
    rounds: number('--rounds', 3),
    scale: number('--scale', 1000),
  });
  if (name === 'policy') return policyBench(sideBySide());
  if (name === 'log') return logBench(sideBySide());
  if (name === 'embedded')
    return void (await embeddedBench({ seconds: number('--seconds', 10), connections: number('--connections', 16) }));
  if (name === 'audit') return auditBench({ records: number('--records', 10_000_000), chain: number('--chain', 1_000_000) });
  printNote(USAGE);
  process.exit(name ? 2 : 0);
}

main().catch((error: unknown) => {
  printNote(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
