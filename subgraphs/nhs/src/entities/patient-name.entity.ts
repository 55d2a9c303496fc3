import { NameKind } from '@hub/shared';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A name a patient is registered or known by. Served as the shared `PersonName` value type. */
@Entity('patient_names')
export class PatientName {
  @PrimaryColumn('integer')
  id!: number;

  @Index()
  @Column('integer', { name: 'patient_id' })
  patientId!: number;

  @Column('text', { name: 'full_name' })
  fullName!: string;

  @Column('text')
  kind!: NameKind;
}
