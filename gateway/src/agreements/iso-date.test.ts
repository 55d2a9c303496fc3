import { addMonths, isIsoDate } from './iso-date';

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
