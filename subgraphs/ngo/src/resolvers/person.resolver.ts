import { Person } from '@hub/shared';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { SupportEpisode } from '../entities/support-episode.entity';
import type { NgoContext } from '../ngo.loaders';

/** Adds the charities' support episodes to the federated `Person`. */
@Resolver(() => Person)
export class PersonResolver {
  @FieldResolver(() => [SupportEpisode], { nullable: true, description: 'Support by NGO services, if any.' })
  async support(@Root() person: Person, @Ctx() { loaders }: NgoContext): Promise<SupportEpisode[] | null> {
    const episodes = await loaders.episodesBySubject.load(person.id);
    // Null, like the other partners' records, when the charities hold nothing on the subject.
    return episodes.length > 0 ? episodes : null;
  }
}
