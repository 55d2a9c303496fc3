import { openSubgraphDatabase, type Population } from '@hub/shared';
import { SUBGRAPHS } from '../subgraphs';

export interface SeedResult {
  name: string;
  counts: Record<string, number>;
  ms: number;
}

/** Migrates and seeds every partner's database from one population, the four in parallel. */
export async function seedDatabases(
  urls: Record<string, string>,
  population: Population,
  realPostgres: Record<string, boolean> = {},
): Promise<SeedResult[]> {
  return Promise.all(
    SUBGRAPHS.map(async (definition) => {
      const { dataSource } = await openSubgraphDatabase(definition, {
        databaseUrl: urls[definition.name]!,
        createDatabase: realPostgres[definition.name],
      });
      try {
        const started = Date.now();
        const counts = await definition.seed(dataSource, population);
        return { name: definition.name, counts, ms: Date.now() - started };
      } finally {
        await dataSource.destroy();
      }
    }),
  );
}
