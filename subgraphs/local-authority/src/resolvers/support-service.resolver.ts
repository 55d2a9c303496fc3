import { availablePlaces, SupportServiceRef } from '@hub/shared';
import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { ReceptionCentre } from '../entities/reception-centre.entity';
import type { LocalAuthorityContext } from '../local-authority.loaders';

/** Adds live bed counts to the directory entries the council operates. */
@Resolver(() => SupportServiceRef)
export class SupportServiceResolver {
  @FieldResolver(() => ReceptionCentre, { nullable: true, description: 'Null unless the council runs this service as a reception centre' })
  receptionCentre(@Root() service: SupportServiceRef, @Ctx() { loaders }: LocalAuthorityContext): Promise<ReceptionCentre | null> {
    return loaders.receptionCentreByService.load(service.id);
  }
}

/** Beds free now: the centre's free beds less those held for pending referrals, never below 0. */
@Resolver(() => ReceptionCentre)
export class ReceptionCentreResolver {
  @FieldResolver(() => Int, { nullable: true })
  async bedsAvailable(@Root() centre: ReceptionCentre, @Ctx() { loaders }: LocalAuthorityContext): Promise<number> {
    return availablePlaces(centre.bedsAvailable, await loaders.liveHoldsByService.load(centre.serviceId));
  }
}
