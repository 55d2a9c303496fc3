import {
  cellKey,
  controlCount,
  COUNCIL_ORG,
  MAX_PERTURBATION,
  NATIONALITY_GROUPS,
  POLICE_ORG,
  recordKey,
  type ControlledCount,
} from '@hub/shared';
import { startTestHub, type AsUser, type TestHub } from '../helpers/test-hub';

const COUNTS = '{ label count suppressed rounded }';
/** A whole year of the demo data that has ended (the demo's referrals run from mid-2024 to October 2026). */
const YEAR = '2025';
const SECTIONS = `{
  police { nrmReferrals ${COUNTS} nrmReferralsByExploitationType ${COUNTS} nrmReferralsByNationality ${COUNTS} nrmReasonableGrounds ${COUNTS} ordersMade ${COUNTS} }
  localAuthority { section47Enquiries ${COUNTS} adultSocialCareByNeed ${COUNTS} hmosInspected ${COUNTS} }
  health { attendancesWithIndicators ${COUNTS} exploitationIndicators ${COUNTS} safeguardingFlagsRaised ${COUNTS} }
  support { episodesStarted ${COUNTS} episodesByProvider ${COUNTS} episodesByServiceType ${COUNTS} }
}`;
const allStats = (period: string) => `{ stats(period: "${period}") ${SECTIONS} }`;

type Section = Record<string, ControlledCount | ControlledCount[]>;
const asStatistician = (as: string): AsUser => ({ as, purpose: 'STATISTICS', caseRef: null });
const countsOf = (section: Section) => Object.values(section).flat();

/** Rule 9 end to end: what each partner sees of its own counts and of everyone else's. */
describe('statistics under disclosure control (rule 9)', () => {
  let hub: TestHub;
  let asPolice: Record<string, Section>;
  let asCouncil: Record<string, Section>;
  beforeAll(async () => {
    hub = await startTestHub({ scale: 300 });
    const police = await hub.query(allStats(YEAR), {}, asStatistician('police.analyst'));
    const council = await hub.query(allStats(YEAR), {}, asStatistician('la.safeguarding'));
    expect(police.body.errors).toBeUndefined();
    expect(council.body.errors).toBeUndefined();
    asPolice = police.body.data.stats;
    asCouncil = council.body.data.stats;
  });
  afterAll(() => hub?.stop());

  it('gives the owner its exact counts, matching its own database', async () => {
    const [{ count }] = await hub.subgraphs.police.dataSource.query(
      `SELECT count(*)::int AS count FROM nrm_referrals WHERE referred_on >= '2025-01-01' AND referred_on < '2026-01-01'`,
    );
    expect(asPolice.police!.nrmReferrals).toEqual({ label: 'NRM referrals', count, suppressed: false, rounded: false });
    for (const section of ['police'] as const) expect(countsOf(asPolice[section]!).every((c) => !c.suppressed && !c.rounded)).toBe(true);
    for (const section of ['localAuthority'] as const)
      expect(countsOf(asCouncil[section]!).every((c) => !c.suppressed && !c.rounded)).toBe(true);
  });

  it('gives every other partner the same groups, each suppressed (0–7) or perturbed and rounded to 5', () => {
    const pairs: [Section, Section][] = [
      [asPolice.police!, asCouncil.police!],
      [asCouncil.localAuthority!, asPolice.localAuthority!],
    ];
    for (const [exact, controlled] of pairs) {
      for (const [field, value] of Object.entries(exact)) {
        const owners = [value].flat();
        const shown = [controlled[field]].flat();
        expect(shown.map((c) => c!.label)).toEqual(owners.map((c) => c!.label));
        owners.forEach(({ label, count: raw }, i) => {
          const c = shown[i]!;
          if (raw! <= 7 || c.suppressed) {
            expect(c).toEqual({ label, count: null, suppressed: true, rounded: false });
            expect(raw).toBeLessThanOrEqual(7 + MAX_PERTURBATION); // only a perturbation below 8 suppresses 8–10
          } else {
            expect(c).toEqual({ label, count: expect.any(Number), suppressed: false, rounded: true });
            expect(c.count! % 5).toBe(0);
            expect(Math.abs(c.count! - raw!)).toBeLessThanOrEqual(MAX_PERTURBATION + 2);
          }
        });
      }
    }
    const shared = [
      ...countsOf(asCouncil.police!),
      ...countsOf(asPolice.localAuthority!),
      ...countsOf(asPolice.health!),
      ...countsOf(asPolice.support!),
    ];
    expect(shared.some((c) => c.suppressed)).toBe(true); // the demo data has small groups
    expect(shared.some((c) => c.rounded)).toBe(true);
    for (const c of shared) expect(c.count === null ? c.suppressed : c.count % 5 === 0).toBe(true);
  });

  it("perturbs a count by the cell key of exactly the records counted, from the owner's secret (the SQL agrees with HMAC-SHA256)", async () => {
    const police = hub.subgraphs.police.dataSource;
    const [{ secret }] = await police.query('SELECT secret FROM statistics_secret WHERE id = 1');
    expect(secret).toHaveLength(32);
    const rows: { id: number; decision: string }[] = await police.query(
      `SELECT id, reasonable_grounds AS decision FROM nrm_referrals WHERE referred_on >= '2025-01-01' AND referred_on < '2026-01-01'`,
    );
    const expected = (label: string, ids: number[]) =>
      controlCount(label, ids.length, cellKey(ids.map((id) => recordKey(secret, `nrm_referrals:${id}`))), [POLICE_ORG], COUNCIL_ORG);
    expect(asCouncil.police!.nrmReferrals).toEqual(
      expected(
        'NRM referrals',
        rows.map((r) => r.id),
      ),
    );
    expect(asCouncil.police!.nrmReasonableGrounds).toEqual(
      ['NEGATIVE', 'PENDING', 'POSITIVE'].map((d) =>
        expected(
          d,
          rows.filter((r) => r.decision === d).map((r) => r.id),
        ),
      ),
    );
    // Each partner's database made its own secret.
    const secrets = await Promise.all(
      Object.values(hub.subgraphs).map(async (s) =>
        (await s.dataSource.query('SELECT secret FROM statistics_secret'))[0].secret.toString('hex'),
      ),
    );
    expect(new Set(secrets).size).toBe(4);
  });

  it('keeps a charity exact on its own episodes only, and controls a count across charities', async () => {
    const { body } = await hub.query(
      `{ stats(period: "${YEAR}") { support { episodesByProvider ${COUNTS} episodesStarted ${COUNTS} } } }`,
      {},
      asStatistician('ngo.representative'),
    );
    const byProvider: ControlledCount[] = body.data.stats.support.episodesByProvider;
    const adavu = byProvider.find((c) => c.label === 'The Adavu Project');
    expect(adavu).toMatchObject({ suppressed: false, rounded: false });
    expect(byProvider.filter((c) => c !== adavu).every((c) => c.suppressed || c.rounded || c.count === 0)).toBe(true);
    expect(body.data.stats.support.episodesStarted.rounded || body.data.stats.support.episodesStarted.suppressed).toBe(true);
  });

  it('lists every group of every statistic whatever the period holds, an empty group looking like a small one', async () => {
    // The demo's referrals and orders start in May 2024: January 2024 has none.
    const [{ body: council }, { body: police }] = await Promise.all([
      hub.query(allStats('2024-01'), {}, asStatistician('la.safeguarding')),
      hub.query(allStats('2024-01'), {}, asStatistician('police.analyst')),
    ]);
    expect(council.errors).toBeUndefined();
    const labels = (section: Section) => Object.values(section).map((v) => [v].flat().map((c) => c.label));
    for (const [name, section] of Object.entries(council.data.stats as Record<string, Section>)) {
      expect(labels(section)).toEqual(labels(asCouncil[name]!));
    }
    const nationalities = (asCouncil.police!.nrmReferralsByNationality as ControlledCount[]).map((c) => c.label);
    expect(nationalities).toEqual(expect.arrayContaining([...NATIONALITY_GROUPS, 'Not recorded', 'Other']));
    expect(nationalities).toHaveLength(NATIONALITY_GROUPS.length + 2);
    expect((asCouncil.police!.nrmReasonableGrounds as ControlledCount[]).map((c) => c.label)).toEqual(['NEGATIVE', 'PENDING', 'POSITIVE']);
    for (const c of countsOf(council.data.stats.police))
      expect(c).toEqual({ label: c.label, count: null, suppressed: true, rounded: false });
    for (const c of countsOf(police.data.stats.police)) expect(c).toEqual({ label: c.label, count: 0, suppressed: false, rounded: false });
    // In a year with referrals, the small groups read exactly like the empty ones.
    const small = countsOf(asCouncil.police!).filter((c) => c.suppressed);
    expect(small.length).toBeGreaterThan(0);
    for (const c of small) expect(c).toEqual({ label: c.label, count: null, suppressed: true, rounded: false });
  });

  it('orders groups by label, never by count (an order by size would rank the suppressed)', () => {
    const lists = [...Object.values(asCouncil), ...Object.values(asPolice)]
      .flatMap((section) => Object.values(section!))
      .filter(Array.isArray);
    expect(lists).toHaveLength(2 * 10);
    for (const list of lists as ControlledCount[][]) {
      const labels = list.map((c) => c.label);
      expect(labels).toEqual([...labels].sort());
    }
  });

  it('counts only the period asked for', async () => {
    const { body } = await hub.query(
      `{ stats(period: "2025-Q2") { police { nrmReferrals ${COUNTS} } } }`,
      {},
      asStatistician('police.analyst'),
    );
    const [{ count }] = await hub.subgraphs.police.dataSource.query(
      `SELECT count(*)::int AS count FROM nrm_referrals WHERE referred_on >= '2025-04-01' AND referred_on < '2025-07-01'`,
    );
    expect(body.data.stats.police.nrmReferrals.count).toBe(count);
    expect(count).toBeLessThan((asPolice.police!.nrmReferrals as ControlledCount).count!);
  });

  it.each([
    ['hub.auditor', 'STATISTICS', 'no-matching-rule'], // the audit panel holds no partner data: no R9 rule names it
    ['police.unapproved', 'STATISTICS', 'ISA-6.4-approval'],
    ['ngo.caseworker', 'STATISTICS', 'ISA-6.4-approved-purposes'],
    ['la.safeguarding', 'IDENTIFY_VICTIMS', 'R9-police-statistics'],
  ] as const)('withholds statistics from %s for %s (%s)', async (as, purpose, rule) => {
    const { body } = await hub.query(
      `{ stats(period: "${YEAR}") { police { nrmReferrals ${COUNTS} } } }`,
      {},
      { as, purpose, caseRef: null },
    );
    expect(body.data.stats.police).toBeNull();
    expect(body.errors).toEqual([
      expect.objectContaining({ path: ['stats', 'police'], extensions: expect.objectContaining({ code: 'FORBIDDEN', rule }) }),
    ]);
  });

  it.each([
    ['2026-13', /is not a reporting period: give a calendar year \(2026\), a quarter \(2026-Q2\) or a month \(2026-05\)/],
    ['2026-08-19', /is not a reporting period/], // a one-day window
    ['2026-08-01/2026-09-01', /is not a reporting period/], // an interval, even a whole month's
    ['2099', /has not ended yet/],
  ])('refuses the period %j with a clear error', async (period, message) => {
    const { body } = await hub.query(
      `{ stats(period: ${JSON.stringify(period)}) { police { nrmReferrals ${COUNTS} } } }`,
      {},
      asStatistician('police.analyst'),
    );
    expect(body.data).toBeNull();
    expect(body.errors).toEqual([
      expect.objectContaining({ message: expect.stringMatching(message), extensions: { code: 'BAD_USER_INPUT' } }),
    ]);
  });

  it('refuses a period that has not ended once, clearly, when several partners are asked', async () => {
    const { body } = await hub.query(
      `{ stats(period: "2099-Q1") { police { nrmReferrals ${COUNTS} } health { attendancesWithIndicators ${COUNTS} } } }`,
      {},
      asStatistician('la.safeguarding'),
    );
    expect(body.data).toBeNull();
    expect(body.errors).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/2099-Q1 has not ended yet/), extensions: { code: 'BAD_USER_INPUT' } }),
    ]);
  });

  it('refuses the old open-ended arguments', async () => {
    const { body } = await hub.query(
      `{ stats(from: "2026-08-19", to: "2026-08-20") { police { nrmReferrals ${COUNTS} } } }`,
      {},
      asStatistician('police.analyst'),
    );
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('logs who received which statistics, with the rule, and no subject', async () => {
    const { body } = await hub.query(
      `{ stats(period: "${YEAR}") { health { attendancesWithIndicators ${COUNTS} } } }`,
      {},
      asStatistician('la.safeguarding'),
    );
    const requestId = body.extensions!.requestId as string;
    const { rows } = await hub.audit!.pool.query(
      'SELECT owner, subject_id, rule_ids, fields_disclosed, purpose FROM disclosure_records WHERE request_id = $1',
      [requestId],
    );
    expect(rows).toEqual([
      {
        owner: 'nhs',
        subject_id: null,
        rule_ids: ['R9-nhs-statistics'],
        fields_disclosed: expect.arrayContaining(['Statistics.health', 'StatCount.count']),
        purpose: 'STATISTICS',
      },
    ]);
  });
});
