import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { openPool } from './pool';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase('hub');
});
afterAll(() => database.drop());

describe('openPool', () => {
  it("starts every connection's session with the pool's settings", async () => {
    const pool = openPool(database.url, { label: 'pool-test-settings', max: 2, settings: { plan_cache_mode: 'force_generic_plan' } });
    try {
      // Two connections held at once, so the second is a session of its own.
      const clients = [await pool.connect(), await pool.connect()];
      const shown = await Promise.all(
        clients.map(async (c) => (await c.query<{ plan_cache_mode: string }>('SHOW plan_cache_mode')).rows[0]),
      );
      clients.forEach((c) => c.release());
      expect(shown).toEqual([{ plan_cache_mode: 'force_generic_plan' }, { plan_cache_mode: 'force_generic_plan' }]);
    } finally {
      await pool.end();
    }
  });

  it("keeps both the URL's own start-up options and the pool's settings", async () => {
    const url = new URL(database.url);
    url.searchParams.set('options', '-c work_mem=5MB');
    const pool = openPool(url.toString(), { label: 'pool-test-url-options', max: 1, settings: { plan_cache_mode: 'force_generic_plan' } });
    try {
      expect((await pool.query('SHOW plan_cache_mode')).rows).toEqual([{ plan_cache_mode: 'force_generic_plan' }]);
      expect((await pool.query('SHOW work_mem')).rows).toEqual([{ work_mem: '5MB' }]);
    } finally {
      await pool.end();
    }
  });

  it('leaves sessions at the server defaults without settings', async () => {
    const pool = openPool(database.url, { label: 'pool-test-defaults', max: 1 });
    try {
      expect((await pool.query('SHOW plan_cache_mode')).rows).toEqual([{ plan_cache_mode: 'auto' }]);
    } finally {
      await pool.end();
    }
  });

  it('refuses a setting that would need quoting, so no other option can ride along', () => {
    expect(() => openPool(database.url, { label: 'pool-test-refused', settings: { plan_cache_mode: 'auto -c search_path=evil' } })).toThrow(
      /unsupported PostgreSQL setting/,
    );
    expect(() => openPool(database.url, { label: 'pool-test-refused', settings: { 'search_path=x -c a': 'b' } })).toThrow(
      /unsupported PostgreSQL setting/,
    );
  });
});
