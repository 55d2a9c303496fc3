import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SUBGRAPH_NAMES } from '@hub/shared';
import { freshDatabases } from '../runtime/fresh-databases';
import { launchHub, startVariantGateway } from '../runtime/launch-hub';
import { DASHBOARD_USER } from './queries';
import { writeBenchmarkSection } from './report';
import { measureSideBySide, resultsTable, type SideBySideOptions } from './side-by-side';
import { round2 } from './stats';
import { print } from '../cli-output';

export const RESULTS_DIR = join(__dirname, '..', '..', '..', 'bench', 'results');

/**
 * `npm run bench -- policy`: the same heavy federated query (50 subjects, fields from all four
 * partners) through two gateways over the same subgraphs and data — enforcement on and off.
 */
export async function policyBench(options: SideBySideOptions & { scale: number }): Promise<void> {
  const databases = await freshDatabases([...SUBGRAPH_NAMES, 'hub']);
  // The log has its own benchmark (`bench -- log`): here only the policy differs.
  const hub = await launchHub({ databaseUrls: databases.urls, ports: 'free', seedIfEmpty: options.scale, withoutLog: true });
  const off = await startVariantGateway(hub, { enforcement: 'off', withLog: false });
  try {
    const { runs, summary } = await measureSideBySide({ on: hub.gateway.url, off: off.url }, hub.keys.devIssuer, options);
    const ratio = round2(summary.on!.rps / summary.off!.rps);
    print(`\npolicy on vs off: throughput ratio ${ratio}; p95 on ${summary.on!.p95} ms, off ${summary.off!.p95} ms`);
    const date = new Date().toISOString();
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(
      join(RESULTS_DIR, 'policy-latest.json'),
      `${JSON.stringify({ benchmark: 'policy', date, options, user: DASHBOARD_USER.as, runs, summary, ratio }, null, 2)}\n`,
    );
    writeBenchmarkSection('policy', [
      `Enforcement on vs off, same subgraphs and data (${options.scale} subjects), ${options.rounds} alternating rounds of ${options.seconds} s, ${options.connections} connections.`,
      '',
      ...resultsTable(summary, (n) => `policy ${n}`),
      '',
      `**Throughput ratio on/off: ${ratio}** (goal ≥ 0.9). Measured ${date.slice(0, 16)}Z.`,
    ]);
  } finally {
    await off.stop();
    await hub.stop();
    await databases.drop();
  }
}
