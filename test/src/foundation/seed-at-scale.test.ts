import { Client } from 'pg';
import { generatePopulation, SUBGRAPH_NAMES } from '@hub/shared';
import { seedDatabases } from '@hub/tools';
import { freshDatabases, type FreshDatabases } from '@hub/tools';

/** A digest of a whole table, to compare two seeds row for row. */
async function tableDigest(url: string, table: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM "${table}" t`);
    return rows[0].digest;
  } finally {
    await client.end();
  }
}

describe('seeding at scale', () => {
  let databases: FreshDatabases;
  beforeAll(async () => {
    databases = await freshDatabases(SUBGRAPH_NAMES);
  });
  afterAll(() => databases?.drop());

  it('loads 100,000 subjects into every partner in under 3 minutes, in bulk', async () => {
    const started = Date.now();
    const results = await seedDatabases(databases.urls, generatePopulation({ scale: 100_000 }));
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `seeded 100,000 subjects in ${seconds.toFixed(1)} s: ${results.map((r) => `${r.name} ${(r.ms / 1000).toFixed(1)} s`).join(', ')}`,
    );
    expect(seconds).toBeLessThan(180);
    const police = results.find((r) => r.name === 'police')!;
    expect(police.counts.nominals).toBeGreaterThan(80_000);
  }, 300_000);

  it('is deterministic: seeding the same seed again writes identical rows', async () => {
    const before = await tableDigest(databases.urls.nhs!, 'attendances');
    await seedDatabases({ ...databases.urls }, generatePopulation({ scale: 100_000 }));
    expect(await tableDigest(databases.urls.nhs!, 'attendances')).toBe(before);
  }, 300_000);
});
