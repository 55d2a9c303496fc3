import { addMonths, isIsoDate, isIsoDateOrInstant, ukDate } from './iso-date';

describe('isIsoDate', () => {
  it.each(['2026-01-15', '2028-02-29'])('accepts %s', (date) => expect(isIsoDate(date)).toBe(true));
  it.each(['2027-02-30', '2027-02-29', '2026-13-01', '2026-1-15', '15/01/2026', '2026-01-15T00:00'])('refuses %s', (date) =>
    expect(isIsoDate(date)).toBe(false),
  );
});

describe('addMonths', () => {
  it('keeps the day of the month', () => expect(addMonths('2026-01-15', 24)).toBe('2028-01-15'));
  it('crosses a year end', () => expect(addMonths('2026-11-30', 3)).toBe('2027-02-28'));
  it('clamps to the last day of a shorter month', () => expect(addMonths('2024-02-29', 24)).toBe('2026-02-28'));
});

describe('ukDate (worked out once a minute)', () => {
  // Each instant is asked twice, after another minute's, so a remembered date is used and must be the right one.
  it.each([
    ['2026-07-14T22:59:59.999Z', '2026-07-14'], // BST: 23:59:59 in London
    ['2026-07-14T23:00:00.000Z', '2026-07-15'], // BST: midnight in London
    ['2026-12-14T23:59:59.999Z', '2026-12-14'], // GMT
    ['2026-12-15T00:00:00.000Z', '2026-12-15'],
    ['2026-03-29T00:59:59.999Z', '2026-03-29'], // the morning the clocks go forward
    ['2026-10-24T23:00:00.000Z', '2026-10-25'], // the night before they go back: already BST midnight
  ])('%s is %s in the UK', (instant, date) => {
    expect(ukDate(new Date(instant))).toBe(date);
    expect(ukDate(new Date(Date.parse(instant) - 60_000))).toBeDefined();
    expect(ukDate(new Date(instant))).toBe(date);
    expect(ukDate(new Date(instant))).toBe(date);
  });
  it('refuses an invalid date as before', () => expect(() => ukDate(new Date(Number.NaN))).toThrow(RangeError));
});

describe('isIsoDateOrInstant', () => {
  it.each([
    '2026-11-01',
    '2026-11-01T09:30Z',
    '2026-11-01T09:30:00Z',
    '2026-11-01T09:30:00.123Z',
    '2026-11-01T09:30:00.123456+01:00',
    '2026-11-01T23:59:59-0500',
  ])('takes %s', (value) => expect(isIsoDateOrInstant(value)).toBe(true));
  it.each([
    'yesterday',
    'epoch',
    'now',
    '2026-11-01T09:30',
    '2026-11-01 09:30:00Z',
    '2026-02-30T00:00:00Z',
    '2026-11-01T24:00:00Z',
    '',
    '2026-11-01T09:30:00Zjunk',
  ])('refuses %p', (value) => expect(isIsoDateOrInstant(value)).toBe(false));
});
