const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

const UK_DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** `2026-05-11` → `11/05/2026`: a calendar date, never shifted by a time zone. */
export function ukDate(iso: string): string {
  const m = DATE.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** An ISO instant in UK time: `29/11/2026, 22:21:23`. */
export function ukDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : UK_DATE_TIME.format(date);
}

/** Dates and instants in UK format; anything else unchanged. */
export function ukDates(value: string): string {
  if (DATE.test(value)) return ukDate(value);
  if (DATE_TIME.test(value)) return ukDateTime(value);
  return value;
}

export function isIsoDate(value: string): boolean {
  return DATE.test(value) || DATE_TIME.test(value);
}

/** `11/05/2026` → `2026-05-11`; null when it is not a real date in that form. */
export function parseUkDate(text: string): string | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const UK_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in the UK as `YYYY-MM-DD` (the hub decides dates on UK days). */
export function todayIso(now: Date = new Date()): string {
  return UK_DAY.format(now);
}

/** The UK calendar date of an instant: `2026-12-28T23:59:59.999Z` → `28/12/2026`. */
export function ukDateOf(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : ukDate(UK_DAY.format(date));
}

/** `2026-11-30` plus 28 days → `2026-12-28`. */
export function addDaysIso(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** `2026-11-30` plus 12 months → `2027-11-30`; the last day of a shorter month (`2026-01-31` + 1 → `2026-02-28`). */
export function addMonthsIso(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, last))).toISOString().slice(0, 10);
}
