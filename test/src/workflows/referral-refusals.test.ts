import { startTestHub, type AsUser, type TestHub } from '../helpers/test-hub';

/**
 * Referrals that do not happen, end to end (docs/policy.md §8), real PostgreSQL, real HTTP, real
 * tokens: a refusal that depends on the person's records is one answer whatever the reason, every
 * attempt is in the log with its real reason for auditors (who read a reason decided on records
 * masked, and no DPO reads it), the referrer is in the log, one organisation can have one pending
 * referral of a person per service however many arrive at once (another's is no reason to
 * refuse), and a provider's reads of its inbox are logged.
 */
const ADAVU: AsUser = { as: 'ngo.caseworker', purpose: 'SAFEGUARDING_REFERRAL', caseRef: 'ADAVU/2026/311' };
const COUNCIL: AsUser = { as: 'la.safeguarding', purpose: 'SAFEGUARDING_REFERRAL', caseRef: 'BCC/MSHT/2026/0042' };
/** The NHS works with Minh (SUBJ-000002) and Tomasz (SUBJ-000001): both are known to it. */
const NHS: AsUser = { as: 'nhs.safeguarding', purpose: 'SAFEGUARDING_REFERRAL', caseRef: 'BSOL/SG/2026/0107' };
const HOPE: AsUser = { as: 'hopeathome.caseworker', purpose: 'SAFEGUARDING_REFERRAL', caseRef: 'HAH/2026/044' };
/** REF-<year>- and ten random base-32 digits (gateway/src/workflows/workflow-id.ts). */
const REFERRAL_ID = /^REF-\d{4}-[0-9A-HJKMNP-TV-Z]{10}$/;
const AUDITOR: AsUser = { as: 'hub.auditor', purpose: 'AUDIT', caseRef: null };
const provider = (as: string): AsUser => ({ as, purpose: 'SAFEGUARDING_REFERRAL', caseRef: 'BCC/MSHT/2026/0042' });
/** A subject id no partner holds anything on. */
const NOBODY = 'SUBJ-099999';

interface LogRow {
  request_id: string;
  requester_id: string;
  requester_org: string;
  initiator_id: string | null;
  initiator_org: string | null;
  subject_id: string;
  owner: string;
  rule_ids: string[];
  fields_disclosed: string[];
  withheld_json: string;
}

describe('referral refusals, the pending guard and the log', () => {
  let hub: TestHub;
  let keys = 0;
  beforeAll(async () => {
    hub = await startTestHub({ scale: 30 });
    // Minh (SUBJ-000002) consents to Barnardo's, who support him (as in referrals.test.ts).
    await hub.subgraphs.ngo.dataSource.query(
      `UPDATE consent_records SET recipients = array_append(recipients, 'barnardos')
        WHERE episode_id IN (SELECT id FROM support_episodes WHERE subject_id = 'SUBJ-000002')`,
    );
  }, 60_000);
  afterAll(() => hub?.stop());

  const refer = (input: Record<string, unknown>, user: AsUser) =>
    hub.query(
      `mutation($input: ReferralInput!) { referToService(input: $input) { id status } }`,
      { input: { idempotencyKey: `guard-${++keys}-${Date.now()}`, ...input } },
      user,
    );
  /** The response as the caller sees it, less what differs for every request anyway (its id). */
  const asSeen = (response: { status: number; body: any }) => {
    const extensions = { ...(response.body.extensions ?? {}) };
    delete extensions.requestId;
    return JSON.stringify({ status: response.status, errors: response.body.errors, data: response.body.data, extensions });
  };
  const logOf = async (requestId: string) =>
    (await hub.store.dataSource.query(
      `SELECT request_id, requester_id, requester_org, initiator_id, initiator_org, subject_id, owner, rule_ids, fields_disclosed, withheld_json
         FROM disclosure_records WHERE request_id = $1`,
      [requestId],
    )) as LogRow[];
  const requestIdOf = (response: { body: any }) => response.body.extensions.requestId as string;
  const places = async (serviceId: string) => {
    const { body } = await hub.query(
      `{ supportService(id: "${serviceId}") { capacity { available } } }`,
      {},
      { as: 'la.safeguarding', purpose: 'SERVICE_MAPPING', caseRef: null },
    );
    return body.data.supportService.capacity.available as number;
  };

  it('F3: subjects that differ in one record fact get byte-identical refusals; each attempt is logged once, with its real reason', async () => {
    const before = await places('refuge-modern-slavery');
    // Tomasz (SUBJ-000001) has a police record and a consent that names the council, not Refuge;
    // NOBODY has no record at all. Sharing his support episode: Adavu's, not Refuge's.
    const attempts = [
      { subjectId: 'SUBJ-000001', sharedFields: ['name'] },
      { subjectId: NOBODY, sharedFields: ['name'] },
      { subjectId: 'SUBJ-000001', sharedFields: ['support'] },
      { subjectId: NOBODY, sharedFields: ['support'] },
    ];
    const answers = [];
    for (const a of attempts) answers.push(await refer({ serviceId: 'refuge-modern-slavery', ...a }, ADAVU));
    for (const answer of answers) {
      expect(answer.body.errors![0]!.extensions).toEqual({ code: 'FORBIDDEN', reason: 'REFERRAL_REFUSED' });
      expect(answer.body.errors![0]!.message).not.toMatch(/R7|consent does not|hold none|no record|another/);
    }
    // Apart from the request's id, the caller cannot tell them apart: same status, message, code, extensions.
    expect(asSeen(answers[1]!)).toBe(asSeen(answers[0]!));
    expect(asSeen(answers[3]!)).toBe(asSeen(answers[2]!));
    expect(asSeen(answers[2]!)).toBe(asSeen(answers[0]!));
    expect(await places('refuge-modern-slavery')).toBe(before);

    // The log: one record per attempt (one owner each here), nothing disclosed, the provider as
    // recipient, Adavu's caseworker as the initiator, and the reason that really decided.
    const records = await Promise.all(answers.map((a) => logOf(requestIdOf(a))));
    for (const [i, rows] of records.entries()) {
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        requester_org: 'refuge',
        initiator_id: 'ngo.caseworker',
        initiator_org: 'adavu',
        subject_id: attempts[i]!.subjectId,
        fields_disclosed: [],
        rule_ids: [],
      });
      expect(rows[0]!.requester_id).toMatch(REFERRAL_ID);
    }
    const rules = records.map((rows) => JSON.parse(rows[0]!.withheld_json).map((w: { rule: string }) => w.rule));
    expect(rules[0]).toEqual(['R7-referral-within-consent']);
    // Adavu holds no record of NOBODY: a referrer refers only people their organisation works with.
    expect(rules[1]).toEqual(['referral-referrer-holds-no-record']);
    // His support episode is Adavu's, withheld from Refuge by the agreement's rule on the record.
    expect(rules[2]).toEqual([expect.stringMatching(/^R\d+-/)]);
    expect(rules[3]).toEqual(['referral-referrer-holds-no-record']);
    expect(JSON.parse(records[0]![0]!.withheld_json)[0].reason).toMatch(/^referral refused: /);
  });

  it('F5: 8 simultaneous referrals of one person to one service by two organisations: exactly one live per organisation, the provider sees both', async () => {
    const before = await places('barnardos-icta');
    const input = { serviceId: 'barnardos-icta', subjectId: 'SUBJ-000002', sharedFields: ['name'] };
    const referrers = Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? COUNCIL : NHS));
    const answers = await Promise.all(referrers.map((user) => refer(input, user)));
    const madeBy = answers.flatMap((a, i) => (a.body.data?.referToService?.status === 'PENDING' ? [referrers[i]!.as] : []));
    // Another organisation's pending referral is no reason to refuse: one each, never two for one.
    expect(madeBy.sort()).toEqual(['la.safeguarding', 'nhs.safeguarding']);
    const live = await hub.store.dataSource.query(
      `SELECT referrer_org, count(*)::int AS n FROM referrals
        WHERE subject_id = 'SUBJ-000002' AND service_id = 'barnardos-icta' AND live GROUP BY referrer_org ORDER BY referrer_org`,
    );
    expect(live).toEqual([
      { referrer_org: 'birmingham-city-council', n: 1 },
      { referrer_org: 'birmingham-solihull-nhs', n: 1 },
    ]);
    const made = answers.filter((a) => a.body.data?.referToService?.status === 'PENDING');
    for (const a of answers.filter((a) => !made.includes(a))) {
      expect(a.body.errors![0]!.extensions!.code).toBe('CONFLICT');
      // The referrer is told what is in their own sent box, and nothing about the records.
      expect(a.body.errors![0]!.message).toMatch(/you already referred this person to Independent Child Trafficking Advocacy/);
    }
    expect(await places('barnardos-icta')).toBe(before - 2);
    // Every attempt is in the log: the two referrals' disclosures, and six refusals naming the guard's reason.
    const rows = (await Promise.all(answers.map((a) => logOf(requestIdOf(a))))).flat();
    expect(rows).toHaveLength(8);
    expect(rows.filter((r) => r.fields_disclosed.length > 0)).toHaveLength(2);
    expect(rows.filter((r) => r.fields_disclosed.length === 0).map((r) => JSON.parse(r.withheld_json)[0].rule)).toEqual(
      Array(6).fill('referral-conflict'),
    );

    // The provider's inbox shows each, with who referred: the provider decides.
    const inbox = await hub.query(
      `{ referrals(box: INBOX, first: 100) { edges { node { id referrerOrg } } } }`,
      {},
      provider('barnardos.caseworker'),
    );
    const ids = made.map((a) => a.body.data.referToService.id as string);
    const shown = inbox.body.data.referrals.edges.map((e: any) => e.node).filter((n: any) => ids.includes(n.id));
    expect(shown.map((n: any) => n.referrerOrg).sort()).toEqual(['birmingham-city-council', 'birmingham-solihull-nhs']);

    // Once the provider has decided the council's, the council can refer the person to the service again.
    const [{ id: councilId }] = await hub.store.dataSource.query(
      `SELECT id FROM referrals WHERE id = ANY($1) AND referrer_org = 'birmingham-city-council'`,
      [ids],
    );
    const declined = await hub.query(
      `mutation { decideReferral(id: "${councilId}", accept: false, reason: "No worker free this month") { status } }`,
      {},
      provider('barnardos.caseworker'),
    );
    expect(declined.body.data.decideReferral.status).toBe('DECLINED');
    expect((await refer(input, COUNCIL)).body.data.referToService.status).toBe('PENDING');
  });

  it("a colleague is told, with a CONFLICT, of their organisation's pending referral (their own data); nothing is held", async () => {
    const [own] = await hub.store.dataSource.query(
      `SELECT id FROM referrals WHERE subject_id = 'SUBJ-000002' AND service_id = 'barnardos-icta' AND live AND referrer_id = 'la.safeguarding'`,
    );
    expect(own).toBeDefined();
    // The council's live referral, as a colleague's would be stored (the demo has one council referrer).
    await hub.store.dataSource.query(`UPDATE referrals SET referrer_id = 'la.colleague' WHERE id = $1`, [own.id]);
    try {
      const before = await places('barnardos-icta');
      const answer = await refer({ serviceId: 'barnardos-icta', subjectId: 'SUBJ-000002', sharedFields: ['name'] }, COUNCIL);
      expect(answer.body.errors![0]!.extensions!.code).toBe('CONFLICT');
      expect(answer.body.errors![0]!.message).toContain(
        `birmingham-city-council already has a referral of this person to Independent Child Trafficking Advocacy (ICTA) pending: ${own.id}, made by la.colleague`,
      );
      expect(await places('barnardos-icta')).toBe(before);
      const [row] = await logOf(requestIdOf(answer));
      expect(JSON.parse(row!.withheld_json)[0]).toMatchObject({ rule: 'referral-conflict', requestOnly: true });
    } finally {
      await hub.store.dataSource.query(`UPDATE referrals SET referrer_id = 'la.safeguarding' WHERE id = $1`, [own.id]);
    }
  });

  it('F4: a refused attempt has no controller; the panel reads record-dependent reasons as record-condition, request-only ones in full; no DPO reads them', async () => {
    // The NHS works with Minh, not with NOBODY: a refusal on the records. A field no rule gives the provider: on the request.
    const onRecords = await refer({ serviceId: 'barnardos-icta', subjectId: NOBODY, sharedFields: ['name'] }, NHS);
    const onRequest = await refer({ serviceId: 'barnardos-icta', subjectId: NOBODY, sharedFields: ['PoliceRecord.intelligence'] }, NHS);
    expect(onRecords.body.errors![0]!.extensions).toEqual({ code: 'FORBIDDEN', reason: 'REFERRAL_REFUSED' });
    expect(onRequest.body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', rule: expect.any(String) });
    const ids = [];
    for (const answer of [onRecords, onRequest]) {
      const rows = await hub.store.dataSource.query(
        `SELECT requester_id, controller_org, withheld_json, agreements FROM disclosure_records WHERE request_id = $1`,
        [requestIdOf(answer)],
      );
      expect(rows.length).toBeGreaterThanOrEqual(1);
      for (const row of rows) expect(row.controller_org).toBeNull();
      // The agreement referrals are made under, whatever refused it: the refusing rule's agreement
      // (or none, for the hub's own checks) told the panel which kind of reason it was.
      for (const row of rows) expect(row.agreements).toEqual(['isa-msht-wm@1']);
      ids.push(rows[0].requester_id as string);
      // The log itself keeps the real reason.
      expect(JSON.parse(rows[0].withheld_json)[0].reason).toMatch(/^referral refused: /);
    }
    const seen = async (requesterId: string, user: AsUser) =>
      (
        await hub.query(
          `{ disclosures(filter: { requesterId: "${requesterId}" }) { edges { node { controllerOrg fieldsWithheld { rule reason } } } } }`,
          {},
          user,
        )
      ).body.data.disclosures.edges.map((e: any) => e.node);
    const [masked] = await seen(ids[0]!, AUDITOR);
    expect(masked.controllerOrg).toBeNull();
    for (const w of masked.fieldsWithheld) {
      expect(w.rule).toBe('record-condition');
      expect(w.reason).not.toMatch(/holds no record|SUBJ-|birmingham-solihull-nhs/);
    }
    const [readable] = await seen(ids[1]!, AUDITOR);
    expect(readable.fieldsWithheld[0].rule).not.toBe('record-condition');
    expect(readable.fieldsWithheld[0].reason).toMatch(/^referral refused: /);
    // A data protection officer never sees a refused attempt, of any kind.
    for (const dpo of ['police.dpo', 'nhs.dpo', 'la.dpo', 'ngo.dpo'])
      for (const id of ids) expect(await seen(id, { as: dpo, purpose: 'AUDIT', caseRef: null })).toEqual([]);
  });

  it('F2: auditors list referrals, made or refused, by the referring user and organisation; the chain still verifies', async () => {
    const { body } = await hub.query(
      `{ disclosures(filter: { initiatorId: "ngo.caseworker" }, first: 100) { edges { node { requesterId requesterOrg initiatorId initiatorOrg subjectId fieldsDisclosed fieldsWithheld { rule } } } } }`,
      {},
      AUDITOR,
    );
    expect(body.errors).toBeUndefined();
    const nodes = body.data.disclosures.edges.map((e: any) => e.node);
    expect(nodes.length).toBeGreaterThanOrEqual(4);
    for (const n of nodes) expect(n).toMatchObject({ initiatorId: 'ngo.caseworker', initiatorOrg: 'adavu' });
    const byOrg = await hub.query(
      `{ disclosures(filter: { initiatorOrg: "birmingham-city-council" }, first: 100) { edges { node { initiatorId } } } }`,
      {},
      AUDITOR,
    );
    // The council's four attempts in F5, its second referral and its attempt told of its own pending one.
    expect(byOrg.body.data.disclosures.edges.length).toBeGreaterThanOrEqual(6);
    const verified = await hub.query(`{ verifyDisclosureLog { ok records firstProblem } }`, {}, AUDITOR);
    expect(verified.body.data.verifyDisclosureLog).toMatchObject({ ok: true, firstProblem: null });
    // Tampering with an initiator is caught like any other column.
    await hub.store.dataSource.query(
      `UPDATE disclosure_records SET initiator_org = 'refuge' WHERE initiator_org = 'adavu' AND seq = (SELECT min(seq) FROM disclosure_records WHERE initiator_org = 'adavu')`,
    );
    const tampered = await hub.query(`{ verifyDisclosureLog { ok firstProblem } }`, {}, AUDITOR);
    expect(tampered.body.data.verifyDisclosureLog.ok).toBe(false);
    expect(tampered.body.data.verifyDisclosureLog.firstProblem).toMatch(/modified/);
    await hub.store.dataSource.query(
      `UPDATE disclosure_records SET initiator_org = 'adavu' WHERE initiator_org = 'refuge' AND initiator_id = 'ngo.caseworker'`,
    );
  });

  it("F6: a provider's reads of the shared values (inbox, decision) are logged; a read without them is not", async () => {
    const inbox = `{ referrals(box: INBOX, first: 100) { edges { node { id sharedValues { field value } } } } }`;
    const read = await hub.query(inbox, {}, provider('barnardos.caseworker'));
    expect(read.body.errors).toBeUndefined();
    const shown = read.body.data.referrals.edges.map((e: any) => e.node).filter((n: any) => n.sharedValues?.some((v: any) => v.value));
    expect(shown.length).toBeGreaterThanOrEqual(1);
    const rows = await logOf(requestIdOf(read));
    expect(rows.length).toBe(shown.length);
    for (const row of rows) {
      expect(row).toMatchObject({
        requester_id: 'barnardos.caseworker',
        requester_org: 'barnardos',
        subject_id: 'SUBJ-000002',
        owner: 'police',
      });
      expect(shown.map((n: any) => n.id)).toContain(row.rule_ids[0]);
      // What the referral disclosed to the provider, leaf by leaf (the name's parts too), not only the top-level field.
      const [own] = await hub.store.dataSource.query(
        `SELECT fields_disclosed FROM disclosure_records WHERE requester_id = $1 AND owner = 'police'`,
        [row.rule_ids[0]],
      );
      expect(row.fields_disclosed).toEqual(own.fields_disclosed);
      expect(row.fields_disclosed).toEqual(expect.arrayContaining(['PoliceRecord.names', 'PersonName.fullName']));
    }
    // Through a fragment, too.
    const viaFragment = await hub.query(
      `query { referrals(box: INBOX) { edges { node { ...R } } } } fragment R on Referral { id sharedValues { value } }`,
      {},
      provider('barnardos.caseworker'),
    );
    expect((await logOf(requestIdOf(viaFragment))).length).toBe(shown.length);
    const idsOnly = await hub.query(`{ referrals(box: INBOX) { edges { node { id status } } } }`, {}, provider('barnardos.caseworker'));
    expect(await logOf(requestIdOf(idsOnly))).toEqual([]);
    // The shared values are the police's data, disclosed again: marked and conditioned as the
    // police's (ISA 6.3), as the same values read through \`person\` are. A red team found them marked
    // OFFICIAL with no condition. The ids alone carry nobody's data.
    const police = await hub.query(`{ person(id: "SUBJ-000002") { police { names { fullName } } } }`, {}, provider('barnardos.caseworker'));
    const handling = (answer: typeof read) => (answer.body.extensions as { handling: Record<string, unknown> }).handling;
    expect(handling(read)).toEqual({ marking: handling(police).marking, onwardDisclosure: handling(police).onwardDisclosure });
    expect(handling(read).marking).toBe('OFFICIAL-SENSITIVE');
    expect(handling(read).onwardDisclosure).toEqual([expect.stringMatching(/West Midlands Police/)]);
    expect(handling(idsOnly)).toEqual({ marking: 'OFFICIAL', onwardDisclosure: [] });
  });

  it('a referrer refers only people their organisation works with: others get the uniform refusal, logged with its reason', async () => {
    // Tomasz (SUBJ-000001) is Adavu's client; his consent names the council. Hope at Home has nothing to do with him.
    const input = { serviceId: 'bcc-reception-centre', subjectId: 'SUBJ-000001', sharedFields: ['support'] };
    const probe = await refer(input, HOPE);
    const nobody = await refer({ ...input, subjectId: NOBODY }, HOPE);
    expect(probe.body.errors![0]!.extensions).toEqual({ code: 'FORBIDDEN', reason: 'REFERRAL_REFUSED' });
    expect(asSeen(probe)).toBe(asSeen(nobody));
    const [row] = await logOf(requestIdOf(probe));
    expect(row).toMatchObject({ initiator_id: 'hopeathome.caseworker', initiator_org: 'hope-at-home', fields_disclosed: [] });
    expect(JSON.parse(row!.withheld_json)[0]).toMatchObject({ rule: 'referral-referrer-holds-no-record' });
    // Adavu, who supports him, makes the same referral.
    const made = await refer(input, ADAVU);
    expect(made.body.data.referToService.status).toBe('PENDING');
    expect(made.body.data.referToService.id).toMatch(REFERRAL_ID);
    await hub.query(
      `mutation { decideReferral(id: "${made.body.data.referToService.id}", accept: false, reason: "No bed tonight") { status } }`,
      {},
      provider('la.safeguarding'),
    );
  });
});
