import { bulkInsert, dateWithinDays, Prng, SUPPORT_DIRECTORY, type DemoProperty, type DemoSubject, type Population } from '@hub/shared';
import type { DataSource } from 'typeorm';
import { FIXED_CHILDREN_CARE, FIXED_HOUSING, FIXED_INSPECTIONS, FIXED_PREMISES_LICENCES } from './fixed-local-authority';

const TABLES = [
  'council_persons',
  'council_person_names',
  'adult_social_care_cases',
  'children_social_care_cases',
  'housing_records',
  'hmo_licences',
  'premises_licences',
  'property_inspections',
  'reception_centres',
];
const PRIMARY_NEEDS = [
  'PHYSICAL_SUPPORT',
  'SENSORY_SUPPORT',
  'MEMORY_AND_COGNITION',
  'LEARNING_DISABILITY',
  'MENTAL_HEALTH',
  'SOCIAL_SUPPORT',
];
const BUSINESS_NAMES = ['Star', 'Royal', 'Perfect', 'Elite', 'Sparkle', 'City', 'Express', 'Diamond'];

type CouncilFlags = NonNullable<DemoSubject['council']>;

/** Writes the council part of the demo population, replacing whatever was there. */
export async function seedLocalAuthority(dataSource: DataSource, population: Population): Promise<Record<string, number>> {
  const prng = new Prng(`${population.seed}:local-authority`);
  const rows: Record<string, unknown[][]> = Object.fromEntries(TABLES.map((t) => [t, []]));
  const ids = { name: 0, adult: 0, children: 0, housing: 0, licence: 0, premises: 0, inspection: 0 };
  const properties = new Map(population.properties.map((p) => [p.uprn, p]));
  // A landlord is known to the council through the licensing record even without any case.
  const landlords = new Set(population.properties.map((p) => p.landlordSubjectId).filter((id) => id !== null));

  population.subjects.forEach((subject, index) => {
    const council = subject.council;
    if (!council && !landlords.has(subject.id)) return;
    const personId = index + 1;
    rows.council_persons!.push([personId, subject.id, council ? caseRef(council, personId) : null, council ? subject.dateOfBirth : null]);
    rows.council_person_names!.push([++ids.name, personId, `${subject.givenName} ${subject.familyName}`, 'BIRTH']);
    // Clients tell the council what they are known as; a licensing record holds only the legal name.
    if (!council) return;
    for (const alias of subject.aliases) rows.council_person_names!.push([++ids.name, personId, alias, 'KNOWN_AS']);

    if (council.adultCare) {
      rows.adult_social_care_cases!.push([
        ++ids.adult,
        personId,
        prng.weighted([
          ['OPEN', 60],
          ['ASSESSMENT', 25],
          ['CLOSED', 15],
        ]),
        dateWithinDays(prng, 700),
        prng.pick(PRIMARY_NEEDS),
      ]);
    }
    if (council.childrenCare) {
      const section47 = council.childrenCare.section47;
      const care = FIXED_CHILDREN_CARE[subject.id] ?? generatedChildrenCare(prng, section47);
      rows.children_social_care_cases!.push([++ids.children, personId, section47, care.status, care.openedOn, care.childProtectionPlan]);
    }
    if (council.housing) {
      const home = properties.get(subject.uprn);
      const housing = FIXED_HOUSING[subject.id] ?? generatedHousing(prng, home);
      const settled = home && housing.tenure !== 'NONE';
      rows.housing_records!.push([
        ++ids.housing,
        personId,
        settled ? home.uprn : null,
        settled ? home.line1 : null,
        settled ? home.postcode : null,
        settled ? subject.addressRestricted : false,
        housing.tenure,
        housing.homelessness,
      ]);
    }
  });

  for (const property of population.properties) {
    if (property.kind === 'HMO') {
      rows.hmo_licences!.push(hmoLicenceRow(prng, property, ++ids.licence));
      for (const visit of FIXED_INSPECTIONS[property.uprn] ?? generatedInspections(prng, property)) {
        rows.property_inspections!.push([++ids.inspection, property.uprn, visit.inspectedOn, visit.occupantsCounted]);
      }
    }
    if (property.kind === 'NAIL_BAR' || property.kind === 'CAR_WASH') {
      for (const licence of FIXED_PREMISES_LICENCES[property.uprn] ?? generatedPremisesLicences(prng, property.kind)) {
        rows.premises_licences!.push([++ids.premises, property.uprn, licence.kind, licence.licensee, licence.validUntil]);
      }
    }
  }

  SUPPORT_DIRECTORY.filter((entry) => entry.operator === 'local-authority').forEach((entry, index) => {
    const acceptsChildren = (entry.eligibility.minAge ?? 0) < 18;
    rows.reception_centres!.push([
      index + 1,
      entry.id,
      entry.coverage[0] ?? 'Birmingham',
      entry.capacityTotal,
      prng.int(1, entry.capacityTotal),
      acceptsChildren,
    ]);
  });

  const counts: Record<string, number> = {};
  await dataSource.transaction(async (manager) => {
    // A bulk load: the serving statement timeout (bounded waits) does not apply to it.
    await manager.query('SET LOCAL statement_timeout = 0');
    await manager.query(`TRUNCATE ${TABLES.map((t) => `"${t}"`).join(', ')}`);
    counts.council_persons = await bulkInsert(
      manager,
      'council_persons',
      ['id', 'subject_id', 'case_ref', 'date_of_birth'],
      rows.council_persons!,
    );
    counts.council_person_names = await bulkInsert(
      manager,
      'council_person_names',
      ['id', 'council_person_id', 'full_name', 'kind'],
      rows.council_person_names!,
    );
    counts.adult_social_care_cases = await bulkInsert(
      manager,
      'adult_social_care_cases',
      ['id', 'council_person_id', 'status', 'opened_on', 'primary_need'],
      rows.adult_social_care_cases!,
    );
    counts.children_social_care_cases = await bulkInsert(
      manager,
      'children_social_care_cases',
      ['id', 'council_person_id', 'section47_enquiry', 'status', 'opened_on', 'child_protection_plan'],
      rows.children_social_care_cases!,
    );
    counts.housing_records = await bulkInsert(
      manager,
      'housing_records',
      ['id', 'council_person_id', 'uprn', 'address_line1', 'address_postcode', 'address_restricted', 'tenure', 'homelessness'],
      rows.housing_records!,
    );
    counts.hmo_licences = await bulkInsert(
      manager,
      'hmo_licences',
      ['id', 'uprn', 'landlord_subject_id', 'licensed', 'licence_number', 'max_occupants', 'expires_on'],
      rows.hmo_licences!,
    );
    counts.premises_licences = await bulkInsert(
      manager,
      'premises_licences',
      ['id', 'uprn', 'kind', 'licensee', 'valid_until'],
      rows.premises_licences!,
    );
    counts.property_inspections = await bulkInsert(
      manager,
      'property_inspections',
      ['id', 'uprn', 'inspected_on', 'occupants_counted'],
      rows.property_inspections!,
    );
    counts.reception_centres = await bulkInsert(
      manager,
      'reception_centres',
      ['id', 'service_id', 'local_authority_area', 'beds_total', 'beds_available', 'accepts_children'],
      rows.reception_centres!,
    );
  });
  return counts;
}

/** The service that holds the case names it: children's, adult, housing, or a contact only. */
function caseRef(council: CouncilFlags, personId: number): string {
  const service = council.childrenCare ? 'CSC' : council.adultCare ? 'ASC' : council.housing ? 'HOU' : 'CON';
  return `BCC-${service}-${String(personId).padStart(6, '0')}`;
}

function generatedChildrenCare(prng: Prng, section47: boolean): { status: string; openedOn: string; childProtectionPlan: boolean } {
  // An open s47 enquiry means an open case; a plan follows only some enquiries.
  return {
    status: section47
      ? 'OPEN'
      : prng.weighted([
          ['OPEN', 50],
          ['ASSESSMENT', 30],
          ['CLOSED', 20],
        ]),
    openedOn: dateWithinDays(prng, 500),
    childProtectionPlan: section47 && prng.chance(0.4),
  };
}

function generatedHousing(prng: Prng, home: DemoProperty | undefined): { tenure: string; homelessness: boolean } {
  if (home?.kind === 'HMO') return { tenure: 'PRIVATE_RENTED', homelessness: prng.chance(0.1) };
  if (home?.kind === 'SAFE_HOUSE') return { tenure: 'TEMPORARY', homelessness: true };
  const tenure = prng.weighted([
    ['PRIVATE_RENTED', 40],
    ['SOCIAL', 35],
    ['TEMPORARY', 15],
    ['NONE', 10],
  ]);
  return { tenure, homelessness: tenure === 'TEMPORARY' || tenure === 'NONE' };
}

function hmoLicenceRow(prng: Prng, property: DemoProperty, id: number): unknown[] {
  if (!property.hmoLicensed) return [id, property.uprn, property.landlordSubjectId, false, null, property.maxOccupants, null];
  // Licences run for five years (Housing Act 2004 s68).
  const issuedOn = dateWithinDays(prng, 5 * 365 - 1);
  const licenceNumber = `HMO/${issuedOn.slice(0, 4)}/${String(id).padStart(5, '0')}`;
  return [id, property.uprn, property.landlordSubjectId, true, licenceNumber, property.maxOccupants, addYears(issuedOn, 5)];
}

function generatedInspections(prng: Prng, property: DemoProperty): { inspectedOn: string; occupantsCounted: number }[] {
  if (!prng.chance(0.6)) return [];
  const maxOccupants = property.maxOccupants ?? 6;
  // Unlicensed HMOs are where officers find more people than the house can lawfully hold.
  return Array.from({ length: prng.int(1, 2) }, () => ({
    inspectedOn: dateWithinDays(prng, 700),
    occupantsCounted: property.hmoLicensed ? prng.int(2, maxOccupants) : prng.int(maxOccupants - 1, maxOccupants + 6),
  }));
}

function generatedPremisesLicences(prng: Prng, kind: 'NAIL_BAR' | 'CAR_WASH'): { kind: string; licensee: string; validUntil: string }[] {
  if (!prng.chance(0.7)) return [];
  const trade = kind === 'NAIL_BAR' ? 'Nails' : 'Hand Car Wash';
  // Two-year licences issued up to 900 days ago: some have lapsed while the business trades on.
  return [{ kind, licensee: `${prng.pick(BUSINESS_NAMES)} ${trade} Ltd`, validUntil: addYears(dateWithinDays(prng, 900), 2) }];
}

/** Through Date, so that 29 February rolls over to 1 March in a year that has none. */
function addYears(date: string, years: number): string {
  const moved = new Date(`${date}T00:00:00Z`);
  moved.setUTCFullYear(moved.getUTCFullYear() + years);
  return moved.toISOString().slice(0, 10);
}
