import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logger, startEmbeddedPostgres, type DatabaseOwner } from '@hub/shared';
import { createTestDatabase, serverReachable, testRunId, testServerUrl } from '@hub/shared/testing';

export interface FreshDatabases {
  urls: Record<string, string>;
  real: boolean;
  drop(): Promise<void>;
}

let announced = false;

/**
 * A new, empty database per owner for one test run: on the real PostgreSQL server when it
 * answers, otherwise on embedded PostgreSQL in a temporary folder (and the run says so).
 */
export async function freshDatabases(owners: readonly DatabaseOwner[]): Promise<FreshDatabases> {
  if (await serverReachable(testServerUrl())) {
    const run = testRunId();
    const dbs = await Promise.all(owners.map((owner) => createTestDatabase(owner, run)));
    return {
      urls: Object.fromEntries(owners.map((owner, i) => [owner, dbs[i]!.url])),
      real: true,
      drop: async () => void (await Promise.all(dbs.map((d) => d.drop()))),
    };
  }
  if (!announced) {
    logger('hub').warn(`PostgreSQL at ${testServerUrl().replace(/:[^:@/]*@/, '@')} did not answer: tests use embedded PostgreSQL`);
    announced = true;
  }
  const folder = mkdtempSync(join(tmpdir(), 'hub-test-'));
  const instances = await Promise.all(owners.map((owner) => startEmbeddedPostgres(join(folder, owner))));
  return {
    urls: Object.fromEntries(owners.map((owner, i) => [owner, instances[i]!.url])),
    real: false,
    async drop() {
      await Promise.all(instances.map((i) => i.stop()));
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
