import { Person } from '@hub/shared';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { CouncilPerson } from '../entities/council-person.entity';
import type { LocalAuthorityContext } from '../local-authority.loaders';

/** Adds the council part to the federated `Person`. */
@Resolver(() => Person)
export class PersonResolver {
  @FieldResolver(() => CouncilPerson, { nullable: true, description: 'What the council holds, if anything.' })
  localAuthority(@Root() person: Person, @Ctx() { loaders }: LocalAuthorityContext): Promise<CouncilPerson | null> {
    return loaders.personBySubject.load(person.id);
  }
}
