import { parsePeriod } from './reporting-period';

const TODAY = new Date('2026-11-29T12:00:00Z');

describe('parsePeriod (rule 9: whole reporting periods only)', () => {
  it.each([
    ['2025', 'year', '2025-01-01', '2026-01-01'],
    ['2026-Q1', 'quarter', '2026-01-01', '2026-04-01'],
    ['2025-Q4', 'quarter', '2025-10-01', '2026-01-01'],
    ['2026-02', 'month', '2026-02-01', '2026-03-01'],
    ['2025-12', 'month', '2025-12-01', '2026-01-01'],
    ['2026-10', 'month', '2026-10-01', '2026-11-01'],
    ['1999-Q3', 'quarter', '1999-07-01', '1999-10-01'],
  ])('%s is the %s from %s to (exclusive) %s', (name, kind, from, to) => {
    expect(parsePeriod(name, TODAY)).toEqual({ name, kind, from, to });
  });

  it.each([
    '',
    '2026-01-01',
    '2026-08-19/2026-08-20',
    '2026-01-01/..',
    '../..',
    '2026-13',
    '2026-00',
    '2026-5',
    '2026-Q0',
    '2026-Q5',
    '2026-q2',
    '2026-H1',
    '2026-W34',
    '26',
    '1899',
    '3000',
    ' 2025',
    '2025\n',
  ])('refuses %j, naming the three accepted forms', (period) => {
    expect(() => parsePeriod(period, TODAY)).toThrow(
      expect.objectContaining({
        message: expect.stringMatching(
          /is not a reporting period: give a calendar year \(2026\), a quarter \(2026-Q2\) or a month \(2026-05\)/,
        ),
        extensions: { code: 'BAD_USER_INPUT' },
      }),
    );
  });

  it.each(['2026', '2026-Q4', '2026-11', '2027-01', '2030'])('refuses %s, which has not ended on 2026-11-29', (period) => {
    expect(() => parsePeriod(period, TODAY)).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/has not ended yet/), extensions: { code: 'BAD_USER_INPUT' } }),
    );
  });

  it('accepts a period from the day after it ends', () => {
    expect(() => parsePeriod('2026-11', new Date('2026-11-30T23:59:59Z'))).toThrow(/has not ended/);
    expect(parsePeriod('2026-11', new Date('2026-12-01T00:00:00Z')).to).toBe('2026-12-01');
    expect(parsePeriod('2026', new Date('2027-01-01T00:00:00Z')).kind).toBe('year');
  });
});
