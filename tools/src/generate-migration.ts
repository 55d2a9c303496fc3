import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase, pendingSchemaChanges } from '@hub/shared/testing';
import { createDataSource } from '@hub/shared';
import type { SubgraphDefinition } from '@hub/shared';
import { hubStoreSchema } from '@hub/gateway';
import { SUBGRAPHS } from './subgraphs';
import { print, printNote } from './cli-output';

/**
 * `node tools/dist/generate-migration.js <subgraph> <Name>` writes a migration holding the SQL
 * that brings a database migrated so far up to the current entities (like typeorm's
 * migration:generate), and regenerates the subgraph's migrations/index.ts.
 */
async function main(): Promise<void> {
  const [name, title] = process.argv.slice(2);
  // Loaded by package name, so a subgraph can generate its migration before it is registered.
  const definition = name ? findDefinition(name) : undefined;
  if (!definition || !title || !/^[A-Z][A-Za-z0-9]+$/.test(title)) {
    throw new Error('usage: generate-migration <police|local-authority|nhs|ngo|hub> <PascalCaseName>');
  }
  const db = await createTestDatabase(definition.name);
  try {
    const up = await pendingSchemaChanges(definition, db.url);
    if (up.length === 0) {
      print('entities and migrations already agree: nothing to generate');
      return;
    }
    const down = await downQueries(definition, db.url);
    const timestamp = Date.now();
    const folder =
      definition.name === ('hub' as string)
        ? join(__dirname, '..', '..', 'gateway', 'src', 'store', 'migrations')
        : join(__dirname, '..', '..', 'subgraphs', definition.name, 'src', 'migrations');
    const file = join(folder, `${timestamp}-${title}.ts`);
    const body = (queries: string[]) => queries.map((q) => `    await runner.query(${JSON.stringify(q)});`).join('\n');
    writeFileSync(
      file,
      `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\n` +
        `export class ${title}${timestamp} implements MigrationInterface {\n` +
        `  name = '${title}${timestamp}';\n\n` +
        `  async up(runner: QueryRunner): Promise<void> {\n${body(up)}\n  }\n\n` +
        `  async down(runner: QueryRunner): Promise<void> {\n${body(down)}\n  }\n}\n`,
    );
    writeIndex(folder);
    print(`wrote ${file}`);
  } finally {
    await db.drop();
  }
}

function findDefinition(name: string): SubgraphDefinition | undefined {
  // The hub's own store is not a subgraph but migrates the same way.
  if (name === 'hub') return hubStoreSchema as unknown as SubgraphDefinition;
  return SUBGRAPHS.find((definition) => definition.name === name);
}

async function downQueries(definition: SubgraphDefinition, url: string): Promise<string[]> {
  const { dataSource } = createDataSource({
    service: definition.name,
    url,
    entities: definition.entities,
    migrations: definition.migrations,
  });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'all' });
    return (await dataSource.driver.createSchemaBuilder().log()).downQueries.map((q) => q.query).reverse();
  } finally {
    await dataSource.destroy();
  }
}

function writeIndex(folder: string): void {
  const files = readdirSync(folder)
    .filter((f) => /^\d+-[A-Za-z0-9]+\.ts$/.test(f))
    .sort();
  const imports = files.map((f) => {
    const [ts, title] = f.replace(/\.ts$/, '').split('-') as [string, string];
    return { module: `./${f.replace(/\.ts$/, '')}`, cls: `${title}${ts}` };
  });
  writeFileSync(
    join(folder, 'index.ts'),
    `${imports.map((i) => `import { ${i.cls} } from '${i.module}';`).join('\n')}\n\n` +
      `/** Applied in order by \`startSubgraph\`; never edit one that has shipped, add a new one. */\n` +
      `export const migrations: Function[] = [${imports.map((i) => i.cls).join(', ')}];\n`,
  );
}

main().catch((error) => {
  printNote(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
