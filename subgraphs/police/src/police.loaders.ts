import type { SubgraphContext } from '@hub/shared';
import { countReader, manyBy, oneBy, POLICE_ORG } from '@hub/shared';
import type { DataSource } from 'typeorm';
import { CourtOrder } from './entities/court-order.entity';
import { IntelligenceReport } from './entities/intelligence-report.entity';
import { LocationOfConcern } from './entities/location-of-concern.entity';
import { Nominal } from './entities/nominal.entity';
import { NominalName } from './entities/nominal-name.entity';
import { NrmReferral } from './entities/nrm-referral.entity';
import { RoleAssignment } from './entities/role-assignment.entity';

/** Per-request loaders: one statement per relation per request, whatever the list size. */
export function createPoliceLoaders(dataSource: DataSource) {
  return {
    nominalBySubject: oneBy<Nominal, string>(dataSource.getRepository(Nominal), 'subjectId'),
    nominalsByUprn: manyBy<Nominal, string>(dataSource.getRepository(Nominal), 'currentUprn'),
    namesByNominal: manyBy<NominalName, number>(dataSource.getRepository(NominalName), 'nominalId'),
    rolesByNominal: manyBy<RoleAssignment, number>(dataSource.getRepository(RoleAssignment), 'nominalId'),
    nrmByNominal: manyBy<NrmReferral, number>(dataSource.getRepository(NrmReferral), 'nominalId'),
    intelligenceByNominal: manyBy<IntelligenceReport, number>(dataSource.getRepository(IntelligenceReport), 'nominalId'),
    intelligenceByUprn: manyBy<IntelligenceReport, string>(dataSource.getRepository(IntelligenceReport), 'uprn'),
    ordersByNominal: manyBy<CourtOrder, number>(dataSource.getRepository(CourtOrder), 'nominalId'),
    concernByUprn: oneBy<LocationOfConcern, string>(dataSource.getRepository(LocationOfConcern), 'uprn'),
    counts: countReader(dataSource, [POLICE_ORG]),
  };
}

export type PoliceLoaders = ReturnType<typeof createPoliceLoaders>;
export type PoliceContext = SubgraphContext<PoliceLoaders>;
