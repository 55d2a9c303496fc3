import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { OrderType } from './police.enums';

/** A slavery and trafficking risk or prevention order against a nominal. */
@ObjectType()
@Entity('court_orders')
export class CourtOrder {
  @PrimaryColumn('integer')
  id!: number;

  @Index()
  @Column('integer', { name: 'nominal_id' })
  nominalId!: number;

  @Field(() => OrderType, { nullable: true })
  @Column('text')
  type!: OrderType;

  @Field(() => String, { nullable: true, description: 'ISO date' })
  @Column('date', { name: 'made_on' })
  madeOn!: string;

  @Field(() => String, { nullable: true, description: 'ISO date' })
  @Column('date', { name: 'expires_on', nullable: true })
  expiresOn!: string | null;
}
