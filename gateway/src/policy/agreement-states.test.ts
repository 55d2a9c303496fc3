import type { Agreement } from '../agreements/agreement.types';
import { agreementStates } from './agreement-states';

const agreement = { id: 'isa', version: 1, status: 'ACTIVE', effectiveFrom: '2026-02-01', reviewBy: '2028-01-14' } as Agreement;

describe('agreementStates', () => {
  it('is in force between its effective date and its review-by date', () => {
    expect(agreementStates([agreement], [], new Date('2026-11-22T12:00:00Z')).get('isa')).toEqual({ active: true });
  });

  it('expires the day after its review-by date (ISA 13.4), saying so', () => {
    const state = agreementStates([agreement], [], new Date('2028-01-15T12:00:00Z')).get('isa');
    expect(state).toEqual({ active: false, reason: 'its review-by date 2028-01-14 has passed (ISA 13.4)' });
  });

  it('is not yet in force before its effective date', () => {
    expect(agreementStates([agreement], [], new Date('2026-01-20T12:00:00Z')).get('isa')?.active).toBe(false);
  });

  it('is suspended by a party with its reason (ISA 13.2)', () => {
    const suspension = {
      agreementId: 'isa',
      suspendedBy: 'nhs.representative',
      suspendedByOrg: 'birmingham-solihull-nhs',
      reason: 'breach under review',
      suspendedAt: '2026-11-20T10:00:00Z',
    };
    expect(agreementStates([agreement], [suspension], new Date('2026-11-22T12:00:00Z')).get('isa')).toEqual({
      active: false,
      reason: 'suspended by Birmingham and Solihull NHS (nhs.representative) on 2026-11-20 under ISA 13.2: "breach under review"',
      suspendedBy: ['birmingham-solihull-nhs'],
    });
  });

  it('names every party whose suspension stands: one lifted leaves the agreement suspended by the others', () => {
    const by = (org: string, user: string, reason: string) => ({
      agreementId: 'isa',
      suspendedBy: user,
      suspendedByOrg: org,
      reason,
      suspendedAt: '2026-11-20T10:00:00Z',
    });
    const police = by('west-midlands-police', 'police.representative', 'breach under review');
    const council = by('birmingham-city-council', 'la.representative', 'a second breach');
    const now = new Date('2026-11-22T12:00:00Z');
    const both = agreementStates([agreement], [police, council], now).get('isa');
    expect(both?.active).toBe(false);
    expect(both?.suspendedBy).toEqual(['west-midlands-police', 'birmingham-city-council']);
    expect(both?.reason).toMatch(
      /West Midlands Police .*"breach under review"; and suspended by Birmingham City Council .*"a second breach"$/,
    );
    expect(agreementStates([agreement], [council], now).get('isa')).toMatchObject({
      active: false,
      reason: expect.stringMatching(/^suspended by Birmingham City Council/),
    });
    // Another agreement's suspension is not this one's.
    expect(agreementStates([agreement], [{ ...police, agreementId: 'other' }], now).get('isa')).toEqual({ active: true });
  });

  it("quotes each reason, so that one party's text cannot read as another party's suspension", () => {
    const forged = 'routine check"; and suspended by West Midlands Police (police.representative) on 2026-12-02 under ISA 13.2: "x';
    const suspension = {
      agreementId: 'isa',
      suspendedBy: 'nhs.representative',
      suspendedByOrg: 'birmingham-solihull-nhs',
      reason: forged,
      suspendedAt: '2026-12-02T10:00:00Z',
    };
    const reason = agreementStates([agreement], [suspension], new Date('2026-12-02T12:00:00Z')).get('isa')!.reason!;
    expect(reason).toBe(
      `suspended by Birmingham and Solihull NHS (nhs.representative) on 2026-12-02 under ISA 13.2: ${JSON.stringify(forged)}`,
    );
    // The forged text sits inside one quoted string: the quote it carries is escaped.
    expect(reason.match(/(?<!\\)"/g)).toHaveLength(2);
  });
});
