import { startTestHub, type AsUser, type TestHub } from '../helpers/test-hub';

/**
 * Referrals that do not happen, end to end (docs/policy.md §8), real PostgreSQL, real HTTP, real
 * tokens: a refusal that depends on the person's records is one answer whatever the reason, every
 * attempt is in the log with its real reason for auditors, the referrer is in the log, a person
 * can have one pending referral per service however many arrive at once, and a provider's reads
 * of its inbox are logged.
 */
const ADAVU: AsUser = { as: 'ngo.caseworker', purpose: 'SAFEGUARDING_REFERRAL', caseRef: 'ADAVU/2026/311' };
const COUNCIL: AsUser = { as: 'la.safeguarding', purpose: 'SAFEGUARDING_REFERRAL', caseRef: 'BCC/MSHT/2026/0042' };
/** The NHS works with Minh (SUBJ-000002) and Tomasz (SUBJ-000001): both are known to it. */
const NHS: AsUser = { as: 'nhs.safeguarding', purpose: 'SAFEGUARDING_REFERRAL', caseRef: 'BSOL/SG/2026/0107' };
const HOPE: AsUser = { as: 'hopeathome.caseworker', purpose: 'SAFEGUARDING_REFERRAL', caseRef: 'HAH/2026/044' };
/** REF-<year>- and ten random base-32 digits (gateway/src/workflows/referrals/referral-id.ts). */
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

  it('F5: 8 simultaneous referrals of one person to one service under different keys hold one place; others learn nothing new', async () => {
    const before = await places('barnardos-icta');
    const input = { serviceId: 'barnardos-icta', subjectId: 'SUBJ-000002', sharedFields: ['name'] };
    const answers = await Promise.all(Array.from({ length: 8 }, () => refer(input, COUNCIL)));
    const made = answers.filter((a) => a.body.data?.referToService?.status === 'PENDING');
    expect(made).toHaveLength(1);
    const others = answers.filter((a) => a !== made[0]);
    for (const a of others) {
      expect(a.body.errors![0]!.extensions!.code).toBe('CONFLICT');
      // The referrer is told what is in their own sent box, and nothing about the records.
      expect(a.body.errors![0]!.message).toMatch(/you already referred this person to Independent Child Trafficking Advocacy/);
    }
    expect(await places('barnardos-icta')).toBe(before - 1);
    // Every attempt is in the log: the referral's disclosure, and seven refusals naming the guard's reason.
    const rows = (await Promise.all(answers.map((a) => logOf(requestIdOf(a))))).flat();
    expect(rows).toHaveLength(8);
    expect(rows.filter((r) => r.fields_disclosed.length > 0)).toHaveLength(1);
    expect(rows.filter((r) => r.fields_disclosed.length === 0).map((r) => JSON.parse(r.withheld_json)[0].rule)).toEqual(
      Array(7).fill('referral-conflict'),
    );

    // Another organisation's caseworker is not told that someone referred the person: the same
    // refusal as for a person nobody holds anything on.
    const elsewhere = await refer(input, NHS);
    const nobody = await refer({ ...input, subjectId: NOBODY }, NHS);
    expect(elsewhere.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(asSeen(elsewhere)).toBe(asSeen(nobody));
    expect(JSON.parse((await logOf(requestIdOf(elsewhere)))[0]!.withheld_json)[0]).toMatchObject({ rule: 'referral-already-pending' });
    expect(await places('barnardos-icta')).toBe(before - 1);

    // Once the provider has decided, the person can be referred to the service again.
    const id = made[0]!.body.data.referToService.id;
    const declined = await hub.query(
      `mutation { decideReferral(id: "${id}", accept: false, reason: "No worker free this month") { status } }`,
      {},
      provider('barnardos.caseworker'),
    );
    expect(declined.body.data.decideReferral.status).toBe('DECLINED');
    expect((await refer(input, COUNCIL)).body.data.referToService.status).toBe('PENDING');
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
    expect(byOrg.body.data.disclosures.edges.length).toBeGreaterThanOrEqual(9);
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
      expect(row.fields_disclosed).toEqual(['PoliceRecord.names']);
      expect(shown.map((n: any) => n.id)).toContain(row.rule_ids[0]);
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
  });

  describe('a referral pending elsewhere goes through the same steps as any attempt', () => {
    // After F5, the council's referral of Minh (SUBJ-000002) to Barnardo's ICTA is pending. The NHS
    // works with Minh, with Tomasz (SUBJ-000001, nothing pending) and with nobody at NOBODY.
    const ICTA = 'barnardos-icta';
    const subjects = ['SUBJ-000002', 'SUBJ-000001', NOBODY];
    const pendingOf = async () =>
      (
        await hub.query(`{ referrals(box: SENT, first: 100) { edges { node { id status service { id } subjectId } } } }`, {}, COUNCIL)
      ).body.data.referrals.edges
        .map((e: any) => e.node)
        .filter((n: any) => n.status === 'PENDING' && n.service.id === ICTA && n.subjectId === 'SUBJ-000002');
    const attemptsFor = async (sharedFields: string[]) => {
      const answers = [];
      for (const subjectId of subjects) answers.push(await refer({ serviceId: ICTA, subjectId, sharedFields }, NHS));
      return answers;
    };
    const expectIdentical = (answers: { status: number; body: any }[]) => {
      for (const answer of answers.slice(1)) expect(asSeen(answer)).toBe(asSeen(answers[0]!));
    };

    it('a field no rule gives the provider: the same named-rule refusal for all three, decided before any record', async () => {
      expect(await pendingOf()).toHaveLength(1);
      for (const field of ['PoliceRecord.intelligence', 'Attendance.clinicalNotes', 'HealthRecord.nhsNumber']) {
        const answers = await attemptsFor([field]);
        expect(answers[0]!.body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', rule: expect.any(String) });
        expect(answers[0]!.body.errors![0]!.extensions!.reason).toBeUndefined();
        expectIdentical(answers);
      }
    });

    it('a full service: "no place available" for all three alike', async () => {
      const before = await places(ICTA);
      // The pending referral holds one place; one free place leaves none available.
      await hub.query(
        `mutation { updateServiceCapacity(serviceId: "${ICTA}", total: ${before + 10}, available: 1) { available } }`,
        {},
        provider('barnardos.caseworker'),
      );
      try {
        expect(await places(ICTA)).toBe(0);
        const answers = await attemptsFor(['name']);
        expect(answers[0]!.body.errors![0]!.extensions!.code).toBe('CONFLICT');
        expect(answers[0]!.body.errors![0]!.message).toMatch(/no place available/);
        expectIdentical(answers);
      } finally {
        await hub.query(
          `mutation { updateServiceCapacity(serviceId: "${ICTA}", total: ${before + 10}, available: ${before + 1}) { available } }`,
          {},
          provider('barnardos.caseworker'),
        );
      }
      expect(await places(ICTA)).toBe(before);
    });

    it('a refusal: the uniform one for all three; pending elsewhere holds and releases a place and reads the records like any other', async () => {
      const before = await places(ICTA);
      const answers = await attemptsFor(['name']);
      for (const answer of answers) expect(answer.body.errors![0]!.extensions).toEqual({ code: 'FORBIDDEN', reason: 'REFERRAL_REFUSED' });
      expectIdentical(answers);
      expect(await places(ICTA)).toBe(before);
      const rules = await Promise.all(answers.map(async (a) => JSON.parse((await logOf(requestIdOf(a)))[0]!.withheld_json)[0].rule));
      expect(rules).toEqual(['referral-already-pending', 'R7-referral-within-consent', 'referral-referrer-holds-no-record']);

      // What the partners are asked, counted: the same calls with a referral pending elsewhere as
      // for the same person and request refused on their consent with nothing pending.
      const asked = async (subjectId: string) => {
        for (const subgraph of Object.values(hub.subgraphs)) subgraph.received.length = 0;
        const answer = await refer({ serviceId: ICTA, subjectId, sharedFields: ['name'] }, NHS);
        const calls = Object.values(hub.subgraphs).flatMap((subgraph) => subgraph.received.map((q) => `${subgraph.name}: ${q}`));
        return { answer, calls: calls.sort() };
      };
      const pending = await asked('SUBJ-000002');
      expect(pending.calls).toEqual(expect.arrayContaining(['ngo: referral-places hold', 'ngo: referral-places release']));
      const [live] = await pendingOf();
      await hub.query(
        `mutation { decideReferral(id: "${live.id}", accept: false, reason: "Placed elsewhere") { status } }`,
        {},
        provider('barnardos.caseworker'),
      );
      const ngo = hub.subgraphs.ngo.dataSource;
      await ngo.query(
        `UPDATE consent_records SET recipients = array_remove(recipients, 'barnardos') WHERE episode_id IN (SELECT id FROM support_episodes WHERE subject_id = 'SUBJ-000002')`,
      );
      try {
        const onConsent = await asked('SUBJ-000002');
        expect(asSeen(onConsent.answer)).toBe(asSeen(pending.answer));
        expect(JSON.parse((await logOf(requestIdOf(onConsent.answer)))[0]!.withheld_json)[0].rule).toBe('R7-referral-within-consent');
        expect(onConsent.calls).toEqual(pending.calls);
      } finally {
        await ngo.query(
          `UPDATE consent_records SET recipients = array_append(recipients, 'barnardos') WHERE episode_id IN (SELECT id FROM support_episodes WHERE subject_id = 'SUBJ-000002')`,
        );
      }
    });
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
