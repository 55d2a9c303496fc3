import type { SubgraphContext } from '@hub/shared';
import { countReader, manyBy, NGO_ORGS, oneBy } from '@hub/shared';
import type { DataSource } from 'typeorm';
import { placeCountsByService } from './active-episode-counts';
import { ConsentRecord } from './entities/consent-record.entity';
import { SupportEpisode } from './entities/support-episode.entity';
import { SupportServiceListing } from './entities/support-service-listing.entity';
import { serviceSearch } from './service-search';

/** Per-request loaders: one statement per relation per request, whatever the list size. */
export function createNgoLoaders(dataSource: DataSource) {
  const serviceById = oneBy<SupportServiceListing, string>(dataSource.getRepository(SupportServiceListing), 'id');
  return {
    serviceById,
    searchServices: serviceSearch(dataSource.getRepository(SupportServiceListing), serviceById),
    episodesBySubject: manyBy<SupportEpisode, string>(dataSource.getRepository(SupportEpisode), 'subjectId'),
    consentByEpisode: oneBy<ConsentRecord, number>(dataSource.getRepository(ConsentRecord), 'episodeId'),
    placeCountsByService: placeCountsByService(dataSource),
    counts: countReader(dataSource, NGO_ORGS),
  };
}

export type NgoLoaders = ReturnType<typeof createNgoLoaders>;
export type NgoContext = SubgraphContext<NgoLoaders>;
