import { inPeriod, parsePeriod, StatCount, Statistics } from '@hub/shared';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { LocalAuthorityContext } from '../local-authority.loaders';
import { LocalAuthorityStatistics } from './local-authority-statistics.type';

/** Adds the council's counts to the federated `Statistics`. */
@Resolver(() => Statistics)
export class StatisticsResolver {
  @FieldResolver(() => LocalAuthorityStatistics, { nullable: true })
  localAuthority(@Root() statistics: Statistics): LocalAuthorityStatistics {
    return { period: parsePeriod(statistics.period) };
  }
}

@Resolver(() => LocalAuthorityStatistics)
export class LocalAuthorityStatisticsResolver {
  @FieldResolver(() => StatCount, { description: "Children's social care cases opened in the period with a Children Act s47 enquiry" })
  section47Enquiries(@Root() { period }: LocalAuthorityStatistics, @Ctx() { loaders, caller }: LocalAuthorityContext) {
    return loaders.counts.total({
      period,
      requesterOrg: caller.org,
      sql: `SELECT 'Section 47 enquiries' AS label, count(*) AS count FROM children_social_care_cases c WHERE c.section47_enquiry AND ${inPeriod('c.opened_on')}`,
    });
  }

  @FieldResolver(() => [StatCount], { description: 'Adult social care cases opened in the period, by primary need' })
  adultSocialCareByNeed(@Root() { period }: LocalAuthorityStatistics, @Ctx() { loaders, caller }: LocalAuthorityContext) {
    return loaders.counts.groups({
      period,
      requesterOrg: caller.org,
      sql: `SELECT a.primary_need AS label, count(*) AS count FROM adult_social_care_cases a WHERE ${inPeriod('a.opened_on')} GROUP BY 1 ORDER BY 1`,
    });
  }

  @FieldResolver(() => [StatCount], { description: 'Houses in multiple occupation inspected in the period, licensed or not' })
  hmosInspected(@Root() { period }: LocalAuthorityStatistics, @Ctx() { loaders, caller }: LocalAuthorityContext) {
    return loaders.counts.groups({
      period,
      requesterOrg: caller.org,
      sql: `SELECT CASE WHEN h.licensed THEN 'Licensed' ELSE 'Unlicensed' END AS label, count(DISTINCT h.uprn) AS count
            FROM hmo_licences h JOIN property_inspections i ON i.uprn = h.uprn WHERE ${inPeriod('i.inspected_on')} GROUP BY 1 ORDER BY 1`,
    });
  }
}
