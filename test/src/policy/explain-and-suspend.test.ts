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

  it('decides subject conditions for a named subject only on facts the caller may see, and logs the read', async () => {
    const explain = async (as: string, field: string, subjectId: string) => {
      const { body } = await hub.query(
        `query($s: ID, $f: String!) { explainAccess(field: $f, purpose: SAFEGUARDING_REFERRAL, subjectId: $s) { decision rule lawfulBasis needed } }`,
        { s: subjectId, f: field },
        { as, purpose: 'SAFEGUARDING_REFERRAL' },
      );
      return { explanation: body.data.explainAccess, requestId: body.extensions!.requestId as string };
    };
    // The council's date of birth is not the NHS's to see: the rule and its condition, undecided.
    for (const subject of ['SUBJ-000001', 'SUBJ-000002']) {
      expect((await explain('nhs.safeguarding', 'LocalAuthorityRecord.childrenSocialCare', subject)).explanation).toMatchObject({
        decision: 'ALLOW_IF_CONDITIONS_HOLD',
        rule: 'R5-childrens-social-care-nhs',
        needed: 'R5-childrens-social-care-nhs: subjectIsChild',
      });
    }
    // The police's "is a child" is shared with council safeguarding leads (rule 2): decided on it.
    const child = await explain('la.safeguarding', 'Person.support', 'SUBJ-000002');
    expect(child.explanation).toMatchObject({ decision: 'ALLOW', rule: 'R7-ngo-child-safeguarding', lawfulBasis: 'CHILDREN_ACT_2004_S11' });
    const adult = await explain('la.safeguarding', 'Person.support', 'SUBJ-000001');
    expect(adult.explanation).toMatchObject({ decision: 'ALLOW_IF_CONDITIONS_HOLD', rule: 'R7-ngo-within-consent' });
    // The decision rested on the police record: that read is in the disclosure log, like any other.
    const rows = await hub.store.dataSource.query(
      'SELECT owner, subject_id, fields_disclosed, rule_ids, operation_name FROM disclosure_records WHERE request_id = $1',
      [child.requestId],
    );
    expect(rows).toContainEqual(
      expect.objectContaining({
        owner: 'police',
        subject_id: 'SUBJ-000002',
        fields_disclosed: expect.arrayContaining(['PoliceRecord.isChild']),
        rule_ids: ['R2-police-identity'],
        operation_name: 'ExplainAccessFacts',
      }),
    );
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
      /suspended by West Midlands Police .*"Investigating a suspected breach of ISA 6.3"/,
    );

    const lifted = await hub.query(
      `mutation { liftAgreementSuspension(id: "isa-msht-wm") { status } }`,
      {},
      { as: 'police.representative', purpose: 'AUDIT', caseRef: null },
    );
    expect(lifted.body.data.liftAgreementSuspension.status).toBe('ACTIVE');
    expect((await hub.query(names)).body.data.person.police.names).toContainEqual({ fullName: 'Tomasz Nowak' });
  });

  it("keeps each party's suspension its own (ISA 13.2): in force again only when every party that suspended it has lifted its own", async () => {
    const names = `{ person(id: "SUBJ-000001") { police { names { fullName } } } }`;
    const as = (user: string) => ({ as: user, purpose: 'AUDIT' as const, caseRef: null });
    const suspend = (user: string, reason: string) =>
      hub.query(
        `mutation($r: String!) { suspendAgreement(id: "isa-msht-wm", reason: $r) { status statusReason } }`,
        { r: reason },
        as(user),
      );
    const lift = (user: string) =>
      hub.query(`mutation { liftAgreementSuspension(id: "isa-msht-wm") { status statusReason } }`, {}, as(user));

    expect((await suspend('police.representative', 'Investigating a suspected breach of ISA 6.3')).body.errors).toBeUndefined();
    // The council suspends too, for its own reason: refused before, which left the police's lift to end both.
    const council = await suspend('la.representative', 'Council investigating a disclosure to a landlord');
    expect(council.body.errors).toBeUndefined();
    expect(council.body.data.suspendAgreement.statusReason).toMatch(/West Midlands Police.*; and suspended by Birmingham City Council/);
    // A reason is what a reader sees: zero-width characters are not one.
    const invisible = await suspend('nhs.representative', '\u200b'.repeat(12));
    expect(invisible.body.errors![0]!.message).toMatch(/10 to 500 characters/);
    // A party suspends once at a time.
    const again = await suspend('la.representative', 'Council investigating a disclosure to a landlord');
    expect(again.body.errors![0]!.message).toMatch(/already suspended by birmingham-city-council/);

    // The police lift theirs; the council's stands, and so does the denial, now naming the council alone.
    const policeLift = await lift('police.representative');
    expect(policeLift.body.errors).toBeUndefined();
    expect(policeLift.body.data.liftAgreementSuspension).toMatchObject({ status: 'SUSPENDED' });
    expect(policeLift.body.data.liftAgreementSuspension.statusReason).toMatch(
      /^suspended by Birmingham City Council .*: "Council investigating a disclosure to a landlord"$/,
    );
    const denied = await hub.query(names);
    expect(denied.body.data.person.police).toBeNull();
    expect(denied.body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'R12-agreement-not-in-force' });

    // The police cannot lift the council's, nor lift theirs twice.
    const notTheirs = await lift('police.representative');
    expect(notTheirs.body.errors![0]!.extensions.code).toBe('FORBIDDEN');
    expect(notTheirs.body.errors![0]!.message).toMatch(/only birmingham-city-council, which suspended it/);
    expect((await hub.query(names)).body.data.person.police).toBeNull();

    const councilLift = await lift('la.representative');
    expect(councilLift.body.data.liftAgreementSuspension).toMatchObject({ status: 'ACTIVE', statusReason: null });
    expect((await hub.query(names)).body.data.person.police.names).toContainEqual({ fullName: 'Tomasz Nowak' });
  });

  it('lets a representative suspend without choosing a purpose (no personal data is handled)', async () => {
    const suspend = `mutation { suspendAgreement(id: "isa-msht-wm", reason: "Investigating a suspected breach of ISA 6.3") { status } }`;
    const noPurpose = await hub.query(suspend, {}, { as: 'police.representative', purpose: null, caseRef: null });
    expect(noPurpose.body.errors).toBeUndefined();
    expect(noPurpose.body.data.suspendAgreement.status).toBe('SUSPENDED');
    const lifted = await hub.query(
      `mutation { liftAgreementSuspension(id: "isa-msht-wm") { status } }`,
      {},
      {
        as: 'police.representative',
        purpose: null,
        caseRef: null,
      },
    );
    expect(lifted.body.data.liftAgreementSuspension.status).toBe('ACTIVE');
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
