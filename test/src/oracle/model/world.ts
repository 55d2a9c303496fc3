import { Client, types } from 'pg';

/**
 * The partners' raw rows, read once per run with plain SQL (the data does not change during the
 * test). Rows keep their column names as the migrations define them (`subjects/*\/src/migrations`);
 * the only transformation is grouping them by the key a lookup uses. Unit tests build a World
 * from hand-written rows with `worldFromTables`.
 */

export type Row = Record<string, any>;

export interface Tables {
  police: {
    nominals: Row[];
    nominal_names: Row[];
    role_assignments: Row[];
    nrm_referrals: Row[];
    intelligence_reports: Row[];
    court_orders: Row[];
    locations_of_concern: Row[];
  };
  localAuthority: {
    council_persons: Row[];
    council_person_names: Row[];
    adult_social_care_cases: Row[];
    children_social_care_cases: Row[];
    housing_records: Row[];
    hmo_licences: Row[];
    premises_licences: Row[];
    property_inspections: Row[];
    reception_centres: Row[];
  };
  nhs: {
    patients: Row[];
    patient_names: Row[];
    safeguarding_flags: Row[];
    attendances: Row[];
    clinical_notes: Row[];
    health_services: Row[];
  };
  ngo: {
    support_episodes: Row[];
    consent_records: Row[];
    /** In the directory's order: by name, then id, as the database collates them. */
    support_services: Row[];
  };
}

/**
 * Orders as the subgraphs' loaders read them: by id unless a resolver says otherwise
 * (attendances oldest first; inspections newest first; the directory by name).
 */
const ORDER: Record<string, string> = {
  attendances: 'attended_on ASC, id ASC',
  property_inspections: 'inspected_on DESC, id DESC',
  support_services: 'name ASC, id ASC',
  locations_of_concern: 'uprn ASC',
};

export interface DatabaseUrls {
  police: string;
  'local-authority': string;
  nhs: string;
  ngo: string;
}

export async function readTables(urls: DatabaseUrls): Promise<Tables> {
  const read = async (url: string, tables: string[]) => {
    // DATE columns as the ISO text PostgreSQL sends, as typeorm gives them to the resolvers.
    const client = new Client({
      connectionString: url,
      types: { getTypeParser: ((oid: number, format: any) => (oid === 1082 ? (v: string) => v : types.getTypeParser(oid, format))) as any },
    });
    await client.connect();
    try {
      const out: Record<string, Row[]> = {};
      for (const table of tables) out[table] = (await client.query(`SELECT * FROM "${table}" ORDER BY ${ORDER[table] ?? 'id ASC'}`)).rows;
      return out;
    } finally {
      await client.end();
    }
  };
  const [police, localAuthority, nhs, ngo] = await Promise.all([
    read(urls.police, [
      'nominals',
      'nominal_names',
      'role_assignments',
      'nrm_referrals',
      'intelligence_reports',
      'court_orders',
      'locations_of_concern',
    ]),
    read(urls['local-authority'], [
      'council_persons',
      'council_person_names',
      'adult_social_care_cases',
      'children_social_care_cases',
      'housing_records',
      'hmo_licences',
      'premises_licences',
      'property_inspections',
      'reception_centres',
    ]),
    read(urls.nhs, ['patients', 'patient_names', 'safeguarding_flags', 'attendances', 'clinical_notes', 'health_services']),
    read(urls.ngo, ['support_episodes', 'consent_records', 'support_services']),
  ]);
  return { police, localAuthority, nhs, ngo } as unknown as Tables;
}

/** Lookups by the key each resolver uses. Lists keep the table order. */
export interface World {
  tables: Tables;
  nominalBySubject: Map<string, Row>;
  nominalsByUprn: Map<string, Row[]>;
  namesByNominal: Map<number, Row[]>;
  rolesByNominal: Map<number, Row[]>;
  nrmByNominal: Map<number, Row[]>;
  intelligenceByNominal: Map<number, Row[]>;
  intelligenceByUprn: Map<string, Row[]>;
  ordersByNominal: Map<number, Row[]>;
  concernByUprn: Map<string, Row>;
  councilPersonBySubject: Map<string, Row>;
  councilNamesByPerson: Map<number, Row[]>;
  adultCareByPerson: Map<number, Row>;
  childrenCareByPerson: Map<number, Row>;
  housingByPerson: Map<number, Row>;
  hmoByUprn: Map<string, Row>;
  hmoByLandlord: Map<string, Row[]>;
  premisesByUprn: Map<string, Row[]>;
  inspectionsByUprn: Map<string, Row[]>;
  receptionCentreByService: Map<string, Row>;
  patientBySubject: Map<string, Row>;
  patientNamesByPatient: Map<number, Row[]>;
  flagsByPatient: Map<number, Row[]>;
  attendancesByPatient: Map<number, Row[]>;
  noteByAttendance: Map<number, Row>;
  healthServiceByService: Map<string, Row>;
  episodesBySubject: Map<string, Row[]>;
  consentByEpisode: Map<number, Row>;
  serviceById: Map<string, Row>;
  activeEpisodesByService: Map<string, number>;
}

export function worldFromTables(tables: Tables): World {
  const { police, localAuthority: la, nhs, ngo } = tables;
  const active = new Map<string, number>();
  for (const e of ngo.support_episodes) if (e.status === 'ACTIVE') active.set(e.service_id, (active.get(e.service_id) ?? 0) + 1);
  return {
    tables,
    nominalBySubject: one(police.nominals, 'subject_id'),
    nominalsByUprn: many(police.nominals, 'current_uprn'),
    namesByNominal: many(police.nominal_names, 'nominal_id'),
    rolesByNominal: many(police.role_assignments, 'nominal_id'),
    nrmByNominal: many(police.nrm_referrals, 'nominal_id'),
    intelligenceByNominal: many(police.intelligence_reports, 'nominal_id'),
    intelligenceByUprn: many(police.intelligence_reports, 'uprn'),
    ordersByNominal: many(police.court_orders, 'nominal_id'),
    concernByUprn: one(police.locations_of_concern, 'uprn'),
    councilPersonBySubject: one(la.council_persons, 'subject_id'),
    councilNamesByPerson: many(la.council_person_names, 'council_person_id'),
    adultCareByPerson: one(la.adult_social_care_cases, 'council_person_id'),
    childrenCareByPerson: one(la.children_social_care_cases, 'council_person_id'),
    housingByPerson: one(la.housing_records, 'council_person_id'),
    hmoByUprn: one(la.hmo_licences, 'uprn'),
    hmoByLandlord: many(la.hmo_licences, 'landlord_subject_id'),
    premisesByUprn: many(la.premises_licences, 'uprn'),
    inspectionsByUprn: many(la.property_inspections, 'uprn'),
    receptionCentreByService: one(la.reception_centres, 'service_id'),
    patientBySubject: one(nhs.patients, 'subject_id'),
    patientNamesByPatient: many(nhs.patient_names, 'patient_id'),
    flagsByPatient: many(nhs.safeguarding_flags, 'patient_id'),
    attendancesByPatient: many(nhs.attendances, 'patient_id'),
    noteByAttendance: one(nhs.clinical_notes, 'attendance_id'),
    healthServiceByService: one(nhs.health_services, 'service_id'),
    episodesBySubject: many(ngo.support_episodes, 'subject_id'),
    consentByEpisode: one(ngo.consent_records, 'episode_id'),
    serviceById: one(ngo.support_services, 'id'),
    activeEpisodesByService: active,
  };
}

/** An empty set of tables, for unit tests to fill in. */
export function emptyTables(): Tables {
  return {
    police: {
      nominals: [],
      nominal_names: [],
      role_assignments: [],
      nrm_referrals: [],
      intelligence_reports: [],
      court_orders: [],
      locations_of_concern: [],
    },
    localAuthority: {
      council_persons: [],
      council_person_names: [],
      adult_social_care_cases: [],
      children_social_care_cases: [],
      housing_records: [],
      hmo_licences: [],
      premises_licences: [],
      property_inspections: [],
      reception_centres: [],
    },
    nhs: { patients: [], patient_names: [], safeguarding_flags: [], attendances: [], clinical_notes: [], health_services: [] },
    ngo: { support_episodes: [], consent_records: [], support_services: [] },
  };
}

function one<K>(rows: Row[], column: string): Map<K, Row> {
  const map = new Map<K, Row>();
  for (const row of rows) if (row[column] != null && !map.has(row[column])) map.set(row[column], row);
  return map;
}

function many<K>(rows: Row[], column: string): Map<K, Row[]> {
  const map = new Map<K, Row[]>();
  for (const row of rows) {
    if (row[column] == null) continue;
    const group = map.get(row[column]);
    if (group) group.push(row);
    else map.set(row[column], [row]);
  }
  return map;
}

/** Every subject id and UPRN any partner holds: what the generator draws its references from. */
export function knownReferences(world: World): { subjects: string[]; uprns: string[] } {
  const t = world.tables;
  const subjects = new Set<string>([
    ...t.police.nominals.map((r) => r.subject_id),
    ...t.localAuthority.council_persons.map((r) => r.subject_id),
    ...t.nhs.patients.map((r) => r.subject_id),
    ...t.ngo.support_episodes.map((r) => r.subject_id),
    ...t.localAuthority.hmo_licences.map((r) => r.landlord_subject_id).filter(Boolean),
  ]);
  const uprns = new Set<string>([
    ...t.police.nominals.map((r) => r.current_uprn).filter(Boolean),
    ...t.police.locations_of_concern.map((r) => r.uprn),
    ...t.police.intelligence_reports.map((r) => r.uprn).filter(Boolean),
    ...t.localAuthority.hmo_licences.map((r) => r.uprn),
    ...t.localAuthority.premises_licences.map((r) => r.uprn),
    ...t.localAuthority.property_inspections.map((r) => r.uprn),
    ...t.localAuthority.housing_records.map((r) => r.uprn).filter(Boolean),
  ]);
  return { subjects: [...subjects].sort(), uprns: [...uprns].sort() };
}
