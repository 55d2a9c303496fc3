import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SUBGRAPH_NAMES } from '@hub/shared';
import { freshDatabases } from '../runtime/fresh-databases';
import { launchHub, startVariantGateway } from '../runtime/launch-hub';
import { RESULTS_DIR } from './policy-bench';
import { writeBenchmarkSection } from './report';
import { measureSideBySide, resultsTable, type SideBySideOptions } from './side-by-side';
import { round2 } from './stats';
import { print } from '../cli-output';

/**
 * `npm run bench -- log`: the disclosure log's cost — two gateways, both enforcing the policy,
 * one writing every disclosure durably before it responds, one not — and how many records per
 * second the group-commit writer appends under that load.
 */
export async function logBench(options: SideBySideOptions & { scale: number }): Promise<void> {
  const databases = await freshDatabases([...SUBGRAPH_NAMES, 'hub']);
  const hub = await launchHub({ databaseUrls: databases.urls, ports: 'free', seedIfEmpty: options.scale });
  const unlogged = await startVariantGateway(hub, { withLog: false });
  try {
    const log = hub.audit!.log;
    const before = { ...log.stats };
    const started = Date.now();
    const { runs, summary } = await measureSideBySide({ 'log on': hub.gateway.url, 'log off': unlogged.url }, hub.keys.devIssuer, options);
    const loggedRuns = runs['log on']!;
    const loggedSeconds = loggedRuns.reduce((sum, r) => sum + r.seconds, 0);
    const records = log.stats.records - before.records;
    const batches = log.stats.batches - before.batches;
    const appends = {
      recordsPerSecond: round2(records / loggedSeconds),
      recordsPerBatch: round2(records / Math.max(batches, 1)),
      requestsPerBatch: round2(loggedRuns.reduce((sum, r) => sum + r.requests, 0) / Math.max(batches, 1)),
    };
    const added = {
      p50: round2(summary['log on']!.p50 - summary['log off']!.p50),
      p95: round2(summary['log on']!.p95 - summary['log off']!.p95),
      p99: round2(summary['log on']!.p99 - summary['log off']!.p99),
    };
    const ratio = round2(summary['log on']!.rps / summary['log off']!.rps);
    print(
      `\nlog on vs off: throughput ratio ${ratio}; added latency p50 ${added.p50} ms, p95 ${added.p95} ms, p99 ${added.p99} ms; ${appends.recordsPerSecond} records/s appended in batches of ${appends.recordsPerBatch}`,
    );
    const date = new Date().toISOString();
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(
      join(RESULTS_DIR, 'log-latest.json'),
      `${JSON.stringify({ benchmark: 'log', date, options, runs, summary, ratio, added, appends, seconds: (Date.now() - started) / 1000 }, null, 2)}\n`,
    );
    writeBenchmarkSection('log', [
      `Both gateways enforce the policy; one writes each response's disclosures durably before responding. ${options.rounds} alternating rounds of ${options.seconds} s, ${options.connections} connections, ${options.scale} subjects, 50 subjects per request (about 100 records per response: one per owner and subject).`,
      '',
      ...resultsTable(summary, (n) => n),
      '',
      `**Throughput ratio log on/off: ${ratio}.** Latency the log adds: p50 ${added.p50} ms, p95 ${added.p95} ms, p99 ${added.p99} ms. ` +
        `Appends under this load: ${appends.recordsPerSecond} records/s, ${appends.recordsPerBatch} records (${appends.requestsPerBatch} responses) per group commit. Measured ${date.slice(0, 16)}Z.`,
    ]);
  } finally {
    await unlogged.stop();
    await hub.stop();
    await databases.drop();
  }
}
