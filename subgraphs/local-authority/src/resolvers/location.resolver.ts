import { Location, Person } from '@hub/shared';
import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { HmoLicence } from '../entities/hmo-licence.entity';
import { PremisesLicence } from '../entities/premises-licence.entity';
import type { LocalAuthorityContext } from '../local-authority.loaders';

/** Adds the council's licensing and inspection record of a property to the federated `Location`. */
@Resolver(() => Location)
export class LocationResolver {
  @FieldResolver(() => HmoLicence, { nullable: true, description: 'Null unless the council knows the property as an HMO' })
  hmoLicence(@Root() location: Location, @Ctx() { loaders }: LocalAuthorityContext): Promise<HmoLicence | null> {
    return loaders.hmoLicenceByUprn.load(location.uprn);
  }

  @FieldResolver(() => [PremisesLicence], { nullable: true, description: 'Nail bar and car wash licences' })
  premisesLicences(@Root() location: Location, @Ctx() { loaders }: LocalAuthorityContext): Promise<PremisesLicence[]> {
    return loaders.premisesLicencesByUprn.load(location.uprn);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Occupants counted at the last council inspection' })
  async reportedOccupants(@Root() location: Location, @Ctx() { loaders }: LocalAuthorityContext): Promise<number | null> {
    const [last] = await loaders.inspectionsByUprn.load(location.uprn);
    return last?.occupantsCounted ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'ISO date of the last council inspection' })
  async lastInspectedOn(@Root() location: Location, @Ctx() { loaders }: LocalAuthorityContext): Promise<string | null> {
    const [last] = await loaders.inspectionsByUprn.load(location.uprn);
    return last?.inspectedOn ?? null;
  }

  @FieldResolver(() => Person, { nullable: true, description: "The HMO landlord on the council's licensing record" })
  async landlord(@Root() location: Location, @Ctx() { loaders }: LocalAuthorityContext): Promise<Person | null> {
    const licence = await loaders.hmoLicenceByUprn.load(location.uprn);
    return licence?.landlordSubjectId ? { id: licence.landlordSubjectId } : null;
  }
}
