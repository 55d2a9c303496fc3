import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { SocialCareStatus } from './local-authority.enums';

/** A children's social care case (Children Act 1989), at most one per child. */
@ObjectType()
@Entity('children_social_care_cases')
export class ChildrenSocialCareCase {
  @PrimaryColumn('integer')
  id!: number;

  @Index({ unique: true })
  @Column('integer', { name: 'council_person_id' })
  councilPersonId!: number;

  @Field(() => Boolean, { nullable: true, description: 'A Children Act 1989 s47 enquiry is open' })
  @Column('boolean', { name: 'section47_enquiry' })
  section47Enquiry!: boolean;

  @Field(() => SocialCareStatus, { nullable: true })
  @Column('text')
  status!: SocialCareStatus;

  @Field(() => String, { nullable: true, description: 'ISO date' })
  @Column('date', { name: 'opened_on' })
  openedOn!: string;

  @Field(() => Boolean, { nullable: true, description: 'Subject to a child protection plan' })
  @Column('boolean', { name: 'child_protection_plan' })
  childProtectionPlan!: boolean;
}
