import {
  inPeriod,
  NATIONALITY_GROUPS,
  NOT_RECORDED_GROUP,
  OTHER_GROUP,
  parsePeriod,
  StatCount,
  Statistics,
  type Vocabulary,
} from '@hub/shared';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ExploitationType, NrmDecision, OrderType } from '../entities/police.enums';
import type { PoliceContext } from '../police.loaders';
import { PoliceStatistics } from './police-statistics.type';

/** Adds the force's counts to the federated `Statistics`. */
@Resolver(() => Statistics)
export class StatisticsResolver {
  @FieldResolver(() => PoliceStatistics, { nullable: true })
  police(@Root() statistics: Statistics): PoliceStatistics {
    return { period: parsePeriod(statistics.period) };
  }
}

const REFERRED = inPeriod('r.referred_on');
const REFERRAL = `'nrm_referrals:' || r.id AS record`;

// Every group of each statistic is listed whatever the period holds: the force's own enums, and
// for nationality the published list (vocabularies.ts) with "Not recorded" and "Other".
const EXPLOITATION_TYPES: Vocabulary = { values: Object.values(ExploitationType) };
const NATIONALITIES: Vocabulary = { values: [...NATIONALITY_GROUPS, NOT_RECORDED_GROUP], other: OTHER_GROUP };
const DECISIONS: Vocabulary = { values: Object.values(NrmDecision) };
const ORDER_TYPES: Vocabulary = { values: Object.values(OrderType) };

@Resolver(() => PoliceStatistics)
export class PoliceStatisticsResolver {
  @FieldResolver(() => StatCount, { description: 'NRM referrals made in the period' })
  nrmReferrals(@Root() { period }: PoliceStatistics, @Ctx() { loaders, caller }: PoliceContext) {
    return loaders.counts.total({
      period,
      requesterOrg: caller.org,
      label: 'NRM referrals',
      sql: `SELECT ${REFERRAL} FROM nrm_referrals r WHERE ${REFERRED}`,
    });
  }

  @FieldResolver(() => [StatCount], { description: 'NRM referrals in the period by exploitation type (a referral may have several)' })
  nrmReferralsByExploitationType(@Root() { period }: PoliceStatistics, @Ctx() { loaders, caller }: PoliceContext) {
    return loaders.counts.groups({
      period,
      requesterOrg: caller.org,
      vocabulary: EXPLOITATION_TYPES,
      sql: `SELECT t AS label, ${REFERRAL} FROM nrm_referrals r, unnest(r.exploitation_types) t WHERE ${REFERRED}`,
    });
  }

  @FieldResolver(() => [StatCount], { description: 'NRM referrals in the period by the nationality the force recorded' })
  nrmReferralsByNationality(@Root() { period }: PoliceStatistics, @Ctx() { loaders, caller }: PoliceContext) {
    return loaders.counts.groups({
      period,
      requesterOrg: caller.org,
      vocabulary: NATIONALITIES,
      sql: `SELECT coalesce(n.nationality, '${NOT_RECORDED_GROUP}') AS label, ${REFERRAL}
            FROM nrm_referrals r JOIN nominals n ON n.id = r.nominal_id WHERE ${REFERRED}`,
    });
  }

  @FieldResolver(() => [StatCount], { description: 'NRM referrals in the period by reasonable grounds decision' })
  nrmReasonableGrounds(@Root() { period }: PoliceStatistics, @Ctx() { loaders, caller }: PoliceContext) {
    return loaders.counts.groups({
      period,
      requesterOrg: caller.org,
      vocabulary: DECISIONS,
      sql: `SELECT r.reasonable_grounds AS label, ${REFERRAL} FROM nrm_referrals r WHERE ${REFERRED}`,
    });
  }

  @FieldResolver(() => [StatCount], { description: 'Slavery and trafficking orders (STPO, STRO) made in the period, by type' })
  ordersMade(@Root() { period }: PoliceStatistics, @Ctx() { loaders, caller }: PoliceContext) {
    return loaders.counts.groups({
      period,
      requesterOrg: caller.org,
      vocabulary: ORDER_TYPES,
      sql: `SELECT o.type AS label, 'court_orders:' || o.id AS record FROM court_orders o WHERE ${inPeriod('o.made_on')}`,
    });
  }
}
