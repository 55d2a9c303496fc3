import {
  NHS_ORG,
  PersonQueries,
  type Person,
  SupportServiceRef,
  StatisticsQueries,
  StatisticsSecret,
  type Statistics,
  type SubgraphDefinition,
} from '@hub/shared';
import { Attendance } from './entities/attendance.entity';
import { ClinicalNote } from './entities/clinical-note.entity';
import { HealthService } from './entities/health-service.entity';
import { Patient } from './entities/patient.entity';
import { PatientName } from './entities/patient-name.entity';
import { SafeguardingFlag } from './entities/safeguarding-flag.entity';
import { migrations } from './migrations';
import { HealthStatisticsResolver, StatisticsResolver } from './statistics/health-statistics.resolver';
import { createNhsLoaders, type NhsLoaders } from './nhs.loaders';
import { seedNhs } from './seed/nhs.seed';
import { AttendanceResolver } from './resolvers/attendance.resolver';
import { HealthRecordResolver } from './resolvers/health-record.resolver';
import { PersonResolver } from './resolvers/person.resolver';
import { HealthServiceResolver, SupportServiceResolver } from './resolvers/support-service.resolver';

/** The health trust's subgraph: patients, safeguarding flags, attendances, health services. */
export const nhsSubgraph: SubgraphDefinition<NhsLoaders> = {
  name: 'nhs',
  owner: NHS_ORG,
  entities: [Patient, PatientName, SafeguardingFlag, Attendance, ClinicalNote, HealthService, StatisticsSecret],
  migrations,
  // No LocationQueries: the NHS adds nothing to a Location.
  resolvers: [
    PersonQueries,
    PersonResolver,
    HealthRecordResolver,
    AttendanceResolver,
    SupportServiceResolver,
    HealthServiceResolver,
    StatisticsQueries,
    StatisticsResolver,
    HealthStatisticsResolver,
  ],
  // This subgraph only extends SupportService; no query of its own reaches the type.
  orphanedTypes: [SupportServiceRef],
  referenceResolvers: {
    // References carry only the key; the fields load through per-request DataLoaders.
    Person: { __resolveReference: (ref: Person): Person => ({ id: ref.id }) },
    Statistics: { __resolveReference: (ref: Statistics): Statistics => ({ period: ref.period }) },
    SupportService: { __resolveReference: (ref: SupportServiceRef): SupportServiceRef => ({ id: ref.id }) },
  },
  createLoaders: createNhsLoaders,
  // A clinic's free slots this week are its places: a referral that is accepted takes a slot.
  places: {
    lockSql: `SELECT weekly_slots AS total, slots_available AS free FROM health_services WHERE service_id = $1 FOR UPDATE`,
    updateSql: `UPDATE health_services SET weekly_slots = $2, slots_available = $3 WHERE service_id = $1`,
  },
  seed: seedNhs,
};
