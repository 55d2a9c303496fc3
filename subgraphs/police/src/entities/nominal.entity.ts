import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A person on police systems. Exposed as `PoliceRecord`, the police part of a `Person`. */
@ObjectType('PoliceRecord', { description: "The police force's record of a subject." })
@Entity('nominals')
export class Nominal {
  @PrimaryColumn('integer')
  id!: number;

  @Index({ unique: true })
  @Column('text', { name: 'subject_id' })
  subjectId!: string;

  @Field(() => String, { nullable: true, description: 'Police National Computer id' })
  @Column('text', { name: 'pnc_id', nullable: true })
  pncId!: string | null;

  @Field(() => String, { nullable: true, description: 'ISO date' })
  @Column('date', { name: 'date_of_birth', nullable: true })
  dateOfBirth!: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  nationality!: string | null;

  @Column('text', { nullable: true })
  gender!: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Potential victim of trafficking' })
  @Column('boolean', { name: 'pvot_marker', default: false })
  pvotMarker!: boolean;

  @Index()
  @Column('text', { name: 'current_uprn', nullable: true })
  currentUprn!: string | null;

  @Column('text', { name: 'address_line1', nullable: true })
  addressLine1!: string | null;

  @Column('text', { name: 'address_postcode', nullable: true })
  addressPostcode!: string | null;

  /** A safe-house address: only investigators and council safeguarding leads may see it. */
  @Field(() => Boolean, { nullable: true, description: 'The current address is a restricted (safe-house) address' })
  @Column('boolean', { name: 'address_restricted', default: false })
  addressRestricted!: boolean;
}
