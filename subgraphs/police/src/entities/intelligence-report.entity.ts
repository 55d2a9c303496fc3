import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { HandlingCode, IntelligenceGrade } from './police.enums';

/** An intelligence report graded 3x5x2, about a nominal, a location, or both. */
@ObjectType()
@Entity('intelligence_reports')
export class IntelligenceReport {
  @PrimaryColumn('integer')
  id!: number;

  @Index()
  @Column('integer', { name: 'nominal_id', nullable: true })
  nominalId!: number | null;

  @Index()
  @Column('text', { nullable: true })
  uprn!: string | null;

  @Field(() => String, { nullable: true, description: 'ISO date' })
  @Column('date', { name: 'reported_on' })
  reportedOn!: string;

  @Field(() => Int, { nullable: true, description: 'Source evaluation: 1 reliable, 2 untested, 3 not reliable' })
  @Column('smallint', { name: 'source_grade' })
  sourceGrade!: number;

  @Field(() => IntelligenceGrade, { nullable: true })
  @Column('text', { name: 'intel_grade' })
  intelGrade!: IntelligenceGrade;

  @Field(() => HandlingCode, { nullable: true })
  @Column('text', { name: 'handling_code' })
  handlingCode!: HandlingCode;

  @Field(() => String, { nullable: true })
  @Column('text')
  summary!: string;
}
