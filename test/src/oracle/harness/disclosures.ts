import type { Client } from 'pg';
import type { World } from '../model/world';
import { send } from './client';
import type { CaseHeaders } from './personas';

/**
 * Disclosures on request made before the run, through the hub's own workflow over HTTP (W1, W2:
 * a requester asks, the owner's disclosure officer decides), so that the differential reaches the
 * grants a real officer makes: whole parts, narrowed ones, a wildcard, a charity's, a withdrawn
 * one and a declined one. Then three grants written straight into the store, as a grant made
 * before the form checked what it now checks would be: each names something no owner may
 * disclose, and must release nothing.
 *
 * Case references are among the ones the run's headers use (personas.ts), so random cases meet
 * the grants too; the planner aims a share of cases at them (run-differential.ts).
 */

export interface Asker {
  url: string;
  token(userId: string): Promise<string>;
}

interface Ask {
  requester: string;
  owner: string;
  subjectId: string;
  fields: string[];
  purpose: string;
  lawfulBasis: string;
  caseRef: string;
  officer: string;
  /** What the officer discloses; all asked for when omitted. */
  disclosed?: string[];
  outcome?: 'DISCLOSE' | 'DECLINE';
  withdraw?: boolean;
}

const REQUEST = `mutation Ask($input: InformationRequestInput!) { requestInformation(input: $input) { id } }`;
const DECIDE = `mutation Decide($id: ID!, $d: [RequestDecisionInput!]!) { decideInformationRequest(id: $id, decisions: $d) { id parts { owner status } } }`;
const WITHDRAW = `mutation Withdraw($id: ID!) { withdrawInformationRequest(id: $id) { id } }`;

/** Makes the disclosures; returns the ids of the requests made, in order. */
export async function makeDisclosures(hub: Asker, world: World, log: Client): Promise<string[]> {
  const ids: string[] = [];
  for (const ask of asks(world)) ids.push(await disclose(hub, ask));
  await storeStaleGrants(log, world);
  return ids;
}

function asks(world: World): Ask[] {
  const subjects = [...world.nominalBySubject.keys()].sort();
  const withAttendances = subjects.filter((s) => (world.attendancesByPatient.get(world.patientBySubject.get(s)?.id)?.length ?? 0) > 0);
  const withHousing = subjects.filter((s) => world.housingByPerson.has(world.councilPersonBySubject.get(s)?.id));
  const supportedBy = (org: string) => [...world.episodesBySubject.entries()].filter(([, eps]) => eps.some((e) => e.provider_org === org));
  // A person Adavu supports, preferably one another charity supports too (its episodes must stay withheld).
  const adavu = supportedBy('adavu').sort(
    ([, a], [, b]) => new Set(b.map((e) => e.provider_org)).size - new Set(a.map((e) => e.provider_org)).size,
  );
  const pick = (list: string[], i: number) => list[i % Math.max(list.length, 1)] ?? 'SUBJ-000001';
  return [
    // The README's worked example: a whole part, under the case the investigator works.
    {
      requester: 'police.investigator',
      owner: 'nhs',
      subjectId: withAttendances.includes('SUBJ-000003') ? 'SUBJ-000003' : pick(withAttendances, 0),
      fields: ['HealthRecord.attendances'],
      purpose: 'CRIMINAL_ACTIVITY',
      lawfulBasis: 'DPA_2018_SCH2_PARA2',
      caseRef: 'WMP-OP-KESTREL-17',
      officer: 'nhs.disclosure',
    },
    // Narrowed: two parts asked, one field of one and the other whole disclosed.
    {
      requester: 'police.analyst',
      owner: 'nhs',
      subjectId: pick(withAttendances, 1),
      fields: ['HealthRecord.attendances', 'HealthRecord.safeguardingFlags'],
      disclosed: ['Attendance.site', 'HealthRecord.safeguardingFlags'],
      purpose: 'IDENTIFY_VICTIMS',
      lawfulBasis: 'DPA_2018_SCH2_PARA2',
      caseRef: 'BCC/MSHT/2026/0042',
      officer: 'nhs.disclosure',
    },
    // Several fields of a record, among them an address and names (types several partners resolve).
    {
      requester: 'la.housing',
      owner: 'police',
      subjectId: pick(subjects, 2),
      fields: [
        'PoliceRecord.currentAddress',
        'PoliceRecord.names',
        'PoliceRecord.intelligence',
        'PoliceRecord.dateOfBirth',
        'PoliceRecord.roles',
      ],
      purpose: 'CRIMINAL_ACTIVITY',
      lawfulBasis: 'DPA_2018_SCH2_PARA2',
      caseRef: 'BCC/MSHT/2026/0042',
      officer: 'police.disclosure',
    },
    // A charity's: its own episodes only.
    {
      requester: 'la.safeguarding',
      owner: 'ngo',
      subjectId: adavu[0]?.[0] ?? 'SUBJ-000001',
      fields: ['Person.support'],
      purpose: 'IDENTIFY_VICTIMS',
      lawfulBasis: 'DPA_2018_SCH1_PARA18',
      caseRef: 'case.2026_01',
      officer: 'ngo.disclosure',
    },
    // A charity's, narrowed to two of the episodes' fields.
    {
      requester: 'police.investigator',
      owner: 'ngo',
      subjectId: adavu[1]?.[0] ?? adavu[0]?.[0] ?? 'SUBJ-000001',
      fields: ['Person.support'],
      disclosed: ['SupportEpisode.status', 'SupportEpisode.startedOn'],
      purpose: 'CRIMINAL_ACTIVITY',
      lawfulBasis: 'DPA_2018_SCH2_PARA2',
      caseRef: 'WMP-OP-KESTREL-17',
      officer: 'ngo.disclosure',
    },
    // The council's housing record, which holds an address and sits beside a link (landlordOf).
    {
      requester: 'nhs.safeguarding',
      owner: 'local-authority',
      subjectId: pick(withHousing, 0),
      fields: ['LocalAuthorityRecord.housing', 'LocalAuthorityRecord.names'],
      purpose: 'IDENTIFY_VICTIMS',
      lawfulBasis: 'DPA_2018_SCH1_PARA18',
      caseRef: 'BCC/MSHT/2026/0042',
      officer: 'la.disclosure',
    },
    // Withdrawn after the disclosure: it releases nothing.
    {
      requester: 'police.investigator',
      owner: 'local-authority',
      subjectId: pick(withHousing, 1),
      fields: ['LocalAuthorityRecord.housing'],
      purpose: 'CRIMINAL_ACTIVITY',
      lawfulBasis: 'DPA_2018_SCH2_PARA2',
      caseRef: 'WMP-OP-KESTREL-17',
      officer: 'la.disclosure',
      withdraw: true,
    },
    // Declined: it releases nothing.
    {
      requester: 'police.investigator',
      owner: 'nhs',
      subjectId: pick(withAttendances, 2),
      fields: ['HealthRecord.safeguardingFlags'],
      purpose: 'CRIMINAL_ACTIVITY',
      lawfulBasis: 'DPA_2018_SCH2_PARA2',
      caseRef: 'WMP-OP-KESTREL-17',
      officer: 'nhs.disclosure',
      outcome: 'DECLINE',
    },
  ];
}

async function disclose(hub: Asker, ask: Ask): Promise<string> {
  const headers: CaseHeaders = { purpose: ask.purpose, lawfulBasis: null, caseRef: ask.caseRef };
  const input = {
    subjectId: ask.subjectId,
    owners: [ask.owner],
    fields: ask.fields,
    purpose: ask.purpose,
    lawfulBasis: ask.lawfulBasis,
    caseRef: ask.caseRef,
    reason: 'The oracle run: a disclosure on request the differential test holds the gateway to.',
    declaration: { accepted: true, name: 'Oracle Harness', role: 'Differential test' },
    tippingOffRisk: false,
  };
  const asked = await call(hub, ask.requester, headers, REQUEST, { input });
  const id = asked.requestInformation.id as string;
  const decision =
    ask.outcome === 'DECLINE'
      ? { owner: ask.owner, outcome: 'DECLINE', reason: 'Not necessary and proportionate for this case.' }
      : { owner: ask.owner, outcome: 'DISCLOSE', ...(ask.disclosed ? { fields: ask.disclosed } : {}) };
  await call(hub, ask.officer, headers, DECIDE, { id, d: [decision] });
  if (ask.withdraw) await call(hub, ask.requester, headers, WITHDRAW, { id });
  return id;
}

async function call(hub: Asker, userId: string, headers: CaseHeaders, query: string, variables: Record<string, unknown>): Promise<any> {
  const { status, body } = await send(hub.url, await hub.token(userId), headers, { query, variables });
  if (status !== 200 || body.errors?.length || !body.data) {
    throw new Error(`making a disclosure on request as ${userId} failed (${status}): ${JSON.stringify(body.errors ?? body)}`);
  }
  return body.data;
}

/**
 * Grants the form would refuse today, written to the store as an older hub could have: another
 * partner's address through a shared type, a link, a charity's consent records and another
 * partner's data named by the police. Each must release nothing.
 */
async function storeStaleGrants(log: Client, world: World): Promise<void> {
  const first = (subjects: Iterable<string>) => [...subjects].sort()[0] ?? 'SUBJ-000001';
  const adavu = [...world.episodesBySubject.entries()].filter(([, eps]) => eps.some((e) => e.provider_org === 'adavu')).map(([s]) => s);
  const stale: {
    id: string;
    requester: string;
    org: string;
    subject: string;
    owner: string;
    decidedOrg: string;
    fields: string[];
    purpose: string;
    caseRef: string;
  }[] = [
    {
      id: 'REQ-2026-STALE00001',
      requester: 'nhs.safeguarding',
      org: 'birmingham-solihull-nhs',
      subject: first(world.councilPersonBySubject.keys()),
      owner: 'local-authority',
      decidedOrg: 'birmingham-city-council',
      fields: ['Address.line1', 'Address.postcode', 'PersonName.fullName', 'LocalAuthorityRecord.landlordOf'],
      purpose: 'IDENTIFY_VICTIMS',
      caseRef: 'BCC/MSHT/2026/0042',
    },
    {
      id: 'REQ-2026-STALE00002',
      requester: 'la.housing',
      org: 'birmingham-city-council',
      subject: first(adavu),
      owner: 'ngo',
      decidedOrg: 'adavu',
      fields: ['ConsentRecord.*', 'ConsentRecord.recipients'],
      purpose: 'IDENTIFY_VICTIMS',
      caseRef: 'BCC/MSHT/2026/0042',
    },
    {
      id: 'REQ-2026-STALE00003',
      requester: 'la.housing',
      org: 'birmingham-city-council',
      subject: first(world.patientBySubject.keys()),
      owner: 'police',
      decidedOrg: 'west-midlands-police',
      fields: ['HealthRecord.attendances', 'Attendance.clinicalNotes', 'Person.health'],
      purpose: 'CRIMINAL_ACTIVITY',
      caseRef: 'WMP-OP-KESTREL-17',
    },
  ];
  for (const grant of stale) {
    await log.query(
      `INSERT INTO information_requests (id, created_at, requester_issuer, requester_id, requester_org, declared_name, declared_role,
         subject_id, purpose, lawful_basis, case_ref, reason, tipping_off)
       SELECT $1, now(), issuer, $2, $3, 'Oracle Harness', 'Differential test', $4, $5, 'DPA_2018_SCH1_PARA18', $6, 'A grant stored before the form checked it.', false
         FROM approved_users WHERE user_id = $2`,
      [grant.id, grant.requester, grant.org, grant.subject, grant.purpose, grant.caseRef],
    );
    await log.query(
      `INSERT INTO information_request_parts (request_id, owner, fields, status, disclosed_fields, expires_at, decided_by, decided_org, decided_at)
       VALUES ($1, $2, $3, 'DISCLOSED', $3, now() + interval '28 days', 'oracle.harness', $4, now())`,
      [grant.id, grant.owner, grant.fields, grant.decidedOrg],
    );
  }
}
