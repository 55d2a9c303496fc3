const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written `YYYY-MM-DD` (so `2027-02-30` is not one). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)$/;

/**
 * A date (`2026-11-01`) or a moment with its offset (`2026-11-01T09:30:00Z`, `…+01:00`), as the
 * auditors' API takes for a period or a cursor. Not PostgreSQL's own words (`yesterday`, `epoch`),
 * nor a time with no offset: a period means the same whoever reads it and wherever.
 */
export function isIsoDateOrInstant(value: string): boolean {
  if (isIsoDate(value)) return true;
  const match = ISO_INSTANT.exec(value);
  return !!match && isIsoDate(match[1]!) && Number.isFinite(Date.parse(value));
}

/**
 * The same day `months` later; a day the later month lacks becomes its last day
 * (2024-02-29 + 24 months = 2026-02-28), so the limit never spills into the next month.
 */
export function addMonths(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const monthIndex = year * 12 + (month - 1) + months;
  const lastDay = new Date(Date.UTC(Math.floor(monthIndex / 12), (monthIndex % 12) + 1, 0)).getUTCDate();
  return formatIsoDate(Math.floor(monthIndex / 12), (monthIndex % 12) + 1, Math.min(day, lastDay));
}

/** Built once: toLocaleDateString would build a formatter on every call, on every request. */
const UK_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The last date worked out, and the minute it was for. */
let lastUkDate = { minute: NaN, date: '' };

/**
 * Today's date where the partners are: the agreements' dates are UK calendar dates. Formatting
 * in a time zone costs tens of microseconds and every request asks, so it is worked out once a
 * minute: the UK's offsets from UTC are whole hours, so its date never changes within a minute.
 */
export function ukDate(now: Date): string {
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute !== lastUkDate.minute) lastUkDate = { minute, date: UK_DATE.format(now) };
  return lastUkDate.date;
}

function formatIsoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The date `days` after an ISO date (calendar days, UTC arithmetic on the date alone). */
export function addDaysIso(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
