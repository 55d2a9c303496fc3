import type { EntityManager } from 'typeorm';

/** PostgreSQL accepts at most 65,535 bind parameters in one statement. */
const MAX_PARAMETERS = 65_000;

/**
 * Inserts many rows with multi-row `INSERT ... VALUES` statements, as many rows per statement
 * as the parameter limit allows. Seeding 100,000 subjects row by row would take tens of
 * minutes; this takes seconds.
 */
export async function bulkInsert(
  manager: EntityManager,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
): Promise<number> {
  if (rows.length === 0) return 0;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const columnList = columns.map((c) => `"${c}"`).join(', ');
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const values: unknown[] = [];
    const tuples = chunk.map((row) => {
      if (row.length !== columns.length) {
        throw new Error(`bulkInsert ${table}: row has ${row.length} values for ${columns.length} columns`);
      }
      const placeholders = row.map((value) => {
        values.push(value);
        return `$${values.length}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    await manager.query(`INSERT INTO "${table}" (${columnList}) VALUES ${tuples.join(', ')}`, values);
  }
  return rows.length;
}
