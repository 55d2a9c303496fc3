import DataLoader from 'dataloader';
import { In, type FindOptionsOrder, type ObjectLiteral, type Repository } from 'typeorm';

/**
 * DataLoader factories. Every entity or relation a resolver loads goes through one of these,
 * so a list of 50 subjects costs one statement per relation, not 50.
 */

/** One row (or null) per key, e.g. a police nominal by subject reference. */
export function oneBy<E extends ObjectLiteral, K extends string | number>(
  repository: Repository<E>,
  column: keyof E & string,
): DataLoader<K, E | null> {
  return new DataLoader<K, E | null>(async (keys) => {
    const rows = await repository.find({ where: { [column]: In(keys as K[]) } as never });
    const byKey = new Map<unknown, E>(rows.map((row) => [row[column], row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** All rows per key, e.g. the names of each nominal, in a stable order. */
export function manyBy<E extends ObjectLiteral, K extends string | number>(
  repository: Repository<E>,
  column: keyof E & string,
  order: FindOptionsOrder<E> = { id: 'ASC' } as never,
): DataLoader<K, E[]> {
  return new DataLoader<K, E[]>(async (keys) => {
    const rows = await repository.find({ where: { [column]: In(keys as K[]) } as never, order });
    const byKey = new Map<unknown, E[]>();
    for (const row of rows) {
      const group = byKey.get(row[column]);
      if (group) group.push(row);
      else byKey.set(row[column], [row]);
    }
    return keys.map((key) => byKey.get(key) ?? []);
  });
}
