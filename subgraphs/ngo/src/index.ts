import {
  PersonQueries,
  type Person,
  type SupportServiceRef,
  StatisticsQueries,
  StatisticsSecret,
  type Statistics,
  type SubgraphDefinition,
} from '@hub/shared';
import { CapacityResolver } from './resolvers/capacity.resolver';
import { ConsentRecord } from './entities/consent-record.entity';
import { SupportEpisode } from './entities/support-episode.entity';
import { SupportServiceListing } from './entities/support-service-listing.entity';
import { migrations } from './migrations';
import { SupportStatisticsResolver, StatisticsResolver } from './statistics/support-statistics.resolver';
import { createNgoLoaders, type NgoLoaders } from './ngo.loaders';
import { seedNgo } from './seed/ngo.seed';
import { PersonResolver } from './resolvers/person.resolver';
import { SupportEpisodeResolver } from './resolvers/support-episode.resolver';
import { SupportServiceQueries } from './resolvers/support-service-queries.resolver';
import { SupportServiceResolver } from './resolvers/support-service.resolver';

/**
 * The charities' subgraph: the network's support-service directory and survivors' support
 * episodes with their recorded consent. Six charities share it, so no one organisation owns
 * it as a whole: `owner` names the partner, and each episode names its provider
 * (`providerOrg`), the data controller for that episode and its consent.
 */
export const ngoSubgraph: SubgraphDefinition<NgoLoaders> = {
  name: 'ngo',
  owner: 'ngo',
  entities: [SupportServiceListing, SupportEpisode, ConsentRecord, StatisticsSecret],
  migrations,
  resolvers: [
    PersonQueries,
    SupportServiceQueries,
    PersonResolver,
    SupportEpisodeResolver,
    SupportServiceResolver,
    CapacityResolver,
    StatisticsQueries,
    StatisticsResolver,
    SupportStatisticsResolver,
  ],
  referenceResolvers: {
    // References carry only the key; the fields load through per-request DataLoaders.
    Person: { __resolveReference: (ref: Person): Person => ({ id: ref.id }) },
    Statistics: { __resolveReference: (ref: Statistics): Statistics => ({ period: ref.period }) },
    SupportService: { __resolveReference: (ref: SupportServiceRef): SupportServiceRef => ({ id: ref.id }) },
  },
  createLoaders: createNgoLoaders,
  // The charities' places: free as the provider last said, else the capacity less active episodes.
  places: {
    lockSql: `SELECT s.capacity_total AS total,
                     coalesce(s.places_free, greatest(0, s.capacity_total - (
                       SELECT count(*) FROM support_episodes e WHERE e.service_id = s.id AND e.status = 'ACTIVE')))::int AS free
                FROM support_services s WHERE s.id = $1 AND s.operator = 'ngo' FOR UPDATE OF s`,
    updateSql: `UPDATE support_services SET capacity_total = $2, places_free = $3 WHERE id = $1`,
  },
  seed: seedNgo,
};
