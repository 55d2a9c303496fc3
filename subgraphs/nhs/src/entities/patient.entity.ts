import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A patient on trust systems. Exposed as `HealthRecord`, the NHS part of a `Person`. */
@ObjectType('HealthRecord', { description: "The NHS trust's record of a subject. Special category (health) data." })
@Entity('patients')
export class Patient {
  @PrimaryColumn('integer')
  id!: number;

  @Index({ unique: true })
  @Column('text', { name: 'subject_id' })
  subjectId!: string;

  @Field(() => String, { nullable: true, description: 'Ten digits with a modulus-11 check digit' })
  @Index({ unique: true })
  @Column('text', { name: 'nhs_number' })
  nhsNumber!: string;

  @Field(() => String, { nullable: true, description: 'ISO date' })
  @Column('date', { name: 'date_of_birth', nullable: true })
  dateOfBirth!: string | null;
}
