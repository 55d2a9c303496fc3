import {
  COUNCIL_ORG,
  LocationQueries,
  type Location,
  PersonQueries,
  type Person,
  SupportServiceRef,
  StatisticsQueries,
  StatisticsSecret,
  type Statistics,
  type SubgraphDefinition,
} from '@hub/shared';
import { AdultSocialCareCase } from './entities/adult-social-care-case.entity';
import { ChildrenSocialCareCase } from './entities/children-social-care-case.entity';
import { CouncilPerson } from './entities/council-person.entity';
import { CouncilPersonName } from './entities/council-person-name.entity';
import { HmoLicence } from './entities/hmo-licence.entity';
import { HousingRecord } from './entities/housing-record.entity';
import { PremisesLicence } from './entities/premises-licence.entity';
import { PropertyInspection } from './entities/property-inspection.entity';
import { ReceptionCentre } from './entities/reception-centre.entity';
import { createLocalAuthorityLoaders, type LocalAuthorityLoaders } from './local-authority.loaders';
import { migrations } from './migrations';
import { LocalAuthorityStatisticsResolver, StatisticsResolver } from './statistics/local-authority-statistics.resolver';
import { seedLocalAuthority } from './seed/local-authority.seed';
import { HousingRecordResolver } from './resolvers/housing-record.resolver';
import { LocalAuthorityRecordResolver } from './resolvers/local-authority-record.resolver';
import { LocationResolver } from './resolvers/location.resolver';
import { PersonResolver } from './resolvers/person.resolver';
import { ReceptionCentreResolver, SupportServiceResolver } from './resolvers/support-service.resolver';

/** The council's subgraph: social care, housing, HMO and premises licensing, reception centres. */
export const localAuthoritySubgraph: SubgraphDefinition<LocalAuthorityLoaders> = {
  name: 'local-authority',
  owner: COUNCIL_ORG,
  entities: [
    CouncilPerson,
    CouncilPersonName,
    AdultSocialCareCase,
    ChildrenSocialCareCase,
    HousingRecord,
    HmoLicence,
    PremisesLicence,
    PropertyInspection,
    ReceptionCentre,
    StatisticsSecret,
  ],
  migrations,
  resolvers: [
    PersonQueries,
    LocationQueries,
    PersonResolver,
    LocalAuthorityRecordResolver,
    HousingRecordResolver,
    LocationResolver,
    SupportServiceResolver,
    ReceptionCentreResolver,
    StatisticsQueries,
    StatisticsResolver,
    LocalAuthorityStatisticsResolver,
  ],
  // This subgraph only extends SupportService; no query of its own reaches the type.
  orphanedTypes: [SupportServiceRef],
  referenceResolvers: {
    // References carry only the key; the fields load through per-request DataLoaders.
    Person: { __resolveReference: (ref: Person): Person => ({ id: ref.id }) },
    Statistics: { __resolveReference: (ref: Statistics): Statistics => ({ period: ref.period }) },
    Location: { __resolveReference: (ref: Location): Location => ({ uprn: ref.uprn }) },
    SupportService: { __resolveReference: (ref: SupportServiceRef): SupportServiceRef => ({ id: ref.id }) },
  },
  createLoaders: createLocalAuthorityLoaders,
  // The reception centre's beds are its places: a referral that is accepted takes a bed.
  places: {
    lockSql: `SELECT beds_total AS total, beds_available AS free FROM reception_centres WHERE service_id = $1 FOR UPDATE`,
    updateSql: `UPDATE reception_centres SET beds_total = $2, beds_available = $3 WHERE service_id = $1`,
  },
  seed: seedLocalAuthority,
};
