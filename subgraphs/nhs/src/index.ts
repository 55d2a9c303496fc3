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
import { SupportServiceResolver } from './resolvers/support-service.resolver';

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
  seed: seedNhs,
};
