import { createDataSource, type CountedDataSource } from '../db/data-source';
import { ensureDatabase, runMigrationsOnce } from '../db/startup-locks';
import { trackDataSourcePool } from '../telemetry/metrics';
import type { SubgraphDefinition } from './subgraph-definition';

export interface OpenDatabaseOptions {
  databaseUrl: string;
  /** Create the database if the server lacks it (real PostgreSQL; PGlite has just one). */
  createDatabase?: boolean;
  poolSize?: number;
}

/** Connects to a subgraph's own database and applies its pending migrations, all or none, once however many replicas start. */
export async function openSubgraphDatabase(definition: SubgraphDefinition, options: OpenDatabaseOptions): Promise<CountedDataSource> {
  if (options.createDatabase) await ensureDatabase(options.databaseUrl);
  const opened = createDataSource({
    service: definition.name,
    url: options.databaseUrl,
    entities: definition.entities,
    migrations: definition.migrations,
    poolSize: options.poolSize,
  });
  await opened.dataSource.initialize();
  try {
    await runMigrationsOnce(opened.dataSource, definition.name);
    trackDataSourcePool(definition.name, opened.dataSource);
    return opened;
  } catch (error) {
    await opened.dataSource.destroy();
    throw error;
  }
}
