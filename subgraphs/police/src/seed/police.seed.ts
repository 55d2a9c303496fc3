import { bulkInsert, dateWithinDays, Prng, type DemoSubject, type Population } from '@hub/shared';
import type { DataSource } from 'typeorm';
import { FIXED_INTELLIGENCE } from './fixed-intelligence';

const OPERATIONS = ['Op Aidant', 'Op Fortitude', 'Op Nettle', 'Op Tundra', 'Op Kestrel'];
const INTEL_SUMMARIES = [
  'Workers seen being collected by minibus before 5am and returned after dark.',
  'Multiple occupants; landlord collects bank cards from tenants.',
  'Subject seen directing workers at a hand car wash; workers appear not to be paid.',
  'Reports of young females moving between addresses at night.',
  'Neighbour reports frequent new occupants who do not speak English.',
  'Subject believed to hold identity documents of several workers.',
];
const TABLES = [
  'nominals',
  'nominal_names',
  'role_assignments',
  'nrm_referrals',
  'intelligence_reports',
  'court_orders',
  'locations_of_concern',
];

/** Writes the police part of the demo population, replacing whatever was there. */
export async function seedPolice(dataSource: DataSource, population: Population): Promise<Record<string, number>> {
  const prng = new Prng(`${population.seed}:police`);
  const rows: Record<string, unknown[][]> = Object.fromEntries(TABLES.map((t) => [t, []]));
  const ids = { name: 0, role: 0, nrm: 0, intel: 0, order: 0 };

  population.subjects.forEach((subject, index) => {
    if (!subject.knownToPolice) return;
    const nominalId = index + 1;
    rows.nominals!.push([
      nominalId,
      subject.id,
      pncId(prng, subject),
      subject.dateOfBirth,
      subject.nationality,
      subject.gender,
      subject.kind === 'VICTIM',
      subject.uprn,
      lineOf(population, subject.uprn),
      postcodeOf(population, subject.uprn),
      subject.addressRestricted,
    ]);
    rows.nominal_names!.push([++ids.name, nominalId, `${subject.givenName} ${subject.familyName}`, 'BIRTH']);
    for (const alias of subject.aliases) rows.nominal_names!.push([++ids.name, nominalId, alias, 'ALIAS']);
    rows.role_assignments!.push([++ids.role, nominalId, subject.kind, dateWithinDays(prng, 700), prng.pick(OPERATIONS)]);
    if (subject.nrm) {
      rows.nrm_referrals!.push([
        ++ids.nrm,
        nominalId,
        subject.nrm.referredOn,
        `{${subject.exploitation ?? 'LABOUR'}}`,
        subject.nrm.reasonableGrounds,
        subject.nrm.conclusiveGrounds,
      ]);
    }
    const fixed = FIXED_INTELLIGENCE[subject.id];
    const reports = fixed ?? generatedIntelligence(prng, subject);
    for (const r of reports) {
      rows.intelligence_reports!.push([
        ++ids.intel,
        nominalId,
        r.uprn,
        r.reportedOn,
        r.sourceGrade,
        r.intelGrade,
        r.handlingCode,
        r.summary,
      ]);
    }
    if (subject.kind === 'SUSPECT' && (subject.id === 'SUBJ-000004' || prng.chance(0.2))) {
      const madeOn = dateWithinDays(prng, 500);
      rows.court_orders!.push([++ids.order, nominalId, prng.chance(0.6) ? 'STRO' : 'STPO', madeOn, addYears(madeOn, 2)]);
    }
  });

  for (const property of population.properties) {
    const flagged =
      property.uprn === '100070000001' ||
      (property.kind === 'HMO' && !property.hmoLicensed && prng.chance(0.5)) ||
      ((property.kind === 'NAIL_BAR' || property.kind === 'CAR_WASH') && prng.chance(0.6));
    if (flagged) rows.locations_of_concern!.push([property.uprn, concernReason(property.kind), dateWithinDays(prng, 400)]);
    // Some intelligence is about a place rather than a person.
    if (flagged && prng.chance(0.3)) {
      rows.intelligence_reports!.push([
        ++ids.intel,
        null,
        property.uprn,
        dateWithinDays(prng, 400),
        prng.int(1, 3),
        prng.pick(['A', 'B', 'C']),
        'P',
        prng.pick(INTEL_SUMMARIES),
      ]);
    }
  }

  const counts: Record<string, number> = {};
  await dataSource.transaction(async (manager) => {
    // A bulk load: the serving statement timeout (bounded waits) does not apply to it.
    await manager.query('SET LOCAL statement_timeout = 0');
    await manager.query(`TRUNCATE ${TABLES.map((t) => `"${t}"`).join(', ')}`);
    counts.nominals = await bulkInsert(
      manager,
      'nominals',
      [
        'id',
        'subject_id',
        'pnc_id',
        'date_of_birth',
        'nationality',
        'gender',
        'pvot_marker',
        'current_uprn',
        'address_line1',
        'address_postcode',
        'address_restricted',
      ],
      rows.nominals!,
    );
    counts.nominal_names = await bulkInsert(manager, 'nominal_names', ['id', 'nominal_id', 'full_name', 'kind'], rows.nominal_names!);
    counts.role_assignments = await bulkInsert(
      manager,
      'role_assignments',
      ['id', 'nominal_id', 'role', 'recorded_on', 'operation_name'],
      rows.role_assignments!,
    );
    counts.nrm_referrals = await bulkInsert(
      manager,
      'nrm_referrals',
      ['id', 'nominal_id', 'referred_on', 'exploitation_types', 'reasonable_grounds', 'conclusive_grounds'],
      rows.nrm_referrals!,
    );
    counts.intelligence_reports = await bulkInsert(
      manager,
      'intelligence_reports',
      ['id', 'nominal_id', 'uprn', 'reported_on', 'source_grade', 'intel_grade', 'handling_code', 'summary'],
      rows.intelligence_reports!,
    );
    counts.court_orders = await bulkInsert(
      manager,
      'court_orders',
      ['id', 'nominal_id', 'type', 'made_on', 'expires_on'],
      rows.court_orders!,
    );
    counts.locations_of_concern = await bulkInsert(
      manager,
      'locations_of_concern',
      ['uprn', 'reason', 'flagged_on'],
      rows.locations_of_concern!,
    );
  });
  return counts;
}

interface IntelRow {
  uprn: string | null;
  reportedOn: string;
  sourceGrade: number;
  intelGrade: string;
  handlingCode: 'P' | 'C';
  summary: string;
}

function generatedIntelligence(prng: Prng, subject: DemoSubject): IntelRow[] {
  const count = subject.kind === 'SUSPECT' ? prng.int(1, 3) : prng.chance(0.3) ? 1 : 0;
  return Array.from({ length: count }, () => ({
    uprn: prng.chance(0.5) ? subject.uprn : null,
    reportedOn: dateWithinDays(prng, 600),
    sourceGrade: prng.int(1, 3),
    intelGrade: prng.pick(['A', 'B', 'C', 'D', 'E']),
    handlingCode: prng.chance(0.7) ? 'P' : 'C',
    summary: prng.pick(INTEL_SUMMARIES),
  }));
}

function pncId(prng: Prng, subject: DemoSubject): string | null {
  // Victims are often not on the PNC; suspects and associates are.
  if (subject.kind === 'VICTIM' && prng.chance(0.6)) return null;
  return `${prng.int(10, 26)}/${String(prng.int(1, 999999)).padStart(6, '0')}${String.fromCharCode(65 + prng.int(0, 25))}`;
}

function concernReason(kind: string): string {
  if (kind === 'HMO') return 'Suspected overcrowded multi-occupancy house linked to labour exploitation';
  if (kind === 'NAIL_BAR') return 'Nail bar: workers believed to be controlled';
  if (kind === 'CAR_WASH') return 'Hand car wash: workers believed to be unpaid';
  return 'Address linked to intelligence';
}

function lineOf(population: Population, uprn: string): string | null {
  return population.properties[Number(uprn) - 100070000001]?.line1 ?? null;
}

function postcodeOf(population: Population, uprn: string): string | null {
  return population.properties[Number(uprn) - 100070000001]?.postcode ?? null;
}

/** Calendar arithmetic through Date, so 29 February plus a year is 1 March, not an invalid date. */
function addYears(date: string, years: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}
