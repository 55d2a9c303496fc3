import { inPeriod, NGO_ORGS, organisation, parsePeriod, StatCount, Statistics, type Vocabulary } from '@hub/shared';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { SupportServiceType } from '../entities/ngo.enums';
import type { NgoContext } from '../ngo.loaders';
import { SupportStatistics } from './support-statistics.type';

/** Adds the charities' counts to the federated `Statistics`. */
@Resolver(() => Statistics)
export class StatisticsResolver {
  @FieldResolver(() => SupportStatistics, { nullable: true })
  support(@Root() statistics: Statistics): SupportStatistics {
    return { period: parsePeriod(statistics.period) };
  }
}

// Six charities share this subgraph. A count by provider is owned by that charity, which sees
// it exactly; a count across charities is owned by all six, so no charity sees it exactly
// (were it exact when one charity happened to hold every record, a charity would learn
// whether any other had a record in the group).
const STARTED = inPeriod('e.started_on');
const EPISODE = `'support_episodes:' || e.id AS record`;
const PROVIDERS: Vocabulary = {
  values: NGO_ORGS,
  label: (org) => organisation(org)?.name ?? org,
  owners: (org) => [org],
};
const SERVICE_TYPES: Vocabulary = { values: Object.values(SupportServiceType) };

@Resolver(() => SupportStatistics)
export class SupportStatisticsResolver {
  @FieldResolver(() => StatCount, { description: 'Support episodes started in the period, across the charities' })
  episodesStarted(@Root() { period }: SupportStatistics, @Ctx() { loaders, caller }: NgoContext) {
    return loaders.counts.total({
      period,
      requesterOrg: caller.org,
      label: 'Support episodes started',
      sql: `SELECT ${EPISODE} FROM support_episodes e WHERE ${STARTED}`,
    });
  }

  @FieldResolver(() => [StatCount], { description: 'Support episodes started in the period, by providing charity' })
  episodesByProvider(@Root() { period }: SupportStatistics, @Ctx() { loaders, caller }: NgoContext) {
    return loaders.counts.groups({
      period,
      requesterOrg: caller.org,
      vocabulary: PROVIDERS,
      sql: `SELECT e.provider_org AS label, ${EPISODE} FROM support_episodes e WHERE ${STARTED}`,
    });
  }

  @FieldResolver(() => [StatCount], { description: 'Support episodes started in the period, by type of service' })
  episodesByServiceType(@Root() { period }: SupportStatistics, @Ctx() { loaders, caller }: NgoContext) {
    return loaders.counts.groups({
      period,
      requesterOrg: caller.org,
      vocabulary: SERVICE_TYPES,
      sql: `SELECT s.service_type AS label, ${EPISODE} FROM support_episodes e JOIN support_services s ON s.id = e.service_id WHERE ${STARTED}`,
    });
  }
}
