import { GraphQLError } from 'graphql';
import { Arg, Directive, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';

/**
 * Aggregate figures across partners (rule 9), federated like a subject: `stats(from, to)`
 * names a period, and each partner adds its own counts for that period to `Statistics`.
 */
@Directive('@key(fields: "period")')
@ObjectType({ description: 'Counts for a period; each partner adds its own, under disclosure control (rule 9).' })
export class Statistics {
  @Field({ description: 'ISO 8601 interval, e.g. 2026-01-01/2027-01-01; ".." for an open end' })
  period!: string;
}

@Directive('@shareable')
@ObjectType({ description: 'A count under disclosure control: 1–7 suppressed, others rounded to 5, exact for the owner.' })
export class StatCount {
  @Field()
  label!: string;

  @Field(() => Int, { nullable: true, description: 'Null when suppressed' })
  count!: number | null;

  @Field({ description: 'The count was 1 to 7 and is not shown' })
  suppressed!: boolean;

  @Field({ description: 'The count is rounded to the nearest 5' })
  rounded!: boolean;
}

/** A period of days, from inclusive to exclusive; null is an open end. */
export interface Period {
  from: string | null;
  to: string | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function parsePeriod(period: string): Period {
  const [from, to, extra] = period.split('/');
  const valid = (day: string | undefined) => day === '..' || (day !== undefined && DAY.test(day) && !Number.isNaN(Date.parse(day)));
  if (extra !== undefined || !valid(from) || !valid(to)) {
    throw new GraphQLError(`"${period.slice(0, 40)}" is not a period (YYYY-MM-DD/YYYY-MM-DD, ".." for an open end)`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  const result = { from: from === '..' ? null : from!, to: to === '..' ? null : to! };
  if (result.from && result.to && result.from >= result.to) {
    throw new GraphQLError('a period must end after it starts', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return result;
}

/** Echoes the period, like `person(id)`: every subgraph serves it, none reveals anything by it. */
@Resolver()
export class StatisticsQueries {
  @Directive('@shareable')
  @Query(() => Statistics, { description: 'Counts across partners for a period (rule 9: any approved user, purpose STATISTICS).' })
  stats(
    @Arg('from', () => String, { nullable: true, description: 'YYYY-MM-DD, inclusive' }) from?: string | null,
    @Arg('to', () => String, { nullable: true, description: 'YYYY-MM-DD, exclusive' }) to?: string | null,
  ): Statistics {
    const period = `${from ?? '..'}/${to ?? '..'}`;
    parsePeriod(period);
    return { period };
  }
}
