import { createDataSource } from '../db/data-source';
import type { SubgraphDefinition } from '../server/subgraph-definition';

/**
 * The SQL that typeorm would still need to run after all migrations to match the entities.
 * Empty means the migrations and the entity classes agree; a test asserts exactly that.
 */
export async function pendingSchemaChanges(definition: SubgraphDefinition, url: string): Promise<string[]> {
  const { dataSource } = createDataSource({
    service: definition.name,
    url,
    entities: definition.entities,
    migrations: definition.migrations,
  });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'all' });
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return sql.upQueries.map((q) => q.query);
  } finally {
    await dataSource.destroy();
  }
}
