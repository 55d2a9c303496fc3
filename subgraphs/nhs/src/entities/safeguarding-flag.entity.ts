import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { SafeguardingFlagKind } from './nhs.enums';

/** A safeguarding alert on a patient's record, raised by a clinician after a concern. */
@ObjectType()
@Entity('safeguarding_flags')
export class SafeguardingFlag {
  @PrimaryColumn('integer')
  id!: number;

  @Index()
  @Column('integer', { name: 'patient_id' })
  patientId!: number;

  @Field(() => SafeguardingFlagKind, { nullable: true })
  @Column('text')
  kind!: SafeguardingFlagKind;

  @Field(() => String, { nullable: true, description: 'ISO date' })
  @Column('date', { name: 'raised_on' })
  raisedOn!: string;

  @Field(() => Boolean, { nullable: true, description: 'False once the concern has been closed' })
  @Column('boolean', { default: true })
  active!: boolean;

  @Field(() => String, { nullable: true, description: 'The role of the clinician who raised it (never a name)' })
  @Column('text', { name: 'raised_by' })
  raisedBy!: string;
}
