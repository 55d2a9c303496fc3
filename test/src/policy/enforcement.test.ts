import { issueDevToken, generateEphemeralKeyPair } from '@hub/gateway';
import { signGatewayToken } from '@hub/shared';
import { postGraphql } from '@hub/shared/testing';
import { startTestHub, type TestHub } from '../helpers/test-hub';

describe('how the agreement is enforced', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ scale: 30 });
  });
  afterAll(() => hub?.stop());

  it('never asks the owning partner for what it has withheld before execution (pruning)', async () => {
    hub.subgraphs.nhs.received.length = 0;
    hub.subgraphs.police.received.length = 0;
    // A police analyst may see police data but nothing of the NHS's (rule 6 is for investigators).
    const { body } = await hub.query(
      `{ person(id: "SUBJ-000001") { police { pvotMarker } health { attendances { site clinicalNotes } safeguardingFlags { kind } } } }`,
      {},
      { as: 'police.analyst' },
    );
    expect(body.data.person).toEqual({ police: { pvotMarker: true }, health: null });
    expect(body.errors).toEqual([
      expect.objectContaining({ path: ['person', 'health'], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }),
    ]);
    expect(hub.subgraphs.police.received.length).toBeGreaterThan(0);
    expect(hub.subgraphs.nhs.received).toEqual([]);
  });

  it('sends a partner only the fields that passed phase 1', async () => {
    hub.subgraphs.nhs.received.length = 0;
    await hub.query(`{ person(id: "SUBJ-000001") { health { attendances { site clinicalNotes } } } }`, {}, { as: 'police.investigator' });
    const asked = hub.subgraphs.nhs.received.join('\n');
    expect(asked).toMatch(/site/);
    expect(asked).not.toMatch(/clinicalNotes/);
  });

  it('filters list items on record conditions: support episodes only within consent', async () => {
    // SUBJ-000001 consented to share with the council only.
    const asPolice = await hub.query(`{ person(id: "SUBJ-000001") { support { provider } } }`, {}, { as: 'police.investigator' });
    // Withheld looks like absent: null, as for a subject the charities hold nothing about, no error.
    expect(asPolice.body.data.person.support).toBeNull();
    expect(asPolice.body.errors).toBeUndefined();
    expect(asPolice.body.extensions?.policyNotices).toContainEqual(
      expect.objectContaining({ at: 'person.support', rule: 'R7-ngo-within-consent', effect: 'allow' }),
    );
    const asCouncil = await hub.query(`{ person(id: "SUBJ-000001") { support { provider } } }`);
    expect(asCouncil.body.data.person.support).toEqual([{ provider: 'The Adavu Project' }]);
  });

  it("shows NRM status to a charity once the survivor's consent names it (rule 4)", async () => {
    const ask = () =>
      hub.query(`{ person(id: "SUBJ-000001") { police { nrmReferrals { reasonableGrounds } } } }`, {}, { as: 'ngo.caseworker' });
    expect((await ask()).body.data.person.police).toBeNull();
    const ngo = hub.subgraphs.ngo.dataSource;
    const consent = `consent_records WHERE episode_id IN (SELECT id FROM support_episodes WHERE subject_id = 'SUBJ-000001')`;
    await ngo.query(`UPDATE ${consent.replace(' WHERE', ' SET recipients = array_append(recipients, $1) WHERE')}`, ['adavu']);
    try {
      expect((await ask()).body.data.person.police).toEqual({ nrmReferrals: [{ reasonableGrounds: 'POSITIVE' }] });
    } finally {
      await ngo.query(`UPDATE ${consent.replace(' WHERE', ' SET recipients = array_remove(recipients, $1) WHERE')}`, ['adavu']);
    }
  });

  it('marks every response and carries the conditions of 3x5x2 handling code C', async () => {
    const { body } = await hub.query(`{ person(id: "SUBJ-000002") { police { intelligence { handlingCode summary } } } }`);
    expect(body.data.person.police.intelligence[0].handlingCode).toBe('C');
    expect(body.extensions?.handling).toMatchObject({
      marking: 'OFFICIAL-SENSITIVE',
      onwardDisclosure: ['No onward disclosure without the written consent of West Midlands Police (ISA 6.3)'],
      conditions: [expect.stringMatching(/handling code C/)],
    });
    const directory = await hub.query(`{ supportServices { name } }`);
    expect(directory.body.extensions?.handling).toEqual({ marking: 'OFFICIAL', onwardDisclosure: [] });
  });

  it('applies only the rules under the lawful basis the request names', async () => {
    const ask = (lawfulBasis: 'CHILDREN_ACT_1989_S47' | 'CDA_1998_S115') =>
      hub.query(
        `{ person(id: "SUBJ-000002") { localAuthority { childrenSocialCare { status } } } }`,
        {},
        { as: 'nhs.safeguarding', purpose: 'SAFEGUARDING_REFERRAL', lawfulBasis },
      );
    expect((await ask('CHILDREN_ACT_1989_S47')).body.data.person.localAuthority.childrenSocialCare).not.toBeNull();
    const other = await ask('CDA_1998_S115');
    expect(other.body.data.person.localAuthority).toBeNull();
    expect(other.body.errors![0]!.extensions.reason).toMatch(/lawful basis one of CHILDREN_ACT_1989_S47, CHILDREN_ACT_2004_S11/);
  });

  it('needs a purpose and a case reference for personal data, but not for the directory', async () => {
    const noPurpose = await hub.query(`{ person(id: "SUBJ-000001") { police { pvotMarker } } }`, {}, { purpose: null });
    expect(noPurpose.body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'ISA-4.3-purpose' });
    const noCase = await hub.query(`{ person(id: "SUBJ-000001") { police { pvotMarker } } }`, {}, { caseRef: null });
    expect(noCase.body.errors![0]!.extensions.reason).toMatch(/case reference/);
    const directory = await hub.query(`{ supportServices { name } }`, {}, { as: 'police.unapproved', purpose: null, caseRef: null });
    expect(directory.body.errors).toBeUndefined();
    expect(directory.body.data.supportServices.length).toBeGreaterThan(5);
  });

  it('refuses requests without a valid token, and bad headers, with clear errors', async () => {
    const unsigned = await postGraphql(hub.gateway.url, `{ supportServices { name } }`);
    expect(unsigned.status).toBe(401);
    expect(unsigned.body.errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
    const stranger = await generateEphemeralKeyPair();
    const forged = await postGraphql(
      hub.gateway.url,
      `{ supportServices { name } }`,
      {},
      { authorization: `Bearer ${await issueDevToken('police.investigator', stranger)}` },
    );
    expect(forged.body.errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
    expect(forged.body.data).toBeUndefined();
    const badPurpose = await hub.query(`{ supportServices { name } }`, {}, { headers: { 'x-hub-purpose': 'CURIOSITY' } });
    expect(badPurpose.body.errors![0]!.message).toMatch(/X-Hub-Purpose "CURIOSITY" is not a purpose/);
    const reserved = await hub.query(`{ person(id: "SUBJ-000001") { __hub_x: police { pvotMarker } } }`);
    expect(reserved.body.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('refuses response keys every object inherits, on every core, before anything runs, and goes on serving', async () => {
    // A red team's query: `__proto__` as an alias made the merge of the partners' answers write
    // Object.prototype (every object then "had" `id` and `police`), and the hub crashed.
    const refused = [
      `{ __proto__: person(id: "SUBJ-000004") { id police { names { fullName } } }
         constructor: person(id: "SUBJ-000005") { id police { nationality } }
         toString: people(filter: { ids: ["SUBJ-000006"] }) { id police { pvotMarker } } }`,
      `{ person(id: "SUBJ-000020") { id __proto__: police { names { fullName } } } }`,
      `{ person(id: "SUBJ-000020") { id constructor: health { attendances { site } } } }`,
      `{ person(id: "SUBJ-000020") { id health { attendances { hasOwnProperty: site } } } }`,
      `query($skip: Boolean = false) { person(id: "SUBJ-000020") { id valueOf: police @skip(if: $skip) { pvotMarker } } }`,
      `{ __proto__: supportServices { name } }`,
      `{ ...F } fragment F on Query { isPrototypeOf: supportServices { name } }`,
      `mutation { __proto__: liftAgreementSuspension(id: "ISA-WM-MSHT-2026") { id } }`,
    ];
    for (const query of refused) {
      const answer = await hub.query(query);
      expect({ query, status: answer.status, code: answer.body.errors?.[0]?.extensions.code, data: answer.body.data ?? null }).toEqual({
        query,
        status: 400,
        code: 'BAD_USER_INPUT',
        data: null,
      });
      expect(answer.body.errors![0]!.message).toMatch(/every object inherits a property of that name/);
    }
    // Variables too: `$__proto__` was coerced, then lost on a copy, and the operation ran on a missing value.
    for (const name of ['__proto__', 'constructor', 'toString']) {
      const answer = await hub.query(`query($${name}: ID!) { person(id: $${name}) { id } }`, { [name]: 'SUBJ-000001' });
      expect({ name, status: answer.status, code: answer.body.errors?.[0]?.extensions.code, data: answer.body.data ?? null }).toEqual({
        name,
        status: 400,
        code: 'BAD_USER_INPUT',
        data: null,
      });
      expect(answer.body.errors).toHaveLength(1);
      expect(answer.body.errors![0]!.message).toMatch(/cannot be a variable's name: every object inherits/);
    }
    // Nothing was written to every object's prototype, and the hub still answers.
    expect(Object.keys(Object.prototype)).toEqual([]);
    const after = await hub.query(`{ person(id: "SUBJ-000004") { id police { names { fullName } } } }`);
    expect(after.status).toBe(200);
    expect(after.body.data?.person).toMatchObject({ id: 'SUBJ-000004' });
  });

  it('has subgraphs that refuse unsigned and forged calls, _entities included', async () => {
    const entities = `{ _entities(representations: [{ __typename: "Person", id: "SUBJ-000001" }]) { ... on Person { health { nhsNumber } } } }`;
    const direct = await postGraphql(hub.subgraphs.nhs.url, entities);
    expect(direct.status).toBe(401);
    expect(direct.body.errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
    expect(direct.body.data).toBeUndefined();

    const stranger = await generateEphemeralKeyPair();
    const claims = {
      sub: 'police.investigator',
      org: 'west-midlands-police',
      roles: ['INVESTIGATOR'],
      purpose: null,
      lawfulBasis: null,
      caseRef: null,
      requestId: 'x',
    };
    const forged = await postGraphql(
      hub.subgraphs.nhs.url,
      entities,
      {},
      { authorization: `Bearer ${await signGatewayToken(stranger.privateKey, hub.keys.gateway.kid, claims, 'nhs')}` },
    );
    expect(forged.status).toBe(401);

    // A genuine gateway token for another subgraph does not open this one either.
    const forPolice = await signGatewayToken(hub.keys.gateway.privateKey, hub.keys.gateway.kid, claims, 'police');
    expect((await postGraphql(hub.subgraphs.nhs.url, entities, {}, { authorization: `Bearer ${forPolice}` })).status).toBe(401);
    // And a user's own token is not a gateway token.
    const userToken = await issueDevToken('nhs.safeguarding', hub.keys.devIssuer);
    expect((await postGraphql(hub.subgraphs.nhs.url, entities, {}, { authorization: `Bearer ${userToken}` })).status).toBe(401);
  });
});
