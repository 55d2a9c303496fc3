import { humanize } from '../../api/labels';
import { StatisticsDocument, type StatCountFieldsFragment, type StatisticsQuery } from '../../gql/graphql';

/**
 * The one place the console asks for statistics. The API takes `stats(from, to)` today; it is
 * moving to whole periods (`stats(period: "2026-Q2")`). The pages speak only of periods
 * ("2026", "2026-Q2"): when the API changes, this file and src/api/operations/statistics.graphql
 * change, nothing else.
 */
export const STATISTICS_DOCUMENT = StatisticsDocument;
export type Statistics = StatisticsQuery['stats'];
export type StatCount = StatCountFieldsFragment;

/** A whole period: a year `2026` or a quarter `2026-Q2`. */
export type Period = string;

export function statisticsVariables(period: Period): { from: string; to: string } {
  const year = Number(period.slice(0, 4));
  const quarter = /^\d{4}-Q([1-4])$/.exec(period);
  if (quarter) {
    const q = Number(quarter[1]);
    const start = `${year}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`;
    const end = q === 4 ? `${year + 1}-01-01` : `${year}-${String(q * 3 + 1).padStart(2, '0')}-01`;
    return { from: start, to: end };
  }
  if (!/^\d{4}$/.test(period)) throw new Error(`not a period: ${period}`);
  return { from: `${year}-01-01`, to: `${year + 1}-01-01` };
}

/** Years and quarters to choose from, newest first, up to the current one. */
export function periodOptions(today = new Date(), years = 3): { value: Period; label: string }[] {
  const options: { value: Period; label: string }[] = [];
  const thisYear = today.getUTCFullYear();
  const thisQuarter = Math.floor(today.getUTCMonth() / 3) + 1;
  for (let year = thisYear; year > thisYear - years; year--) {
    options.push({ value: String(year), label: `${year} (whole year)` });
    for (let q = year === thisYear ? thisQuarter : 4; q >= 1; q--) {
      options.push({ value: `${year}-Q${q}`, label: `${year} quarter ${q} (${['Jan–Mar', 'Apr–Jun', 'Jul–Sep', 'Oct–Dec'][q - 1]})` });
    }
  }
  return options;
}

/** How a controlled count reads: suppressed is never zero, rounded is marked. */
export function countText(count: Pick<StatCount, 'count' | 'suppressed' | 'rounded'>): string {
  if (count.suppressed) return 'Suppressed (1 to 7)';
  if (count.count === null || count.count === undefined) return 'Not available';
  return count.rounded ? `${count.count} (rounded)` : String(count.count);
}

/** Group labels as the partners give them, codes (`LEARNING_DISABILITY`) in words. */
export function groupLabel(label: string): string {
  return /^[A-Z][A-Z0-9_]+$/.test(label) ? humanize(label) : label;
}
