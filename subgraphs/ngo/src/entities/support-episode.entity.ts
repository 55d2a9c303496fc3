import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { SupportEpisodeStatus } from './ngo.enums';

/**
 * A survivor's support by one NGO service. The providing organisation, not the NGO partner
 * as a whole, is data controller for it (and for the consent recorded with it).
 */
@ObjectType({ description: "A survivor's support by one service, as the providing charity recorded it." })
@Entity('support_episodes')
@Index(['serviceId', 'status'])
export class SupportEpisode {
  @PrimaryColumn('integer')
  id!: number;

  @Index()
  @Column('text', { name: 'subject_id' })
  subjectId!: string;

  @Field(() => String, { nullable: true, description: 'Organisation id of the provider (data controller)' })
  @Column('text', { name: 'provider_org' })
  providerOrg!: string;

  @Column('text', { name: 'service_id' })
  serviceId!: string;

  @Field(() => String, { nullable: true, description: 'ISO date the episode was opened (referral accepted)' })
  @Column('date', { name: 'started_on' })
  startedOn!: string;

  @Field(() => String, { nullable: true, description: 'ISO date' })
  @Column('date', { name: 'ended_on', nullable: true })
  endedOn!: string | null;

  @Field(() => SupportEpisodeStatus, { nullable: true })
  @Column('text')
  status!: SupportEpisodeStatus;
}
