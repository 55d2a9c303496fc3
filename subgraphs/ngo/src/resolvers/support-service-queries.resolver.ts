import { SupportServiceRef } from '@hub/shared';
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { NgoContext } from '../ngo.loaders';
import { SupportServiceFilter } from '../types/support-service-filter';

/** Entry points into the directory, which this subgraph owns. Not personal data (rule 10). */
@Resolver()
export class SupportServiceQueries {
  @Query(() => SupportServiceRef, { nullable: true, description: 'One directory service; null when there is none with this id.' })
  async supportService(@Arg('id', () => ID) id: string, @Ctx() { loaders }: NgoContext): Promise<SupportServiceRef | null> {
    const row = await loaders.serviceById.load(id);
    return row ? { id: row.id } : null;
  }

  @Query(() => [SupportServiceRef], { description: 'Directory services matching every criterion given, by name.' })
  async supportServices(
    @Arg('filter', () => SupportServiceFilter, { nullable: true }) filter: SupportServiceFilter | null,
    @Ctx() { loaders }: NgoContext,
  ): Promise<SupportServiceRef[]> {
    const rows = await loaders.searchServices(filter ?? {});
    return rows.map((row) => ({ id: row.id }));
  }
}
