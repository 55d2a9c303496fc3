import { SupportServiceRef } from '@hub/shared';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
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
