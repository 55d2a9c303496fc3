import type { DataSource } from 'typeorm';
import { CELL_KEY_MODULUS, RECORD_KEY_SQL, statisticsKeyPads } from './cell-key';
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
   * and the day after its last (see `inPeriod`). `record` names the record counted, as
   * `table:id`: its record key is drawn from that (cell-key.ts), so the name must be stable
   * for the record's life and distinct from every other record's.
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

/** A cell: how many records, and the sum of their record keys mod 256. */
interface Cell {
  count: number;
  cellKey: number;
}

/** Counts and cell keys in the one statement; the secret's pads are `$3` and `$4`. */
async function cells(dataSource: DataSource, sql: string, grouped: boolean, period: Period): Promise<(Cell & { label: string | null })[]> {
  const { inner, outer } = await statisticsKeyPads(dataSource);
  return dataSource.query(
    `WITH counted AS (${sql})
     SELECT ${grouped ? 'label' : 'NULL::text AS label'}, count(*)::int AS count,
            (coalesce(sum(${RECORD_KEY_SQL}), 0) % ${CELL_KEY_MODULUS})::int AS "cellKey"
     FROM counted${grouped ? ' GROUP BY label' : ''}`,
    [period.from, period.to, inner, outer],
  );
}

/**
 * Runs one aggregate statement (a statistics field costs one statement, whatever the data
 * size) and puts the count of every group of the vocabulary under disclosure control for the
 * requester.
 */
export async function controlledGroups(dataSource: DataSource, owners: readonly string[], query: GroupsQuery): Promise<ControlledCount[]> {
  const rows = await cells(dataSource, query.sql, true, query.period);
  const { values, other, label = (value: string) => value, owners: ownersOf = () => owners } = query.vocabulary;
  const groups = new Map<string, Cell>([...values, ...(other ? [other] : [])].map((value) => [value, { count: 0, cellKey: 0 }]));
  for (const row of rows) {
    const value = row.label !== null && values.includes(row.label) ? row.label : other;
    if (value === undefined) throw new Error(`a statistic counted ${JSON.stringify(row.label)}, outside its published groups`);
    // Values folded into "Other" make one cell: its key is the sum of all their records' keys.
    const cell = groups.get(value)!;
    groups.set(value, { count: cell.count + row.count, cellKey: (cell.cellKey + row.cellKey) % CELL_KEY_MODULUS });
  }
  return [...groups]
    .map(([value, cell]) => controlCount(label(value), cell.count, cell.cellKey, ownersOf(value), query.requesterOrg))
    .sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

/** The same for a statistic of one group (a total). */
export async function controlledTotal(dataSource: DataSource, owners: readonly string[], query: TotalQuery): Promise<ControlledCount> {
  const [cell] = await cells(dataSource, query.sql, false, query.period);
  return controlCount(query.label, cell!.count, cell!.cellKey, owners, query.requesterOrg);
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
