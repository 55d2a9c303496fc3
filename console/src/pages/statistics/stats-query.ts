import { humanize } from '../../api/labels';
import { StatisticsDocument, type StatCountFieldsFragment, type StatisticsQuery } from '../../gql/graphql';

/**
 * The one place the console asks for statistics (with src/api/operations/statistics.graphql).
 * The hub counts whole reporting periods only, and only periods that have ended
 * (docs/statistics.md): a calendar year `2026`, a quarter `2026-Q2` or a month `2026-05`.
 */
export const STATISTICS_DOCUMENT = StatisticsDocument;
export type Statistics = StatisticsQuery['stats'];
export type StatCount = StatCountFieldsFragment;

/** A whole period: `2026`, `2026-Q2` or `2026-05`. */
export type Period = string;
export type PeriodKind = 'year' | 'quarter' | 'month';

export const PERIOD_KINDS: { kind: PeriodKind; label: string }[] = [
  { kind: 'quarter', label: 'Quarter' },
  { kind: 'year', label: 'Year' },
  { kind: 'month', label: 'Month' },
];

const PERIOD = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/;
const QUARTER_MONTHS = ['Jan–Mar', 'Apr–Jun', 'Jul–Sep', 'Oct–Dec'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The period's kind, its first day and the day after its last (YYYY-MM-DD), or null when it is not a period. */
export function parsePeriod(period: string): { kind: PeriodKind; from: string; to: string } | null {
  const match = PERIOD.exec(period);
  if (!match) return null;
  const year = Number(match[1]);
  const [kind, first, months]: [PeriodKind, number, number] = match[2]
    ? ['quarter', (Number(match[2]) - 1) * 3 + 1, 3]
    : match[3]
      ? ['month', Number(match[3]), 1]
      : ['year', 1, 12];
  return { kind, from: firstDay(year, first), to: firstDay(year, first + months) };
}

/**
 * Whether the hub will count a period on `today`: it must have ended. The hub decides on its UTC
 * date (shared/src/statistics/reporting-period.ts), and so does this.
 */
export function hasEnded(period: Period, today = new Date()): boolean {
  const parsed = parsePeriod(period);
  return parsed !== null && parsed.to <= today.toISOString().slice(0, 10);
}

export function statisticsVariables(period: Period): { period: string } {
  if (!parsePeriod(period)) throw new Error(`not a period: ${period}`);
  return { period };
}

/** `2026-Q2` → "April to June 2026 (2026 Q2)", in words for the page. */
export function periodLabel(period: Period): string {
  const parsed = parsePeriod(period);
  if (!parsed) return period;
  const year = period.slice(0, 4);
  if (parsed.kind === 'year') return `${year} (whole year)`;
  if (parsed.kind === 'quarter') {
    const q = Number(period.slice(6));
    return `${year} quarter ${q} (${QUARTER_MONTHS[q - 1]})`;
  }
  return `${MONTHS[Number(period.slice(5)) - 1]} ${year}`;
}

/** The periods of one kind that have ended, newest first, going back `years` calendar years. */
export function periodOptions(kind: PeriodKind, today = new Date(), years = 5): { value: Period; label: string }[] {
  const thisYear = today.getUTCFullYear();
  const options: Period[] = [];
  for (let year = thisYear; year > thisYear - years; year--) {
    if (kind === 'year') options.push(String(year));
    else if (kind === 'quarter') for (let q = 4; q >= 1; q--) options.push(`${year}-Q${q}`);
    else for (let m = 12; m >= 1; m--) options.push(`${year}-${String(m).padStart(2, '0')}`);
  }
  return options.filter((p) => hasEnded(p, today)).map((value) => ({ value, label: periodLabel(value) }));
}

/**
 * The period the page opens on: the last complete quarter, or the whole year when the year has
 * just ended with it (January to March, the annual figures are the ones people ask for).
 */
export function defaultPeriod(today = new Date()): Period {
  const quarter = periodOptions('quarter', today, 2)[0]!.value;
  return quarter.endsWith('-Q4') ? quarter.slice(0, 4) : quarter;
}

export function periodKind(period: Period): PeriodKind {
  return parsePeriod(period)?.kind ?? 'quarter';
}

/** How a controlled count reads in words (chart labels, screen readers): suppressed is never zero, rounded is marked. */
export function countText(count: Pick<StatCount, 'count' | 'suppressed' | 'rounded'>): string {
  if (count.suppressed) return 'Suppressed (somewhere from 0 to 10)';
  if (count.count === null || count.count === undefined) return 'Not available';
  return count.rounded ? `about ${count.count} (perturbed and rounded)` : `${count.count} (exact)`;
}

/** Codes whose words are not the code's own (Modern Slavery Act 2015 orders). */
const GROUP_LABELS: Record<string, string> = {
  STPO: 'Slavery and trafficking prevention order (STPO)',
  STRO: 'Slavery and trafficking risk order (STRO)',
};

/** Group labels as the partners give them, codes (`LEARNING_DISABILITY`) in words. */
export function groupLabel(label: string): string {
  return GROUP_LABELS[label] ?? (/^[A-Z][A-Z0-9_]+$/.test(label) ? humanize(label) : label);
}

/** The first day of a month; month 13 is January of the next year. */
function firstDay(year: number, month: number): string {
  const y = year + Math.floor((month - 1) / 12);
  const m = ((month - 1) % 12) + 1;
  return `${y}-${String(m).padStart(2, '0')}-01`;
}
