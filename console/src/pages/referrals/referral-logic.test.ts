import {
  referPath,
  referralStatusText,
  sharedValueText,
  validatePlaces,
  validateReferral,
  validateReferralDecision,
} from './referral-logic';

describe('referral status in words', () => {
  it('says until when a place is held, why it was declined, and what expiry means', () => {
    expect(referralStatusText({ status: 'PENDING', holdExpiresAt: '2026-06-04T09:30:00.000Z' })).toBe(
      'Pending — place held until 04/06/2026, 10:30:00',
    );
    expect(referralStatusText({ status: 'PENDING' })).toBe('Pending — place held');
    expect(referralStatusText({ status: 'ACCEPTED' })).toBe('Accepted — the place is taken');
    expect(referralStatusText({ status: 'DECLINED', decidedReason: 'No female staff on nights' })).toBe(
      'Declined: No female staff on nights',
    );
    expect(referralStatusText({ status: 'EXPIRED' })).toMatch(/^Expired — not answered in time/);
  });

  it('shows a shared value as the hub snapshotted it, in words', () => {
    expect(sharedValueText('"Tomasz Nowak"')).toBe('Tomasz Nowak');
    expect(sharedValueText('["Polish","English"]')).toBe('Polish; English');
    expect(sharedValueText('[{"fullName":"Tomasz Nowak","kind":"BIRTH"},{"fullName":"Tomek Nowak","kind":"ALIAS"}]')).toBe(
      'Tomasz Nowak (birth); Tomek Nowak (alias)',
    );
    expect(sharedValueText('{"stage":"POSITIVE_CG","decidedOn":null}')).toBe('stage: POSITIVE_CG');
    expect(sharedValueText(null)).toBe('Not recorded');
    expect(sharedValueText('null')).toBe('Not recorded');
    expect(sharedValueText('not json')).toBe('not json');
  });
});

describe('the referral form', () => {
  it('needs a subject reference and at least one field from the list; needs are split on commas', () => {
    expect(validateReferral({ subjectId: '', sharedFields: [], needs: '' }).errors).toEqual({
      subjectId: 'Give the subject reference, for example SUBJ-000001.',
      sharedFields: 'Choose at least one thing to tell the provider.',
    });
    expect(validateReferral({ subjectId: 'SUBJ-1', sharedFields: ['name'], needs: '' }).errors.subjectId).toMatch(/six digits/);
    expect(validateReferral({ subjectId: 'subj-000001', sharedFields: ['PoliceRecord.names'], needs: '' }).errors).toEqual({
      sharedFields: 'Choose only from the listed fields.',
    });
    const ok = validateReferral({
      subjectId: ' SUBJ-000001 ',
      sharedFields: ['name', 'ageBand'],
      needs: 'accommodation, employability;\n',
    });
    expect(ok).toEqual({ errors: {}, needs: ['accommodation', 'employability'] });
  });

  it('a decline needs a reason; an answer needs a choice', () => {
    expect(validateReferralDecision({ outcome: '', reason: '' })).toEqual({ outcome: 'Choose accept or decline.' });
    expect(validateReferralDecision({ outcome: 'DECLINE', reason: '  ' }).reason).toMatch(/Say why/);
    expect(validateReferralDecision({ outcome: 'DECLINE', reason: 'Full until June' })).toEqual({});
    expect(validateReferralDecision({ outcome: 'ACCEPT', reason: '' })).toEqual({});
  });

  it('places are whole numbers, free no more than in all', () => {
    expect(validatePlaces({ total: '4', available: '2' })).toEqual({ errors: {}, total: 4, available: 2 });
    expect(validatePlaces({ total: '2', available: '3' }).errors.available).toMatch(/cannot be more/);
    expect(validatePlaces({ total: '-1', available: 'x' }).errors).toEqual({
      total: 'Give the number of places as a whole number, 0 or more.',
      available: 'Give the places free as a whole number, 0 or more.',
    });
  });

  it('links from the care pathway with the service', () => {
    expect(referPath('bcc-reception-centre', 'Reception centre')).toBe('/referrals/new?service=bcc-reception-centre&name=Reception+centre');
  });
});
