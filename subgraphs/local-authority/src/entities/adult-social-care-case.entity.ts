import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { AdultCarePrimaryNeed, SocialCareStatus } from './local-authority.enums';

/** An adult social care case (Care Act 2014), at most one per person. */
@ObjectType()
@Entity('adult_social_care_cases')
export class AdultSocialCareCase {
  @PrimaryColumn('integer')
  id!: number;

  @Index({ unique: true })
  @Column('integer', { name: 'council_person_id' })
  councilPersonId!: number;

  @Field(() => SocialCareStatus, { nullable: true })
  @Column('text')
  status!: SocialCareStatus;

  @Field(() => String, { nullable: true, description: 'ISO date' })
  @Column('date', { name: 'opened_on' })
  openedOn!: string;

  @Field(() => AdultCarePrimaryNeed, { nullable: true })
  @Column('text', { name: 'primary_need' })
  primaryNeed!: AdultCarePrimaryNeed;
}
