import {
  LocationQueries,
  type Location,
  PersonQueries,
  type Person,
  POLICE_ORG,
  StatisticsQueries,
  StatisticsSecret,
  type Statistics,
  type SubgraphDefinition,
} from '@hub/shared';
import { CourtOrder } from './entities/court-order.entity';
import { IntelligenceReport } from './entities/intelligence-report.entity';
import { LocationOfConcern } from './entities/location-of-concern.entity';
import { Nominal } from './entities/nominal.entity';
import { NominalName } from './entities/nominal-name.entity';
import { NrmReferral } from './entities/nrm-referral.entity';
import { RoleAssignment } from './entities/role-assignment.entity';
import { migrations } from './migrations';
import { createPoliceLoaders, type PoliceLoaders } from './police.loaders';
import { seedPolice } from './seed/police.seed';
import { LocationResolver } from './resolvers/location.resolver';
import { PersonResolver } from './resolvers/person.resolver';
import { PoliceRecordResolver } from './resolvers/police-record.resolver';
import { PoliceStatisticsResolver, StatisticsResolver } from './statistics/police-statistics.resolver';

/** The police force's subgraph: nominals, NRM referrals, intelligence, orders, locations. */
export const policeSubgraph: SubgraphDefinition<PoliceLoaders> = {
  name: 'police',
  owner: POLICE_ORG,
  entities: [Nominal, NominalName, RoleAssignment, NrmReferral, IntelligenceReport, CourtOrder, LocationOfConcern, StatisticsSecret],
  migrations,
  resolvers: [
    PersonQueries,
    LocationQueries,
    StatisticsQueries,
    PersonResolver,
    PoliceRecordResolver,
    LocationResolver,
    StatisticsResolver,
    PoliceStatisticsResolver,
  ],
  referenceResolvers: {
    // References carry only the key; the fields load through per-request DataLoaders.
    Person: { __resolveReference: (ref: Person): Person => ({ id: ref.id }) },
    Location: { __resolveReference: (ref: Location): Location => ({ uprn: ref.uprn }) },
    Statistics: { __resolveReference: (ref: Statistics): Statistics => ({ period: ref.period }) },
  },
  createLoaders: createPoliceLoaders,
  seed: seedPolice,
};
