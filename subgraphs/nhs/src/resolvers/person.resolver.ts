import { Person } from '@hub/shared';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Patient } from '../entities/patient.entity';
import type { NhsContext } from '../nhs.loaders';

/** Adds the NHS part to the federated `Person`. */
@Resolver(() => Person)
export class PersonResolver {
  @FieldResolver(() => Patient, { nullable: true, description: 'What the NHS holds, if anything.' })
  health(@Root() person: Person, @Ctx() { loaders }: NhsContext): Promise<Patient | null> {
    return loaders.patientBySubject.load(person.id);
  }
}
