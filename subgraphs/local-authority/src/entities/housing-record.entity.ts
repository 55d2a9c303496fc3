import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { HousingTenure } from './local-authority.enums';

/** The council's housing and homelessness record of a person, at most one per person. */
@ObjectType()
@Entity('housing_records')
export class HousingRecord {
  @PrimaryColumn('integer')
  id!: number;

  @Index({ unique: true })
  @Column('integer', { name: 'council_person_id' })
  councilPersonId!: number;

  /** Null when the person has no settled address (tenure NONE). */
  @Column('text', { nullable: true })
  uprn!: string | null;

  @Column('text', { name: 'address_line1', nullable: true })
  addressLine1!: string | null;

  @Column('text', { name: 'address_postcode', nullable: true })
  addressPostcode!: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'The address is a refuge or safe house (rule 8 of the agreement, docs/agreement.md)',
  })
  @Column('boolean', { name: 'address_restricted', default: false })
  addressRestricted!: boolean;

  @Field(() => HousingTenure, { nullable: true })
  @Column('text')
  tenure!: HousingTenure;

  @Field(() => Boolean, { nullable: true, description: 'Owed a homelessness duty (Housing Act 1996 Part 7)' })
  @Column('boolean')
  homelessness!: boolean;
}
