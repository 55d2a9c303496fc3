import { Client } from 'pg';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { testRunId, testServerUrl } from '../testing/test-database';
import { createDataSource, dropDatabase } from './data-source';
import { withDatabaseName } from './database-url';
import { ensureDatabase, runMigrationsOnce } from './startup-locks';
import { captureLogs } from '../telemetry/logger';

/** A migration slow enough that replicas starting together overlap in it. */
class SlowTable1700000000000 implements MigrationInterface {
  name = 'SlowTable1700000000000';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE TABLE slow_table (id int PRIMARY KEY)');
    await runner.query('SELECT pg_sleep(0.3)');
    await runner.query('INSERT INTO slow_table VALUES (1)');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE slow_table');
  }
}

/** Five "replicas" of one service starting at the same moment on a server that lacks their database. */
describe('start-up under advisory locks', () => {
  const url = withDatabaseName(testServerUrl(), `hubtest_${testRunId()}_locks`);
  afterAll(() => dropDatabase(url));

  it('creates the database once, with no duplicate-key error, however many ask at once', async () => {
    await expect(Promise.all(Array.from({ length: 5 }, () => ensureDatabase(url)))).resolves.toHaveLength(5);
    const client = new Client({ connectionString: url });
    await client.connect();
    await client.end();
  });

  it('applies each migration once; the others wait and find nothing pending', async () => {
    const logs = captureLogs();
    const sources = Array.from({ length: 5 }, () =>
      createDataSource({ service: 'locks', url, entities: [], migrations: [SlowTable1700000000000] }),
    );
    try {
      await Promise.all(sources.map((s) => s.dataSource.initialize()));
      await Promise.all(sources.map((s) => runMigrationsOnce(s.dataSource, 'locks')));
      const [{ count }] = await sources[0]!.dataSource.query('SELECT count(*)::int AS count FROM migrations');
      expect(count).toBe(1);
      expect(await sources[0]!.dataSource.query('SELECT id FROM slow_table')).toEqual([{ id: 1 }]);
      expect(logs.lines.filter((line) => line.includes('another process is migrating')).length).toBeGreaterThanOrEqual(1);
    } finally {
      logs.stop();
      await Promise.all(sources.map((s) => s.dataSource.destroy()));
    }
  });
});
