import { organisation, SupportServiceRef } from '@hub/shared';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ConsentRecord } from '../entities/consent-record.entity';
import { SupportEpisode } from '../entities/support-episode.entity';
import type { NgoContext } from '../ngo.loaders';

@Resolver(() => SupportEpisode)
export class SupportEpisodeResolver {
  @FieldResolver(() => String, { nullable: true, description: 'Name of the providing organisation' })
  provider(@Root() episode: SupportEpisode): string {
    return organisation(episode.providerOrg)?.name ?? episode.providerOrg;
  }

  @FieldResolver(() => SupportServiceRef, { nullable: true })
  service(@Root() episode: SupportEpisode): SupportServiceRef {
    return { id: episode.serviceId };
  }

  @FieldResolver(() => ConsentRecord, { nullable: true, description: 'Null when no consent was recorded' })
  consent(@Root() episode: SupportEpisode, @Ctx() { loaders }: NgoContext): Promise<ConsentRecord | null> {
    return loaders.consentByEpisode.load(episode.id);
  }
}
