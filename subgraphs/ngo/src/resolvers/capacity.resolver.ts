import { availablePlaces } from '@hub/shared';
import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { NgoContext } from '../ngo.loaders';
import { Capacity } from '../types/capacity';

@Resolver(() => Capacity)
export class CapacityResolver {
  @FieldResolver(() => Int, {
    nullable: true,
    description:
      'Places free now: not taken by ACTIVE episodes or accepted referrals, less places held for pending referrals; never below 0',
  })
  async available(@Root() capacity: Capacity, @Ctx() { loaders }: NgoContext): Promise<number> {
    const { active, held } = await loaders.placeCountsByService.load(capacity.serviceId);
    // A service may run over its published capacity; it then has no place, not a negative one.
    return availablePlaces(capacity.placesFree ?? capacity.total - active, held);
  }
}
