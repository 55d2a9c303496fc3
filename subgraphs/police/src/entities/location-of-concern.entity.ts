import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A property the force has flagged (suspected HMO exploitation, nail bar, car wash ...). */
@ObjectType()
@Entity('locations_of_concern')
export class LocationOfConcern {
  @PrimaryColumn('text')
  uprn!: string;

  @Field(() => String, { nullable: true })
  @Column('text')
  reason!: string;

  @Field(() => String, { nullable: true, description: 'ISO date' })
  @Column('date', { name: 'flagged_on' })
  flaggedOn!: string;
}
