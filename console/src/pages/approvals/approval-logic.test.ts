import { approvalStatusText, latestExpiry, validateApproval, validateRevocation } from './approval-logic';

describe('approvals in the console', () => {
  const today = '2026-11-30';
  const input = { userId: 'la.housing', name: '', roles: ['HOUSING_OFFICER'], purposes: ['IDENTIFY_VICTIMS'], expiresOn: '30/11/2027' };

  it('allows an approval ending after today and at most 12 months ahead', () => {
    expect(latestExpiry(today)).toBe('2027-11-30');
    expect(validateApproval(input, today)).toEqual({ errors: {}, expiresOn: '2027-11-30' });
    expect(validateApproval({ ...input, expiresOn: '01/12/2027' }, today).errors.expiresOn).toBe(
      'An approval ends after today and at most 12 months ahead (by 30/11/2027).',
    );
    expect(validateApproval({ ...input, expiresOn: '30/11/2026' }, today).errors.expiresOn).toMatch(/after today/);
    expect(validateApproval({ ...input, expiresOn: '2027-01-01' }, today).errors.expiresOn).toMatch(/dd\/mm\/yyyy/);
  });

  it('needs a user id, a role and a purpose; a revocation needs a reason', () => {
    const { errors } = validateApproval({ ...input, userId: 'a b', roles: [], purposes: [] }, today);
    expect(Object.keys(errors).sort()).toEqual(['purposes', 'roles', 'userId']);
    expect(validateRevocation('left')).toMatch(/Say why/);
    expect(validateRevocation('Moved to another team')).toBeNull();
  });

  it('says an approval’s status in words', () => {
    const base = { approvedOn: '2026-02-01', expiresOn: '2027-01-31' };
    expect(approvalStatusText({ ...base, status: 'ACTIVE' })).toBe('Approved until 31/01/2027');
    expect(approvalStatusText({ ...base, status: 'EXPIRED' })).toBe('Expired on 31/01/2027');
    expect(approvalStatusText({ ...base, status: 'REVOKED', revokedBy: 'la.representative', revokeReason: 'Left the team' })).toBe(
      'Revoked by la.representative: Left the team',
    );
  });
});
