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

  it("a charity's disclosure shows only its own episodes' consent records, never another charity's", async () => {
    // Minh (SUBJ-000002) is supported by Barnardo's only; Adavu's officer answers for the charities' partner.
    const below = await requestOf(ANALYST, 'SUBJ-000002', 'ngo', ['ConsentRecord.recipients', 'ConsentRecord.scope']);
    expect(below.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/episode/) });

    const id = await asked(ANALYST, 'SUBJ-000002', 'ngo', ['SupportEpisode.consent']);
    const narrowed = await decide(id, 'ngo', officer('ngo.disclosure', ANALYST), ['ConsentRecord.recipients']);
    expect(narrowed.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    const disclosed = await decide(id, 'ngo', officer('ngo.disclosure', ANALYST));
    expect(disclosed.body.errors).toBeUndefined();
    expect(disclosed.body.data.decideInformationRequest.parts[0].status).toBe('DISCLOSED');

    const seen = await ask(`{ person(id: "SUBJ-000002") { support { consent { recipients scope recordedOn } } } }`, {}, ANALYST);
    // Barnardo's episode is not Adavu's to disclose: nothing of it, not even that there is one.
    expect(seen.body.data.person.support).toBeNull();
    expect(JSON.stringify(seen.body)).not.toMatch(/recipients":\[/);
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
});
