import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Live details of a council reception centre listed in the support directory. */
@ObjectType({ description: 'Emergency accommodation the council runs, e.g. after a rescue operation.' })
@Entity('reception_centres')
export class ReceptionCentre {
  @PrimaryColumn('integer')
  id!: number;

  /** The directory entry (`SupportService.id`) this centre is. */
  @Index({ unique: true })
  @Column('text', { name: 'service_id' })
  serviceId!: string;

  @Field(() => String, { nullable: true })
  @Column('text', { name: 'local_authority_area' })
  localAuthorityArea!: string;

  @Field(() => Int, { nullable: true })
  @Column('smallint', { name: 'beds_total' })
  bedsTotal!: number;

  @Field(() => Int, { nullable: true })
  @Column('smallint', { name: 'beds_available' })
  bedsAvailable!: number;

  @Field(() => Boolean, { nullable: true })
  @Column('boolean', { name: 'accepts_children' })
  acceptsChildren!: boolean;
}
