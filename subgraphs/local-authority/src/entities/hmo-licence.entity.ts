import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The licensing record of a house in multiple occupation. Unlicensed HMOs the council knows of
 * have one too (licensed false): that is where enforcement records the landlord.
 */
@ObjectType()
@Entity('hmo_licences')
export class HmoLicence {
  @PrimaryColumn('integer')
  id!: number;

  @Index({ unique: true })
  @Column('text')
  uprn!: string;

  @Index()
  @Column('text', { name: 'landlord_subject_id', nullable: true })
  landlordSubjectId!: string | null;

  @Field(() => Boolean, { nullable: true })
  @Column('boolean')
  licensed!: boolean;

  @Field(() => String, { nullable: true })
  @Column('text', { name: 'licence_number', nullable: true })
  licenceNumber!: string | null;

  @Field(() => Int, { nullable: true, description: 'Most occupants the council allows (licence condition or its assessment)' })
  @Column('smallint', { name: 'max_occupants', nullable: true })
  maxOccupants!: number | null;

  @Field(() => String, { nullable: true, description: 'ISO date' })
  @Column('date', { name: 'expires_on', nullable: true })
  expiresOn!: string | null;
}
