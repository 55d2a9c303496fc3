import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { AccessContext, type Access } from '../app/access';
import { checkpointHeaders, lawfulBasisOptions, purposeOptions, validateCheckpoint } from './checkpoint';
import { setCheckpoint } from './checkpoint-store';
import { PurposeBar, RequireCheckpoint } from './purpose-checkpoint';

const lead: Access = {
  userId: 'la.safeguarding',
  org: 'birmingham-city-council',
  roles: ['SAFEGUARDING_LEAD'],
  approved: true,
  approvedBy: 'la.representative',
  approvalExpiresOn: '2027-01-31',
  approvedPurposes: ['IDENTIFY_VICTIMS', 'SAFEGUARDING_REFERRAL', 'STATISTICS'],
  grants: [
    {
      agreement: 'isa@1',
      rule: 'R2',
      description: '',
      fields: [],
      purposes: ['IDENTIFY_VICTIMS'],
      lawfulBases: ['CDA_1998_S115'],
      conditions: [],
      until: '2027-01-31',
    },
    {
      agreement: 'isa@1',
      rule: 'R6',
      description: '',
      fields: [],
      purposes: ['SAFEGUARDING_REFERRAL'],
      lawfulBases: ['CHILDREN_ACT_1989_S47'],
      conditions: [],
      until: '2027-01-31',
    },
  ],
};
const unapproved: Access = { ...lead, approved: false, approvedPurposes: [], grants: [] };

describe('the purpose checkpoint', () => {
  afterEach(() => setCheckpoint(null));

  it('offers only the purposes the approval lists, and only case purposes for personal data', () => {
    expect(purposeOptions(lead)).toEqual(['IDENTIFY_VICTIMS', 'SAFEGUARDING_REFERRAL', 'STATISTICS']);
    expect(purposeOptions(lead, 'case')).toEqual(['IDENTIFY_VICTIMS', 'SAFEGUARDING_REFERRAL']);
    expect(purposeOptions(unapproved)).toEqual([]);
  });

  it('offers the lawful bases of the rules shared for the chosen purpose', () => {
    expect(lawfulBasisOptions(lead, 'IDENTIFY_VICTIMS')).toEqual(['CDA_1998_S115']);
    expect(lawfulBasisOptions(lead, 'SAFEGUARDING_REFERRAL')).toEqual(['CHILDREN_ACT_1989_S47']);
    expect(lawfulBasisOptions(lead, null)).toEqual([]);
  });

  it.each([
    ['no purpose', { purpose: '', lawfulBasis: '', caseRef: 'BCC/1' }, 'purpose', /Choose the purpose/],
    [
      'a purpose the approval does not list',
      { purpose: 'CRIMINAL_ACTIVITY', lawfulBasis: '', caseRef: 'BCC/1/2' },
      'purpose',
      /does not list/,
    ],
    [
      'case work without a case reference',
      { purpose: 'IDENTIFY_VICTIMS', lawfulBasis: '', caseRef: ' ' },
      'caseRef',
      /case or information-request reference/,
    ],
    ['a case reference the hub would refuse', { purpose: 'IDENTIFY_VICTIMS', lawfulBasis: '', caseRef: 'a b' }, 'caseRef', /3 to 64/],
    ['a basis no rule rests on', { purpose: 'IDENTIFY_VICTIMS', lawfulBasis: 'CONSENT', caseRef: 'BCC/1/2' }, 'lawfulBasis', /No rule/],
  ])('refuses %s', (_, input, field, message) => {
    const { checkpoint, errors } = validateCheckpoint(input, lead);
    expect(checkpoint).toBeNull();
    expect(errors[field as keyof typeof errors]).toMatch(message);
  });

  it('accepts a valid choice and turns it into the hub headers', () => {
    const { checkpoint } = validateCheckpoint(
      { purpose: 'IDENTIFY_VICTIMS', lawfulBasis: 'CDA_1998_S115', caseRef: ' BCC/MSHT/2026/0042 ' },
      lead,
    );
    expect(checkpoint).toEqual({ purpose: 'IDENTIFY_VICTIMS', lawfulBasis: 'CDA_1998_S115', caseRef: 'BCC/MSHT/2026/0042' });
    expect(checkpointHeaders(checkpoint)).toEqual({
      'x-hub-purpose': 'IDENTIFY_VICTIMS',
      'x-hub-lawful-basis': 'CDA_1998_S115',
      'x-hub-case-ref': 'BCC/MSHT/2026/0042',
    });
    // Statistics need no case reference.
    expect(validateCheckpoint({ purpose: 'STATISTICS', lawfulBasis: '', caseRef: '' }, lead).checkpoint).toEqual({
      purpose: 'STATISTICS',
      lawfulBasis: null,
      caseRef: null,
    });
    expect(checkpointHeaders(null)).toEqual({});
  });

  const render = (access: Access, node: ReactElement) =>
    renderToStaticMarkup(<AccessContext.Provider value={access}>{node}</AccessContext.Provider>);

  it('stands before a page of personal data until a case purpose is chosen', () => {
    const page = <RequireCheckpoint>SECRET PAGE</RequireCheckpoint>;
    const before = render(lead, page);
    expect(before).not.toContain('SECRET PAGE');
    expect(before).toContain('Why are you looking?');
    expect(before).toContain('<option value="IDENTIFY_VICTIMS">Identify victims</option>');
    expect(before).not.toContain('value="STATISTICS"');
    setCheckpoint({ purpose: 'STATISTICS', lawfulBasis: null, caseRef: null });
    expect(render(lead, page)).not.toContain('SECRET PAGE');
    setCheckpoint({ purpose: 'IDENTIFY_VICTIMS', lawfulBasis: null, caseRef: 'BCC/1/2' });
    expect(render(lead, page)).toContain('SECRET PAGE');
    expect(render(lead, <PurposeBar />)).toContain('BCC/1/2');
  });

  it('tells a user without an approval that there is nothing for them', () => {
    expect(render(unapproved, <RequireCheckpoint>SECRET PAGE</RequireCheckpoint>)).toContain('no approval');
    expect(render(unapproved, <RequireCheckpoint purpose="STATISTICS">SECRET PAGE</RequireCheckpoint>)).toContain('does not include');
  });
});
