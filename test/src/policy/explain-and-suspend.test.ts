import { startTestHub, type TestHub } from '../helpers/test-hub';

describe('explain, agreements and suspension', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ scale: 30 });
  });
  afterAll(() => hub?.stop());

  it('tells a user what they may see, for which purposes, until when', async () => {
    const { body } = await hub.query(
      `{ myAccess { userId approved approvedPurposes grants { rule purposes until conditions } } }`,
      {},
      { as: 'nhs.safeguarding' },
    );
    expect(body.errors).toBeUndefined();
    const access = body.data.myAccess;
    expect(access).toMatchObject({ userId: 'nhs.safeguarding', approved: true });
    expect(access.grants.map((g: { rule: string }) => g.rule)).toEqual(
      expect.arrayContaining(['R1-nhs-own', 'R2-police-identity', 'R5-childrens-social-care-nhs']),
    );
    expect(access.grants.find((g: { rule: string }) => g.rule === 'R5-childrens-social-care-nhs').conditions).toEqual(['subjectIsChild']);
    expect(access.grants[0].until).toBe('2027-01-31');
  });

  it('explains a denial with the rule, the agreement and what would be needed', async () => {
    const { body } = await hub.query(
      `{ explainAccess(field: "Attendance.clinicalNotes", purpose: IDENTIFY_VICTIMS) { decision rule agreement reason } }`,
      {},
      { as: 'police.investigator' },
    );
    expect(body.data.explainAccess).toMatchObject({ decision: 'DENY', rule: 'R6-clinical-notes-never-leave', agreement: 'isa-msht-wm@1' });
  });

  it('decides subject conditions for a named subject', async () => {
    const explain = async (subjectId: string) =>
      (
        await hub.query(
          `query($s: ID) { explainAccess(field: "LocalAuthorityRecord.childrenSocialCare", purpose: SAFEGUARDING_REFERRAL, subjectId: $s) { decision rule lawfulBasis } }`,
          { s: subjectId },
          { as: 'nhs.safeguarding' },
        )
      ).body.data.explainAccess;
    expect(await explain('SUBJ-000002')).toMatchObject({ decision: 'ALLOW', rule: 'R5-childrens-social-care-nhs' });
    expect(await explain('SUBJ-000001')).toMatchObject({ decision: 'DENY', rule: 'R5-childrens-social-care-nhs' });
  });

  it('suspends the agreement mid-run: the very next request is denied with the reason; lifting restores it', async () => {
    const names = `{ person(id: "SUBJ-000001") { police { names { fullName } } } }`;
    expect((await hub.query(names)).body.data.person.police.names).toContainEqual({ fullName: 'Tomasz Nowak' });

    const suspended = await hub.query(
      `mutation { suspendAgreement(id: "isa-msht-wm", reason: "Investigating a suspected breach of ISA 6.3") { status statusReason } }`,
      {},
      { as: 'police.representative', purpose: 'AUDIT', caseRef: null },
    );
    expect(suspended.body.errors).toBeUndefined();
    expect(suspended.body.data.suspendAgreement.status).toBe('SUSPENDED');

    const denied = await hub.query(names);
    expect(denied.body.data.person.police).toBeNull();
    expect(denied.body.errors![0]!.extensions).toMatchObject({
      code: 'FORBIDDEN',
      rule: 'R12-agreement-not-in-force',
      agreement: 'isa-msht-wm@1',
    });
    expect(denied.body.errors![0]!.extensions.reason).toMatch(
      /suspended by West Midlands Police .* Investigating a suspected breach of ISA 6.3/,
    );

    const lifted = await hub.query(
      `mutation { liftAgreementSuspension(id: "isa-msht-wm") { status } }`,
      {},
      { as: 'police.representative', purpose: 'AUDIT', caseRef: null },
    );
    expect(lifted.body.data.liftAgreementSuspension.status).toBe('ACTIVE');
    expect((await hub.query(names)).body.data.person.police.names).toContainEqual({ fullName: 'Tomasz Nowak' });
  });

  it('lets only a representative of a party suspend', async () => {
    const { body } = await hub.query(
      `mutation { suspendAgreement(id: "isa-msht-wm", reason: "I would like to stop this now please") { status } }`,
      {},
      { as: 'police.analyst' },
    );
    expect(body.errors![0]!.extensions.code).toBe('FORBIDDEN');
  });
});
