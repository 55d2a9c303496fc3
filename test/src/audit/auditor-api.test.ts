import { startTestHub, type TestHub } from '../helpers/test-hub';

const AUDITOR = { as: 'hub.auditor', purpose: 'AUDIT', caseRef: null } as const;

describe("the auditors' API", () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ scale: 30 });
    // Some history: the council's lead and a police investigator look at the fixed subjects.
    for (let i = 0; i < 3; i++)
      await hub.query(
        `{ person(id: "SUBJ-000001") { police { names { fullName } } health { attendances { site } } support { provider } } }`,
      );
    await hub.query(
      `{ person(id: "SUBJ-000001") { police { names { fullName } } } }`,
      {},
      { as: 'police.investigator', caseRef: 'WMP/2026/0042' },
    );
    await hub.query(
      `{ person(id: "SUBJ-000003") { police { currentAddress { line1 } } } }`,
      {},
      { as: 'police.investigator', caseRef: 'ticket-77' },
    );
    // A housing officer keeps asking for a purpose they are not approved for.
    for (let i = 0; i < 3; i++) {
      await hub.query(
        `{ person(id: "SUBJ-000002") { localAuthority { housing { tenure } } } }`,
        {},
        { as: 'la.housing', purpose: 'SAFEGUARDING_REFERRAL' },
      );
    }
  });
  afterAll(() => hub?.stop());

  it('finds every disclosure about a subject, with requester, purpose, basis, agreement and rules, never the values', async () => {
    const { body } = await hub.query(
      `{ disclosures(filter: { subjectId: "SUBJ-000001" }, first: 50) { edges { node { requesterId requesterOrg purpose lawfulBases caseRef agreements rules owner fieldsDisclosed } } } }`,
      {},
      AUDITOR,
    );
    expect(body.errors).toBeUndefined();
    const nodes = body.data.disclosures.edges.map((e: { node: unknown }) => e.node);
    expect(nodes).toContainEqual(
      expect.objectContaining({
        requesterId: 'la.safeguarding',
        purpose: 'IDENTIFY_VICTIMS',
        owner: 'police',
        lawfulBases: ['CDA_1998_S115'],
        agreements: ['isa-msht-wm@1'],
        rules: ['R2-police-identity'],
        fieldsDisclosed: expect.arrayContaining(['PoliceRecord.names', 'PersonName.fullName']),
      }),
    );
    expect(nodes).toContainEqual(
      expect.objectContaining({ requesterId: 'la.safeguarding', owner: 'ngo', lawfulBases: ['CONSENT'], rules: ['R7-ngo-within-consent'] }),
    );
    expect(nodes.filter((n: { requesterId: string }) => n.requesterId === 'police.investigator').length).toBeGreaterThan(0);
    expect(JSON.stringify(body)).not.toMatch(/Tomasz|Adavu Project/);
  });

  it('pages with a cursor, newest first, without repeating or skipping', async () => {
    const page = async (after?: string) =>
      (
        await hub.query(
          `query($after: String) { disclosures(first: 2, after: $after) { edges { node { id occurredAt } } pageInfo { hasNextPage endCursor } } }`,
          { after },
          AUDITOR,
        )
      ).body.data.disclosures;
    const all = (await hub.query(`{ disclosures(first: 500) { edges { node { id } } } }`, {}, AUDITOR)).body.data.disclosures.edges.map(
      (e: { node: { id: string } }) => e.node.id,
    );
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const p = await page(cursor);
      seen.push(...p.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!p.pageInfo.hasNextPage) break;
      cursor = p.pageInfo.endCursor;
    }
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('says plainly when a cursor or a period is not one it reads, rather than failing inside', async () => {
    // Red team, 1 December: a cursor with a bad date or a huge number answered "Internal error", and
    // `from: "yesterday"` was taken as PostgreSQL's word for it.
    const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const asked = [
      ['query($after: String) { disclosures(after: $after) { edges { node { id } } } }', { after: cursor(['not a date', 'w', 1]) }],
      [
        'query($after: String) { disclosures(after: $after) { edges { node { id } } } }',
        { after: cursor(['2026-11-01T00:00:00.000Z', 'w', 1e300]) },
      ],
      [
        'query($after: String) { disclosures(after: $after) { edges { node { id } } } }',
        { after: cursor(['2026-13-45T00:00:00Z', 'w', 1]) },
      ],
      ['query($after: String) { disclosures(after: $after) { edges { node { id } } } }', { after: 'not base64 json' }],
      [
        'query($after: String) { disclosures(after: $after) { edges { node { id } } } }',
        { after: cursor(['2026-11-01T00:00:00.000Z', 'w\u0000', 1]) },
      ],
      ['{ verifyDisclosureLog(from: "+010000-01-01T00:00:00Z") { ok } }', {}],
      ['{ verifyDisclosureLog(to: "-000001-01-01T00:00:00Z") { ok } }', {}],
      ['{ disclosures(filter: { from: "yesterday" }) { edges { node { id } } } }', {}],
      ['{ disclosures(filter: { to: "2026-11-01T09:00" }) { edges { node { id } } } }', {}],
      ['{ recipientsOf(subjectId: "SUBJ-000001", field: "PoliceRecord.names", since: "epoch") { userId } }', {}],
    ] as const;
    for (const [query, variables] of asked) {
      const { body } = await hub.query(query, variables, AUDITOR);
      expect(body.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    }
    const good = await hub.query(
      '{ disclosures(first: 1, filter: { from: "2026-01-01", to: "2099-01-01T00:00:00+01:00" }) { pageInfo { endCursor } } }',
      {},
      AUDITOR,
    );
    expect(good.body.errors).toBeUndefined();
    const next = await hub.query(
      'query($after: String) { disclosures(after: $after) { edges { node { id } } } }',
      { after: good.body.data.disclosures.pageInfo.endCursor },
      AUDITOR,
    );
    expect(next.body.errors).toBeUndefined();
  });

  it('lists every recipient of a field about a subject, for corrections (ISA 7.2)', async () => {
    const { body } = await hub.query(
      `{ recipientsOf(subjectId: "SUBJ-000001", field: "PoliceRecord.names") { userId org times } }`,
      {},
      AUDITOR,
    );
    expect(body.data.recipientsOf).toEqual(
      expect.arrayContaining([
        { userId: 'la.safeguarding', org: 'birmingham-city-council', times: 3 },
        { userId: 'police.investigator', org: 'west-midlands-police', times: 1 },
      ]),
    );
  });

  it("shows a partner's data protection officer only the records about its own data", async () => {
    const { body } = await hub.query(
      `{ disclosures(first: 500) { edges { node { owner } } } }`,
      {},
      { as: 'nhs.dpo', purpose: 'AUDIT', caseRef: null },
    );
    expect(body.errors).toBeUndefined();
    const owners = new Set(body.data.disclosures.edges.map((e: { node: { owner: string } }) => e.node.owner));
    expect([...owners]).toEqual(['nhs']);
  });

  it("names the record rule that withheld a value only to the owner's DPO: to the audit panel it is a fact about the record", async () => {
    // A police investigator asks for SUBJ-000001's charity support: Adavu's episode is withheld on its
    // record, silently (its consent does not name the police: rule 7), which says that it exists.
    await hub.query(`{ person(id: "SUBJ-000001") { support { provider } } }`, {}, { as: 'police.investigator', caseRef: 'WMP/2026/0042' });
    const withheldAs = async (reader: { as: string; purpose: 'AUDIT'; caseRef: null }) => {
      const { body } = await hub.query(
        `{ disclosures(filter: { subjectId: "SUBJ-000001", requesterId: "police.investigator", owner: "ngo" }) { edges { node { fieldsWithheld { field rule signposted } } } } }`,
        {},
        reader,
      );
      expect(body.errors).toBeUndefined();
      return body.data.disclosures.edges.flatMap((e: { node: { fieldsWithheld: unknown[] } }) => e.node.fieldsWithheld);
    };
    expect(await withheldAs(AUDITOR)).toEqual([{ field: 'Person.support', rule: 'record-condition', signposted: false }]);
    // Adavu's data protection officer: the data controller of that episode.
    expect(await withheldAs({ as: 'ngo.dpo', purpose: 'AUDIT', caseRef: null })).toEqual([
      { field: 'Person.support', rule: 'R7-ngo-within-consent', signposted: false },
    ]);
  });

  it('gives each edge its own cursor: resuming after any record continues right after it', async () => {
    const { body } = await hub.query(`{ disclosures(first: 6) { edges { cursor node { id } } } }`, {}, AUDITOR);
    const edges: { cursor: string; node: { id: string } }[] = body.data.disclosures.edges;
    expect(new Set(edges.map((e) => e.cursor)).size).toBe(edges.length);
    const after = await hub.query(
      `query($after: String) { disclosures(first: 2, after: $after) { edges { node { id } } } }`,
      { after: edges[2]!.cursor },
      AUDITOR,
    );
    expect(after.body.data.disclosures.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([
      edges[3]!.node.id,
      edges[4]!.node.id,
    ]);
  });

  it('records every read of the log, and shows the joint audit panel who read what about whom', async () => {
    const dpo = { as: 'police.dpo', purpose: 'AUDIT', caseRef: null } as const;
    await hub.query(`{ disclosures(filter: { subjectId: "SUBJ-000003" }, first: 5) { edges { node { id } } } }`, {}, dpo);
    const { body } = await hub.query(
      `{ logReads(subjectId: "SUBJ-000003") { readerId readerOrg query arguments recordsReturned subjectIds } }`,
      {},
      AUDITOR,
    );
    expect(body.errors).toBeUndefined();
    const read = body.data.logReads.find((r: { readerId: string }) => r.readerId === 'police.dpo');
    expect(read).toMatchObject({ readerOrg: 'west-midlands-police', query: 'disclosures', subjectIds: ['SUBJ-000003'] });
    expect(read.recordsReturned).toBeGreaterThan(0);
    // The DPO's scope was applied and is on record: the force's own data only.
    expect(JSON.parse(read.arguments).filter).toEqual({ subjectId: 'SUBJ-000003', controllerOrg: 'west-midlands-police' });
    // Reading the reads is itself a read; and it is the panel's alone.
    const again = await hub.query(`{ logReads(first: 1) { query readerId } }`, {}, AUDITOR);
    expect(again.body.data.logReads).toEqual([{ query: 'logReads', readerId: 'hub.auditor' }]);
    const refused = await hub.query(`{ logReads { id } }`, {}, dpo);
    expect(refused.body.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });

  it('verifies the log: chains and signed checkpoints, naming the first record altered', async () => {
    const verify = async () =>
      (await hub.query(`{ verifyDisclosureLog { ok records checkpoints firstProblem } }`, {}, AUDITOR)).body.data.verifyDisclosureLog;
    const intact = await verify();
    expect(intact).toMatchObject({ ok: true, firstProblem: null });
    expect(intact.records).toBeGreaterThan(10);
    expect(intact.checkpoints).toBeGreaterThan(0);

    const [victim] = await hub.store.dataSource.query(
      `SELECT writer_id, seq FROM disclosure_records WHERE requester_id = 'police.investigator' ORDER BY seq LIMIT 1`,
    );
    await hub.store.dataSource.query(`UPDATE disclosure_records SET requester_id = 'someone.else' WHERE writer_id = $1 AND seq = $2`, [
      victim.writer_id,
      victim.seq,
    ]);
    try {
      const altered = await verify();
      expect(altered.ok).toBe(false);
      expect(altered.firstProblem).toMatch(new RegExp(`^modified at writer ${victim.writer_id}, seq ${victim.seq}`));
    } finally {
      await hub.store.dataSource.query(
        `UPDATE disclosure_records SET requester_id = 'police.investigator' WHERE writer_id = $1 AND seq = $2`,
        [victim.writer_id, victim.seq],
      );
    }
    expect((await verify()).ok).toBe(true);
  });

  it('refuses everyone else, and auditors without the purpose AUDIT', async () => {
    const asLead = await hub.query(`{ disclosures { edges { node { id } } } }`);
    expect(asLead.body.errors![0]!.extensions.code).toBe('FORBIDDEN');
    const wrongPurpose = await hub.query(
      `{ disclosures { edges { node { id } } } }`,
      {},
      { as: 'hub.auditor', purpose: 'IDENTIFY_VICTIMS' },
    );
    expect(wrongPurpose.body.errors![0]!.extensions.code).toBe('FORBIDDEN');
  });

  it('flags case references outside the scheme and repeated out-of-purpose requests', async () => {
    const { body } = await hub.query(`{ disclosureAnomalies { kind requesterId count detail } }`, {}, AUDITOR);
    expect(body.errors).toBeUndefined();
    expect(body.data.disclosureAnomalies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'CASE_REF_OUT_OF_SCHEME',
          requesterId: 'police.investigator',
          detail: expect.stringMatching(/ticket-77/),
        }),
        expect.objectContaining({ kind: 'REPEATED_OUT_OF_PURPOSE', requesterId: 'la.housing', count: 3 }),
      ]),
    );
    expect(body.data.disclosureAnomalies).not.toContainEqual(
      expect.objectContaining({ kind: 'CASE_REF_OUT_OF_SCHEME', requesterId: 'la.safeguarding' }),
    );
  });

  it("a request's id given as the case reference is judged by the request's own case reference (red team)", async () => {
    const investigator = { as: 'police.investigator', purpose: 'CRIMINAL_ACTIVITY', caseRef: 'WMP/2026/4242' } as const;
    const asked = await hub.query(
      `mutation($input: InformationRequestInput!) { requestInformation(input: $input) { id } }`,
      {
        input: {
          subjectId: 'SUBJ-000003',
          owners: ['nhs'],
          fields: ['HealthRecord.attendances'],
          purpose: 'CRIMINAL_ACTIVITY',
          lawfulBasis: 'DPA_2018_SCH2_PARA2',
          caseRef: 'WMP/2026/4242',
          reason: 'Establishing when the victim was seen by health services.',
          declaration: { accepted: true, name: 'DS Jane Hollis', role: 'Detective Sergeant' },
          tippingOffRisk: false,
        },
      },
      investigator,
    );
    expect(asked.body.errors).toBeUndefined();
    const requestId = asked.body.data.requestInformation.id as string;
    const decided = await hub.query(
      `mutation($id: ID!, $d: [RequestDecisionInput!]!) { decideInformationRequest(id: $id, decisions: $d) { id } }`,
      { id: requestId, d: [{ owner: 'nhs', outcome: 'DISCLOSE' }] },
      { ...investigator, as: 'nhs.disclosure' },
    );
    expect(decided.body.errors).toBeUndefined();
    // The README: the request's id is a valid case reference for what it disclosed.
    const read = await hub.query(
      `{ person(id: "SUBJ-000003") { health { attendances { site } } } }`,
      {},
      { ...investigator, caseRef: requestId },
    );
    expect(read.body.data.person.health).not.toBeNull();

    const { body } = await hub.query(`{ disclosureAnomalies { kind requesterId count detail } }`, {}, AUDITOR);
    expect(body.errors).toBeUndefined();
    const outOfScheme = (body.data.disclosureAnomalies as { kind: string; detail: string }[]).filter(
      (a) => a.kind === 'CASE_REF_OUT_OF_SCHEME',
    );
    expect(outOfScheme.map((a) => a.detail).join('\n')).not.toContain(requestId);
    // Still flagged: the out-of-scheme reference the earlier test used.
    expect(outOfScheme.map((a) => a.detail).join('\n')).toMatch(/ticket-77/);
  });
});
