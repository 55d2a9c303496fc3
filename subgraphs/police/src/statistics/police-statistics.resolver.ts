import { inPeriod, parsePeriod, StatCount, Statistics } from '@hub/shared';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
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

@Resolver(() => PoliceStatistics)
export class PoliceStatisticsResolver {
  @FieldResolver(() => StatCount, { description: 'NRM referrals made in the period' })
  nrmReferrals(@Root() { period }: PoliceStatistics, @Ctx() { loaders, caller }: PoliceContext) {
    return loaders.counts.total({
      period,
      requesterOrg: caller.org,
      sql: `SELECT 'NRM referrals' AS label, count(*) AS count FROM nrm_referrals r WHERE ${REFERRED}`,
    });
  }

  @FieldResolver(() => [StatCount], { description: 'NRM referrals in the period by exploitation type (a referral may have several)' })
  nrmReferralsByExploitationType(@Root() { period }: PoliceStatistics, @Ctx() { loaders, caller }: PoliceContext) {
    return loaders.counts.groups({
      period,
      requesterOrg: caller.org,
      sql: `SELECT t AS label, count(*) AS count FROM nrm_referrals r, unnest(r.exploitation_types) t WHERE ${REFERRED} GROUP BY t ORDER BY t`,
    });
  }

  @FieldResolver(() => [StatCount], { description: 'NRM referrals in the period by the nationality the force recorded' })
  nrmReferralsByNationality(@Root() { period }: PoliceStatistics, @Ctx() { loaders, caller }: PoliceContext) {
    return loaders.counts.groups({
      period,
      requesterOrg: caller.org,
      sql: `SELECT coalesce(n.nationality, 'Not recorded') AS label, count(*) AS count
            FROM nrm_referrals r JOIN nominals n ON n.id = r.nominal_id WHERE ${REFERRED} GROUP BY 1 ORDER BY 1`,
    });
  }

  @FieldResolver(() => [StatCount], { description: 'NRM referrals in the period by reasonable grounds decision' })
  nrmReasonableGrounds(@Root() { period }: PoliceStatistics, @Ctx() { loaders, caller }: PoliceContext) {
    return loaders.counts.groups({
      period,
      requesterOrg: caller.org,
      sql: `SELECT r.reasonable_grounds AS label, count(*) AS count FROM nrm_referrals r WHERE ${REFERRED} GROUP BY 1 ORDER BY 1`,
    });
  }

  @FieldResolver(() => [StatCount], { description: 'Slavery and trafficking orders (STPO, STRO) made in the period, by type' })
  ordersMade(@Root() { period }: PoliceStatistics, @Ctx() { loaders, caller }: PoliceContext) {
    return loaders.counts.groups({
      period,
      requesterOrg: caller.org,
      sql: `SELECT o.type AS label, count(*) AS count FROM court_orders o WHERE ${inPeriod('o.made_on')} GROUP BY 1 ORDER BY 1`,
    });
  }
}
