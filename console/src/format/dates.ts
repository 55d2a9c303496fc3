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
