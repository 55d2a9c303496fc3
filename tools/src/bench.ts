#!/usr/bin/env node
import { configureLogging, environment } from '@hub/shared';
import { auditBench } from './bench/audit-bench';
import { embeddedBench } from './bench/embedded-bench';
import { logSqlBench } from './bench/log-sql-bench';
import { logBench } from './bench/log-bench';
import { cpuprofileCommand } from './bench/peers/cpuprofile-summary';
import { partnerOpsBench } from './bench/peers/partner-ops-bench';
import { DEFAULT_GATEWAYS, GATEWAYS, peersBench } from './bench/peers/peers-bench';
import { QUERIES } from './bench/queries';
import { policyBench } from './bench/policy-bench';
import { microBench } from './bench/micro/micro-bench';
import { referralsBench } from './bench/referrals-bench';
import { printNote } from './cli-output';

const USAGE = `usage: npm run bench -- <policy|log> [--seconds 10] [--connections 10] [--rounds 3] [--scale 1000]
       npm run bench -- audit [--records 10000000] [--chain 1000000]
       npm run bench -- log-sql [--appends 200] [--rounds 5]
       npm run bench -- embedded [--seconds 10] [--connections 16]
       npm run bench -- peers [--seconds 10] [--connections 10] [--rounds 5] [--scale 1000] [--warmup 5]
                              [--gateways ${GATEWAYS.join(',')}] [--queries ${QUERIES.join(',')}] [--cpu-prof [hub,...]] [--production]
                              [--base <another checkout, built> (runs it as hub-base)] [--base-node-defaults (hub-base without the gateway's Node options)]
                              [--rate-share 0.6 (0: no fixed-rate phase)]
       npm run bench -- partner-ops [--requests 300] [--rounds 6] [--warmup-rounds 2] [--scale 1000] [--query ${QUERIES.join('|')}]
       npm run bench -- referrals [--scale 100000] [--requests 300] [--connections 4]
       npm run bench -- cpuprofile <file.cpuprofile> [<after.cpuprofile>] [--top 25] [--all]
       npm run bench -- micro <fetch|tokens|log> [--operations 3000] [--rounds 5]`;

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
  /** One of a closed list of words, or the fallback when the flag is absent. */
  const oneOf = <T extends string>(flag: string, allowed: readonly T[], fallback: T): T => {
    const i = args.indexOf(flag);
    if (i < 0) return fallback;
    const value = args[i + 1] ?? '';
    if (!allowed.includes(value as T)) throw new Error(`${flag}: choose one of ${allowed.join(', ')}`);
    return value as T;
  };
  const sideBySide = () => ({
    seconds: number('--seconds', 10),
    connections: number('--connections', 10),
    rounds: number('--rounds', 3),
    scale: number('--scale', 1000),
  });
  if (name === 'policy') return policyBench(sideBySide());
  if (name === 'log') return logBench(sideBySide());
  if (name === 'log-sql') return logSqlBench({ appends: number('--appends', 200), rounds: number('--rounds', 5) });
  if (name === 'partner-ops')
    return partnerOpsBench({
      requests: number('--requests', 300),
      rounds: number('--rounds', 6),
      warmupRounds: number('--warmup-rounds', 2),
      scale: number('--scale', 1000),
      query: oneOf('--query', QUERIES, 'dashboard'),
    });
  if (name === 'embedded')
    return void (await embeddedBench({ seconds: number('--seconds', 10), connections: number('--connections', 16) }));
  if (name === 'peers') {
    const list = <T extends string>(flag: string, allowed: readonly T[], fallback: readonly T[]): T[] => {
      const i = args.indexOf(flag);
      if (i < 0) return [...fallback];
      const value = args[i + 1] && !args[i + 1]!.startsWith('--') ? args[i + 1]! : (fallback[0] ?? '');
      const names = value === 'all' ? [...allowed] : value.split(',');
      const unknown = names.filter((n) => !allowed.includes(n as T));
      if (unknown.length > 0) throw new Error(`${flag}: unknown ${unknown.join(', ')}; choose from ${allowed.join(', ')}`);
      return names as T[];
    };
    const warmupAt = args.indexOf('--warmup');
    /** A fraction from 0 (none) to below 1. */
    const share = (flag: string, fallback: number): number => {
      const i = args.indexOf(flag);
      const value = i >= 0 ? Number(args[i + 1]) : fallback;
      if (!Number.isFinite(value) || value < 0 || value >= 1) throw new Error(`${flag} must be a number from 0 (none) to below 1`);
      return value;
    };
    return peersBench({
      seconds: number('--seconds', 10),
      connections: number('--connections', 10),
      rounds: number('--rounds', 5),
      scale: number('--scale', 1000),
      warmup: warmupAt >= 0 && args[warmupAt + 1] === '0' ? 0 : number('--warmup', 5),
      gateways: list('--gateways', GATEWAYS, DEFAULT_GATEWAYS),
      queries: list('--queries', QUERIES, QUERIES),
      // `--cpu-prof` alone profiles the hub's gateway.
      cpuProf: args.includes('--cpu-prof') ? list('--cpu-prof', GATEWAYS, ['hub']) : [],
      production: args.includes('--production'),
      rateShare: share('--rate-share', 0.6),
      ...(args.includes('--base') ? { baseDir: args[args.indexOf('--base') + 1] ?? '' } : {}),
      baseNodeDefaults: args.includes('--base-node-defaults'),
    });
  }
  if (name === 'cpuprofile') return cpuprofileCommand(args);
  if (name === 'micro') return microBench({ name: args[0] ?? '', operations: number('--operations', 3000), rounds: number('--rounds', 5) });
  if (name === 'referrals')
    return referralsBench({
      scale: number('--scale', 100_000),
      requests: number('--requests', 300),
      connections: number('--connections', 4),
    });
  if (name === 'audit') return auditBench({ records: number('--records', 10_000_000), chain: number('--chain', 1_000_000) });
  printNote(USAGE);
  process.exit(name ? 2 : 0);
}

main().catch((error: unknown) => {
  printNote(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
