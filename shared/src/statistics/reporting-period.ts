import { BadUserInputError } from '../errors/hub-errors';

/**
 * A whole reporting period (rule 9 as amended): a calendar year `2026`, quarter `2026-Q2` or
 * month `2026-05`, and nothing else. Arbitrary windows let one-day periods single out a
 * referral and overlapping windows be subtracted; whole periods nest (a year is its quarters,
 * a quarter its months), which leaves far less to subtract and is what the perturbation in
 * disclosure-control.ts is built against.
 */
export interface Period {
  /** The canonical name: also the `Statistics` entity key. */
  name: string;
  kind: 'year' | 'quarter' | 'month';
  /** First day, inclusive (YYYY-MM-DD). */
  from: string;
  /** The day after the last, exclusive (YYYY-MM-DD). */
  to: string;
}

const PERIOD = /^((?:19|2\d)\d\d)(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/;

/**
 * Parses a reporting period. A period that has not ended on `today` is refused too: figures
 * for a period still filling up change as each record arrives, and asking again every day
 * would show on which day a record joined a group, which is the one-day window again.
 */
export function parsePeriod(period: string, today: Date = new Date()): Period {
  const match = PERIOD.exec(period);
  if (!match) {
    throw badPeriod(
      `"${period.slice(0, 40)}" is not a reporting period: give a calendar year (2026), a quarter (2026-Q2) or a month (2026-05)`,
    );
  }
  const [, yearText, quarter, month] = match;
  const year = Number(yearText);
  const [kind, firstMonth, months] = quarter
    ? (['quarter', (Number(quarter) - 1) * 3 + 1, 3] as const)
    : month
      ? (['month', Number(month), 1] as const)
      : (['year', 1, 12] as const);
  const result: Period = { name: period, kind, from: firstDay(year, firstMonth), to: firstDay(year, firstMonth + months) };
  if (result.to > today.toISOString().slice(0, 10)) {
    throw badPeriod(`${period} has not ended yet: statistics cover whole periods only, from the day after the period ends`);
  }
  return result;
}

/** The first day of a month; month 13 is January of the next year. */
function firstDay(year: number, month: number): string {
  const y = year + Math.floor((month - 1) / 12);
  const m = ((month - 1) % 12) + 1;
  return `${y}-${String(m).padStart(2, '0')}-01`;
}

function badPeriod(message: string): BadUserInputError {
  return new BadUserInputError(message);
}
