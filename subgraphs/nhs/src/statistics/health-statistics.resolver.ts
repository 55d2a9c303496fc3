import { inPeriod, parsePeriod, StatCount, Statistics } from '@hub/shared';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { NhsContext } from '../nhs.loaders';
import { HealthStatistics } from './health-statistics.type';

/** Adds the trust's counts to the federated `Statistics`. */
@Resolver(() => Statistics)
export class StatisticsResolver {
  @FieldResolver(() => HealthStatistics, { nullable: true })
  health(@Root() statistics: Statistics): HealthStatistics {
    return { period: parsePeriod(statistics.period) };
  }
}

const ATTENDED = inPeriod('a.attended_on');

@Resolver(() => HealthStatistics)
export class HealthStatisticsResolver {
  @FieldResolver(() => StatCount, { description: 'Attendances in the period with at least one exploitation indicator' })
  attendancesWithIndicators(@Root() { period }: HealthStatistics, @Ctx() { loaders, caller }: NhsContext) {
    return loaders.counts.total({
      period,
      requesterOrg: caller.org,
      sql: `SELECT 'Attendances with exploitation indicators' AS label, count(*) AS count FROM attendances a WHERE cardinality(a.exploitation_indicators) > 0 AND ${ATTENDED}`,
    });
  }

  @FieldResolver(() => [StatCount], { description: 'Exploitation indicators recorded at attendances in the period' })
  exploitationIndicators(@Root() { period }: HealthStatistics, @Ctx() { loaders, caller }: NhsContext) {
    return loaders.counts.groups({
      period,
      requesterOrg: caller.org,
      sql: `SELECT i AS label, count(*) AS count FROM attendances a, unnest(a.exploitation_indicators) i WHERE ${ATTENDED} GROUP BY i ORDER BY i`,
    });
  }

  @FieldResolver(() => [StatCount], { description: 'Safeguarding flags raised in the period, by kind' })
  safeguardingFlagsRaised(@Root() { period }: HealthStatistics, @Ctx() { loaders, caller }: NhsContext) {
    return loaders.counts.groups({
      period,
      requesterOrg: caller.org,
      sql: `SELECT f.kind AS label, count(*) AS count FROM safeguarding_flags f WHERE ${inPeriod('f.raised_on')} GROUP BY 1 ORDER BY 1`,
    });
  }
}
