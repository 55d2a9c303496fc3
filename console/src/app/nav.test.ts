import type { Access } from './access';
import { NAV } from './nav';

const user = (roles: string[], approvedPurposes: string[], approved = true): Access => ({
  userId: 'someone',
  org: 'birmingham-city-council',
  roles,
  approved,
  approvedBy: 'la.representative',
  approvalExpiresOn: '2027-01-31',
  approvedPurposes: approvedPurposes as Access['approvedPurposes'],
  grants: [],
});
const labels = (access: Access) => NAV.filter((item) => item.visible(access)).map((item) => item.label);

describe('navigation by role', () => {
  it('offers information requests to case workers and disclosure officers, approvals to representatives, DPOs and auditors', () => {
    expect(labels(user(['INVESTIGATOR'], ['CRIMINAL_ACTIVITY']))).toContain('Information requests');
    expect(labels(user(['INVESTIGATOR'], ['CRIMINAL_ACTIVITY']))).not.toContain('Approvals');
    expect(labels(user(['DISCLOSURE_OFFICER'], ['CRIMINAL_ACTIVITY']))).toContain('Information requests');
    expect(labels(user(['REPRESENTATIVE'], ['AUDIT', 'STATISTICS']))).toEqual(expect.arrayContaining(['Approvals']));
    expect(labels(user(['REPRESENTATIVE'], ['AUDIT', 'STATISTICS']))).not.toContain('Information requests');
    expect(labels(user(['DATA_PROTECTION_OFFICER'], ['AUDIT', 'STATISTICS']))).toContain('Approvals');
    expect(labels(user(['AUDITOR'], ['AUDIT']))).toContain('Approvals');
    // Unapproved users get neither: the hub refuses them both.
    expect(labels(user(['REPRESENTATIVE', 'INVESTIGATOR'], [], false))).not.toContain('Approvals');
    expect(labels(user(['INVESTIGATOR'], [], false))).not.toContain('Information requests');
  });

  it('offers referrals to those who refer or answer them, with a referral purpose', () => {
    expect(labels(user(['CASEWORKER'], ['SAFEGUARDING_REFERRAL']))).toContain('Referrals');
    expect(labels(user(['SAFEGUARDING_LEAD'], ['COORDINATED_RESPONSE']))).toContain('Referrals');
    expect(labels(user(['INVESTIGATOR'], ['SAFEGUARDING_REFERRAL']))).toContain('Referrals');
    // Neither a role of W5–W6 nor a referral purpose: no entry.
    expect(labels(user(['HOUSING_OFFICER'], ['SAFEGUARDING_REFERRAL']))).not.toContain('Referrals');
    expect(labels(user(['CASEWORKER'], ['IDENTIFY_VICTIMS']))).not.toContain('Referrals');
    expect(labels(user(['CASEWORKER'], [], false))).not.toContain('Referrals');
  });
});
