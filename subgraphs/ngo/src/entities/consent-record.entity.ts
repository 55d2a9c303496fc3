import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * What the survivor agreed the provider may share, and with whom. Sharing rules for NGO data
 * (rules 4 and 7 of docs/agreement.md) are decided against `recipients`; an empty list is a recorded
 * refusal, which is not the same as no consent recorded at all (no row).
 */
@ObjectType({ description: "The survivor's recorded consent to sharing." })
@Entity('consent_records')
export class ConsentRecord {
  @PrimaryColumn('integer')
  id!: number;

  @Index({ unique: true })
  @Column('integer', { name: 'episode_id' })
  episodeId!: number;

  @Field(() => [String], { nullable: true, description: 'Organisation ids the survivor agreed to share with' })
  @Column('text', { array: true })
  recipients!: string[];

  @Field(() => String, { nullable: true, description: 'ISO date' })
  @Column('date', { name: 'recorded_on' })
  recordedOn!: string;

  @Field(() => String, { nullable: true, description: 'What may be shared, in the words recorded with the survivor' })
  @Column('text')
  scope!: string;
}
