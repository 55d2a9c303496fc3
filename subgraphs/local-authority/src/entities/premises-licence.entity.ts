import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { PremisesLicenceKind } from './local-authority.enums';

/** A licence for business premises (nail bar, hand car wash). */
@ObjectType()
@Entity('premises_licences')
export class PremisesLicence {
  @PrimaryColumn('integer')
  id!: number;

  @Index()
  @Column('text')
  uprn!: string;

  @Field(() => PremisesLicenceKind, { nullable: true })
  @Column('text')
  kind!: PremisesLicenceKind;

  @Field(() => String, { nullable: true, description: 'The business the licence is issued to' })
  @Column('text')
  licensee!: string;

  @Field(() => String, { nullable: true, description: 'ISO date; a past date means the licence has lapsed' })
  @Column('date', { name: 'valid_until' })
  validUntil!: string;
}
