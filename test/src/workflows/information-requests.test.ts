import { DEV_ISSUER, HUB_AUDIENCE } from '@hub/gateway';
import { postGraphql } from '@hub/shared/testing';
import { SignJWT } from 'jose';
import { startTestHub, type AsUser, type TestHub } from '../helpers/test-hub';

/**
 * The agreement's own workflows end to end (ISA 2.5–2.6 and Appendix 2; ISA 6.4, 9.4): a denial
 * names its lawful next step, the requester asks, the owner's disclosure officer decides, the
 * disclosure is a time-bound grant the policy applies and the log names, and it ends by itself.
 */
const DAY = 86_400_000;
const CASE = 'WMP/OP-KESTREL/2026/17';
const INVESTIGATOR: AsUser = { as: 'police.investigator', purpose: 'CRIMINAL_ACTIVITY', caseRef: CASE };
const NHS_OFFICER: AsUser = { as: 'nhs.disclosure', purpose: 'CRIMINAL_ACTIVITY', caseRef: CASE };
const ATTENDANCES = `{ person(id: "SUBJ-000003") { health { attendances { attendedOn site clinicalNotes } } } }`;
const REQUEST_FIELDS = `id status tippingOffRisk parts { owner status fields disclosedFields expiresAt reason decidedBy }`;

describe('information requests and approvals', () => {
  let hub: TestHub;
  let offset = 0;
  beforeAll(async () => {
    hub = await startTestHub({ scale: 30, clock: () => new Date(Date.now() + offset) });
  });
  afterAll(() => hub?.stop());

  const ask = (query: string, variables: Record<string, unknown>, user: AsUser) => hub.query(query, variables, user);
  const request = (input: Record<string, unknown>, user: AsUser = INVESTIGATOR) =>
    ask(`mutation($input: InformationRequestInput!) { requestInformation(input: $input) { ${REQUEST_FIELDS} } }`, { input }, user);
  const decide = (id: string, decisions: unknown[], user: AsUser = NHS_OFFICER) =>
    ask(
      `mutation($id: ID!, $d: [RequestDecisionInput!]!) { decideInformationRequest(id: $id, decisions: $d) { ${REQUEST_FIELDS} } }`,
      { id, d: decisions },
      user,
    );
  const form = (overrides: Record<string, unknown> = {}) => ({
    subjectId: 'SUBJ-000003',
    owners: ['nhs'],
    fields: ['HealthRecord.attendances'],
    purpose: 'CRIMINAL_ACTIVITY',
    lawfulBasis: 'DPA_2018_SCH2_PARA2',
    caseRef: CASE,
    reason: 'Operation Kestrel: establishing when the victim was seen by health services while under the control of the suspects.',
    declaration: { accepted: true, name: 'DS Jane Hollis', role: 'Detective Sergeant, Modern Slavery Unit' },
    tippingOffRisk: true,
    tippingOffReason: 'The suspects control her phone; any contact about this request could alert them.',
    ...overrides,
  });

  let requestId = '';

  /** Subjects the NHS holds attendances for (as its own officer sees them), besides the first request's. */
  async function subjectsWithAttendances(): Promise<string[]> {
    const ids = Array.from({ length: 30 }, (_, i) => `SUBJ-${String(i + 1).padStart(6, '0')}`);
    const held = await ask(
      `query($ids: [ID!]!) { people(filter: { ids: $ids }) { id health { attendances { site } } } }`,
      { ids },
      NHS_OFFICER,
    );
    return (held.body.data.people as { id: string; health: { attendances: unknown[] | null } | null }[])
      .filter((p) => (p.health?.attendances?.length ?? 0) > 0 && p.id !== 'SUBJ-000003')
      .map((p) => p.id);
  }

  it('denies the attendances with the remedy: ask the NHS', async () => {
    const { body } = await ask(ATTENDANCES, {}, INVESTIGATOR);
    expect(body.data.person.health).toBeNull();
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', remedy: { kind: 'REQUEST_FROM_OWNER', owner: 'nhs' } });
    const explained = await ask(
      `{ explainAccess(field: "Attendance.site", purpose: CRIMINAL_ACTIVITY) { decision rule remedy { kind owner } } }`,
      {},
      INVESTIGATOR,
    );
    expect(explained.body.data.explainAccess).toMatchObject({ decision: 'DENY', remedy: { kind: 'REQUEST_FROM_OWNER', owner: 'nhs' } });
  });

  it('the investigator asks with the Appendix 2 form; the NHS disclosure officer sees it in the inbox, nobody else does', async () => {
    const { body } = await request(form());
    expect(body.errors).toBeUndefined();
    requestId = body.data.requestInformation.id;
    // Random, like referral ids (gateway/src/workflows/workflow-id.ts): it counts nothing.
    expect(requestId).toMatch(/^REQ-\d{4}-[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(body.data.requestInformation).toMatchObject({ status: 'PENDING', parts: [{ owner: 'nhs', status: 'PENDING' }] });

    const inbox = await ask(
      `{ informationRequests(box: INBOX) { edges { node { id requesterId requesterOrg purpose lawfulBasis reason declaration { name role } tippingOffRisk } } } }`,
      {},
      NHS_OFFICER,
    );
    expect(inbox.body.data.informationRequests.edges.map((e: any) => e.node)).toContainEqual(
      expect.objectContaining({
        id: requestId,
        requesterId: 'police.investigator',
        lawfulBasis: 'DPA_2018_SCH2_PARA2',
        tippingOffRisk: true,
      }),
    );
    // The owner sees its own record of the subject (rule 1) to decide.
    const own = await ask(`{ person(id: "SUBJ-000003") { health { attendances { site } } } }`, {}, NHS_OFFICER);
    expect(own.body.data.person.health.attendances.length).toBeGreaterThan(0);

    // The council sees nothing of the police's request.
    for (const user of ['la.safeguarding', 'la.disclosure']) {
      const one = await ask(`query($id: ID!) { informationRequest(id: $id) { id } }`, { id: requestId }, { as: user });
      expect(one.body.data?.informationRequest ?? null).toBeNull();
    }
    const councilInbox = await ask(`{ informationRequests(box: INBOX) { edges { node { id } } } }`, {}, { as: 'la.disclosure' });
    expect(JSON.stringify(councilInbox.body)).not.toContain(requestId);
    // The lists carry subjects and reasons: read under the rule of the call they serve, its
    // purposes included (red team, 2 December: read with no purpose, or one not approved).
    for (const purpose of ['STATISTICS', 'SERVICE_MAPPING', null] as const) {
      const inbox = await ask(
        `{ informationRequests(box: INBOX) { edges { node { id subjectId reason } } } }`,
        {},
        { ...NHS_OFFICER, purpose },
      );
      expect(inbox.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
      expect(JSON.stringify(inbox.body)).not.toContain(requestId);
      const sent = await ask(`{ informationRequests(box: SENT) { edges { node { id } } } }`, {}, { ...INVESTIGATOR, purpose });
      expect(sent.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
      const one = await ask(
        `query($id: ID!) { informationRequest(id: $id) { id reason } }`,
        { id: requestId },
        { ...INVESTIGATOR, purpose },
      );
      expect(one.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    }
  });

  it('two decisions at once: one wins, the other is told of the conflict, nothing half-written', async () => {
    const disclose = [{ owner: 'nhs', outcome: 'DISCLOSE', fields: ['Attendance.attendedOn', 'Attendance.site'] }];
    const decline = [{ owner: 'nhs', outcome: 'DECLINE', reason: 'not necessary' }];
    const [a, b] = await Promise.all([decide(requestId, disclose), decide(requestId, decline)]);
    const won = [a, b].filter((r) => !r.body.errors);
    const lost = [a, b].filter((r) => r.body.errors);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.body.errors![0]!.extensions.code).toBe('CONFLICT');
    // Make sure the disclosure is the decision that stands for the rest of this test.
    if (won[0]!.body.data.decideInformationRequest.parts[0].status !== 'DISCLOSED') {
      const again = await request(form());
      requestId = again.body.data.requestInformation.id;
      expect((await decide(requestId, disclose)).body.errors).toBeUndefined();
    }
    const sent = await ask(`query($id: ID!) { informationRequest(id: $id) { ${REQUEST_FIELDS} } }`, { id: requestId }, INVESTIGATOR);
    expect(sent.body.data.informationRequest).toMatchObject({
      status: 'ANSWERED',
      parts: [
        { owner: 'nhs', status: 'DISCLOSED', disclosedFields: ['Attendance.attendedOn', 'Attendance.site'], decidedBy: 'nhs.disclosure' },
      ],
    });
  });

  it('the same query now returns dates and sites — clinical notes still withheld by rule 6 — and the log names the request', async () => {
    const { body } = await ask(ATTENDANCES, {}, INVESTIGATOR);
    const attendances = body.data.person.health.attendances as { attendedOn: string; site: string; clinicalNotes: null }[];
    expect(attendances.length).toBeGreaterThan(0);
    for (const a of attendances) {
      expect(a.attendedOn).toEqual(expect.any(String));
      expect(a.site).toEqual(expect.any(String));
      expect(a.clinicalNotes).toBeNull();
    }
    expect(new Set(body.errors!.map((e) => e.extensions.rule))).toEqual(new Set(['R6-clinical-notes-never-leave']));
    const [row] = await hub.store.dataSource.query(
      `SELECT rule_ids, fields_disclosed FROM disclosure_records WHERE request_id = $1 AND owner = 'nhs'`,
      [body.extensions!.requestId],
    );
    expect(row.rule_ids).toEqual([requestId]);
    expect(row.fields_disclosed).toEqual(expect.arrayContaining(['Attendance.attendedOn', 'Attendance.site']));
    // The request's id is also a valid case reference for what it disclosed.
    const byRequest = await ask(ATTENDANCES, {}, { ...INVESTIGATOR, caseRef: requestId });
    expect(byRequest.body.data.person.health).not.toBeNull();
    // Another subject is not covered.
    const other = await ask(`{ person(id: "SUBJ-000001") { health { attendances { site } } } }`, {}, INVESTIGATOR);
    expect(other.body.data.person.health).toBeNull();
    // Nor when asked beside the subject: the disclosure is decided person by person.
    const several = await ask(
      `{ people(filter: { ids: ["SUBJ-000001", "SUBJ-000003", "SUBJ-000002"] }) { id health { attendances { site } } } }`,
      {},
      INVESTIGATOR,
    );
    const people = several.body.data.people as { id: string; health: unknown }[];
    expect(people.filter((p) => p.health !== null).map((p) => p.id)).toEqual(['SUBJ-000003']);
  });

  it('with disclosures about two subjects, each subject’s record names only its own, and a subject with none names neither (red team)', async () => {
    const withAttendances = await subjectsWithAttendances();
    expect(withAttendances.length).toBeGreaterThanOrEqual(2);
    const [second, none] = withAttendances as [string, string];
    const asked = await request(form({ subjectId: second, tippingOffRisk: false, tippingOffReason: undefined }));
    const secondId = asked.body.data.requestInformation.id as string;
    await decide(secondId, [{ owner: 'nhs', outcome: 'DISCLOSE', fields: ['Attendance.attendedOn', 'Attendance.site'] }]);

    const { body } = await ask(
      `query($ids: [ID!]!) { people(filter: { ids: $ids }) { id health { attendances { site } } } }`,
      { ids: ['SUBJ-000003', second, none] },
      INVESTIGATOR,
    );
    const shown = (body.data.people as { id: string; health: unknown }[]).filter((p) => p.health !== null).map((p) => p.id);
    expect(shown.sort()).toEqual(['SUBJ-000003', second].sort());
    const rows: { subject_id: string; rule_ids: string[]; withheld_json: string }[] = await hub.store.dataSource.query(
      `SELECT subject_id, rule_ids, withheld_json FROM disclosure_records WHERE request_id = $1 AND owner = 'nhs'`,
      [body.extensions!.requestId],
    );
    const bySubject = new Map(rows.map((r) => [r.subject_id, r]));
    expect(bySubject.get('SUBJ-000003')?.rule_ids).toEqual([requestId]);
    expect(bySubject.get(second)?.rule_ids).toEqual([secondId]);
    // The subject with no disclosure: its record (the value withheld) names neither request, nor
    // the subjects they are about — the first is kept from its own subject (tipping off).
    const unrelated = JSON.stringify(bySubject.get(none) ?? {});
    for (const other of [requestId, secondId, 'SUBJ-000003', second]) expect(unrelated).not.toContain(other);
    // Nor that a disclosure on request exists at all: the reason is the one given where there is none.
    const withheld: { rule: string; reason: string }[] = JSON.parse(bySubject.get(none)!.withheld_json);
    expect(withheld.length).toBeGreaterThan(0);
    for (const w of withheld) expect(w.reason).toMatch(/^no agreement in force shares \S+ with west-midlands-police \(INVESTIGATOR\)$/);
    expect(unrelated).not.toMatch(/on request/i);
    // Nor does the first subject's record name the second request, or the second the first.
    expect(JSON.stringify(bySubject.get('SUBJ-000003'))).not.toContain(secondId);
    expect(JSON.stringify(bySubject.get(second))).not.toContain(requestId);
  });

  it('with disclosures of a whole record part (attendances) about two subjects, the fields below name only the subject’s own request (red team)', async () => {
    const withAttendances = await subjectsWithAttendances();
    expect(withAttendances.length).toBeGreaterThanOrEqual(4);
    const [, none, first, second] = withAttendances as [string, string, string, string];
    const granted: string[] = [];
    try {
      for (const subjectId of [first, second]) {
        const asked = await request(form({ subjectId, tippingOffRisk: false, tippingOffReason: undefined }));
        granted.push(asked.body.data.requestInformation.id as string);
        // All that was asked: HealthRecord.attendances, so the attendances' own fields are covered from above.
        await decide(granted.at(-1)!, [{ owner: 'nhs', outcome: 'DISCLOSE' }]);
      }
      const { body } = await ask(
        `query($ids: [ID!]!) { people(filter: { ids: $ids }) { id health { attendances { attendedOn site } } } }`,
        { ids: [first, second, none] },
        INVESTIGATOR,
      );
      const shown = (body.data.people as { id: string; health: unknown }[]).filter((p) => p.health !== null).map((p) => p.id);
      expect(shown.sort()).toEqual([first, second].sort());
      const rows: { subject_id: string; rule_ids: string[]; fields_disclosed: string[] }[] = await hub.store.dataSource.query(
        `SELECT subject_id, rule_ids, fields_disclosed, withheld_json FROM disclosure_records WHERE request_id = $1 AND owner = 'nhs'`,
        [body.extensions!.requestId],
      );
      const bySubject = new Map(rows.map((r) => [r.subject_id, r]));
      expect(bySubject.get(first)?.fields_disclosed).toEqual(expect.arrayContaining(['Attendance.site']));
      expect(bySubject.get(first)?.rule_ids).toEqual([granted[0]]);
      expect(bySubject.get(second)?.rule_ids).toEqual([granted[1]]);
      const unrelated = JSON.stringify(bySubject.get(none) ?? {});
      for (const other of [...granted, requestId, first, second]) expect(unrelated).not.toContain(other);

      // Under another purpose the requests are as if they were not there: the agreement's own rule 6
      // shares attendance dates and sites with investigators (red team: the disclosure of the whole
      // part for CRIMINAL_ACTIVITY had denied HealthRecord.attendances for every other purpose).
      const underRule6 = await ask(
        `query($id: ID!) { person(id: $id) { health { attendances { attendedOn site } } } }`,
        { id: none },
        {
          ...INVESTIGATOR,
          purpose: 'IDENTIFY_VICTIMS',
          lawfulBasis: 'DPA_2018_SCH2_PARA2',
        },
      );
      expect(underRule6.body.errors).toBeUndefined();
      expect((underRule6.body.data.person.health.attendances as unknown[]).length).toBeGreaterThan(0);
      const [ruled] = await hub.store.dataSource.query(`SELECT rule_ids FROM disclosure_records WHERE request_id = $1 AND owner = 'nhs'`, [
        underRule6.body.extensions!.requestId,
      ]);
      expect(ruled.rule_ids).toEqual(['R6-nhs-to-police-investigators']);
    } finally {
      for (const id of granted) await ask(`mutation($id: ID!) { withdrawInformationRequest(id: $id) { id } }`, { id }, INVESTIGATOR);
    }
  });

  it('a requester holding a disclosure still gets care pathways (red team: the directory was refused as "not answering")', async () => {
    const { body } = await ask(
      `{ carePathway(need: { age: 34, gender: MALE, nrmStage: POSITIVE_RG, languages: ["Polish"], area: "Birmingham" }) { options { service { id } canTakeNow } } }`,
      {},
      INVESTIGATOR,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.carePathway.options.length).toBeGreaterThan(0);
  });

  it('a subject access answer lists the tipping-off-flagged request and its disclosures as exempt, with the reason', async () => {
    const { body } = await ask(
      `{ subjectAccessExport(subjectId: "SUBJ-000003") { kind ref exempt exemption requesterOrg fieldsDisclosed } }`,
      {},
      { as: 'hub.auditor', purpose: 'AUDIT', caseRef: null },
    );
    const entries = body.data.subjectAccessExport as {
      kind: string;
      exempt: boolean;
      exemption: string | null;
      requesterOrg: string | null;
    }[];
    const exempt = entries.filter((e) => e.exempt);
    expect(exempt.map((e) => e.kind)).toEqual(expect.arrayContaining(['INFORMATION_REQUEST', 'DISCLOSURE']));
    for (const e of exempt) {
      expect(e.exemption).toMatch(/^DPA_2018_SCH2_PARA2: The suspects control her phone/);
      expect(e.requesterOrg).toBeNull();
    }
  });

  it('after the expiry the fields are withheld again', async () => {
    offset = 29 * DAY;
    try {
      const { body } = await ask(ATTENDANCES, {}, INVESTIGATOR);
      expect(body.data.person.health).toBeNull();
      const sent = await ask(`query($id: ID!) { informationRequest(id: $id) { parts { status } } }`, { id: requestId }, INVESTIGATOR);
      expect(sent.body.data.informationRequest.parts[0].status).toBe('EXPIRED');
    } finally {
      offset = 0;
    }
  });

  it('a decline and "nothing held" are the owner’s answers, with their reasons; before them the requester learns nothing', async () => {
    const asked = await request(
      form({ owners: ['local-authority'], fields: ['LocalAuthorityRecord.housing'], tippingOffRisk: false, tippingOffReason: null }),
    );
    const id = asked.body.data.requestInformation.id;
    expect(asked.body.data.requestInformation.parts).toEqual([
      expect.objectContaining({ owner: 'local-authority', status: 'PENDING', reason: null }),
    ]);
    const answered = await decide(id, [{ owner: 'local-authority', outcome: 'NOTHING_HELD' }], {
      as: 'la.disclosure',
      purpose: 'CRIMINAL_ACTIVITY',
      caseRef: CASE,
    });
    expect(answered.body.data.decideInformationRequest.parts[0].status).toBe('NOTHING_HELD');
    const declined = await request(
      form({ owners: ['nhs'], fields: ['HealthRecord.safeguardingFlags'], tippingOffRisk: false, tippingOffReason: null }),
    );
    const declinedId = declined.body.data.requestInformation.id;
    await decide(declinedId, [
      { owner: 'nhs', outcome: 'DECLINE', reason: 'Not proportionate to the stated purpose; the attendances already disclosed suffice.' },
    ]);
    const seen = await ask(`query($id: ID!) { informationRequest(id: $id) { parts { status reason } } }`, { id: declinedId }, INVESTIGATOR);
    expect(seen.body.data.informationRequest.parts[0]).toEqual({ status: 'DECLINED', reason: expect.stringMatching(/Not proportionate/) });
  });

  it('the sent box pages newest first, each request once, although the ids are random', async () => {
    const page = async (after: string | null) =>
      (
        await ask(
          `query($after: String) { informationRequests(box: SENT, first: 2, after: $after) { edges { cursor node { id createdAt } } pageInfo { hasNextPage endCursor } } }`,
          { after },
          INVESTIGATOR,
        )
      ).body.data.informationRequests;
    const seen: { id: string; createdAt: string }[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 20; pages++) {
      const { edges, pageInfo } = await page(after);
      seen.push(...edges.map((edge: { node: { id: string; createdAt: string } }) => edge.node));
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    expect(seen.length).toBeGreaterThanOrEqual(4);
    expect(new Set(seen.map((r) => r.id)).size).toBe(seen.length);
    const times = seen.map((r) => Date.parse(r.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(seen.map((r) => r.id)).toContain(requestId);
    // A cursor that names no request is an empty page, not the first one again.
    expect((await page('REQ-2026-0000000000')).edges).toEqual([]);
  });

  it('a disclosure on request cannot release what a rule forbids: an adult’s clinical notes stay in the NHS (rule 6)', async () => {
    const housing: AsUser = { as: 'la.housing', purpose: 'IDENTIFY_VICTIMS', caseRef: 'BCC/MSHT/2026/0042' };
    const asked = await request(
      form({
        subjectId: 'SUBJ-000001',
        owners: ['nhs'],
        fields: ['HealthRecord.attendances'],
        purpose: 'IDENTIFY_VICTIMS',
        lawfulBasis: 'DPA_2018_SCH1_PARA18',
        caseRef: 'BCC/MSHT/2026/0042',
        declaration: { accepted: true, name: 'Sam Okafor', role: 'Private Sector Housing Officer' },
        tippingOffRisk: false,
        tippingOffReason: null,
      }),
      housing,
    );
    expect(asked.body.errors).toBeUndefined();
    // The officer discloses the whole group asked for, clinical notes included.
    const decided = await decide(asked.body.data.requestInformation.id, [{ owner: 'nhs', outcome: 'DISCLOSE' }], {
      ...NHS_OFFICER,
      purpose: 'IDENTIFY_VICTIMS',
      caseRef: 'BCC/MSHT/2026/0042',
    });
    expect(decided.body.errors).toBeUndefined();
    const { body } = await ask(`{ person(id: "SUBJ-000001") { health { attendances { site clinicalNotes } } } }`, {}, housing);
    const attendances = body.data.person.health.attendances as { site: string; clinicalNotes: string | null }[];
    expect(attendances.length).toBeGreaterThan(0);
    for (const a of attendances) {
      expect(a.site).toEqual(expect.any(String));
      expect(a.clinicalNotes).toBeNull();
    }
    expect(new Set(body.errors!.map((e) => e.extensions.rule))).toEqual(new Set(['R6-clinical-notes-stay-in-nhs']));
  });

  it('refuses an incomplete form and a decision by the wrong partner, and a request by whom no operation rule allows', async () => {
    const undeclared = await request(form({ declaration: { accepted: false, name: 'x', role: 'y' } }));
    expect(undeclared.body.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
    const wrongOwner = await request(form({ fields: ['PoliceRecord.names'] }));
    expect(wrongOwner.body.errors![0]!.message).toMatch(/police's data/);
    const auditor = await request(form(), { as: 'hub.auditor', purpose: 'AUDIT', caseRef: CASE });
    expect(auditor.body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'no-operation-rule' });
    // One decision per call, for the officer's own part: two, or none, is bad input, and nothing is decided.
    const pending = await request(form({ tippingOffRisk: false, tippingOffReason: undefined }));
    const pendingId = pending.body.data.requestInformation.id as string;
    const twice = await decide(pendingId, [
      { owner: 'nhs', outcome: 'DISCLOSE', fields: ['Attendance.site'] },
      { owner: 'nhs', outcome: 'DISCLOSE' },
    ]);
    expect(twice.body.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect((await decide(pendingId, [])).body.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
    const once = await decide(pendingId, [{ owner: 'nhs', outcome: 'DISCLOSE', fields: ['Attendance.site'] }]);
    expect(once.body.data.decideInformationRequest.parts).toEqual([expect.objectContaining({ owner: 'nhs', status: 'DISCLOSED' })]);
  });

  it('approvals: a representative approves a new council user, who can then work; revocation bites on the next request', async () => {
    const rep: AsUser = { as: 'la.representative', purpose: 'AUDIT', caseRef: null };
    const approve = (input: Record<string, unknown>) =>
      ask(
        `mutation($input: UserApprovalInput!) { approveUser(input: $input) { userId org roles purposes status approvedBy } }`,
        { input },
        rep,
      );
    const expiresOn = new Date(Date.now() + 90 * DAY).toISOString().slice(0, 10);
    const approved = await approve({
      userId: 'la.newstarter',
      name: 'Safeguarding Officer',
      roles: ['SAFEGUARDING_LEAD'],
      purposes: ['IDENTIFY_VICTIMS'],
      expiresOn,
    });
    expect(approved.body.data.approveUser).toMatchObject({
      userId: 'la.newstarter',
      org: 'birmingham-city-council',
      status: 'ACTIVE',
      approvedBy: 'la.representative',
    });

    const token = await new SignJWT({ org: 'birmingham-city-council', roles: ['SAFEGUARDING_LEAD'] })
      .setProtectedHeader({ alg: 'EdDSA', kid: hub.keys.devIssuer.kid })
      .setSubject('la.newstarter')
      .setIssuer(DEV_ISSUER)
      .setAudience(HUB_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(hub.keys.devIssuer.privateKey);
    const asNewStarter = () =>
      postGraphql(
        hub.gateway.url,
        `{ person(id: "SUBJ-000001") { police { names { fullName } } } }`,
        {},
        {
          authorization: `Bearer ${token}`,
          'x-hub-purpose': 'IDENTIFY_VICTIMS',
          'x-hub-case-ref': 'BCC/MSHT/2026/0042',
        },
      );
    expect((await asNewStarter()).body.data.person.police.names.length).toBeGreaterThan(0);

    const revoked = await ask(
      `mutation { revokeApproval(userId: "la.newstarter", reason: "Moved to another team") { status revokeReason } }`,
      {},
      rep,
    );
    expect(revoked.body.data.revokeApproval).toEqual({ status: 'REVOKED', revokeReason: 'Moved to another team' });
    const after = await asNewStarter();
    expect(after.body.data.person.police).toBeNull();
    expect(after.body.errors![0]!.extensions.rule).toBe('ISA-6.4-approval');

    // Another organisation's user is not the council's to approve.
    const police = await approve({ userId: 'police.analyst', roles: ['ANALYST'], purposes: ['IDENTIFY_VICTIMS'], expiresOn });
    expect(police.body.errors![0]!.extensions.code).toBe('FORBIDDEN');
    // Not even one the police have not approved (no approval row yet): the account is the police's.
    const unapproved = await approve({
      userId: 'police.unapproved',
      roles: ['HOUSING_OFFICER'],
      purposes: ['IDENTIFY_VICTIMS'],
      expiresOn,
    });
    expect(unapproved.body.errors![0]!.extensions.code).toBe('FORBIDDEN');
    expect(unapproved.body.errors![0]!.message).toContain('police');
    const shouted = await approve({ userId: 'POLICE.UNAPPROVED', roles: ['HOUSING_OFFICER'], purposes: ['IDENTIFY_VICTIMS'], expiresOn });
    expect(shouted.body.errors![0]!.extensions.code).toBe('FORBIDDEN');
    // Nor an account at an identity provider the hub does not trust.
    const foreign = await approve({
      userId: 'la.x',
      issuer: 'https://idp.example',
      roles: ['HOUSING_OFFICER'],
      purposes: ['IDENTIFY_VICTIMS'],
      expiresOn,
    });
    expect(foreign.body.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
    // Two representatives approving one new account at once: it ends in one organisation, and every
    // approval that was answered names that organisation (the other is refused, never overwritten).
    const contested = 'shared.newstarter';
    const racing = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        ask(
          `mutation($input: UserApprovalInput!) { approveUser(input: $input) { org } }`,
          { input: { userId: contested, roles: ['SAFEGUARDING_LEAD'], purposes: ['IDENTIFY_VICTIMS'], expiresOn } },
          { as: i % 2 === 0 ? 'la.representative' : 'police.representative', purpose: 'AUDIT', caseRef: null },
        ),
      ),
    );
    const [stored] = await hub.store.dataSource.query(`SELECT org FROM approved_users WHERE user_id = $1`, [contested]);
    for (const answer of racing) {
      if (answer.body.data?.approveUser) expect(answer.body.data.approveUser.org).toBe(stored.org);
      else expect(answer.body.errors![0]!.extensions.code).toBe('FORBIDDEN');
    }
    expect(racing.filter((a) => a.body.data?.approveUser).length).toBeGreaterThan(0);
    expect(racing.filter((a) => a.body.errors).length).toBeGreaterThan(0);
    const stillUnapproved = await ask(`{ person(id: "SUBJ-000001") { police { pvotMarker } } }`, {}, { as: 'police.unapproved' });
    expect(stillUnapproved.body.errors![0]!.extensions.rule).toBe('ISA-6.4-approval');
    // Red team, 1 December: a representative approved themselves as an investigator, which also
    // replaced their nomination and left the organisation without a representative.
    for (const userId of ['la.representative', 'LA.Representative', 'la.representativE']) {
      const self = await approve({ userId, roles: ['SAFEGUARDING_LEAD'], purposes: ['IDENTIFY_VICTIMS'], expiresOn });
      expect(self.body.errors![0]!.extensions.code).toBe('FORBIDDEN');
      expect(self.body.errors![0]!.message).toMatch(/does not approve themselves/);
    }
    // A second nominated representative (as nominations are recorded: by the hub, not by approval).
    await hub.store.dataSource.query(
      `INSERT INTO approved_users (issuer, user_id, org, roles, purposes, approved_by, approved_on, expires_on)
       VALUES ($1, 'la.deputy', 'birmingham-city-council', '{REPRESENTATIVE}', '{AUDIT}', 'hub', CURRENT_DATE, $2)`,
      [DEV_ISSUER, expiresOn],
    );
    const deputy = await approve({ userId: 'la.deputy', roles: ['SAFEGUARDING_LEAD'], purposes: ['IDENTIFY_VICTIMS'], expiresOn });
    expect(deputy.body.errors![0]!.extensions.code).toBe('FORBIDDEN');
    expect(deputy.body.errors![0]!.message).toMatch(/REPRESENTATIVE, which is nominated/);
    // Red team, 2 December: a representative revoked their own approval, and with it the only way
    // their organisation had to approve or revoke anyone. Nor is another's nomination a revocation's to end.
    const revoke = (userId: string) =>
      ask(`mutation($u: ID!) { revokeApproval(userId: $u, reason: "testing who may be revoked") { status } }`, { u: userId }, rep);
    for (const userId of ['la.representative', 'la.deputy']) {
      const refused = await revoke(userId);
      expect(refused.body.errors![0]!.extensions.code).toBe('FORBIDDEN');
      expect(refused.body.errors![0]!.message).toMatch(/REPRESENTATIVE, which is nominated/);
    }
    const stillRepresenting = await ask(`{ approvals(organisation: "birmingham-city-council") { userId } }`, {}, rep);
    expect(stillRepresenting.body.errors).toBeUndefined();
    const representatives = await hub.store.dataSource.query(
      `SELECT user_id, roles FROM approved_users WHERE user_id IN ('la.representative', 'la.deputy') AND revoked_at IS NULL ORDER BY user_id`,
    );
    expect(representatives).toEqual([
      { user_id: 'la.deputy', roles: ['REPRESENTATIVE'] },
      { user_id: 'la.representative', roles: ['REPRESENTATIVE'] },
    ]);
    const tooLong = await approve({
      userId: 'la.other',
      roles: ['SAFEGUARDING_LEAD'],
      purposes: ['IDENTIFY_VICTIMS'],
      expiresOn: '2099-01-01',
    });
    expect(tooLong.body.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');

    // The audit trail: who did what, readable by the council's DPO and the auditors.
    for (const reader of [
      { as: 'la.dpo', purpose: 'AUDIT' as const, caseRef: null },
      { as: 'hub.auditor', purpose: 'AUDIT' as const, caseRef: null },
    ]) {
      const trail = await ask(
        `{ approvals(organisation: "birmingham-city-council") { userId history { action byUserId reason } } }`,
        {},
        reader,
      );
      const entry = (trail.body.data.approvals as { userId: string; history: unknown[] }[]).find((a) => a.userId === 'la.newstarter');
      expect(entry?.history).toEqual([
        { action: 'APPROVED', byUserId: 'la.representative', reason: null },
        { action: 'REVOKED', byUserId: 'la.representative', reason: 'Moved to another team' },
      ]);
    }
  });

  it('the workflow history verifies with the log, and an altered event is found', async () => {
    const verify = () =>
      ask(`{ verifyDisclosureLog { ok workflowEvents firstProblem } }`, {}, { as: 'hub.auditor', purpose: 'AUDIT', caseRef: null });
    const ok = await verify();
    expect(ok.body.data.verifyDisclosureLog).toMatchObject({ ok: true, workflowEvents: expect.any(Number) });
    expect(ok.body.data.verifyDisclosureLog.workflowEvents).toBeGreaterThan(5);
    await hub.store.dataSource.query(
      `UPDATE workflow_events SET payload = replace(payload, 'DS Jane Hollis', 'DS Someone Else') WHERE seq = 1`,
    );
    const bad = await verify();
    expect(bad.body.data.verifyDisclosureLog.ok).toBe(false);
    expect(bad.body.data.verifyDisclosureLog.firstProblem).toMatch(/workflow event 1 .* was altered/);
  });
});
