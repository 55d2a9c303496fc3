import { organisation, SUPPORT_DIRECTORY, SupportServiceRef } from '@hub/shared';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { SupportServiceType } from '../entities/ngo.enums';
import type { SupportServiceListing } from '../entities/support-service-listing.entity';
import type { NgoContext } from '../ngo.loaders';
import { Capacity } from '../types/capacity';
import { Eligibility } from '../types/eligibility';

/**
 * The directory fields of the federated `SupportService`. The entity class is the shared key
 * class, so each field loads the directory row through the per-request `serviceById` loader
 * (one statement for all services in a response); an unknown id gives null fields.
 */
@Resolver(() => SupportServiceRef)
export class SupportServiceResolver {
  @FieldResolver(() => String, { nullable: true })
  async name(@Root() ref: SupportServiceRef, @Ctx() ctx: NgoContext): Promise<string | null> {
    return (await listing(ref, ctx))?.name ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Name of the organisation that provides it' })
  async provider(@Root() ref: SupportServiceRef, @Ctx() ctx: NgoContext): Promise<string | null> {
    const row = await listing(ref, ctx);
    return row ? (organisation(row.providerOrg)?.name ?? row.providerOrg) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Organisation id of the provider' })
  async providerOrg(@Root() ref: SupportServiceRef, @Ctx() ctx: NgoContext): Promise<string | null> {
    return (await listing(ref, ctx))?.providerOrg ?? null;
  }

  @FieldResolver(() => SupportServiceType, { nullable: true })
  async serviceType(@Root() ref: SupportServiceRef, @Ctx() ctx: NgoContext): Promise<SupportServiceType | null> {
    return (await listing(ref, ctx))?.serviceType ?? null;
  }

  @FieldResolver(() => Eligibility, { nullable: true })
  async eligibility(@Root() ref: SupportServiceRef, @Ctx() ctx: NgoContext): Promise<Eligibility | null> {
    const row = await listing(ref, ctx);
    if (!row) return null;
    const { minAge, maxAge, genders, nrmStages, languages, requirements } = row;
    return { minAge, maxAge, genders, nrmStages, languages, requirements };
  }

  @FieldResolver(() => Capacity, {
    nullable: true,
    description:
      'Places at a service the charities run; null for one another partner runs (its live places are receptionCentre.bedsAvailable or healthService.slotsAvailable), so that no second figure can disagree with them',
  })
  async capacity(@Root() ref: SupportServiceRef, @Ctx() ctx: NgoContext): Promise<Capacity | null> {
    // The directory's row for a council or NHS service is a listing, not its places: those are kept, held and counted by its operator.
    if (SUPPORT_DIRECTORY.find((s) => s.id === ref.id)?.operator !== 'ngo') return null;
    const row = await listing(ref, ctx);
    return row ? { serviceId: row.id, total: row.capacityTotal, placesFree: row.placesFree } : null;
  }

  @FieldResolver(() => [String], { nullable: true, description: 'Areas served' })
  async coverage(@Root() ref: SupportServiceRef, @Ctx() ctx: NgoContext): Promise<string[] | null> {
    return (await listing(ref, ctx))?.coverage ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'How to refer (no personal contact details)' })
  async referralRoute(@Root() ref: SupportServiceRef, @Ctx() ctx: NgoContext): Promise<string | null> {
    return (await listing(ref, ctx))?.referralRoute ?? null;
  }
}

function listing(ref: SupportServiceRef, { loaders }: NgoContext): Promise<SupportServiceListing | null> {
  return loaders.serviceById.load(ref.id);
}
