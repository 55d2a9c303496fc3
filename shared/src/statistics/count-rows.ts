import type { DataSource } from 'typeorm';
import { controlCount, type ControlledCount } from './disclosure-control';
import type { Period } from './reporting-period';

/**
 * The groups of a statistic. Every one is listed in every answer, in the order of its label,
 * whether the period has records in it or not: a group that is absent when empty would tell
 * 0 from a suppressed 1–7.
 */
export interface Vocabulary {
  /** The values the statement's `label` column takes, one group each. */
  values: readonly string[];
  /**
   * The group that counts any value outside `values` (an open vocabulary such as
   * nationality). Without one, a value outside is a fault and the statistic fails rather than
   * publish a group nobody listed.
   */
  other?: string;
  /** The label published for a value; the value itself by default. */
  label?: (value: string) => string;
  /**
   * Whose records a group counts, fixed by the statistic's definition and never read from the
   * data (an owner read from the data would tell a charity whether another one had any).
   * By default the subgraph's organisation.
   */
  owners?: (value: string) => readonly string[];
}

export interface GroupsQuery {
  /**
   * Rows `(label, record)`, one per thing counted. `$1` and `$2` are the period's first day
   * and the day after its last (see `inPeriod`).
   */
  sql: string;
  vocabulary: Vocabulary;
  period: Period;
  requesterOrg: string;
}

export interface TotalQuery {
  /** Rows `(record)`, one per thing counted; `$1` and `$2` as for groups. */
  sql: string;
  label: string;
  period: Period;
  requesterOrg: string;
}

interface GroupRow {
  label: string | null;
  count: number;
}

/**
 * Runs one aggregate statement (a statistics field costs one statement, whatever the data
 * size) and puts the count of every group of the vocabulary under disclosure control for the
 * requester.
 */
export async function controlledGroups(dataSource: DataSource, owners: readonly string[], query: GroupsQuery): Promise<ControlledCount[]> {
  const rows: GroupRow[] = await dataSource.query(
    `WITH counted AS (${query.sql}) SELECT label, count(*)::int AS count FROM counted GROUP BY label`,
    [query.period.from, query.period.to],
  );
  const { values, other, label = (value: string) => value, owners: ownersOf = () => owners } = query.vocabulary;
  const counts = new Map<string, number>([...values, ...(other ? [other] : [])].map((value) => [value, 0]));
  for (const row of rows) {
    const value = row.label !== null && values.includes(row.label) ? row.label : other;
    if (value === undefined) throw new Error(`a statistic counted ${JSON.stringify(row.label)}, outside its published groups`);
    counts.set(value, counts.get(value)! + row.count);
  }
  return [...counts]
    .map(([value, count]) => controlCount(label(value), count, ownersOf(value), query.requesterOrg))
    .sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

/** The same for a statistic of one group (a total). */
export async function controlledTotal(dataSource: DataSource, owners: readonly string[], query: TotalQuery): Promise<ControlledCount> {
  const [row]: { count: number }[] = await dataSource.query(`WITH counted AS (${query.sql}) SELECT count(*)::int AS count FROM counted`, [
    query.period.from,
    query.period.to,
  ]);
  return controlCount(query.label, row!.count, owners, query.requesterOrg);
}

/** A `date_column` within the period: `$1` inclusive, `$2` exclusive. */
export function inPeriod(column: string): string {
  return `${column} >= $1::date AND ${column} < $2::date`;
}

/**
 * A subgraph's per-request reader of controlled counts, for `loaders.counts`: a group's owners
 * are the subgraph's organisation unless its vocabulary says otherwise.
 */
export function countReader(dataSource: DataSource, owners: readonly string[]) {
  return {
    groups: (query: GroupsQuery) => controlledGroups(dataSource, owners, query),
    total: (query: TotalQuery) => controlledTotal(dataSource, owners, query),
  };
}
