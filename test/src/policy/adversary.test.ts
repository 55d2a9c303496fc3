import type { Purpose } from '@hub/shared';
import { startTestHub, userHeaders, type AsUser, type TestHub } from '../helpers/test-hub';

/**
 * The attacks that got through before subjects were boundaries, as classes (docs/policy.md):
 * rules reaching across links, public types under a subject, a link shown for what lies beyond
 * it, existence told by the shape of a response, decisions on record data that left no record.
 * Each `it` is a class; the differential oracle test tries the same with generated queries.
 */
const HMO = '100070000001'; // SUBJ-000001 lives here; SUBJ-000004 is the landlord
const SAFE_HOUSE = '100070000002'; // SUBJ-000003's restricted address
const NOWHERE = '100070999999'; // no partner knows this property
const NOBODY = 'SUBJ-999999'; // no partner knows this subject

describe('enforcement that holds against an adversary', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ scale: 30 });
  });
  afterAll(() => hub?.stop());

  const ask = (query: string, user: AsUser = {}) => hub.query(query, {}, user);

  describe('no rule reaches across a link to another subject', () => {
    it('a housing officer following landlordOf to the tenants is refused the link, and never sees their clinical notes', async () => {
      const { body } = await ask(
        `{ person(id: "SUBJ-000004") { localAuthority { landlordOf { uprn linkedPersons { id health { attendances { clinicalNotes } } } } } } }`,
        { as: 'la.housing' },
      );
      expect(body.data.person.localAuthority.landlordOf).toEqual([{ uprn: HMO, linkedPersons: null }]);
      expect(body.errors).toEqual([
        expect.objectContaining({
          path: ['person', 'localAuthority', 'landlordOf', 0, 'linkedPersons'],
          extensions: expect.objectContaining({ code: 'FORBIDDEN', rule: 'no-matching-rule' }),
        }),
      ]);
      expect(JSON.stringify(body)).not.toMatch(/clinicalNotes"\s*:\s*"/);
    });

    it('the landlord reached through a property is decided as himself: no police record for a housing officer', async () => {
      const { body } = await ask(
        `{ location(uprn: "${HMO}") { landlord { id police { pncId roles { role } orders { type } intelligence { summary } } } } }`,
        { as: 'la.housing' },
      );
      expect(body.data.location.landlord).toEqual({ id: 'SUBJ-000004', police: null });
      expect(body.errors).toEqual([
        expect.objectContaining({
          path: ['location', 'landlord', 'police'],
          extensions: expect.objectContaining({ rule: 'no-matching-rule' }),
        }),
      ]);
    });

    it('a police analyst gets through linkedPersons exactly what person(id) gives for each person', async () => {
      const fields = `police { names { fullName } } health { nhsNumber attendances { site } } support { consent { scope } } localAuthority { caseRef }`;
      const viaLink = await ask(`{ location(uprn: "${HMO}") { linkedPersons { id ${fields} } } }`, { as: 'police.analyst' });
      const linked = viaLink.body.data.location.linkedPersons as { id: string }[];
      expect(linked.map((p) => p.id)).toContain('SUBJ-000001');
      for (const person of linked) {
        const direct = await ask(`{ person(id: "${person.id}") { id ${fields} } }`, { as: 'police.analyst' });
        expect(person).toEqual(direct.body.data.person);
      }
      expect(JSON.stringify(viaLink.body.data)).not.toMatch(/nhsNumber"\s*:\s*"/);
      expect(JSON.stringify(viaLink.body.data)).not.toMatch(/caseRef"\s*:\s*"/);
    });

    it('a person reached only through a link gets a record of it: who lives at the property is their data too', async () => {
      const { body } = await ask(`{ location(uprn: "${HMO}") { linkedPersons { id } } }`, { as: 'police.investigator' });
      const ids = (body.data.location.linkedPersons as { id: string }[]).map((p) => p.id);
      expect(ids).toContain('SUBJ-000001');
      const rows: { subject_type: string; subject_id: string; fields_disclosed: string[] }[] = await hub.store.dataSource.query(
        `SELECT subject_type, subject_id, fields_disclosed FROM disclosure_records WHERE request_id = $1 ORDER BY subject_id`,
        [body.extensions!.requestId],
      );
      for (const id of ids) {
        expect(rows).toContainEqual({ subject_type: 'Person', subject_id: id, fields_disclosed: ['Location.linkedPersons'] });
      }
      expect(rows).toContainEqual(expect.objectContaining({ subject_type: 'Location', subject_id: HMO }));
    });

    it('the record of a link names who it reached by the gateway’s own key, whatever the client aliased to id or uprn', async () => {
      // Red team, round 6: `id: __typename` put "Person" in the log as the subject of every link
      // record, and leaving `id` out put null: the people at the property had no record of it.
      const { body } = await ask(
        `{ location(uprn: "${HMO}") { linkedPersons { id: __typename pid: id } landlord { id: __typename pid: id } } }`,
        { as: 'police.analyst' },
      );
      const reached = [...body.data.location.linkedPersons, body.data.location.landlord].map((p: { pid: string }) => p.pid);
      expect(reached.length).toBeGreaterThan(1);
      const bare = await ask(`{ location(uprn: "${HMO}") { linkedPersons { police { nationality } } } }`, { as: 'police.analyst' });
      const landlordOf = await ask(`{ person(id: "SUBJ-000004") { localAuthority { landlordOf { uprn: lastInspectedOn } } } }`, {
        as: 'police.analyst',
      });
      const rowsOf = async (
        requestId: string,
      ): Promise<{ subject_type: string; subject_id: string | null; fields_disclosed: string[] }[]> =>
        hub.store.dataSource.query(`SELECT subject_type, subject_id, fields_disclosed FROM disclosure_records WHERE request_id = $1`, [
          requestId,
        ]);
      const rows = await rowsOf(body.extensions!.requestId as string);
      for (const id of reached) expect(rows).toContainEqual(expect.objectContaining({ subject_type: 'Person', subject_id: id }));
      for (const request of [body, bare.body, landlordOf.body]) {
        for (const row of await rowsOf(request.extensions!.requestId as string)) {
          expect(row.subject_id).toMatch(row.subject_type === 'Person' ? /^SUBJ-\d{6}$/ : /^\d{1,12}$/);
        }
      }
      expect(await rowsOf(landlordOf.body.extensions!.requestId as string)).toContainEqual(
        expect.objectContaining({
          subject_type: 'Location',
          subject_id: HMO,
          fields_disclosed: expect.arrayContaining(['LocalAuthorityRecord.landlordOf']),
        }),
      );
    });
  });

  describe('a directory entry under a subject is the subject’s data', () => {
    it('an unapproved user cannot learn which charity supports anyone, one subject or many', async () => {
      const one = await ask(`{ person(id: "SUBJ-000003") { support { service { name provider } } } }`, {
        as: 'police.unapproved',
        purpose: null,
        caseRef: null,
      });
      expect(one.body.data.person.support).toBeNull();
      // No rule shares support episodes with an analyst: the first reason of docs/policy.md §4.1.
      expect(one.body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'no-matching-rule' });
      const many = await ask(
        `{ people(filter: { ids: ["SUBJ-000001", "SUBJ-000002", "SUBJ-000003"] }) { support { service { name } } } }`,
        {
          as: 'police.unapproved',
        },
      );
      expect(many.body.data.people).toEqual([{ support: null }, { support: null }, { support: null }]);
      expect(JSON.stringify(many.body)).not.toMatch(/Refuge|Adavu|Barnardo/);
    });

    it('an approved investigator gets a survivor’s support only within her consent, directory entry included', async () => {
      const { body } = await ask(`{ person(id: "SUBJ-000003") { support { provider service { name serviceType } } } }`, {
        as: 'police.investigator',
      });
      expect(body.data.person.support).toBeNull();
      expect(JSON.stringify(body)).not.toMatch(/Refuge/);
    });

    it('logs the directory fields carried under a subject as disclosed under the rule that allowed the link', async () => {
      const { body } = await ask(`{ person(id: "SUBJ-000001") { support { service { name receptionCentre { bedsTotal } } } } }`);
      expect(body.data.person.support[0].service.name).toEqual(expect.any(String));
      const [row] = await hub.store.dataSource.query(
        `SELECT fields_disclosed, rule_ids FROM disclosure_records WHERE request_id = $1 AND owner = 'ngo' AND subject_id = 'SUBJ-000001'`,
        [body.extensions!.requestId],
      );
      expect(row.fields_disclosed).toEqual(expect.arrayContaining(['Person.support', 'SupportEpisode.service', 'SupportService.name']));
      expect(row.rule_ids).toEqual(['R7-ngo-within-consent']);
    });
  });

  describe('a restricted address cannot be located', () => {
    it('asking who lives at the safe house looks exactly like asking about an empty property', async () => {
      const query = (uprn: string) => `{ location(uprn: "${uprn}") { uprn linkedPersons { id } } }`;
      const safeHouse = await ask(query(SAFE_HOUSE), { as: 'police.analyst' });
      const nowhere = await ask(query(NOWHERE), { as: 'police.analyst' });
      expect(safeHouse.body.data.location.linkedPersons).toBeNull();
      expect(comparable(safeHouse.body, [SAFE_HOUSE])).toEqual(comparable(nowhere.body, [NOWHERE]));
      const investigator = await ask(query(SAFE_HOUSE), { as: 'police.investigator' });
      expect(investigator.body.data.location.linkedPersons).toEqual([{ id: 'SUBJ-000003' }]);
    });

    it('the intelligence filed at a safe house is withheld with it: its reports match the resident’s own', async () => {
      // Red team, 1 December: paging `location(uprn) { intelligence }` over sequential UPRNs put every
      // restricted subject with intelligence at their withheld address, report for report.
      const investigator: AsUser = { as: 'police.investigator', purpose: 'CRIMINAL_ACTIVITY' };
      const analyst: AsUser = { as: 'police.analyst', purpose: 'CRIMINAL_ACTIVITY' };
      // As the seed files them: a report about the resident, at their (restricted) address.
      await hub.subgraphs.police.dataSource.query(
        `INSERT INTO intelligence_reports (id, nominal_id, uprn, reported_on, source_grade, intel_grade, handling_code, summary)
         SELECT 900001, id, current_uprn, '2026-02-13', 3, 'A', 'P', 'Seen leaving with two men' FROM nominals WHERE subject_id = 'SUBJ-000003'`,
      );
      const query = (uprn: string) => `{ location(uprn: "${uprn}") { uprn intelligence { reportedOn handlingCode summary } } }`;
      expect((await ask(query(SAFE_HOUSE), investigator)).body.data.location.intelligence.length).toBeGreaterThan(0);
      // Withheld as R8's other denies are: it looks like a property the force holds nothing about,
      // and the log says what was withheld and why.
      const { body } = await ask(query(SAFE_HOUSE), analyst);
      expect(body.data.location.intelligence).toBeNull();
      const nowhere = await ask(query(NOWHERE), analyst);
      expect(comparable(body, [SAFE_HOUSE])).toEqual(comparable(nowhere.body, [NOWHERE]));
      const [record] = await hub.store.dataSource.query(
        `SELECT fields_disclosed, withheld_json FROM disclosure_records WHERE request_id = $1 AND subject_type = 'Location'`,
        [body.extensions!.requestId],
      );
      expect(record.fields_disclosed).not.toContain('Location.intelligence');
      expect(record.withheld_json).toContain('R8-restricted-address-intelligence');
      // Intelligence at a property where nobody's address is restricted still reaches the analyst.
      const hmo = await ask(query(HMO), analyst);
      expect(hmo.body.errors).toBeUndefined();
      expect(hmo.body.data.location.intelligence).toEqual((await ask(query(HMO), investigator)).body.data.location.intelligence);
    });

    it('the restricted-address flag is withheld from those who may not have the address, whatever its value', async () => {
      for (const subject of ['SUBJ-000001', 'SUBJ-000003']) {
        const { body } = await ask(`{ person(id: "${subject}") { police { addressRestricted } } }`, { as: 'police.analyst' });
        expect(body.data.person.police).toBeNull();
        expect(body.errors![0]!.extensions.rule).toBe('R8-restricted-address-flag');
      }
    });
  });

  describe('withheld looks like absent', () => {
    const cases: { as: string; purpose?: Purpose; ask: string; withheld: string; why: string }[] = [
      { as: 'police.investigator', ask: 'support { provider }', withheld: 'SUBJ-000001', why: 'support outside consent vs none' },
      {
        as: 'la.safeguarding',
        purpose: 'SAFEGUARDING_REFERRAL',
        ask: 'health { attendances { attendedOn clinicalNotes } }',
        withheld: 'SUBJ-000001',
        why: 'an adult’s notes and dates vs no NHS record',
      },
      // Rule 8 signposts a restricted address to whoever would see it (below); to anyone else it is nothing.
      { as: 'ngo.caseworker', ask: 'police { currentAddress { line1 } }', withheld: 'SUBJ-000003', why: 'a safe house vs no record' },
      {
        as: 'police.analyst',
        ask: 'police { addressRestricted }',
        withheld: 'SUBJ-000003',
        why: 'the restriction flag asked on its own',
      },
      {
        as: 'ngo.caseworker',
        ask: 'police { nrmReferrals { reasonableGrounds } }',
        withheld: 'SUBJ-000001',
        why: 'NRM without consent vs none',
      },
      {
        as: 'nhs.safeguarding',
        purpose: 'SAFEGUARDING_REFERRAL',
        ask: 'localAuthority { childrenSocialCare { status } }',
        withheld: 'SUBJ-000001',
        why: 'an adult’s council record vs none',
      },
      {
        as: 'police.analyst',
        ask: 'localAuthority { landlordOf { uprn } }',
        withheld: 'SUBJ-000001',
        why: 'landlordOf [] vs no council record',
      },
    ];
    it.each(cases)('$as $ask: $why', async ({ as, purpose, ask: selection, withheld }) => {
      const query = (id: string) => `{ person(id: "${id}") { id ${selection} } }`;
      const user = { as, purpose };
      const a = await ask(query(withheld), user);
      const b = await ask(query(NOBODY), user);
      expect(comparable(a.body, [withheld])).toEqual(comparable(b.body, [NOBODY]));
    });

    it('tells what may be withheld on record data whatever the data: the same notices for every subject', async () => {
      const query = (id: string) => `{ person(id: "${id}") { police { currentAddress { line1 } } } }`;
      const restricted = await ask(query('SUBJ-000003'), { as: 'police.analyst' });
      const open = await ask(query('SUBJ-000001'), { as: 'police.analyst' });
      expect(open.body.data.person.police.currentAddress.line1).toEqual(expect.any(String));
      expect(restricted.body.extensions!.policyNotices).toEqual(open.body.extensions!.policyNotices);
      expect(open.body.extensions!.policyNotices).toContainEqual(
        expect.objectContaining({ at: 'person.police.currentAddress', rule: 'R8-restricted-address', effect: 'deny' }),
      );
    });
  });

  describe('nothing asked is never asked of the owner', () => {
    it('a charity asking only __typename of a police address gets null, and the police are not asked', async () => {
      const query = (id: string) => `{ person(id: "${id}") { id police { currentAddress { __typename } } } }`;
      const user = { as: 'ngo.caseworker', purpose: 'SAFEGUARDING_REFERRAL' as Purpose, caseRef: 'ADAVU/2026/7' };
      hub.subgraphs.police.received.length = 0;
      const restricted = await ask(query('SUBJ-000003'), user);
      const open = await ask(query('SUBJ-000001'), user);
      expect(restricted.body.data.person).toEqual({ id: 'SUBJ-000003', police: null });
      expect(comparable(restricted.body, ['SUBJ-000003'])).toEqual(comparable(open.body, ['SUBJ-000001']));
      // Rule 8 would be decided on the record had the police been asked: they must not be.
      expect(hub.subgraphs.police.received.join('\n')).not.toMatch(/currentAddress|addressRestricted/);
    });
  });

  describe('a signposted deny is told, and the telling is logged', () => {
    it('an analyst is told rule 8 withheld a safe-house address; the log records the telling under the rule', async () => {
      const query = (id: string) => `{ person(id: "${id}") { police { currentAddress { line1 } } } }`;
      const { body } = await ask(query('SUBJ-000003'), { as: 'police.analyst' });
      expect(body.data.person).toEqual({ police: { currentAddress: null } });
      expect(body.errors).toEqual([
        expect.objectContaining({
          path: ['person', 'police', 'currentAddress'],
          extensions: expect.objectContaining({ code: 'FORBIDDEN', rule: 'R8-restricted-address', signposted: true }),
        }),
      ]);
      const [row] = await hub.store.dataSource.query(
        `SELECT rule_ids, fields_disclosed, withheld_json FROM disclosure_records
          WHERE request_id = $1 AND owner = 'police' AND subject_id = 'SUBJ-000003'`,
        [body.extensions!.requestId],
      );
      expect(row.rule_ids).toContain('R8-restricted-address');
      expect(row.fields_disclosed).toEqual(['Person.police']);
      expect(JSON.parse(row.withheld_json)).toEqual([
        expect.objectContaining({ field: 'PoliceRecord.currentAddress', rule: 'R8-restricted-address', signposted: true }),
      ]);
      // A clear address, and a subject nobody holds, are told nothing.
      for (const id of ['SUBJ-000001', NOBODY]) expect((await ask(query(id), { as: 'police.analyst' })).body.errors).toBeUndefined();
    });
  });

  describe('decisions on record data leave a record', () => {
    it('a list filtered to nothing is logged as withheld, with the rule', async () => {
      const { body } = await ask(`{ person(id: "SUBJ-000001") { support { provider } } }`, { as: 'police.investigator' });
      const [row] = await hub.store.dataSource.query(
        `SELECT fields_disclosed, withheld_json FROM disclosure_records WHERE request_id = $1 AND owner = 'ngo'`,
        [body.extensions!.requestId],
      );
      expect(row.fields_disclosed).toEqual([]);
      expect(JSON.parse(row.withheld_json)).toEqual([expect.objectContaining({ field: 'Person.support', rule: 'R7-ngo-within-consent' })]);
    });
  });

  describe('operations the planner must not trip on', () => {
    it('answers a document with two operations and no operation name with a clear 400', async () => {
      const { status, body } = await ask(`query A { __typename } query B { __typename }`);
      expect(status).toBe(400);
      expect(body.errors![0]!.message).toMatch(/operation/i);
    });

    it('refuses an operation name the document does not have, before any partner is asked or anything logged', async () => {
      // Red team, round 6: it ran the document's one operation, logged it, then failed with a 500.
      const count = async () => (await hub.store.dataSource.query(`SELECT count(*)::int AS n FROM disclosure_records`))[0].n as number;
      const before = await count();
      const response = await fetch(hub.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await userHeaders(hub.keys, { as: 'police.analyst' })) },
        body: JSON.stringify({ query: `{ person(id: "SUBJ-000001") { police { names { fullName } } } }`, operationName: 'Nope' }),
      });
      const status = response.status;
      const body = (await response.json()) as { errors: { message: string }[] };
      expect(await count()).toBe(before);
      expect(status).toBe(400);
      expect(body.errors).toEqual([expect.objectContaining({ message: 'the document has no operation named "Nope"' })]);
    });

    it('refuses text with the NUL character with a clear 400, in variables and in the operation (red team: internal errors)', async () => {
      const asAuditor: AsUser = { as: 'hub.auditor', purpose: 'AUDIT', caseRef: null };
      const inVariable = await hub.query(
        `query($s: ID!) { disclosures(filter: { subjectId: $s }) { edges { node { subjectId } } } }`,
        { s: 'SUBJ-\u0000' },
        asAuditor,
      );
      const inLiteral = await hub.query(
        `{ disclosures(filter: { subjectId: "SUBJ-\\u0000" }) { edges { node { subjectId } } } }`,
        {},
        asAuditor,
      );
      for (const { status, body } of [inVariable, inLiteral]) {
        expect(status).toBe(400);
        expect(body.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
        expect(body.errors![0]!.message).toMatch(/NUL/);
      }
    });

    it('refuses a subscription (the hub serves none) as invalid, before any rule, partner or log (red team: internal error)', async () => {
      // Red team, 1 December: graphql-js 16 validates it without a root type to check its fields
      // against, and the planner took it for a mutation, past the operation rules.
      const count = async () => (await hub.store.dataSource.query(`SELECT count(*)::int AS n FROM disclosure_records`))[0].n as number;
      const before = await count();
      for (const query of [
        `subscription { decideInformationRequest(id: "REQ-2026-0000000000", decisions: []) { id } }`,
        `subscription { person(id: "SUBJ-000001") { police { names { fullName } } } }`,
        `subscription { __typename }`,
      ]) {
        const { status, body } = await ask(query, { as: 'la.safeguarding' });
        expect(status).toBe(400);
        expect(body.errors).toEqual([
          expect.objectContaining({
            message: 'The hub does not serve subscription operations.',
            extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' }),
          }),
        ]);
      }
      expect(await count()).toBe(before);
    });

    it('tells a persisted query whose hash does not match its text as a bad request (red team: internal error)', async () => {
      const response = await fetch(hub.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await userHeaders(hub.keys, { as: 'la.safeguarding' })) },
        body: JSON.stringify({
          query: `{ person(id: "SUBJ-000001") { id } }`,
          extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } },
        }),
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        errors: [{ message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST' } }],
      });
    });

    it('answers introspection through named fragments as it answers the same selections written inline (red team: {})', async () => {
      const named = await ask(
        `{ __type(name: "Person") { ...T } } fragment T on __Type { name fields { ...F } } fragment F on __Field { name }`,
      );
      const inline = await ask(`{ __type(name: "Person") { name fields { name } } }`);
      expect(named.body.errors).toBeUndefined();
      expect(named.body.data).toEqual(inline.body.data);
      expect(named.body.data.__type).toEqual(expect.objectContaining({ name: 'Person', fields: expect.arrayContaining([{ name: 'id' }]) }));
    });

    it('answers a variable given as null for a directive’s Boolean! with a clear 400', async () => {
      const { status, body } = await hub.query(
        `query($s: Boolean = true) { person(id: "SUBJ-000001") { health @skip(if: $s) { isChild } } }`,
        { s: null },
        { as: 'police.analyst' },
      );
      expect(status).toBe(400);
      expect(body.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
    });

    it('answers aliased fields under a root that several partners serve (people, stats)', async () => {
      const { body } = await hub.query(
        `{ people(filter: { ids: ["SUBJ-000002"] }) { s: support { p: provider } pol: police { n: nationality } } }`,
        {},
        { purpose: 'SAFEGUARDING_REFERRAL' },
      );
      expect(body.data.people).toEqual([{ s: [{ p: "Barnardo's" }], pol: { n: 'Vietnamese' } }]);
    });

    it('decides @include and @skip on variables with defaults', async () => {
      const { status, body } = await hub.query(
        `query($withNames: Boolean = true, $noPnc: Boolean = true) {
           person(id: "SUBJ-000001") { police { names @include(if: $withNames) { fullName } pncId @skip(if: $noPnc) } } }`,
        {},
        { as: 'police.analyst' },
      );
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(body.data.person.police).toEqual({ names: expect.arrayContaining([{ fullName: 'Tomasz Nowak' }]) });
    });
  });
});

/** A response with the parts that may legitimately differ (ids, request id, receipt) taken out. */
function comparable(body: { data?: unknown; errors?: unknown; extensions?: Record<string, unknown> }, ids: string[]): string {
  const { requestId: _requestId, disclosure: _receipt, ...extensions } = body.extensions ?? {};
  let text = JSON.stringify({ data: body.data, errors: body.errors ?? null, extensions });
  for (const id of ids) text = text.split(id).join('<id>');
  return text;
}
