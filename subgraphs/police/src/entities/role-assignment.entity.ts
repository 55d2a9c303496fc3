import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { PoliceRole } from './police.enums';

/** The part a nominal plays in an investigation (victim, suspect, ...). */
@ObjectType()
@Entity('role_assignments')
export class RoleAssignment {
  @PrimaryColumn('integer')
  id!: number;

  @Index()
  @Column('integer', { name: 'nominal_id' })
  nominalId!: number;

  @Field(() => PoliceRole, { nullable: true })
  @Column('text')
  role!: PoliceRole;

  @Field(() => String, { nullable: true, description: 'ISO date' })
  @Column('date', { name: 'recorded_on' })
  recordedOn!: string;

  @Field(() => String, { nullable: true })
  @Column('text', { name: 'operation_name', nullable: true })
  operationName!: string | null;
}
