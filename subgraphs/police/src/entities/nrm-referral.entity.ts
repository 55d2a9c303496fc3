import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ExploitationType, NrmDecision } from './police.enums';

/** A National Referral Mechanism referral and its decisions. */
@ObjectType()
@Entity('nrm_referrals')
export class NrmReferral {
  @PrimaryColumn('integer')
  id!: number;

  @Index()
  @Column('integer', { name: 'nominal_id' })
  nominalId!: number;

  @Field(() => String, { nullable: true, description: 'ISO date' })
  @Column('date', { name: 'referred_on' })
  referredOn!: string;

  @Field(() => [ExploitationType], { nullable: true })
  @Column('text', { name: 'exploitation_types', array: true })
  exploitationTypes!: ExploitationType[];

  @Field(() => NrmDecision, { nullable: true })
  @Column('text', { name: 'reasonable_grounds' })
  reasonableGrounds!: NrmDecision;

  @Field(() => NrmDecision, { nullable: true })
  @Column('text', { name: 'conclusive_grounds' })
  conclusiveGrounds!: NrmDecision;
}
