import { inPeriod, organisation, parsePeriod, StatCount, Statistics } from '@hub/shared';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
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

// Six charities share this subgraph: each row says whose episodes it counts, so a charity sees
// its own figure exactly and a count across charities is controlled for all of them.
const STARTED = inPeriod('e.started_on');

@Resolver(() => SupportStatistics)
export class SupportStatisticsResolver {
  @FieldResolver(() => StatCount, { description: 'Support episodes started in the period, across the charities' })
  episodesStarted(@Root() { period }: SupportStatistics, @Ctx() { loaders, caller }: NgoContext) {
    return loaders.counts.total({
      period,
      requesterOrg: caller.org,
      sql: `SELECT 'Support episodes started' AS label, count(*) AS count, coalesce(array_agg(DISTINCT e.provider_org), '{}') AS owners
            FROM support_episodes e WHERE ${STARTED}`,
    });
  }

  @FieldResolver(() => [StatCount], { description: 'Support episodes started in the period, by providing charity' })
  async episodesByProvider(@Root() { period }: SupportStatistics, @Ctx() { loaders, caller }: NgoContext) {
    const counts = await loaders.counts.groups({
      period,
      requesterOrg: caller.org,
      sql: `SELECT e.provider_org AS label, count(*) AS count, ARRAY[e.provider_org] AS owners
            FROM support_episodes e WHERE ${STARTED} GROUP BY e.provider_org ORDER BY 1`,
    });
    return counts.map((count) => ({ ...count, label: organisation(count.label)?.name ?? count.label }));
  }

  @FieldResolver(() => [StatCount], { description: 'Support episodes started in the period, by type of service' })
  episodesByServiceType(@Root() { period }: SupportStatistics, @Ctx() { loaders, caller }: NgoContext) {
    return loaders.counts.groups({
      period,
      requesterOrg: caller.org,
      sql: `SELECT s.service_type AS label, count(*) AS count, array_agg(DISTINCT e.provider_org) AS owners
            FROM support_episodes e JOIN support_services s ON s.id = e.service_id WHERE ${STARTED} GROUP BY 1 ORDER BY 1`,
    });
  }
}
