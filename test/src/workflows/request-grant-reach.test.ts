import { startTestHub, type AsUser, type TestHub } from '../helpers/test-hub';

/**
 * How far an owner's disclosure on request reaches (red team, 30 November): only the deciding
 * owner's data, only what could have been asked of it, never a link, and for a charity only the
 * episodes it provides; and the request lists' cursor tells nothing of requests the caller does
 * not see. Each case is an attack that worked on the code before.
 */
const FORM = {
  purpose: 'IDENTIFY_VICTIMS',
  lawfulBasis: 'DPA_2018_SCH2_PARA2',
  reason: 'Red team: what a disclosure on request reaches, and what it must not.',
  declaration: { accepted: true, name: 'A Tester', role: 'Analyst' },
  tippingOffRisk: false,
};
const ANALYST: AsUser = { as: 'police.analyst', purpose: 'IDENTIFY_VICTIMS', caseRef: 'WMP/OP-KESTREL/2026/17' };
const CASEWORKER: AsUser = { as: 'ngo.caseworker', purpose: 'IDENTIFY_VICTIMS', caseRef: 'ADAVU/2026/311' };
const NURSE: AsUser = { as: 'nhs.safeguarding', purpose: 'IDENTIFY_VICTIMS', caseRef: 'NHS/SG/2026/9' };
const officer = (as: string, user: AsUser): AsUser => ({ as, purpose: user.purpose, caseRef: user.caseRef });

describe('disclosures on request reach no further than their owner’s data (red team)', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ scale: 10 });
  });
  afterAll(() => hub?.stop());

  const ask = (query: string, variables: Record<string, unknown>, user: AsUser) => hub.query(query, variables, user);
  const requestOf = async (user: AsUser, subjectId: string, owner: string, fields: string[]) =>
    ask(
      `mutation($input: InformationRequestInput!) { requestInformation(input: $input) { id } }`,
      { input: { ...FORM, purpose: user.purpose, caseRef: user.caseRef, subjectId, owners: [owner], fields } },
      user,
    );
  const decide = (id: string, owner: string, user: AsUser, fields?: string[]) =>
    ask(
      `mutation($id: ID!, $d: [RequestDecisionInput!]!) { decideInformationRequest(id: $id, decisions: $d) { parts { status disclosedFields } } }`,
      { id, d: [{ owner, outcome: 'DISCLOSE', ...(fields ? { fields } : {}) }] },
      user,
    );
  const asked = async (user: AsUser, subjectId: string, owner: string, fields: string[]) => {
    const { body } = await requestOf(user, subjectId, owner, fields);
    expect(body.errors).toBeUndefined();
    return body.data.requestInformation.id as string;
  };

  it("a charity answers only about its own clients, and discloses only its own episodes' records", async () => {
    const below = await requestOf(ANALYST, 'SUBJ-000002', 'ngo', ['ConsentRecord.recipients', 'ConsentRecord.scope']);
    expect(below.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/episode/) });

    // Minh (SUBJ-000002) is supported by Barnardo's only: Adavu's officer neither sees the request nor answers it.
    const adavu = officer('ngo.disclosure', ANALYST);
    const notOurs = await asked(ANALYST, 'SUBJ-000002', 'ngo', ['SupportEpisode.consent']);
    const inbox = await ask(`{ informationRequests(box: INBOX, first: 100) { edges { node { id subjectId reason } } } }`, {}, adavu);
    expect(inbox.body.data.informationRequests.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(notOurs);
    expect(
      (await ask(`query($id: ID!) { informationRequest(id: $id) { id } }`, { id: notOurs }, adavu)).body.data.informationRequest,
    ).toBeNull();
    const closed = await ask(
      `mutation($id: ID!) { decideInformationRequest(id: $id, decisions: [{ owner: "ngo", outcome: NOTHING_HELD }]) { status } }`,
      { id: notOurs },
      adavu,
    );
    expect(closed.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/no request/) });
    // A cursor naming it says nothing either.
    const after = await ask(
      `query($after: String) { informationRequests(box: INBOX, first: 10, after: $after) { edges { node { id } } } }`,
      { after: notOurs },
      adavu,
    );
    expect(after.body.data.informationRequests.edges).toEqual([]);

    // Tomasz (SUBJ-000001) is Adavu's client: its officer answers, with the episode's consent record whole, not narrowed below it.
    const ours = await asked(ANALYST, 'SUBJ-000001', 'ngo', ['SupportEpisode.consent']);
    const listed = await ask(`{ informationRequests(box: INBOX, first: 100) { edges { node { id } } } }`, {}, adavu);
    expect(listed.body.data.informationRequests.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(ours);
    const narrowed = await decide(ours, 'ngo', adavu, ['ConsentRecord.recipients']);
    expect(narrowed.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    const disclosed = await decide(ours, 'ngo', adavu);
    expect(disclosed.body.errors).toBeUndefined();
    expect(disclosed.body.data.decideInformationRequest.parts[0].status).toBe('DISCLOSED');
    const seen = await ask(`{ person(id: "SUBJ-000001") { support { consent { recipients } } } }`, {}, ANALYST);
    expect(seen.body.data.person.support).toEqual([{ consent: { recipients: ['birmingham-city-council'] } }]);
    // The requester is not told which charity answered: that would say which one supports the person (R7).
    const mine = await ask(`query($id: ID!) { informationRequest(id: $id) { parts { owner status decidedBy } } }`, { id: ours }, ANALYST);
    expect(mine.body.data.informationRequest.parts).toEqual([{ owner: 'ngo', status: 'DISCLOSED', decidedBy: null }]);
    // Nor by the notices or explainAccess, which describe the disclosure's conditions; and those name
    // no subject, since they come with every response that reaches the field (red team).
    const told = await ask(
      `{ person(id: "SUBJ-000002") { support { consent { recipients } } } explainAccess(field: "ConsentRecord.recipients", purpose: IDENTIFY_VICTIMS, subjectId: "SUBJ-000004") { rule reason needed } }`,
      {},
      ANALYST,
    );
    const notices = JSON.stringify(told.body.extensions?.policyNotices ?? []);
    expect(notices).toContain(ours);
    for (const text of [notices, JSON.stringify(told.body.data.explainAccess)]) {
      expect(text).not.toMatch(/adavu|SUBJ-000001/i);
    }
  });

  it('a request is made only for a purpose the agreement lets requests be made for (W1), whatever the header says', async () => {
    const { body } = await ask(
      `mutation($input: InformationRequestInput!) { requestInformation(input: $input) { id } }`,
      {
        input: {
          ...FORM,
          purpose: 'STATISTICS',
          caseRef: ANALYST.caseRef,
          subjectId: 'SUBJ-000003',
          owners: ['nhs'],
          fields: ['HealthRecord.attendances'],
        },
      },
      ANALYST,
    );
    expect(body.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: expect.stringMatching(/cannot be made for STATISTICS/),
    });
  });

  it("a council officer cannot release the police's address by naming a type both use, and the council's own stays its own", async () => {
    const id = await asked(CASEWORKER, 'SUBJ-000001', 'local-authority', ['LocalAuthorityRecord.housing']);
    const shared = await decide(id, 'local-authority', officer('la.disclosure', CASEWORKER), ['Address.line1', 'Address.postcode']);
    expect(shared.body.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: expect.stringMatching(/no single partner/),
    });
    expect((await decide(id, 'local-authority', officer('la.disclosure', CASEWORKER))).body.errors).toBeUndefined();

    const seen = await ask(
      `{ person(id: "SUBJ-000001") { police { currentAddress { line1 postcode } } localAuthority { housing { address { line1 } } } } }`,
      {},
      CASEWORKER,
    );
    expect(seen.body.data.person.police).toBeNull();
    expect(seen.body.data.person.localAuthority.housing.address.line1).toEqual(expect.any(String));
  });

  it('a disclosure of a whole record does not share the links in it', async () => {
    const id = await asked(NURSE, 'SUBJ-000004', 'local-authority', ['Person.localAuthority']);
    expect((await decide(id, 'local-authority', officer('la.disclosure', NURSE))).body.errors).toBeUndefined();
    // Marek (SUBJ-000004) is known to the council only as the landlord of the HMO at 100070000001:
    // the link withheld, nothing of his record is left, so the record is null, as if there were none.
    const seen = await ask(`{ person(id: "SUBJ-000004") { localAuthority { caseRef landlordOf { uprn } } } }`, {}, NURSE);
    expect(seen.body.data.person.localAuthority).toBeNull();
    expect(JSON.stringify(seen.body)).not.toContain('100070000001');
  });

  it("a cursor naming someone else's request, or none, ends the list: it says nothing of that request", async () => {
    const others = await asked(NURSE, 'SUBJ-000003', 'police', ['PoliceRecord.names']);
    const investigator: AsUser = { as: 'police.investigator', purpose: 'IDENTIFY_VICTIMS', caseRef: 'WMP/OP-KESTREL/2026/17' };
    const sent = async (user: AsUser, after: string | null) =>
      (
        await ask(
          `query($after: String) { informationRequests(box: SENT, first: 10, after: $after) { edges { node { id } } } }`,
          { after },
          user,
        )
      ).body.data.informationRequests.edges.map((e: { node: { id: string } }) => e.node.id) as string[];
    await asked(investigator, 'SUBJ-000001', 'nhs', ['HealthRecord.attendances']);
    const own = await asked(investigator, 'SUBJ-000001', 'nhs', ['HealthRecord.safeguardingFlags']);
    expect(await sent(investigator, own)).toHaveLength(1);
    expect(await sent(investigator, others)).toEqual([]);
    expect(await sent(investigator, 'REQ-2026-0000000000')).toEqual([]);
    // The inbox likewise: the police officer's list, given a request not addressed to the police.
    const inbox = await ask(
      `query($after: String) { informationRequests(box: INBOX, first: 10, after: $after) { edges { node { id } } } }`,
      { after: own },
      officer('police.disclosure', investigator),
    );
    expect(inbox.body.data.informationRequests.edges).toEqual([]);
  });

  it('a disclosure about one person leaves what the agreement shares about everyone else as it is (found with the oracle)', async () => {
    // Rule 6 gives investigators attendance dates and sites under IDENTIFY_VICTIMS; no rule gives
    // them the attendances as such. Before, a disclosure of one person's attendances was decided at
    // the attendances, on the subject: for everyone else it withheld the dates and sites too.
    const investigator: AsUser = { as: 'police.investigator', purpose: 'IDENTIFY_VICTIMS', caseRef: 'WMP/2026/0417' };
    const nurse = officer('nhs.disclosure', investigator);
    const ids = Array.from({ length: 10 }, (_, i) => `SUBJ-${String(i + 1).padStart(6, '0')}`);
    const held = await ask(`query($ids: [ID!]!) { people(filter: { ids: $ids }) { id health { attendances { site } } } }`, { ids }, nurse);
    const withAttendances = (held.body.data.people as { id: string; health: { attendances: unknown[] | null } | null }[])
      .filter((p) => (p.health?.attendances?.length ?? 0) > 0)
      .map((p) => p.id);
    expect(withAttendances.length).toBeGreaterThanOrEqual(2);
    const [subject, other] = withAttendances as [string, string];
    const query = `query($ids: [ID!]!) { people(filter: { ids: $ids }) { id health { attendances { attendedOn site kind } } } }`;
    const before = await ask(query, { ids: [subject, other] }, investigator);

    const id = await asked(investigator, subject, 'nhs', ['HealthRecord.attendances']);
    expect((await decide(id, 'nhs', nurse)).body.errors).toBeUndefined();
    const after = await ask(query, { ids: [subject, other] }, investigator);
    const [mine, theirs] = after.body.data.people as { health: { attendances: Record<string, unknown>[] } | null }[];
    // Everyone else: exactly as before the disclosure (rule 6's dates and sites, not the kind).
    expect(theirs).toEqual(before.body.data.people[1]);
    expect(theirs!.health!.attendances[0]).toEqual({ attendedOn: expect.any(String), site: expect.any(String), kind: null });
    // The subject: what the disclosure adds.
    expect(mine!.health!.attendances[0]!.kind).toEqual(expect.any(String));
  });
});
