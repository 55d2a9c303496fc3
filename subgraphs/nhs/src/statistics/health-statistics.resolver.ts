import { inPeriod, OTHER_GROUP, parsePeriod, StatCount, Statistics, type Vocabulary } from '@hub/shared';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { SafeguardingFlagKind } from '../entities/nhs.enums';
import type { NhsContext } from '../nhs.loaders';
import { EXPLOITATION_INDICATORS } from '../seed/health-vocabulary';
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
const ATTENDANCE = `'attendances:' || a.id AS record`;

// The trust's published list of indicators, with "Other" for any recorded outside it.
const INDICATORS: Vocabulary = { values: EXPLOITATION_INDICATORS, other: OTHER_GROUP };
const FLAG_KINDS: Vocabulary = { values: Object.values(SafeguardingFlagKind) };

@Resolver(() => HealthStatistics)
export class HealthStatisticsResolver {
  @FieldResolver(() => StatCount, { description: 'Attendances in the period with at least one exploitation indicator' })
  attendancesWithIndicators(@Root() { period }: HealthStatistics, @Ctx() { loaders, caller }: NhsContext) {
    return loaders.counts.total({
      period,
      requesterOrg: caller.org,
      label: 'Attendances with exploitation indicators',
      sql: `SELECT ${ATTENDANCE} FROM attendances a WHERE cardinality(a.exploitation_indicators) > 0 AND ${ATTENDED}`,
    });
  }

  @FieldResolver(() => [StatCount], { description: 'Exploitation indicators recorded at attendances in the period' })
  exploitationIndicators(@Root() { period }: HealthStatistics, @Ctx() { loaders, caller }: NhsContext) {
    return loaders.counts.groups({
      period,
      requesterOrg: caller.org,
      vocabulary: INDICATORS,
      sql: `SELECT i AS label, ${ATTENDANCE} FROM attendances a, unnest(a.exploitation_indicators) i WHERE ${ATTENDED}`,
    });
  }

  @FieldResolver(() => [StatCount], { description: 'Safeguarding flags raised in the period, by kind' })
  safeguardingFlagsRaised(@Root() { period }: HealthStatistics, @Ctx() { loaders, caller }: NhsContext) {
    return loaders.counts.groups({
      period,
      requesterOrg: caller.org,
      vocabulary: FLAG_KINDS,
      sql: `SELECT f.kind AS label, 'safeguarding_flags:' || f.id AS record FROM safeguarding_flags f WHERE ${inPeriod('f.raised_on')}`,
    });
  }
}
