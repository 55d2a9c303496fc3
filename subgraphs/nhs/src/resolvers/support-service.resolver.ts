import { availablePlaces, SupportServiceRef } from '@hub/shared';
import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { HealthService } from '../entities/health-service.entity';
import type { NhsContext } from '../nhs.loaders';

/** Adds live clinic details to the directory's `SupportService` entries the trust runs. */
@Resolver(() => SupportServiceRef)
export class SupportServiceResolver {
  @FieldResolver(() => HealthService, { nullable: true, description: 'Null unless the NHS runs the service' })
  healthService(@Root() service: SupportServiceRef, @Ctx() { loaders }: NhsContext): Promise<HealthService | null> {
    return loaders.healthServiceById.load(service.id);
  }
}

/** Slots free now: the clinic's free slots less those held for pending referrals, never below 0. */
@Resolver(() => HealthService)
export class HealthServiceResolver {
  @FieldResolver(() => Int, { nullable: true, description: 'Slots still free this week' })
  async slotsAvailable(@Root() clinic: HealthService, @Ctx() { loaders }: NhsContext): Promise<number> {
    return availablePlaces(clinic.slotsAvailable, await loaders.liveHoldsByService.load(clinic.serviceId));
  }
}
