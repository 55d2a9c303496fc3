import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool, type PoolClient } from 'pg';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { NamedStatement, poolPreparesPerConnection, preparesPerConnection } from './named-statements';

const SUM = new NamedStatement('hub_test_sum', 'SELECT $1::int + $2::int AS sum');
const prepared = async (client: Pool | PoolClient) =>
  (await client.query<{ name: string }>('SELECT name FROM pg_prepared_statements ORDER BY name')).rows.map((r) => r.name);

describe('named statements', () => {
  it('on a PostgreSQL server: each connection prepares once, then only binds', async () => {
    const database: TestDatabase = await createTestDatabase('hub');
    const pool = new Pool({ connectionString: database.url, max: 1 });
    try {
      expect(poolPreparesPerConnection(pool)).toBe(true);
      for (let i = 0; i < 3; i++) expect((await SUM.on(pool, pool, [i, 2])).rows).toEqual([{ sum: i + 2 }]);
      // One connection (max 1): prepared there once, under its name.
      expect(await prepared(pool)).toEqual(['hub_test_sum']);
    } finally {
      await pool.end();
      await database.drop();
    }
  });

  it('on embedded PostgreSQL (one session for every connection): unnamed, so connections never clash and nothing is left', async () => {
    // In a child process, as embedded-postgres.test.ts explains (PGlite and Jest's sandbox); the
    // front is noted in the process that started it, which is where its pools are opened.
    const dir = mkdtempSync(join(tmpdir(), 'hub-named-'));
    const script = `
      const { Pool } = require('pg');
      const shared = require(process.argv[1]);
      (async () => {
        const db = await shared.startEmbeddedPostgres(process.argv[2]);
        const sum = new shared.NamedStatement('hub_test_sum', 'SELECT $1::int + $2::int AS sum');
        // Two pools, so two connections on the one backend session: named, the second would find the name taken.
        const pools = [0, 1].map(() => new Pool({ connectionString: db.url, max: 1 }));
        const out = { perConnection: pools.map((p) => shared.poolPreparesPerConnection(p)), sums: [] };
        for (const pool of pools) out.sums.push((await sum.on(pool, pool, [40, 2])).rows[0].sum);
        out.prepared = (await pools[0].query('SELECT name FROM pg_prepared_statements')).rows.length;
        await Promise.all(pools.map((p) => p.end()));
        await db.stop();
        out.afterStop = shared.preparesPerConnection(db.url);
        console.log(JSON.stringify(out));
      })().catch((e) => { console.error(e); process.exit(1); });`;
    try {
      const { stdout } = await promisify(execFile)(process.execPath, ['-e', script, join(__dirname, '..', 'index.js'), join(dir, 'db')], {
        timeout: 60_000,
      });
      expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual({
        perConnection: [false, false],
        sums: [42, 42],
        prepared: 0,
        afterStop: true,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);

  it('a URL it cannot read, or none, is not taken to prepare per connection', () => {
    expect(preparesPerConnection(undefined)).toBe(false);
    expect(preparesPerConnection('not a url')).toBe(false);
  });
});
