import { organisationName, partnerOf } from './organisations';
import type { Row, World } from './world';

/**
 * How each GraphQL field maps to rows, read off the subgraphs' resolvers and written out again
 * by hand. This is the part of the oracle that says what the *unfiltered* graph holds; policy
 * never enters here.
 */

/** An object in the graph: its GraphQL type and the row (or made-up record) behind it. */
export interface Node {
  type: string;
  row: Row;
}

export type Raw = null | string | number | boolean | string[] | Node | Node[];

export function node(type: string, row: Row): Node {
  return { type, row };
}

export function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'type' in value && 'row' in value;
}

/** Whole years between an ISO birth date and an ISO day, as the subgraphs count them. */
export function ageOn(dateOfBirth: string, today: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The day the subgraphs compute `isChild` on: UTC, like their `new Date().toISOString()`. */
export function utcToday(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

const nodes = (type: string, rows: Row[] | undefined): Node[] => (rows ?? []).map((r) => node(type, r));
const names = (rows: Row[] | undefined): Node[] => (rows ?? []).map((r) => node('PersonName', { fullName: r.full_name, kind: r.kind }));
const maybe = (type: string, row: Row | undefined | null): Node | null => (row ? node(type, row) : null);

/** The unfiltered value of `field` on `parent`, exactly as the owning subgraph would return it. */
export function resolveField(world: World, parent: Node, field: string, today: string): Raw {
  const r = parent.row;
  switch (parent.type) {
    case 'Person':
      switch (field) {
        case 'id':
          return r.id;
        case 'police':
          return maybe('PoliceRecord', world.nominalBySubject.get(r.id));
        case 'localAuthority':
          return maybe('LocalAuthorityRecord', world.councilPersonBySubject.get(r.id));
        case 'health':
          return maybe('HealthRecord', world.patientBySubject.get(r.id));
        case 'support': {
          // Null, not [], when the charities hold nothing (ngo person.resolver).
          const episodes = world.episodesBySubject.get(r.id) ?? [];
          return episodes.length > 0 ? nodes('SupportEpisode', episodes) : null;
        }
      }
      break;
    case 'PoliceRecord':
      switch (field) {
        case 'pncId':
          return r.pnc_id;
        case 'dateOfBirth':
          return r.date_of_birth;
        case 'nationality':
          return r.nationality;
        case 'pvotMarker':
          return r.pvot_marker;
        case 'addressRestricted':
          return r.address_restricted;
        case 'names':
          return names(world.namesByNominal.get(r.id));
        case 'isChild':
          return r.date_of_birth ? ageOn(r.date_of_birth, today) < 18 : null;
        case 'roles':
          return nodes('RoleAssignment', world.rolesByNominal.get(r.id));
        case 'nrmReferrals':
          return nodes('NrmReferral', world.nrmByNominal.get(r.id));
        case 'intelligence':
          return nodes('IntelligenceReport', world.intelligenceByNominal.get(r.id));
        case 'orders':
          return nodes('CourtOrder', world.ordersByNominal.get(r.id));
        case 'currentAddress':
          return r.current_uprn ? node('Address', { uprn: r.current_uprn, line1: r.address_line1, postcode: r.address_postcode }) : null;
      }
      break;
    case 'RoleAssignment':
      return { role: r.role, recordedOn: r.recorded_on, operationName: r.operation_name }[field] ?? null;
    case 'NrmReferral':
      return (
        (
          {
            referredOn: r.referred_on,
            exploitationTypes: r.exploitation_types,
            reasonableGrounds: r.reasonable_grounds,
            conclusiveGrounds: r.conclusive_grounds,
          } as Record<string, Raw>
        )[field] ?? null
      );
    case 'IntelligenceReport':
      return (
        (
          {
            reportedOn: r.reported_on,
            sourceGrade: r.source_grade,
            intelGrade: r.intel_grade,
            handlingCode: r.handling_code,
            summary: r.summary,
          } as Record<string, Raw>
        )[field] ?? null
      );
    case 'CourtOrder':
      return ({ type: r.type, madeOn: r.made_on, expiresOn: r.expires_on } as Record<string, Raw>)[field] ?? null;
    case 'Address':
    case 'PersonName':
    case 'Capacity':
      return r[field] ?? null;
    case 'LocalAuthorityRecord':
      switch (field) {
        case 'caseRef':
          return r.case_ref;
        case 'dateOfBirth':
          return r.date_of_birth;
        case 'names':
          return names(world.councilNamesByPerson.get(r.id));
        case 'adultSocialCare':
          return maybe('AdultSocialCareCase', world.adultCareByPerson.get(r.id));
        case 'childrenSocialCare':
          return maybe('ChildrenSocialCareCase', world.childrenCareByPerson.get(r.id));
        case 'housing':
          return maybe('HousingRecord', world.housingByPerson.get(r.id));
        case 'landlordOf':
          // [] when none: the council resolver maps licences to locations without a null case.
          return (world.hmoByLandlord.get(r.subject_id) ?? []).map((l) => node('Location', { uprn: l.uprn }));
      }
      break;
    case 'AdultSocialCareCase':
      return ({ status: r.status, openedOn: r.opened_on, primaryNeed: r.primary_need } as Record<string, Raw>)[field] ?? null;
    case 'ChildrenSocialCareCase':
      return (
        (
          {
            section47Enquiry: r.section47_enquiry,
            status: r.status,
            openedOn: r.opened_on,
            childProtectionPlan: r.child_protection_plan,
          } as Record<string, Raw>
        )[field] ?? null
      );
    case 'HousingRecord':
      switch (field) {
        case 'addressRestricted':
          return r.address_restricted;
        case 'tenure':
          return r.tenure;
        case 'homelessness':
          return r.homelessness;
        case 'address':
          return r.uprn ? node('Address', { uprn: r.uprn, line1: r.address_line1, postcode: r.address_postcode }) : null;
      }
      break;
    case 'HealthRecord':
      switch (field) {
        case 'nhsNumber':
          return r.nhs_number;
        case 'dateOfBirth':
          return r.date_of_birth;
        case 'names':
          return names(world.patientNamesByPatient.get(r.id));
        case 'isChild':
          return r.date_of_birth ? ageOn(r.date_of_birth, today) < 18 : null;
        case 'safeguardingFlags':
          return nodes('SafeguardingFlag', world.flagsByPatient.get(r.id));
        case 'attendances':
          return nodes('Attendance', world.attendancesByPatient.get(r.id));
      }
      break;
    case 'Attendance':
      switch (field) {
        case 'attendedOn':
          return r.attended_on;
        case 'site':
          return r.site;
        case 'kind':
          return r.kind;
        case 'exploitationIndicators':
          return r.exploitation_indicators;
        case 'clinicalNotes':
          return world.noteByAttendance.get(r.id)?.text ?? null;
      }
      break;
    case 'SafeguardingFlag':
      return ({ kind: r.kind, raisedOn: r.raised_on, active: r.active, raisedBy: r.raised_by } as Record<string, Raw>)[field] ?? null;
    case 'SupportEpisode':
      switch (field) {
        case 'providerOrg':
          return r.provider_org;
        case 'startedOn':
          return r.started_on;
        case 'endedOn':
          return r.ended_on;
        case 'status':
          return r.status;
        case 'provider':
          return organisationName(r.provider_org);
        case 'service':
          return node('SupportService', { id: r.service_id });
        case 'consent':
          return maybe('ConsentRecord', world.consentByEpisode.get(r.id));
      }
      break;
    case 'ConsentRecord':
      return ({ recipients: r.recipients, recordedOn: r.recorded_on, scope: r.scope } as Record<string, Raw>)[field] ?? null;
    case 'SupportService':
      return resolveService(world, r.id, field);
    case 'Eligibility':
      return r[field] ?? null;
    case 'ReceptionCentre':
      return (
        (
          {
            localAuthorityArea: r.local_authority_area,
            bedsTotal: r.beds_total,
            bedsAvailable: r.beds_available,
            acceptsChildren: r.accepts_children,
          } as Record<string, Raw>
        )[field] ?? null
      );
    case 'HealthServiceDetail':
      return (
        (
          {
            clinicType: r.clinic_type,
            acceptsUnregisteredPatients: r.accepts_unregistered_patients,
            interpreterAvailable: r.interpreter_available,
            weeklySlots: r.weekly_slots,
            slotsAvailable: r.slots_available,
          } as Record<string, Raw>
        )[field] ?? null
      );
    case 'Location':
      return resolveLocation(world, r.uprn, field);
    case 'HmoLicence':
      return (
        (
          { licensed: r.licensed, licenceNumber: r.licence_number, maxOccupants: r.max_occupants, expiresOn: r.expires_on } as Record<
            string,
            Raw
          >
        )[field] ?? null
      );
    case 'PremisesLicence':
      return ({ kind: r.kind, licensee: r.licensee, validUntil: r.valid_until } as Record<string, Raw>)[field] ?? null;
    case 'LocationOfConcern':
      return ({ reason: r.reason, flaggedOn: r.flagged_on } as Record<string, Raw>)[field] ?? null;
  }
  throw new Error(`the oracle does not know how ${parent.type}.${field} resolves`);
}

function resolveLocation(world: World, uprn: string, field: string): Raw {
  switch (field) {
    case 'uprn':
      return uprn;
    case 'hmoLicence':
      return maybe('HmoLicence', world.hmoByUprn.get(uprn));
    case 'premisesLicences':
      return nodes('PremisesLicence', world.premisesByUprn.get(uprn));
    case 'reportedOccupants':
      return world.inspectionsByUprn.get(uprn)?.[0]?.occupants_counted ?? null;
    case 'lastInspectedOn':
      return world.inspectionsByUprn.get(uprn)?.[0]?.inspected_on ?? null;
    case 'landlord': {
      const landlord = world.hmoByUprn.get(uprn)?.landlord_subject_id;
      return landlord ? node('Person', { id: landlord }) : null;
    }
    case 'policeConcern':
      return maybe('LocationOfConcern', world.concernByUprn.get(uprn));
    case 'intelligence':
      return nodes('IntelligenceReport', world.intelligenceByUprn.get(uprn));
    case 'linkedPersons':
      return (world.nominalsByUprn.get(uprn) ?? []).map((n) => node('Person', { id: n.subject_id }));
  }
  throw new Error(`the oracle does not know how Location.${field} resolves`);
}

/** A directory entry: unknown ids give null fields (ngo support-service.resolver). */
function resolveService(world: World, id: string, field: string): Raw {
  const row = world.serviceById.get(id);
  switch (field) {
    case 'id':
      return id;
    case 'receptionCentre':
      return maybe('ReceptionCentre', world.receptionCentreByService.get(id));
    case 'healthService':
      return maybe('HealthServiceDetail', world.healthServiceByService.get(id));
  }
  if (!row) return null;
  switch (field) {
    case 'name':
      return row.name;
    case 'provider':
      return organisationName(row.provider_org);
    case 'providerOrg':
      return row.provider_org;
    case 'serviceType':
      return row.service_type;
    case 'eligibility':
      return node('Eligibility', {
        minAge: row.min_age,
        maxAge: row.max_age,
        genders: row.genders,
        nrmStages: row.nrm_stages,
        languages: row.languages,
        requirements: row.requirements,
      });
    case 'capacity':
      // A service the council or the NHS runs keeps its places there (beds, slots): the directory
      // gives no figure of its own for it (ngo support-service.resolver).
      if (partnerOf(row.provider_org) !== 'ngo') return null;
      return node('Capacity', {
        total: row.capacity_total,
        available: Math.max(0, row.capacity_total - (world.activeEpisodesByService.get(id) ?? 0)),
      });
    case 'coverage':
      return row.coverage;
    case 'referralRoute':
      return row.referral_route;
  }
  throw new Error(`the oracle does not know how SupportService.${field} resolves`);
}

/** The directory's search (ngo service-search.ts) for the criteria the generator uses. */
export function searchServices(
  world: World,
  filter: { serviceType?: string | null; language?: string | null; acceptsAge?: number | null },
): Node[] {
  return world.tables.ngo.support_services
    .filter((s) => filter.serviceType == null || s.service_type === filter.serviceType)
    .filter(
      (s) => filter.language == null || (s.languages as string[]).some((l) => l.toLowerCase() === filter.language!.trim().toLowerCase()),
    )
    .filter(
      (s) =>
        filter.acceptsAge == null ||
        ((s.min_age == null || s.min_age <= filter.acceptsAge) && (s.max_age == null || s.max_age >= filter.acceptsAge)),
    )
    .map((s) => node('SupportService', { id: s.id }));
}
