import { generatePopulation } from '@hub/shared';
import { startTestHub, type AsUser, type TestHub } from '../helpers/test-hub';

/** REF-<year>- and ten random base-32 digits (gateway/src/workflows/workflow-id.ts). */
const REFERRAL_ID = /^REF-\d{4}-[0-9A-HJKMNP-TV-Z]{10}$/;

/**
 * Referrals end to end (the service-mapping brief, docs/sources.md), real PostgreSQL, real HTTP, real tokens: from the care
 * pathway to a service, a place held in the partner that runs it, only what the agreement and the
 * survivor's consent allow shared (and logged, with the provider as recipient), the provider
 * accepting or declining, capacity moving accordingly, holds expiring, partners down.
 */
const HOUR = 3_600_000;
const CASE = 'BCC/MSHT/2026/0042';
const COUNCIL: AsUser = { as: 'la.safeguarding', purpose: 'SAFEGUARDING_REFERRAL', caseRef: CASE };
const ADAVU: AsUser = { as: 'ngo.caseworker', purpose: 'SAFEGUARDING_REFERRAL', caseRef: 'ADAVU/2026/311' };
/** Refuge supports Elena (SUBJ-000003): a referrer refers only people their organisation works with. */
const REFUGE: AsUser = { as: 'refuge.caseworker', purpose: 'SAFEGUARDING_REFERRAL', caseRef: 'REFUGE/2026/017' };
const provider = (as: string): AsUser => ({ as, purpose: 'SAFEGUARDING_REFERRAL', caseRef: CASE });
const REFERRAL =
  'id status service { id name providerOrg } holdExpiresAt sharedFields sharedValues { field value } decidedReason subjectId needs';

const WOMAN = { age: 27, gender: 'FEMALE', nrmStage: 'POSITIVE_CG', languages: ['English'], area: 'Birmingham' };
const MAN = { age: 34, gender: 'MALE', nrmStage: 'POSITIVE_CG', languages: ['English'], area: 'Birmingham' };
const CHILD = { age: 15, gender: 'MALE', nrmStage: 'REFERRED', languages: ['Vietnamese'], area: 'Birmingham' };

describe('referrals', () => {
  let hub: TestHub;
  let offset = 0;
  let keys = 0;
  beforeAll(async () => {
    hub = await startTestHub({ scale: 30, clock: () => new Date(Date.now() + offset) });
    // The survivors' consent, as their charities record it: Elena (SUBJ-000003, supported by Refuge)
    // consents to her details going to the accommodation and employability services she is referred to;
    // Minh (SUBJ-000002) to Barnardo's, who support him.
    const ngo = hub.subgraphs.ngo.dataSource;
    const [{ next }] = await ngo.query('SELECT coalesce(max(id), 0) + 1 AS next FROM consent_records');
    const [elena] = await ngo.query(`SELECT id FROM support_episodes WHERE subject_id = 'SUBJ-000003' ORDER BY id LIMIT 1`);
    await ngo.query(`INSERT INTO consent_records (id, episode_id, recipients, recorded_on, scope) VALUES ($1, $2, $3, '2026-11-01', $4)`, [
      next,
      elena.id,
      ['hope-at-home', 'salvation-army', 'sophie-hayes-foundation'],
      'Name, age and NRM status, to refer her to accommodation and employability support',
    ]);
    await ngo.query(
      `UPDATE consent_records SET recipients = array_append(recipients, 'barnardos')
        WHERE episode_id IN (SELECT id FROM support_episodes WHERE subject_id = 'SUBJ-000002')`,
    );
  }, 60_000);
  afterAll(() => hub?.stop());

  const refer = (input: Record<string, unknown>, user: AsUser = REFUGE) =>
    hub.query(
      `mutation($input: ReferralInput!) { referToService(input: $input) { ${REFERRAL} } }`,
      { input: { idempotencyKey: `key-${++keys}-${Date.now()}`, ...input } },
      user,
    );
  const decide = (id: string, accept: boolean, user: AsUser, reason?: string) =>
    hub.query(
      `mutation($id: ID!, $accept: Boolean!, $reason: String) { decideReferral(id: $id, accept: $accept, reason: $reason) { ${REFERRAL} } }`,
      { id, accept, reason },
      user,
    );
  const setCapacity = (serviceId: string, total: number, available: number, user: AsUser) =>
    hub.query(
      `mutation { updateServiceCapacity(serviceId: "${serviceId}", total: ${total}, available: ${available}) { serviceId total free available held overHeld message } }`,
      {},
      user,
    );
  const box = async (which: 'INBOX' | 'SENT', user: AsUser) =>
    (
      await hub.query(`{ referrals(box: ${which}, first: 100) { edges { node { ${REFERRAL} } } } }`, {}, user)
    ).body.data.referrals.edges.map((e: any) => e.node);
  const pathway = async (need: Record<string, unknown>) => {
    const { body } = await hub.query(
      `query($need: CareNeedInput!) { carePathway(need: $need) { options { canTakeNow placesAvailable reasons service { id } } } }`,
      { need },
      { as: 'la.safeguarding', purpose: 'SERVICE_MAPPING', caseRef: null },
    );
    expect(body.errors).toBeUndefined();
    return body.data.carePathway.options as {
      canTakeNow: boolean;
      placesAvailable: number | null;
      reasons: string[];
      service: { id: string };
    }[];
  };
  const places = async (serviceId: string, need: Record<string, unknown> = WOMAN) =>
    (await pathway(need)).find((o) => o.service.id === serviceId)!.placesAvailable;
  const logged = async (where: string, params: unknown[]) =>
    (await hub.store.dataSource.query(
      `SELECT requester_id, requester_org, owner, rule_ids, fields_disclosed, subject_id FROM disclosure_records WHERE operation_name = 'ReferToService' AND ${where} ORDER BY occurred_at, seq`,
      params,
    )) as {
      requester_id: string;
      requester_org: string;
      owner: string;
      rule_ids: string[];
      fields_disclosed: string[];
      subject_id: string;
    }[];

  it('service mapping: the woman is offered Hope at Home, CONNECT Birmingham and Day 46; referred, accepted or declined, capacity moving', async () => {
    const options = await pathway({ ...WOMAN, serviceTypes: [] });
    const offered = options.filter((o) => o.canTakeNow).map((o) => o.service.id);
    expect(offered).toEqual(expect.arrayContaining(['hope-at-home-hosting', 'salvation-army-connect-birmingham', 'sophie-hayes-day-46']));

    const before = await places('hope-at-home-hosting');
    const { body } = await refer({
      serviceId: 'hope-at-home-hosting',
      subjectId: 'SUBJ-000003',
      sharedFields: ['name', 'ageBand', 'nrmStage'],
      needs: ['accommodation', 'employability', 'move-on plan in place', 'professional support in place'],
    });
    expect(body.errors).toBeUndefined();
    const referral = body.data.referToService;
    expect(referral).toMatchObject({
      status: 'PENDING',
      service: { id: 'hope-at-home-hosting', name: 'Hope at Home Hosting Scheme' },
      subjectId: 'SUBJ-000003',
      sharedValues: null,
    });
    expect(Date.parse(referral.holdExpiresAt) - Date.now()).toBeGreaterThan(71 * HOUR);
    expect(await places('hope-at-home-hosting')).toBe(before! - 1);

    // The disclosure is in the log: the provider organisation as recipient, the owner, the rule, the fields.
    const records = await logged('requester_id = $1', [referral.id]);
    expect(records).toEqual([
      expect.objectContaining({
        requester_org: 'hope-at-home',
        owner: 'police',
        subject_id: 'SUBJ-000003',
        rule_ids: expect.arrayContaining(['R7-referral-within-consent']),
      }),
    ]);
    expect(records[0]!.fields_disclosed).toEqual(expect.arrayContaining(['PoliceRecord.names', 'PoliceRecord.dateOfBirth']));

    // The provider's caseworker sees it, with the shared values only; nobody else's provider does.
    const inbox = await box('INBOX', provider('hopeathome.caseworker'));
    const seen = inbox.find((r: any) => r.id === referral.id);
    expect(seen.subjectId).toBeNull();
    const values = Object.fromEntries(seen.sharedValues.map((v: any) => [v.field, JSON.parse(v.value)]));
    expect(values.name).toEqual(expect.arrayContaining([expect.objectContaining({ fullName: 'Elena Popescu' })]));
    expect(values.ageBand).toBe('25-34');
    // The NRM stage is the latest referral's outcomes and date: not the list, not its exploitation types.
    expect(values.nrmStage).toEqual({ referredOn: '2026-08-19', reasonableGrounds: 'POSITIVE', conclusiveGrounds: 'PENDING' });
    // The caseworker's read is logged as what the referral disclosed, leaf by leaf, with its basis,
    // so recipientsOf finds them under PersonName.fullName too (red team, 2 December: top-level
    // coordinates only, no lawful basis).
    const police = (sql: string) =>
      hub.store.dataSource.query(`SELECT fields_disclosed, lawful_bases FROM disclosure_records WHERE owner = 'police' AND ${sql}`, [
        referral.id,
      ]) as Promise<{ fields_disclosed: string[]; lawful_bases: string[] }[]>;
    const [disclosed] = await police('requester_id = $1');
    const [viewed] = await police(`$1 = ANY(rule_ids) AND requester_id = 'hopeathome.caseworker' ORDER BY occurred_at LIMIT 1`);
    expect(disclosed!.fields_disclosed).toEqual(expect.arrayContaining(['PoliceRecord.names', 'PersonName.fullName']));
    expect(disclosed!.lawful_bases).toEqual(['CONSENT']);
    expect(viewed).toEqual(disclosed);
    expect((await box('INBOX', provider('refuge.caseworker'))).map((r: any) => r.id)).not.toContain(referral.id);
    // The values were disclosed for a safeguarding referral: not shown again under another purpose (red team, workflows round).
    const otherPurpose = await hub.query(
      `{ referrals(box: INBOX) { edges { node { id sharedValues { field value } } } } }`,
      {},
      {
        ...provider('hopeathome.caseworker'),
        purpose: 'SERVICE_MAPPING',
      },
    );
    expect(otherPurpose.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(otherPurpose.body.errors![0]!.message).toMatch(/shown only for the purpose they were disclosed for/);
    expect(JSON.stringify(otherPurpose.body)).not.toContain('Elena');
    // The values were disclosed under a rule that requires a case reference: the reader gives one
    // too (attacker pass, 2 December: read with none, logged under a rule that requires one).
    const viewsBefore = await police(`$1 = ANY(rule_ids)`);
    const noCaseRef = await hub.query(
      `{ referrals(box: INBOX) { edges { node { id sharedValues { field value } } } } }`,
      {},
      { ...provider('hopeathome.caseworker'), caseRef: null },
    );
    expect(noCaseRef.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(noCaseRef.body.errors![0]!.message).toMatch(/only under a case reference \(X-Hub-Case-Ref\).*R7-referral-within-consent/);
    expect(JSON.stringify(noCaseRef.body)).not.toContain('Elena');
    expect(await police(`$1 = ANY(rule_ids)`)).toHaveLength(viewsBefore.length);
    // Under a declared lawful basis, only if every rule they were disclosed under rests on it:
    // rule 7 shares them under CONSENT, not the Crime and Disorder Act (attacker pass, 2 December).
    const otherBasis = await hub.query(
      `{ referrals(box: INBOX) { edges { node { id sharedValues { value } } } } }`,
      {},
      { ...provider('hopeathome.caseworker'), lawfulBasis: 'CDA_1998_S115' },
    );
    expect(otherBasis.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(otherBasis.body.errors![0]!.message).toMatch(/lawful basis CDA_1998_S115 .*R7-referral-within-consent/);
    expect(JSON.stringify(otherBasis.body)).not.toContain('Elena');
    const underConsent = await hub.query(
      `{ referrals(box: INBOX) { edges { node { id sharedValues { value } } } } }`,
      {},
      { ...provider('hopeathome.caseworker'), lawfulBasis: 'CONSENT', caseRef: 'HOPE/2026/CONSENT-READ' },
    );
    expect(underConsent.body.errors).toBeUndefined();
    expect(JSON.stringify(underConsent.body.data)).toContain('Elena Popescu');
    const [consentView] = (await hub.store.dataSource.query(
      `SELECT lawful_bases, case_ref, request_id FROM disclosure_records WHERE $1 = ANY(rule_ids) AND case_ref = 'HOPE/2026/CONSENT-READ'`,
      [referral.id],
    )) as { lawful_bases: string[]; case_ref: string; request_id: string }[];
    expect(consentView!.lawful_bases).toEqual(['CONSENT']);
    // The read carries the receipt of its records, as any response with partner data does.
    expect(underConsent.body.extensions!.disclosure).toEqual({
      writerId: expect.any(String),
      commitment: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(underConsent.body.extensions!.requestId).toBe(consentView!.request_id);
    // Aliased, the values come back under the alias (red team, 2 December: `v: value` came back
    // null and was logged as shown; `f: field` failed), and are logged as for the plain names.
    const aliased = await hub.query(
      `{ referrals(box: INBOX) { edges { n: node { i: id sharedValues { f: field v: value } } } } }`,
      {},
      { ...provider('hopeathome.caseworker'), caseRef: 'HOPE/2026/ALIASED' },
    );
    expect(aliased.body.errors).toBeUndefined();
    const aliasedValues = aliased.body.data.referrals.edges.find((e: any) => e.n.i === referral.id).n.sharedValues;
    expect(aliasedValues.map((v: any) => v.f)).toEqual(seen.sharedValues.map((v: any) => v.field));
    expect(aliasedValues.map((v: any) => v.v)).toEqual(seen.sharedValues.map((v: any) => v.value));
    expect(JSON.stringify(aliasedValues)).toContain('Elena Popescu');
    // Asked twice in one response (aliased roots), the values are disclosed once: one record per owner.
    const twice = await hub.query(
      `{ a: referrals(box: INBOX) { edges { node { id sharedValues { value } } } } b: referrals(box: INBOX) { edges { node { sharedValues { v: value } } } } }`,
      {},
      { ...provider('hopeathome.caseworker'), caseRef: 'HOPE/2026/TWICE' },
    );
    expect(twice.body.errors).toBeUndefined();
    expect(
      await hub.store.dataSource.query(
        `SELECT owner FROM disclosure_records WHERE $1 = ANY(rule_ids) AND case_ref = 'HOPE/2026/TWICE' AND owner = 'police'`,
        [referral.id],
      ),
    ).toHaveLength(1);
    // An error that keeps the answer out of the response (a failing non-null sibling nulls `data`)
    // sends none of the values: nothing is recorded, and no receipt (red team, 2 December: logged).
    const nulled = await hub.query(
      `{ referrals(box: INBOX) { edges { node { id sharedValues { value } } } } stats(period: "garbage") { period } }`,
      {},
      { ...provider('hopeathome.caseworker'), caseRef: 'HOPE/2026/NULLED' },
    );
    expect(nulled.body.data ?? null).toBeNull();
    expect(nulled.body.extensions?.disclosure).toBeUndefined();
    expect(await hub.store.dataSource.query(`SELECT 1 FROM disclosure_records WHERE case_ref = 'HOPE/2026/NULLED'`)).toHaveLength(0);
    // Which fields were shared, without their values, is no disclosure: nothing is logged.
    const fieldsOnly = await hub.query(
      `{ referrals(box: INBOX) { edges { node { id sharedValues { field __typename } } } } }`,
      {},
      { ...provider('hopeathome.caseworker'), caseRef: 'HOPE/2026/FIELDS-ONLY' },
    );
    expect(fieldsOnly.body.errors).toBeUndefined();
    expect(await hub.store.dataSource.query(`SELECT 1 FROM disclosure_records WHERE case_ref = 'HOPE/2026/FIELDS-ONLY'`)).toHaveLength(0);
    // Without the values, the inbox needs none.
    const listOnly = await hub.query(
      `{ referrals(box: INBOX) { edges { node { id status } } } }`,
      {},
      { ...provider('hopeathome.caseworker'), caseRef: null },
    );
    expect(listOnly.body.errors).toBeUndefined();
    expect(listOnly.body.data.referrals.edges.map((e: any) => e.node.id)).toContain(referral.id);
    // Another provider's staff cannot answer for it.
    expect((await decide(referral.id, true, provider('refuge.caseworker'))).body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');

    const accepted = await decide(referral.id, true, provider('hopeathome.caseworker'));
    expect(accepted.body.data.decideReferral.status).toBe('ACCEPTED');
    expect(await places('hope-at-home-hosting')).toBe(before! - 1); // taken, not released
    expect((await box('SENT', REFUGE)).find((r: any) => r.id === referral.id).status).toBe('ACCEPTED');
    // Decided once.
    expect(
      (await decide(referral.id, false, provider('hopeathome.caseworker'), 'changed our mind')).body.errors![0]!.extensions!.code,
    ).toBe('CONFLICT');

    const day46Before = await places('sophie-hayes-day-46');
    const day46 = (
      await refer({ serviceId: 'sophie-hayes-day-46', subjectId: 'SUBJ-000003', sharedFields: ['name'], needs: ['employability'] })
    ).body.data.referToService;
    expect(await places('sophie-hayes-day-46')).toBe(day46Before! - 1);
    const declined = await decide(
      day46.id,
      false,
      provider('sophiehayes.caseworker'),
      'The next cohort starts in March; please refer again in February.',
    );
    expect(declined.body.data.decideReferral).toMatchObject({
      status: 'DECLINED',
      decidedReason: 'The next cohort starts in March; please refer again in February.',
    });
    expect(await places('sophie-hayes-day-46')).toBe(day46Before);
  });

  it('service mapping: the man is told CONNECT Birmingham takes women only; referred to the reception centre, declined, the bed released', async () => {
    const connect = (await pathway(MAN)).find((o) => o.service.id === 'salvation-army-connect-birmingham')!;
    expect(connect.canTakeNow).toBe(false);
    expect(connect.reasons).toContain('takes female survivors only');

    const before = await places('bcc-reception-centre', MAN);
    // Tomasz's consent (SUBJ-000001, with Adavu) names the council: Adavu may tell the reception centre his name.
    const { body } = await refer(
      { serviceId: 'bcc-reception-centre', subjectId: 'SUBJ-000001', sharedFields: ['name'], needs: ['emergency accommodation'] },
      ADAVU,
    );
    expect(body.errors).toBeUndefined();
    expect(await places('bcc-reception-centre', MAN)).toBe(before! - 1);
    const id = body.data.referToService.id as string;
    // Decided for the case workers under his consent, and for the council's lead under the lead's
    // own rule: one record each, each with the rules and bases that gave that role the name.
    const byRole = (await hub.store.dataSource.query(
      `SELECT requester_roles, rule_ids, lawful_bases FROM disclosure_records WHERE requester_id = $1 AND owner = 'police' ORDER BY seq`,
      [id],
    )) as { requester_roles: string[]; rule_ids: string[]; lawful_bases: string[] }[];
    expect(byRole.map((r) => r.requester_roles)).toEqual([['CASEWORKER'], ['SAFEGUARDING_LEAD']]);
    expect(byRole[0]).toMatchObject({ rule_ids: ['R7-referral-within-consent'], lawful_bases: ['CONSENT'] });
    expect(byRole[1]!.rule_ids).not.toContain('R7-referral-within-consent');
    // Asked for the values under another purpose, a decision is refused before it is stored
    // (red team, 2 December: the decline was stored behind the FORBIDDEN).
    const otherPurpose = await decide(id, false, { ...provider('la.safeguarding'), purpose: 'COORDINATED_RESPONSE' }, 'Wrong purpose');
    expect(otherPurpose.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    // Asked for them with no case reference, the same (attacker pass, 2 December): the lead's
    // record is under rules that require one.
    const noCaseRef = await decide(id, false, { ...provider('la.safeguarding'), caseRef: null }, 'No case reference given');
    expect(noCaseRef.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(noCaseRef.body.errors![0]!.message).toMatch(/only under a case reference/);
    // The lead reads it in the inbox: logged under the lead's own record, its rules' basis, not the case workers' consent.
    expect((await box('INBOX', provider('la.safeguarding'))).find((r: any) => r.id === id).sharedValues).not.toBeNull();
    const views = () =>
      hub.store.dataSource.query(
        `SELECT lawful_bases FROM disclosure_records WHERE $1 = ANY(rule_ids) AND requester_id = 'la.safeguarding' AND owner = 'police'`,
        [id],
      ) as Promise<{ lawful_bases: string[] }[]>;
    const [view] = await views();
    expect(view!.lawful_bases).toEqual(byRole[1]!.lawful_bases);
    const declined = await decide(id, false, provider('la.safeguarding'), 'No bed suitable tonight: placed with the night shelter');
    expect(declined.body.errors).toBeUndefined();
    expect(declined.body.data.decideReferral.status).toBe('DECLINED');
    expect(declined.body.data.decideReferral.decidedReason).toBe('No bed suitable tonight: placed with the night shelter');
    // Declined, the values are the provider's no longer: not in the answer, nor the inbox after, nor
    // kept by the hub (red team, 2 December: read again after the decline, with no end).
    expect(declined.body.data.decideReferral.sharedValues).toBeNull();
    expect((await box('INBOX', provider('la.safeguarding'))).find((r: any) => r.id === id).sharedValues).toBeNull();
    expect(await views()).toHaveLength(1);
    const [stored] = (await hub.store.dataSource.query(`SELECT shared_values FROM referrals WHERE id = $1`, [id])) as {
      shared_values: unknown;
    }[];
    expect(stored!.shared_values).toBeNull();
    expect(await places('bcc-reception-centre', MAN)).toBe(before);
  });

  it("a referral's values reach only the provider's roles they were decided for: the council's safeguarding lead does not read the police's NRM status through its own service", async () => {
    // Red team (fourteenth round): the share was decided for a case worker at the provider and
    // shown to whoever answered it; the council's lead referred Minh to the council's own
    // reception centre and read, in its inbox, the NRM status rule 7 gives case workers only.
    const { body } = await refer(
      { serviceId: 'bcc-reception-centre', subjectId: 'SUBJ-000002', sharedFields: ['name', 'PoliceRecord.nrmReferrals'] },
      COUNCIL,
    );
    expect(body.errors).toBeUndefined();
    const id = body.data.referToService.id as string;
    // Decided for the roles that answer the provider's referrals (W6), one by one: rule 7 gives a
    // case worker the NRM status, not a safeguarding lead, so the record names the case worker only.
    const [own] = (await hub.store.dataSource.query(
      `SELECT requester_roles FROM disclosure_records WHERE requester_id = $1 AND owner = 'police'`,
      [id],
    )) as { requester_roles: string[] }[];
    expect(own!.requester_roles).toEqual(['CASEWORKER']);

    const inbox = await hub.query(
      `{ referrals(box: INBOX, first: 100) { edges { node { ${REFERRAL} } } } }`,
      {},
      provider('la.safeguarding'),
    );
    expect(inbox.body.errors).toBeUndefined();
    const seen = inbox.body.data.referrals.edges.map((e: any) => e.node).find((r: any) => r.id === id);
    expect(seen).toMatchObject({ status: 'PENDING', sharedFields: ['name', 'PoliceRecord.nrmReferrals'], sharedValues: null });
    const declined = await decide(id, false, provider('la.safeguarding'), "Under 18: referred to the children's service instead");
    expect(declined.body.errors).toBeUndefined();
    expect(declined.body.data.decideReferral).toMatchObject({ status: 'DECLINED', sharedValues: null });
    for (const answer of [inbox.body, declined.body]) expect(JSON.stringify(answer)).not.toMatch(/reasonableGrounds|Minh/);
    // Nothing was shown to the lead, so nothing is logged as disclosed to them.
    const views = await hub.store.dataSource.query(
      `SELECT 1 FROM disclosure_records WHERE $1 = ANY(rule_ids) AND requester_id = 'la.safeguarding'`,
      [id],
    );
    expect(views).toEqual([]);
  });

  it("a referral is decided for the provider's case workers alone: other readers' rules neither make it nor refuse it", async () => {
    // Red team, second pass (2 December): decided for every role that answers the provider's
    // referrals, a safeguarding lead's own rules (no consent needed) made referrals the survivor's
    // consent does not cover, and their record conditions made success say what the partners hold.
    const BARNARDOS: AsUser = { as: 'barnardos.caseworker', purpose: 'SAFEGUARDING_REFERRAL', caseRef: 'BARNARDOS/2026/001' };
    // Tomasz's consent names the council, not the NHS: the referral to the NHS clinic is refused as before.
    const nhs = await refer({ serviceId: 'bsol-safeguarding-clinic', subjectId: 'SUBJ-000001', sharedFields: ['name'] }, ADAVU);
    expect(nhs.body.errors![0]!.extensions).toEqual({ code: 'FORBIDDEN', reason: 'REFERRAL_REFUSED' });
    // No referral rule gives a provider's case workers clinical notes: refused on the request, by
    // rule, the same for every person, whatever the council's lead could read.
    for (const subjectId of ['SUBJ-000002', 'SUBJ-000003']) {
      const notes = await refer({ serviceId: 'bcc-reception-centre', subjectId, sharedFields: ['Attendance.clinicalNotes'] }, BARNARDOS);
      expect(notes.body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', rule: expect.any(String) });
      expect(notes.body.errors![0]!.extensions!.reason).toBeUndefined();
    }
  });

  it("service mapping: the 15-year-old gets Barnardo's ICTA and no adult-only service; referred and accepted", async () => {
    const options = await pathway(CHILD);
    const offered = options.filter((o) => o.canTakeNow).map((o) => o.service.id);
    expect(offered).toContain('barnardos-icta');
    expect(offered).not.toEqual(expect.arrayContaining(['hope-at-home-hosting']));
    for (const o of options.filter((o) => o.canTakeNow)) expect(o.reasons).toEqual([]);
    expect(options.find((o) => o.service.id === 'refuge-modern-slavery')!.reasons).toContain('takes people aged 18 and over');

    const before = await places('barnardos-icta', CHILD);
    // The council works with Minh (his children's social care case).
    const { body } = await refer(
      { serviceId: 'barnardos-icta', subjectId: 'SUBJ-000002', sharedFields: ['name', 'ageBand', 'support'] },
      COUNCIL,
    );
    expect(body.errors).toBeUndefined();
    const accepted = await decide(body.data.referToService.id, true, provider('barnardos.caseworker'));
    expect(accepted.body.data.decideReferral.status).toBe('ACCEPTED');
    expect(await places('barnardos-icta', CHILD)).toBe(before! - 1);
    const values = Object.fromEntries(accepted.body.data.decideReferral.sharedValues.map((v: any) => [v.field, JSON.parse(v.value)]));
    expect(values.ageBand).toBe('under 18 (15)');
    // The provider's read names the charity whose episode the support came from, as the
    // referral's own record does, so that charity's DPO sees it (red team, workflows round: null).
    const id = body.data.referToService.id as string;
    const query = (sql: string) => hub.store.dataSource.query(sql, [id]) as Promise<{ controller_org: string | null }[]>;
    const original = await query(`SELECT controller_org FROM disclosure_records WHERE requester_id = $1 AND owner = 'ngo'`);
    const views = await query(
      `SELECT controller_org FROM disclosure_records WHERE $1 = ANY(rule_ids) AND owner = 'ngo' AND requester_id <> $1`,
    );
    expect(original.map((r) => r.controller_org)).toEqual([expect.any(String)]);
    expect(views.length).toBeGreaterThan(0);
    for (const view of views) expect(view.controller_org).toBe(original[0]!.controller_org);
  });

  it('refuses a field the consent does not cover without saying why to the caller: nothing held, the attempt logged with rule 7', async () => {
    const before = await places('refuge-modern-slavery', MAN);
    // Tomasz consented to the council only, not to Refuge. The caller is not told that (it would
    // say that the police hold a record on him): the one refusal for reasons in the records.
    const { body } = await refer({ serviceId: 'refuge-modern-slavery', subjectId: 'SUBJ-000001', sharedFields: ['name'] }, ADAVU);
    expect(body.errors![0]!.extensions).toEqual({ code: 'FORBIDDEN', reason: 'REFERRAL_REFUSED' });
    expect(body.errors![0]!.message).not.toMatch(/R7/);
    expect(await places('refuge-modern-slavery', MAN)).toBe(before);
    // The auditors see the attempt, with the rule that decided and nothing disclosed.
    const attempt = await logged(`requester_org = 'refuge'`, []);
    expect(attempt).toEqual([expect.objectContaining({ subject_id: 'SUBJ-000001', fields_disclosed: [], rule_ids: [] })]);
    expect((await box('SENT', ADAVU)).filter((r: any) => r.service.id === 'refuge-modern-slavery')).toEqual([]);
    // A field no rule gives a provider is refused by the agreement, likewise.
    const notes = await refer({
      serviceId: 'hope-at-home-hosting',
      subjectId: 'SUBJ-000003',
      sharedFields: ['HealthRecord.safeguardingFlags'],
    });
    // That refusal depends on the request alone (no rule gives a provider that field), so it says its rule.
    expect(notes.body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', rule: expect.any(String), field: expect.any(String) });
    expect(notes.body.errors![0]!.extensions!.reason).not.toBe('REFERRAL_REFUSED');
  });

  it('simultaneous referrals of different people for 3 places: exactly 3 holds, the rest "no place available", never negative; every attempt logged', async () => {
    expect(
      (await setCapacity('hope-at-home-hosting', 3, 3, provider('hopeathome.caseworker'))).body.data.updateServiceCapacity,
    ).toMatchObject({
      serviceId: 'hope-at-home-hosting',
      total: 3,
      free: 3,
      available: 3,
      held: 0,
      overHeld: 0,
    });
    // Only the provider's own staff set its places.
    expect((await setCapacity('hope-at-home-hosting', 9, 9, provider('refuge.caseworker'))).body.errors![0]!.extensions!.code).toBe(
      'FORBIDDEN',
    );
    const logBefore = await logged(`requester_org = 'hope-at-home'`, []);
    const disclosedIn = (rows: { fields_disclosed: string[] }[]) => rows.filter((r) => r.fields_disclosed.length > 0).length;

    // One pending referral per person, service and referring organisation (docs/policy.md §8): the race is between people.
    // Adults the police know, each given here a closed support episode with Adavu whose consent
    // names Hope at Home (the demo has few survivors with support at this scale).
    const people = generatePopulation({ scale: 30 })
      .subjects.filter((p) => p.knownToPolice && !p.addressRestricted && p.dateOfBirth < '2007-01-01' && p.id !== 'SUBJ-000003')
      .map((p) => p.id)
      .slice(0, 20);
    expect(people.length).toBeGreaterThanOrEqual(12);
    const ngo = hub.subgraphs.ngo.dataSource;
    for (const subjectId of people) {
      const [{ episode, consent }] = await ngo.query(
        `SELECT (SELECT coalesce(max(id), 0) + 1 FROM support_episodes) AS episode, (SELECT coalesce(max(id), 0) + 1 FROM consent_records) AS consent`,
      );
      await ngo.query(
        `INSERT INTO support_episodes (id, subject_id, provider_org, service_id, started_on, ended_on, status)
         VALUES ($1, $2, 'adavu', 'adavu-long-term', '2026-01-05', '2026-06-30', 'CLOSED')`,
        [episode, subjectId],
      );
      await ngo.query(
        `INSERT INTO consent_records (id, episode_id, recipients, recorded_on, scope) VALUES ($1, $2, $3, '2026-11-01', $4)`,
        [consent, episode, ['hope-at-home'], 'Name, to refer them to hosting'],
      );
    }
    const answers = await Promise.all(
      people.map((subjectId) => refer({ serviceId: 'hope-at-home-hosting', subjectId, sharedFields: ['name'] }, ADAVU)),
    );
    const held = answers.filter((a) => a.body.data?.referToService?.status === 'PENDING');
    const refused = answers.filter((a) => a.body.errors);
    expect(held).toHaveLength(3);
    expect(refused).toHaveLength(people.length - 3);
    for (const a of refused) {
      expect(a.body.errors![0]!.extensions!.code).toBe('CONFLICT');
      expect(a.body.errors![0]!.message).toMatch(/no place available/);
    }
    expect(await places('hope-at-home-hosting')).toBe(0);
    // Every attempt is in the log: the three disclosures, and each refusal with nothing disclosed.
    const logAfter = await logged(`requester_org = 'hope-at-home'`, []);
    expect(logAfter.length - logBefore.length).toBe(people.length);
    expect(disclosedIn(logAfter) - disclosedIn(logBefore)).toBe(3);
    for (const a of held) expect(logAfter.map((r) => r.requester_id)).toContain(a.body.data.referToService.id);

    // The same request sent five times at once, and again later: one referral, one place.
    await setCapacity('hope-at-home-hosting', 10, 10, provider('hopeathome.caseworker'));
    expect(await places('hope-at-home-hosting')).toBe(7);
    const input = {
      serviceId: 'hope-at-home-hosting',
      subjectId: 'SUBJ-000003',
      sharedFields: ['name'],
      idempotencyKey: `retry-${Date.now()}`,
    };
    const twins = await Promise.all(Array.from({ length: 5 }, () => refer(input)));
    const ids = new Set(twins.map((t) => t.body.data?.referToService?.id));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(REFERRAL_ID);
    expect((await refer(input)).body.data.referToService.id).toBe([...ids][0]);
    expect(await places('hope-at-home-hosting')).toBe(6);
    expect((await logged('requester_id = $1', [[...ids][0]])).length).toBe(1);
  });

  it('capacity set below the places held: said in words, one figure of available places everywhere, the first accepted takes a place', async () => {
    const pending = (await box('INBOX', provider('hopeathome.caseworker'))).filter((r: any) => r.status === 'PENDING');
    expect(pending.length).toBeGreaterThanOrEqual(2);
    const { body } = await setCapacity('hope-at-home-hosting', 10, 1, provider('hopeathome.caseworker'));
    expect(body.data.updateServiceCapacity).toMatchObject({ free: 1, held: pending.length, available: 0, overHeld: pending.length - 1 });
    expect(body.data.updateServiceCapacity.message).toMatch(
      new RegExp(`${pending.length} places are held for pending referrals: ${pending.length - 1} more than are free`),
    );
    // The care pathway and the directory's own capacity field give the one figure.
    const directory = await hub.query(
      `{ hope: supportService(id: "hope-at-home-hosting") { capacity { available } } centre: supportService(id: "bcc-reception-centre") { capacity { available } receptionCentre { bedsAvailable } } }`,
      {},
      { as: 'la.safeguarding', purpose: 'SERVICE_MAPPING', caseRef: null },
    );
    expect(directory.body.data.hope.capacity.available).toBe(0);
    expect(await places('hope-at-home-hosting')).toBe(0);
    // A service the council runs has its places in the council's beds only: no second, stale figure.
    expect(directory.body.data.centre.capacity).toBeNull();
    expect(await places('bcc-reception-centre', MAN)).toBe(directory.body.data.centre.receptionCentre.bedsAvailable);
    // The first referral accepted takes the one free place; the next is told why it cannot be.
    expect((await decide(pending[0].id, true, provider('hopeathome.caseworker'))).body.data.decideReferral.status).toBe('ACCEPTED');
    const second = await decide(pending[1].id, true, provider('hopeathome.caseworker'));
    expect(second.body.errors![0]!.extensions!.code).toBe('CONFLICT');
    expect(second.body.errors![0]!.message).toMatch(/places were set below those held/);
    await setCapacity('hope-at-home-hosting', 10, 10, provider('hopeathome.caseworker'));
  });

  it('an unanswered hold expires and releases the place (test clock)', async () => {
    await setCapacity('salvation-army-connect-birmingham', 1, 1, provider('salvationarmy.caseworker'));
    // Referred 73 hours ago, by the hub's clock: the 72-hour hold has ended.
    offset = -73 * HOUR;
    const old = (await refer({ serviceId: 'salvation-army-connect-birmingham', subjectId: 'SUBJ-000003', sharedFields: ['name'] })).body
      .data.referToService;
    offset = 0;
    expect((await box('SENT', REFUGE)).find((r: any) => r.id === old.id).status).toBe('EXPIRED');
    expect(await places('salvation-army-connect-birmingham')).toBe(1);
    // The place is free for another referral; the expired one can no longer be accepted.
    const next = (await refer({ serviceId: 'salvation-army-connect-birmingham', subjectId: 'SUBJ-000003', sharedFields: ['name'] })).body
      .data.referToService;
    expect(next.status).toBe('PENDING');
    expect(await places('salvation-army-connect-birmingham')).toBe(0);
    // The expired one's values are no longer shown to the provider; the pending one's are.
    const inbox = await box('INBOX', provider('salvationarmy.caseworker'));
    expect(inbox.find((r: any) => r.id === old.id).sharedValues).toBeNull();
    expect(inbox.find((r: any) => r.id === next.id).sharedValues).not.toBeNull();
    expect((await decide(old.id, true, provider('salvationarmy.caseworker'))).body.errors![0]!.extensions!.code).toBe('CONFLICT');
    expect((await decide(next.id, true, provider('salvationarmy.caseworker'))).body.data.decideReferral.status).toBe('ACCEPTED');
    expect(await places('salvation-army-connect-birmingham')).toBe(0);
  });

  it('refers only for SAFEGUARDING_REFERRAL, the purpose the disclosure is made and logged for', async () => {
    const before = await places('bcc-reception-centre');
    const { body } = await refer(
      { serviceId: 'bcc-reception-centre', subjectId: 'SUBJ-000001', sharedFields: ['name'] },
      { as: 'police.investigator', purpose: 'COORDINATED_RESPONSE', caseRef: CASE },
    );
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'W5-refer-to-service' });
    expect(await places('bcc-reception-centre')).toBe(before);
  });

  it('only the provider staff who answer referrals see its inbox', async () => {
    const { body } = await hub.query(
      '{ referrals(box: INBOX) { edges { node { id } } } }',
      {},
      { as: 'la.housing', purpose: 'IDENTIFY_VICTIMS', caseRef: CASE },
    );
    expect(body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    // Nor under a purpose W6 does not list, nor with none; what one referred, only under W5's
    // (red team, 2 December: the lists were read under any purpose).
    for (const purpose of ['STATISTICS', null] as const) {
      const inbox = await hub.query('{ referrals(box: INBOX) { edges { node { id } } } }', {}, { ...provider('la.safeguarding'), purpose });
      expect(inbox.body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', rule: expect.any(String) });
      expect(inbox.body.errors![0]!.message).toMatch(/read by whoever may call Mutation\.decideReferral/);
      const sent = await hub.query('{ referrals(box: SENT) { edges { node { id } } } }', {}, { ...REFUGE, purpose });
      expect(sent.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    }
    expect(await box('SENT', REFUGE)).not.toHaveLength(0);
    expect(await box('INBOX', provider('la.safeguarding'))).toEqual(
      expect.arrayContaining([expect.objectContaining({ service: expect.objectContaining({ id: 'bcc-reception-centre' }) })]),
    );
  });

  it('a cursor naming a referral the list does not show ends it: it says nothing of that referral (red team, 30 Nov)', async () => {
    const page = async (user: AsUser, after: string) =>
      (
        await hub.query(
          `query($after: String) { referrals(box: INBOX, first: 100, after: $after) { edges { node { id } } } }`,
          { after },
          user,
        )
      ).body.data.referrals.edges.map((e: { node: { id: string } }) => e.node.id) as string[];
    const council = (await box('INBOX', provider('la.safeguarding'))).map((r: { id: string }) => r.id) as string[];
    const hope = (await box('INBOX', provider('hopeathome.caseworker'))).map((r: { id: string }) => r.id) as string[];
    expect(council.length).toBeGreaterThan(0);
    expect(hope.length).toBeGreaterThan(0);
    // Its own cursor pages on; another provider's referral, or none, ends the list.
    expect(await page(provider('la.safeguarding'), council[0]!)).toEqual(council.slice(1));
    expect(await page(provider('la.safeguarding'), hope[0]!)).toEqual([]);
    expect(await page(provider('la.safeguarding'), 'REF-2026-0000000000')).toEqual([]);
  });

  it('the log cannot take the disclosure: the held place is released, nothing is referred', async () => {
    const before = await places('sophie-hayes-day-46');
    // The log's database refuses this case's records (a stand-in for a log that is down).
    const LOG_DOWN: AsUser = { ...REFUGE, caseRef: 'BCC/MSHT/2026/LOG-DOWN' };
    await hub.store.dataSource.query(
      `ALTER TABLE disclosure_records ADD CONSTRAINT refuse_day46 CHECK (case_ref IS DISTINCT FROM 'BCC/MSHT/2026/LOG-DOWN')`,
    );
    try {
      const { body } = await refer({ serviceId: 'sophie-hayes-day-46', subjectId: 'SUBJ-000003', sharedFields: ['name'] }, LOG_DOWN);
      expect(body.errors![0]!.extensions!.code).toBe('AUDIT_UNAVAILABLE');
      expect(await places('sophie-hayes-day-46')).toBe(before);
      expect((await box('SENT', REFUGE)).filter((r: any) => r.service.id === 'sophie-hayes-day-46' && r.status === 'PENDING')).toEqual([]);
      expect(await logged('case_ref = $1', ['BCC/MSHT/2026/LOG-DOWN'])).toEqual([]);
    } finally {
      await hub.store.dataSource.query('ALTER TABLE disclosure_records DROP CONSTRAINT refuse_day46');
    }
    const again = await refer({ serviceId: 'sophie-hayes-day-46', subjectId: 'SUBJ-000003', sharedFields: ['name'] });
    expect(again.body.data.referToService.status).toBe('PENDING');
    expect(await places('sophie-hayes-day-46')).toBe(before! - 1);
  });

  it('the partner that runs the service is down: the referral fails cleanly, nothing held, the attempt logged with nothing disclosed', async () => {
    const before = (await logged(`requester_org = 'birmingham-city-council'`, [])).length;
    const sent = (await box('SENT', ADAVU)).length;
    await hub.subgraphs['local-authority'].stop();
    const { body } = await refer({ serviceId: 'bcc-reception-centre', subjectId: 'SUBJ-000001', sharedFields: ['name'] }, ADAVU);
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'local-authority' });
    expect(body.data?.referToService ?? null).toBeNull();
    const after = await logged(`requester_org = 'birmingham-city-council'`, []);
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)).toMatchObject({ fields_disclosed: [], rule_ids: [] });
    expect((await box('SENT', ADAVU)).length).toBe(sent);
  });
});
