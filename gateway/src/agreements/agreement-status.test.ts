import { agreementStatusOnFile } from './agreement-status';

const SIGNED = { status: 'ACTIVE', effectiveFrom: '2026-02-01', reviewBy: '2028-01-14' } as const;

describe('agreementStatusOnFile', () => {
  it.each([
    ['2026-01-31T12:00:00Z', 'NOT_YET_EFFECTIVE'],
    ['2026-02-01T12:00:00Z', 'ACTIVE'],
    ['2028-01-14T12:00:00Z', 'ACTIVE'],
    ['2028-01-15T12:00:00Z', 'EXPIRED'],
  ])('an active agreement on %s is %s', (now, status) => {
    expect(agreementStatusOnFile(SIGNED, new Date(now))).toBe(status);
  });

  it('counts days in UK time: 23:30 UTC in summer is already the next day', () => {
    expect(agreementStatusOnFile({ ...SIGNED, reviewBy: '2027-06-30' }, new Date('2027-06-30T23:30:00Z'))).toBe('EXPIRED');
  });

  it('keeps a written suspension or termination whatever the dates', () => {
    expect(agreementStatusOnFile({ ...SIGNED, status: 'SUSPENDED' }, new Date('2026-06-01'))).toBe('SUSPENDED');
    expect(agreementStatusOnFile({ ...SIGNED, status: 'TERMINATED' }, new Date('2030-01-01'))).toBe('TERMINATED');
  });
});
