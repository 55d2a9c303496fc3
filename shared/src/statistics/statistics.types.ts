import { Arg, Directive, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { parsePeriod } from './reporting-period';

/**
 * Aggregate figures across partners (rule 9), federated like a subject: `stats(period)` names
 * a whole reporting period, and each partner adds its own counts for that period to `Statistics`.
 */
@Directive('@key(fields: "period")')
@ObjectType({ description: 'Counts for a period; each partner adds its own, under disclosure control (rule 9).' })
export class Statistics {
  @Field({ description: 'A whole reporting period: a calendar year (2026), quarter (2026-Q2) or month (2026-05)' })
  period!: string;
}

@Directive('@shareable')
@ObjectType({
  description:
    'A count under disclosure control: 0–7 suppressed, others perturbed by the cell-key method and rounded to 5, exact for the owner.',
})
export class StatCount {
  @Field()
  label!: string;

  @Field(() => Int, { nullable: true, description: 'Null when suppressed' })
  count!: number | null;

  @Field({ description: 'The count was 0 to 7, or its perturbation took it below 8, and is not shown' })
  suppressed!: boolean;

  @Field({ description: 'The count is perturbed (by at most 3) and rounded to the nearest 5' })
  rounded!: boolean;
}

/** Echoes the period, like `person(id)`: every subgraph serves it, none reveals anything by it. */
@Resolver()
export class StatisticsQueries {
  @Directive('@shareable')
  @Query(() => Statistics, {
    description: 'Counts across partners for a whole reporting period that has ended (rule 9: any approved user, purpose STATISTICS).',
  })
  stats(
    @Arg('period', () => String, { description: 'A calendar year (2026), quarter (2026-Q2) or month (2026-05)' }) period: string,
  ): Statistics {
    return { period: parsePeriod(period).name };
  }
}
