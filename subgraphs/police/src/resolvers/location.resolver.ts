import { Location, Person } from '@hub/shared';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { IntelligenceReport } from '../entities/intelligence-report.entity';
import { LocationOfConcern } from '../entities/location-of-concern.entity';
import type { PoliceContext } from '../police.loaders';

/** Adds what the police hold about a property to the federated `Location`. */
@Resolver(() => Location)
export class LocationResolver {
  @FieldResolver(() => LocationOfConcern, { nullable: true, description: 'Why the force has flagged it, if it has' })
  policeConcern(@Root() location: Location, @Ctx() { loaders }: PoliceContext): Promise<LocationOfConcern | null> {
    return loaders.concernByUprn.load(location.uprn);
  }

  @FieldResolver(() => [IntelligenceReport], { nullable: true })
  intelligence(@Root() location: Location, @Ctx() { loaders }: PoliceContext): Promise<IntelligenceReport[]> {
    return loaders.intelligenceByUprn.load(location.uprn);
  }

  @FieldResolver(() => [Person], { nullable: true, description: 'Nominals whose current address is here' })
  async linkedPersons(@Root() location: Location, @Ctx() { loaders }: PoliceContext): Promise<Person[]> {
    const nominals = await loaders.nominalsByUprn.load(location.uprn);
    return nominals.map((n) => ({ id: n.subjectId }));
  }
}
