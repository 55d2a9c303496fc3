import { DEMO_USERS, demoUser } from './demo-users';
import { organisation, ORGANISATIONS } from './organisations';
import { isPurpose, isRole } from './purposes';

describe('DEMO_USERS', () => {
  it('has the fixed ids of docs/personas.md, each once', () => {
    const ids = DEMO_USERS.map((u) => u.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining([
        'police.analyst',
        'police.investigator',
        'la.safeguarding',
        'la.housing',
        'nhs.safeguarding',
        'ngo.caseworker',
        'hub.auditor',
        'police.unapproved',
      ]),
    );
  });

  it.each(DEMO_USERS.map((u) => [u.id, u] as const))('%s belongs to a known organisation with known roles', (_, user) => {
    expect(organisation(user.org)).toBeDefined();
    expect(user.roles.length).toBeGreaterThan(0);
    expect(user.roles.every(isRole)).toBe(true);
  });

  it.each(DEMO_USERS.filter((u) => u.approval).map((u) => [u.id, u.approval!] as const))(
    '%s is approved for valid purposes, for a dated period',
    (_, approval) => {
      expect(approval.purposes.length).toBeGreaterThan(0);
      expect(approval.purposes.every(isPurpose)).toBe(true);
      expect(approval.approvedOn < approval.expiresOn).toBe(true);
    },
  );

  it('has every approval given by a representative of the user’s own organisation, except the audit panel’s', () => {
    for (const user of DEMO_USERS) {
      if (!user.approval) continue;
      const approver = demoUser(user.approval.approvedBy);
      expect(approver?.roles).toContain('REPRESENTATIVE');
      if (user.org === 'joint-audit-panel') continue;
      expect({ user: user.id, approverOrg: approver?.org }).toEqual({ user: user.id, approverOrg: user.org });
    }
  });

  it('has a representative and a data protection officer for each data controller of the agreement', () => {
    // Every charity of the ngo partner controls its own support episodes: each has its own DPO.
    for (const org of ORGANISATIONS.filter((o) => o.partner !== null).map((o) => o.id)) {
      const roles = DEMO_USERS.filter((u) => u.org === org).flatMap((u) => u.roles);
      expect(roles).toEqual(expect.arrayContaining(['REPRESENTATIVE', 'DATA_PROTECTION_OFFICER']));
    }
  });

  it('leaves police.unapproved without an approval, and looks users up by id', () => {
    expect(demoUser('police.unapproved')?.approval).toBeNull();
    expect(demoUser('nobody')).toBeUndefined();
  });
});
