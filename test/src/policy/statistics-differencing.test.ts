import { MAX_PERTURBATION, type ControlledCount } from '@hub/shared';
import { startTestHub, type AsUser, type TestHub } from '../helpers/test-hub';

/**
 * The differencing attacks that defeated rule 9's first implementation, replayed against the
 * amended one (docs/statistics.md). The attacker is a council user asking for the force's
 * counts with purpose STATISTICS; the demo data is the statistics suite's (scale 300), whose
 * fixed subject SUBJ-000003, a Romanian woman referred for sexual exploitation on
 * 2026-08-19 with a positive reasonable grounds decision, was singled out by one-day windows.
 *
 * The attacker knows the method, the perturbation table's bound (±3) and the rounding, and
 * combines every published figure by interval reasoning: a suppressed count is 0–10, a shown
 * count c is max(8, c − 5) … c + 5, a year is the sum of its quarters and a quarter of its
 * months, a total is the sum of its nationalities and of its decisions, and no exploitation
 * type exceeds the total. Bounds are tightened until nothing changes.
 */
const COUNTS = '{ label count suppressed rounded }';
const POLICE = `police { nrmReferrals ${COUNTS} nrmReferralsByNationality ${COUNTS} nrmReasonableGrounds ${COUNTS} nrmReferralsByExploitationType ${COUNTS} }`;
const STATS = ['nrmReferrals', 'nrmReferralsByNationality', 'nrmReasonableGrounds', 'nrmReferralsByExploitationType'] as const;
type Stat = (typeof STATS)[number];
const PARTITIONS: Stat[] = ['nrmReferralsByNationality', 'nrmReasonableGrounds']; // each referral in exactly one group
const ATTACKER: AsUser = { as: 'la.safeguarding', purpose: 'STATISTICS', caseRef: null };
const OWNER: AsUser = { as: 'police.analyst', purpose: 'STATISTICS', caseRef: null };

/** Every whole period of the demo data that has ended: its referrals run from May 2024 to October 2026. */
const YEARS: { year: number; months: number }[] = [
  { year: 2024, months: 12 },
  { year: 2025, months: 12 },
  { year: 2026, months: 10 }, // 2026 and its fourth quarter have not ended: refused
];
const month = (year: number, m: number) => `${year}-${String(m).padStart(2, '0')}`;
const quartersOf = ({ year, months }: (typeof YEARS)[number]) => [1, 2, 3, 4].filter((q) => q * 3 <= months).map((q) => `${year}-Q${q}`);
const monthsOf = ({ year, months }: (typeof YEARS)[number]) => Array.from({ length: months }, (_, i) => month(year, i + 1));
const PERIODS = YEARS.flatMap((y) => [...(y.months === 12 ? [String(y.year)] : []), ...quartersOf(y), ...monthsOf(y)]);

/** A cell: one group of one statistic for one period. */
const cell = (period: string, stat: Stat, label: string) => `${period}|${stat}|${label}`;
type Cells = Map<string, ControlledCount>;
interface Interval {
  lb: number;
  ub: number;
}

async function published(hub: TestHub, user: AsUser): Promise<Cells> {
  const cells: Cells = new Map();
  // Six periods a request, within the gateway's alias limit.
  for (let i = 0; i < PERIODS.length; i += 6) {
    const batch = PERIODS.slice(i, i + 6);
    const query = `{ ${batch.map((p) => `p${p.replace(/-/g, '_')}: stats(period: "${p}") { ${POLICE} }`).join(' ')} }`;
    const { body } = await hub.query(query, {}, user);
    expect(body.errors).toBeUndefined();
    for (const period of batch) {
      const police = body.data[`p${period.replace(/-/g, '_')}`].police as Record<Stat, ControlledCount | ControlledCount[]>;
      for (const stat of STATS) for (const c of [police[stat]].flat()) cells.set(cell(period, stat, c.label), c);
    }
  }
  return cells;
}

/** What the attacker can prove about each cell from everything published. */
function attack(shown: Cells, maxPerturbation = MAX_PERTURBATION): Map<string, Interval> {
  const known = new Map<string, Interval>([...shown.keys()].map((key) => [key, bounds(shown, key, maxPerturbation)]));
  const labels = (stat: Stat) => [...new Set([...shown.keys()].filter((k) => k.split('|')[1] === stat).map((k) => k.split('|')[2]!))];
  const sums: [string, string[]][] = [];
  const atMost: [string, string][] = [];
  for (const y of YEARS) {
    for (const stat of STATS) {
      for (const label of labels(stat)) {
        const quarters = quartersOf(y);
        if (y.months === 12) sums.push([cell(String(y.year), stat, label), quarters.map((q) => cell(q, stat, label))]);
        quarters.forEach((q, i) => sums.push([cell(q, stat, label), [1, 2, 3].map((m) => cell(month(y.year, i * 3 + m), stat, label))]));
      }
    }
  }
  for (const period of PERIODS) {
    for (const stat of PARTITIONS)
      sums.push([cell(period, 'nrmReferrals', 'NRM referrals'), labels(stat).map((l) => cell(period, stat, l))]);
    for (const label of labels('nrmReferralsByExploitationType')) {
      atMost.push([cell(period, 'nrmReferralsByExploitationType', label), cell(period, 'nrmReferrals', 'NRM referrals')]);
    }
  }
  for (let changed = true; changed;) {
    changed = false;
    const tighten = (key: string, lb: number, ub: number) => {
      const b = known.get(key)!;
      if (lb > b.lb) {
        b.lb = lb;
        changed = true;
      }
      if (ub < b.ub) {
        b.ub = ub;
        changed = true;
      }
    };
    for (const [whole, parts] of sums) {
      const w = known.get(whole)!;
      const lbs = parts.reduce((a, p) => a + known.get(p)!.lb, 0);
      const ubs = parts.reduce((a, p) => a + known.get(p)!.ub, 0);
      tighten(whole, lbs, ubs);
      for (const p of parts) {
        const b = known.get(p)!;
        tighten(p, w.lb - (ubs - b.ub), w.ub - (lbs - b.lb));
      }
    }
    for (const [part, whole] of atMost) tighten(part, 0, known.get(whole)!.ub);
  }
  return known;
}

describe('differencing attacks on the statistics (rule 9 as amended)', () => {
  let hub: TestHub;
  let shown: Cells;
  let truth: Cells;
  let proven: Map<string, Interval>;
  beforeAll(async () => {
    hub = await startTestHub({ scale: 300 });
    [shown, truth] = await Promise.all([published(hub, ATTACKER), published(hub, OWNER)]);
    proven = attack(shown);
  });
  afterAll(() => hub?.stop());

  const exact = (key: string) => truth.get(key)!.count!;

  it('leaves the attacker bounds that hold the truth (the model of the attacker is sound)', () => {
    expect(shown.size).toBe(truth.size);
    expect(shown.size).toBeGreaterThan(1000);
    for (const [key, { lb, ub }] of proven) if (exact(key) < lb || exact(key) > ub) throw new Error(`unsound bounds for ${key}`);
  });

  it('no longer locates the single referral of SUBJ-000003: one-day windows are refused, and her month shows nothing of her', async () => {
    const [referral] = await hub.subgraphs.police.dataSource.query(
      `SELECT r.referred_on::text AS day, n.nationality, r.exploitation_types AS types, r.reasonable_grounds AS decision
       FROM nrm_referrals r JOIN nominals n ON n.id = r.nominal_id WHERE n.subject_id = 'SUBJ-000003'`,
    );
    expect(referral).toEqual({ day: '2026-08-19', nationality: 'Romanian', types: ['SEXUAL'], decision: 'POSITIVE' });
    const { body } = await hub.query(`{ stats(period: "2026-08-19") { ${POLICE} } }`, {}, ATTACKER);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    // Her groups in August 2026, the smallest period that holds her referral, and a group
    // empty that month: they read the same, and nothing published proves hers is not empty.
    const hers = [cell('2026-08', 'nrmReferralsByNationality', 'Romanian'), cell('2026-08', 'nrmReferralsByExploitationType', 'SEXUAL')];
    const empty = cell('2026-08', 'nrmReferralsByNationality', 'Afghan');
    expect(exact(empty)).toBe(0);
    for (const key of [...hers, empty]) {
      expect(exact(key)).toBeLessThanOrEqual(7);
      expect(shown.get(key)).toEqual({ label: key.split('|')[2], count: null, suppressed: true, rounded: false });
      expect(proven.get(key)!.lb).toBe(0);
    }
  });

  it('cannot place a nationality suppressed in every period in any month: its months with referrals read as empty ones', () => {
    const nationalities = [
      ...new Set([...truth.keys()].filter((k) => k.includes('|nrmReferralsByNationality|')).map((k) => k.split('|')[2]!)),
    ];
    const rare = nationalities.filter((n) => {
      const cells = PERIODS.map((p) => cell(p, 'nrmReferralsByNationality', n));
      return cells.some((k) => exact(k) > 0) && cells.every((k) => shown.get(k)!.suppressed);
    });
    expect(rare).toEqual(expect.arrayContaining(['Sudanese', 'Eritrean'])); // 7 and 3 referrals over the whole data
    for (const nationality of rare) {
      const months = YEARS.flatMap(monthsOf).map((m) => cell(m, 'nrmReferralsByNationality', nationality));
      const withReferrals = months.filter((k) => exact(k) > 0);
      const without = months.filter((k) => exact(k) === 0);
      expect(withReferrals.length).toBeGreaterThan(0);
      expect(without.length).toBeGreaterThan(0);
      for (const k of months) expect({ shown: shown.get(k)!.suppressed, lb: proven.get(k)!.lb }).toEqual({ shown: true, lb: 0 });
    }
  });

  it('does not recover a count by subtracting: a year minus three quarters leaves the fourth uncertain, and no count is pinned', () => {
    for (const y of YEARS.filter((y) => y.months === 12)) {
      const quarters = quartersOf(y);
      const year = bounds(shown, cell(String(y.year), 'nrmReferrals', 'NRM referrals'));
      for (const q of quarters) {
        const others = quarters.filter((o) => o !== q).map((o) => bounds(shown, cell(o, 'nrmReferrals', 'NRM referrals')));
        const fromDifference = { lb: year.lb - others.reduce((a, o) => a + o.ub, 0), ub: year.ub - others.reduce((a, o) => a + o.lb, 0) };
        expect(fromDifference.ub - fromDifference.lb).toBeGreaterThanOrEqual(8);
        expect(exact(cell(q, 'nrmReferrals', 'NRM referrals'))).toBeGreaterThanOrEqual(fromDifference.lb);
      }
    }
    // Everything together, every year, quarter, month, total and group: no count is pinned to
    // one value, where 45 overlapping windows pinned a "10" to exactly 9. (Typically the
    // narrowest leaves 3 to 8 values: see the log of the next test.)
    const pinned = [...proven].filter(([, { lb, ub }]) => lb === ub).map(([key]) => key);
    expect(pinned).toEqual([]);
    const tens = [...shown].filter(([, c]) => c.count === 10).map(([key]) => key);
    expect(tens.length).toBeGreaterThan(0);
    for (const key of tens) expect(proven.get(key)!.ub).toBeGreaterThan(proven.get(key)!.lb);
  });

  it('never lets a group of 1–7 be told from an empty one, directly or by combining figures', () => {
    const small = [...truth.keys()].filter((k) => exact(k) >= 1 && exact(k) <= 7);
    const empty = [...truth.keys()].filter((k) => exact(k) === 0);
    expect(small.length).toBeGreaterThan(100);
    expect(empty.length).toBeGreaterThan(100);
    for (const k of [...small, ...empty]) {
      expect(shown.get(k)).toEqual({ label: k.split('|')[2], count: null, suppressed: true, rounded: false });
      expect(proven.get(k)!.lb).toBe(0);
    }
  });

  it('is an attack with teeth: on the same periods, suppression and rounding without the perturbation would give groups away', () => {
    const roundedOnly: Cells = new Map(
      [...truth].map(([key, { label, count }]) => [
        key,
        count! <= 7
          ? { label, count: null, suppressed: true, rounded: false }
          : { label, count: Math.round(count! / 5) * 5, suppressed: false, rounded: true },
      ]),
    );
    // Without noise a shown count c is c − 2 … c + 2 and a suppressed one 0 … 7.
    const proofs = attack(roundedOnly, 0);
    const exposed = [...truth.keys()].filter((k) => exact(k) >= 1 && exact(k) <= 7 && proofs.get(k)!.lb > 0);
    expect(exposed.length).toBeGreaterThan(0);
    const widths = [...proven.values()].map(({ lb, ub }) => ub - lb);
    console.log(
      `differencing: ${shown.size} figures over ${PERIODS.length} periods; rounding alone would prove ${exposed.length} groups of 1–7 ` +
        `non-empty (${exposed.join(', ')}); with the perturbation none, and the narrowest bounds left span ${Math.min(...widths) + 1} values`,
    );
  });

  it('answers the same period the same way every time, so repeating a request averages nothing away', async () => {
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => hub.query(`{ stats(period: "2025-Q1") { ${POLICE} } }`, {}, ATTACKER)),
    );
    for (const { body } of answers) expect(body).toEqual({ ...answers[0]!.body, extensions: body.extensions });
    expect(answers[0]!.body.data.stats.police.nrmReferrals).toEqual(shown.get(cell('2025-Q1', 'nrmReferrals', 'NRM referrals')));
  });
});

/** The attacker's bounds for one published figure alone: the noise is at most ±3, the rounding ±2. */
function bounds(shown: Cells, key: string, maxPerturbation = MAX_PERTURBATION): Interval {
  const c = shown.get(key)!;
  return c.suppressed
    ? { lb: 0, ub: 7 + maxPerturbation }
    : { lb: Math.max(8, c.count! - 2 - maxPerturbation), ub: c.count! + 2 + maxPerturbation };
}
