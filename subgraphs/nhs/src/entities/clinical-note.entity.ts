import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The clinician's free-text notes on an attendance: the most sensitive thing the trust holds.
 * Kept in a table of its own and loaded only when `Attendance.clinicalNotes` is asked for.
 */
@Entity('clinical_notes')
export class ClinicalNote {
  @PrimaryColumn('integer')
  id!: number;

  @Index({ unique: true })
  @Column('integer', { name: 'attendance_id' })
  attendanceId!: number;

  @Column('text')
  text!: string;
}
