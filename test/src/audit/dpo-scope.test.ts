import { startTestHub, type AsUser, type TestHub } from '../helpers/test-hub';

/**
 * A data protection officer's remit is their own organisation's data (docs/disclosure-log.md):
 * the ngo partner holds several charities' support episodes, each charity its own data
 * controller, so the log records each episode's fields under its charity and a charity's DPO
 * reads only those. Real services, real PostgreSQL, real tokens.
 */

const SUBJECT = 'SUBJ-000001';
const AUDITOR: AsUser = { as: 'hub.auditor', purpose: 'AUDIT', caseRef: null };
const dpo = (id: string): AsUser => ({ as: id, purpose: 'AUDIT', caseRef: null });

interface LoggedRow {
  owner: string;
  controller_org: string | null;
  fields_disclosed: string[];
  withheld_json: string;
}

interface RecordNode {
  owner: string;
  controllerOrg: string | null;
  subjectId: string | null;
  requestId: string;
  fieldsDisclosed: string[];
  fieldsWithheld: { field: string }[];
}

describe("a data protection officer reads the log records of their own organisation's data", () => {
  let hub: TestHub;
  /** The request that showed SUBJ-000001's Adavu and Hope at Home episodes to the council. */
  let shownRequest: string;
  /** A request whose ngo field was withheld before any episode was read: no controller. */
  let uncontrolledRequest: string;

  const logged = async (requestId: string): Promise<LoggedRow[]> =>
    hub.store.dataSource.query(
      `SELECT owner, controller_org, fields_disclosed, withheld_json FROM disclosure_records WHERE request_id = $1 ORDER BY owner, controller_org`,
      [requestId],
    );

  const records = async (user: AsUser, filter: Record<string, unknown> = {}): Promise<RecordNode[]> => {
    const { body } = await hub.query(
      `query($filter: DisclosureFilter) { disclosures(filter: $filter, first: 100) {
         edges { node { owner controllerOrg subjectId requestId fieldsDisclosed fieldsWithheld { field } } } } }`,
      { filter },
      user,
    );
    expect(body.errors).toBeUndefined();
    return body.data.disclosures.edges.map((e: { node: RecordNode }) => e.node);
  };

  beforeAll(async () => {
    hub = await startTestHub({ scale: 30 });
    // SUBJ-000001 is supported by Adavu (consent names the council). Give him a closed Hope at
    // Home episode whose consent also names the council, and a Refuge episode without consent.
    const ngo = hub.subgraphs.ngo.dataSource;
    const [{ episode, consent }] = await ngo.query(
      `SELECT (SELECT coalesce(max(id), 0) FROM support_episodes) AS episode, (SELECT coalesce(max(id), 0) FROM consent_records) AS consent`,
    );
    await ngo.query(
      `INSERT INTO support_episodes (id, subject_id, provider_org, service_id, started_on, ended_on, status) VALUES
         ($1, $3, 'hope-at-home', 'hope-at-home-hosting', '2026-01-05', '2026-03-30', 'CLOSED'),
         ($2, $3, 'refuge', 'refuge-modern-slavery', '2026-02-01', NULL, 'WAITING')`,
      [episode + 1, episode + 2, SUBJECT],
    );
    await ngo.query(
      `INSERT INTO consent_records (id, episode_id, recipients, recorded_on, scope) VALUES ($1, $2, $3, '2026-01-05', 'Hosting history, for safeguarding')`,
      [consent + 1, episode + 1, ['birmingham-city-council']],
    );

    // The council's safeguarding lead reads his support (not asking who provides it), his police names and his attendances.
    const shown = await hub.query(
      `{ person(id: "${SUBJECT}") { support { status endedOn } police { names { fullName } } health { attendances { site } } } }`,
    );
    expect(shown.body.errors).toBeUndefined();
    shownRequest = shown.body.extensions!.requestId as string;
    expect(shown.body.data.person.support).toHaveLength(2);
    // The provider was fetched for the log, never shown.
    expect(JSON.stringify(shown.body)).not.toMatch(/__hub_|providerOrg|hope-at-home|adavu/);

    // A police analyst may not see support at all: withheld before any episode is read.
    const refused = await hub.query(`{ person(id: "${SUBJECT}") { support { status } } }`, {}, { as: 'police.analyst' });
    expect(refused.body.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    uncontrolledRequest = refused.body.extensions!.requestId as string;
  });
  afterAll(() => hub?.stop());

  it('records one record per charity, each with only the fields its own episodes carried', async () => {
    const rows = await logged(shownRequest);
    expect(rows.map((r) => [r.owner, r.controller_org])).toEqual([
      ['ngo', 'adavu'],
      ['ngo', 'hope-at-home'],
      ['ngo', 'refuge'],
      ['nhs', 'birmingham-solihull-nhs'],
      ['police', 'west-midlands-police'],
    ]);
    const [adavu, hopeAtHome, refuge] = rows;
    // Adavu's episode is active: no end date. Hope at Home's is closed and has one.
    expect(adavu!.fields_disclosed).toEqual(['Person.support', 'SupportEpisode.status']);
    expect(hopeAtHome!.fields_disclosed).toEqual(['Person.support', 'SupportEpisode.endedOn', 'SupportEpisode.status']);
    // Refuge's episode was withheld on its record (no consent): Refuge's record says so, and no other's does.
    expect(refuge!.fields_disclosed).toEqual([]);
    expect(JSON.parse(refuge!.withheld_json)).toEqual([expect.objectContaining({ field: 'Person.support' })]);
    expect(JSON.parse(adavu!.withheld_json)).toEqual([]);
    expect(JSON.parse(hopeAtHome!.withheld_json)).toEqual([]);
  });

  it('records an ngo field whose controller could not be established with none', async () => {
    const rows = await logged(uncontrolledRequest);
    expect(rows).toEqual([expect.objectContaining({ owner: 'ngo', controller_org: null, fields_disclosed: [] })]);
  });

  it("shows Adavu's DPO only Adavu's records, never another charity's or one without a controller, whatever the filter", async () => {
    for (const filter of [{}, { controllerOrg: 'hope-at-home' }, { owner: 'ngo' }]) {
      const seen = await records(dpo('ngo.dpo'), filter);
      expect(seen.length).toBeGreaterThan(0);
      expect(new Set(seen.map((r) => r.controllerOrg))).toEqual(new Set(['adavu']));
      expect(seen.some((r) => r.requestId === uncontrolledRequest)).toBe(false);
    }
    const ofThatRequest = (await records(dpo('ngo.dpo'), { subjectId: SUBJECT })).filter((r) => r.requestId === shownRequest);
    expect(ofThatRequest).toEqual([
      expect.objectContaining({ owner: 'ngo', controllerOrg: 'adavu', fieldsDisclosed: ['Person.support', 'SupportEpisode.status'] }),
    ]);
  });

  it("shows each other charity's DPO its own records only", async () => {
    const hope = await records(dpo('hopeathome.dpo'));
    expect(new Set(hope.map((r) => r.controllerOrg))).toEqual(new Set(['hope-at-home']));
    expect(hope.find((r) => r.requestId === shownRequest)?.fieldsDisclosed).toContain('SupportEpisode.endedOn');
    const refuge = await records(dpo('refuge.dpo'));
    expect(refuge.filter((r) => r.requestId === shownRequest)).toEqual([
      expect.objectContaining({ controllerOrg: 'refuge', fieldsDisclosed: [], fieldsWithheld: [{ field: 'Person.support' }] }),
    ]);
    expect(await records(dpo('salvationarmy.dpo'))).toEqual([]);
  });

  it('leaves the police, council and NHS DPOs their own organisation’s records, and the auditors everything', async () => {
    const police = await records(dpo('police.dpo'));
    expect(police.length).toBeGreaterThan(0);
    expect(new Set(police.map((r) => `${r.owner} ${r.controllerOrg}`))).toEqual(new Set(['police west-midlands-police']));
    const nhs = await records(dpo('nhs.dpo'));
    expect(nhs.length).toBeGreaterThan(0);
    expect(new Set(nhs.map((r) => `${r.owner} ${r.controllerOrg}`))).toEqual(new Set(['nhs birmingham-solihull-nhs']));
    // The council's data was not disclosed here: its DPO sees nothing, and nothing of the others'.
    expect(await records(dpo('la.dpo'))).toEqual([]);
    const all = await records(AUDITOR);
    expect(new Set(all.map((r) => r.controllerOrg))).toEqual(
      new Set(['adavu', 'hope-at-home', 'refuge', 'birmingham-solihull-nhs', 'west-midlands-police', null]),
    );
    expect(all.some((r) => r.requestId === uncontrolledRequest && r.controllerOrg === null)).toBe(true);
  });

  it('scopes recipientsOf and the anomalies to the DPO’s organisation, and records the scope applied', async () => {
    const recipients = async (user: AsUser) =>
      (await hub.query(`{ recipientsOf(subjectId: "${SUBJECT}", field: "Person.support") { userId } }`, {}, user)).body.data.recipientsOf;
    expect(await recipients(dpo('ngo.dpo'))).toEqual([{ userId: 'la.safeguarding' }]);
    expect(await recipients(dpo('hopeathome.dpo'))).toEqual([{ userId: 'la.safeguarding' }]);
    expect(await recipients(dpo('salvationarmy.dpo'))).toEqual([]);
    expect(await recipients(AUDITOR)).toEqual([{ userId: 'la.safeguarding' }]);

    const anomalies = await hub.query(`{ disclosureAnomalies { kind } }`, {}, dpo('barnardos.dpo'));
    expect(anomalies.body.errors).toBeUndefined();
    const reads = await hub.query(`{ logReads(first: 20) { readerId query arguments } }`, {}, AUDITOR);
    const byReader = (readerId: string, query: string) =>
      reads.body.data.logReads.find((r: { readerId: string; query: string }) => r.readerId === readerId && r.query === query);
    expect(JSON.parse(byReader('salvationarmy.dpo', 'recipientsOf').arguments)).toMatchObject({ controllerOrg: 'salvation-army' });
    expect(JSON.parse(byReader('barnardos.dpo', 'disclosureAnomalies').arguments)).toEqual({ controllerOrg: 'barnardos' });
  });

  it('keeps subject access, the reads of the log and verification for the audit panel', async () => {
    for (const query of [
      `{ subjectAccessExport(subjectId: "${SUBJECT}") { ref } }`,
      `{ logReads { id } }`,
      `{ verifyDisclosureLog { ok } }`,
    ]) {
      const { body } = await hub.query(query, {}, dpo('hopeathome.dpo'));
      expect(body.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    }
  });

  it('verifies the log with the controllers, and finds a controller changed', async () => {
    const verify = async () => (await hub.query(`{ verifyDisclosureLog { ok firstProblem } }`, {}, AUDITOR)).body.data.verifyDisclosureLog;
    expect(await verify()).toMatchObject({ ok: true, firstProblem: null });
    const at = `WHERE request_id = $1 AND controller_org = $2`;
    await hub.store.dataSource.query(`UPDATE disclosure_records SET controller_org = 'adavu' ${at}`, [shownRequest, 'hope-at-home']);
    try {
      expect((await verify()).firstProblem).toMatch(/^modified at writer /);
    } finally {
      await hub.store.dataSource.query(
        `UPDATE disclosure_records SET controller_org = 'hope-at-home' WHERE request_id = $1 AND controller_org = 'adavu' AND 'SupportEpisode.endedOn' = ANY(fields_disclosed)`,
        [shownRequest],
      );
    }
    expect(await verify()).toMatchObject({ ok: true, firstProblem: null });
  });
});
