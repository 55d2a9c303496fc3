import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { AttendanceKind } from './nhs.enums';

/**
 * A contact with NHS services. The clinical notes are not here but in `ClinicalNote`, so that
 * reading attendances (dates, sites, indicators) never reads the notes as well.
 */
@ObjectType()
@Entity('attendances')
export class Attendance {
  @PrimaryColumn('integer')
  id!: number;

  @Index()
  @Column('integer', { name: 'patient_id' })
  patientId!: number;

  @Field(() => String, { nullable: true, description: 'ISO date' })
  @Column('date', { name: 'attended_on' })
  attendedOn!: string;

  @Field(() => String, { nullable: true })
  @Column('text')
  site!: string;

  @Field(() => AttendanceKind, { nullable: true })
  @Column('text')
  kind!: AttendanceKind;

  @Field(() => [String], { nullable: true, description: 'Signs of exploitation the clinician recorded' })
  @Column('text', { name: 'exploitation_indicators', array: true })
  exploitationIndicators!: string[];
}
