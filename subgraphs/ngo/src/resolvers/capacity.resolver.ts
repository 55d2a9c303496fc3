import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { NgoContext } from '../ngo.loaders';
import { Capacity } from '../types/capacity';

@Resolver(() => Capacity)
export class CapacityResolver {
  @FieldResolver(() => Int, { nullable: true, description: 'Places not taken by ACTIVE episodes; never below 0' })
  async available(@Root() capacity: Capacity, @Ctx() { loaders }: NgoContext): Promise<number> {
    const active = await loaders.activeEpisodesByService.load(capacity.serviceId);
    // A service may run over its published capacity; it then has no place, not a negative one.
    return Math.max(0, capacity.total - active);
  }
}
