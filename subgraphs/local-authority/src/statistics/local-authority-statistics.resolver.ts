import { inPeriod, parsePeriod, StatCount, Statistics, type Vocabulary } from '@hub/shared';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { AdultCarePrimaryNeed } from '../entities/local-authority.enums';
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

const NEEDS: Vocabulary = { values: Object.values(AdultCarePrimaryNeed) };
const LICENSING: Vocabulary = { values: ['Licensed', 'Unlicensed'] };

@Resolver(() => LocalAuthorityStatistics)
export class LocalAuthorityStatisticsResolver {
  @FieldResolver(() => StatCount, { description: "Children's social care cases opened in the period with a Children Act s47 enquiry" })
  section47Enquiries(@Root() { period }: LocalAuthorityStatistics, @Ctx() { loaders, caller }: LocalAuthorityContext) {
    return loaders.counts.total({
      period,
      requesterOrg: caller.org,
      label: 'Section 47 enquiries',
      sql: `SELECT 'children_social_care_cases:' || c.id AS record FROM children_social_care_cases c
            WHERE c.section47_enquiry AND ${inPeriod('c.opened_on')}`,
    });
  }

  @FieldResolver(() => [StatCount], { description: 'Adult social care cases opened in the period, by primary need' })
  adultSocialCareByNeed(@Root() { period }: LocalAuthorityStatistics, @Ctx() { loaders, caller }: LocalAuthorityContext) {
    return loaders.counts.groups({
      period,
      requesterOrg: caller.org,
      vocabulary: NEEDS,
      sql: `SELECT a.primary_need AS label, 'adult_social_care_cases:' || a.id AS record FROM adult_social_care_cases a WHERE ${inPeriod('a.opened_on')}`,
    });
  }

  @FieldResolver(() => [StatCount], { description: 'Houses in multiple occupation inspected in the period, licensed or not' })
  hmosInspected(@Root() { period }: LocalAuthorityStatistics, @Ctx() { loaders, caller }: LocalAuthorityContext) {
    // A house is counted once however often it was inspected: one row per (group, house).
    return loaders.counts.groups({
      period,
      requesterOrg: caller.org,
      vocabulary: LICENSING,
      sql: `SELECT DISTINCT CASE WHEN h.licensed THEN 'Licensed' ELSE 'Unlicensed' END AS label, 'hmo:' || h.uprn AS record
            FROM hmo_licences h JOIN property_inspections i ON i.uprn = h.uprn WHERE ${inPeriod('i.inspected_on')}`,
    });
  }
}
