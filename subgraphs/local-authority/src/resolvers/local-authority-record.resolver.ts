import { Location, PersonName } from '@hub/shared';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { AdultSocialCareCase } from '../entities/adult-social-care-case.entity';
import { ChildrenSocialCareCase } from '../entities/children-social-care-case.entity';
import { CouncilPerson } from '../entities/council-person.entity';
import { HousingRecord } from '../entities/housing-record.entity';
import type { LocalAuthorityContext } from '../local-authority.loaders';

@Resolver(() => CouncilPerson)
export class LocalAuthorityRecordResolver {
  @FieldResolver(() => [PersonName], { nullable: true })
  async names(@Root() person: CouncilPerson, @Ctx() { loaders }: LocalAuthorityContext): Promise<PersonName[]> {
    const names = await loaders.namesByPerson.load(person.id);
    return names.map(({ fullName, kind }) => ({ fullName, kind }));
  }

  @FieldResolver(() => AdultSocialCareCase, { nullable: true })
  adultSocialCare(@Root() person: CouncilPerson, @Ctx() { loaders }: LocalAuthorityContext): Promise<AdultSocialCareCase | null> {
    return loaders.adultCareByPerson.load(person.id);
  }

  @FieldResolver(() => ChildrenSocialCareCase, { nullable: true })
  childrenSocialCare(@Root() person: CouncilPerson, @Ctx() { loaders }: LocalAuthorityContext): Promise<ChildrenSocialCareCase | null> {
    return loaders.childrenCareByPerson.load(person.id);
  }

  @FieldResolver(() => HousingRecord, { nullable: true })
  housing(@Root() person: CouncilPerson, @Ctx() { loaders }: LocalAuthorityContext): Promise<HousingRecord | null> {
    return loaders.housingByPerson.load(person.id);
  }

  @FieldResolver(() => [Location], {
    nullable: true,
    description: "Properties where this subject is the HMO landlord on the council's licensing record",
  })
  async landlordOf(@Root() person: CouncilPerson, @Ctx() { loaders }: LocalAuthorityContext): Promise<Location[]> {
    const licences = await loaders.hmoLicencesByLandlord.load(person.subjectId);
    return licences.map((licence) => ({ uprn: licence.uprn }));
  }
}
