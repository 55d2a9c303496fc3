import type { DataSource } from 'typeorm';
import { controlCount, type ControlledCount } from './disclosure-control';
import type { Period } from './reporting-period';

/** One group of an aggregate query: its label, how many, and whose records they are. */
interface CountRow {
  label: string;
  count: string | number;
  /** Only where a subgraph holds several organisations' records (the charities). */
  owners?: string[];
}

export interface CountQuery {
  /** Rows (label, count[, owners]), ordered by label: never by count, which would rank the suppressed. */
  sql: string;
  period: Period;
  requesterOrg: string;
  /** Whose records are counted, where the rows do not say. */
  owners: readonly string[];
}

/**
 * Runs one aggregate statement (a statistics field costs one statement, whatever the data
 * size) and puts every count under disclosure control for the requester. `$1` and `$2` in the
 * SQL are the period's first day and the day after its last.
 */
export async function controlledCounts(dataSource: DataSource, query: CountQuery): Promise<ControlledCount[]> {
  const rows: CountRow[] = await dataSource.query(query.sql, [query.period.from, query.period.to]);
  return rows.map((row) => controlCount(row.label, Number(row.count), row.owners ?? query.owners, query.requesterOrg));
}

/** The same, for a statement that returns one row (a total). */
export async function controlledTotal(dataSource: DataSource, query: CountQuery): Promise<ControlledCount> {
  const [total] = await controlledCounts(dataSource, query);
  if (!total) throw new Error('a total query returned no row');
  return total;
}

/** A `date_column` within the period: `$1` inclusive, `$2` exclusive. */
export function inPeriod(column: string): string {
  return `${column} >= $1::date AND ${column} < $2::date`;
}

/**
 * A subgraph's per-request reader of controlled counts, for `loaders.counts`: the owners are
 * the subgraph's organisation unless a row names its own.
 */
export function countReader(dataSource: DataSource, owners: readonly string[]) {
  return {
    groups: (query: Omit<CountQuery, 'owners'>) => controlledCounts(dataSource, { ...query, owners }),
    total: (query: Omit<CountQuery, 'owners'>) => controlledTotal(dataSource, { ...query, owners }),
  };
}
