import { Person } from '@hub/shared';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Nominal } from '../entities/nominal.entity';
import type { PoliceContext } from '../police.loaders';

/** Adds the police part to the federated `Person`. */
@Resolver(() => Person)
export class PersonResolver {
  @FieldResolver(() => Nominal, { nullable: true, description: 'What the police hold, if anything.' })
  police(@Root() person: Person, @Ctx() { loaders }: PoliceContext): Promise<Nominal | null> {
    return loaders.nominalBySubject.load(person.id);
  }
}
