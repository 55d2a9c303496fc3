import { Arg, Directive, Field, ID, InputType, Query, Resolver } from 'type-graphql';
import { BadUserInputError } from '../errors/hub-errors';
import { Location, Person } from './entities';

export const SUBJECT_ID = /^SUBJ-\d{6}$/;
export const UPRN = /^\d{1,12}$/;
/** A list query is a disclosure of every row in it: keep lists small enough to justify. */
export const MAX_PEOPLE_PER_QUERY = 200;

export function assertSubjectId(id: string): string {
  if (!SUBJECT_ID.test(id)) {
    throw new BadUserInputError(`"${id.slice(0, 40)}" is not a subject reference (expected SUBJ- and six digits)`);
  }
  return id;
}

export function assertUprn(uprn: string): string {
  if (!UPRN.test(uprn)) {
    throw new BadUserInputError(`"${uprn.slice(0, 40)}" is not a UPRN (up to 12 digits)`);
  }
  return uprn;
}

@InputType()
export class PeopleFilter {
  @Field(() => [ID], { description: `Subject references, at most ${MAX_PEOPLE_PER_QUERY}` })
  ids!: string[];
}

/**
 * Entry points that only echo a reference. Every subgraph serves them (`@shareable`), so the
 * gateway can start a query at any partner that is up. They never reveal whether any partner
 * holds the subject: that is for each partner's own fields, under the agreement, to say.
 */
@Resolver()
export class PersonQueries {
  @Directive('@shareable')
  @Query(() => Person, { nullable: true, description: 'One subject, as each partner holds it.' })
  person(@Arg('id', () => ID) id: string): Person {
    return { id: assertSubjectId(id) };
  }

  @Directive('@shareable')
  @Query(() => [Person], { description: 'Several subjects, in the order asked.' })
  people(@Arg('filter', () => PeopleFilter) filter: PeopleFilter): Person[] {
    if (filter.ids.length > MAX_PEOPLE_PER_QUERY) {
      throw new BadUserInputError(`at most ${MAX_PEOPLE_PER_QUERY} subjects per query`);
    }
    return filter.ids.map((id) => ({ id: assertSubjectId(id) }));
  }
}

@Resolver()
export class LocationQueries {
  @Directive('@shareable')
  @Query(() => Location, { nullable: true, description: 'One property, as each partner holds it.' })
  location(@Arg('uprn', () => ID) uprn: string): Location {
    return { uprn: assertUprn(uprn) };
  }
}
