import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Live details of a directory service the trust runs (the NGO subgraph keeps the directory). */
@ObjectType('HealthServiceDetail', { description: 'What the NHS adds to a support service it runs.' })
@Entity('health_services')
export class HealthService {
  @PrimaryColumn('integer')
  id!: number;

  /** The directory entry's id (`SupportService.id`). */
  @Index({ unique: true })
  @Column('text', { name: 'service_id' })
  serviceId!: string;

  @Field(() => String, { nullable: true })
  @Column('text', { name: 'clinic_type' })
  clinicType!: string;

  @Field(() => Boolean, { nullable: true, description: 'Sees people with no GP registration' })
  @Column('boolean', { name: 'accepts_unregistered_patients' })
  acceptsUnregisteredPatients!: boolean;

  @Field(() => Boolean, { nullable: true })
  @Column('boolean', { name: 'interpreter_available' })
  interpreterAvailable!: boolean;

  @Field(() => Int, { nullable: true, description: 'Appointment slots offered each week' })
  @Column('integer', { name: 'weekly_slots' })
  weeklySlots!: number;

  @Field(() => Int, { nullable: true, description: 'Slots still free this week' })
  @Column('integer', { name: 'slots_available' })
  slotsAvailable!: number;
}
