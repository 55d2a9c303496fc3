import { NameKind } from '@hub/shared';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A name the council holds for a person. Served as the shared `PersonName` value type. */
@Entity('council_person_names')
export class CouncilPersonName {
  @PrimaryColumn('integer')
  id!: number;

  @Index()
  @Column('integer', { name: 'council_person_id' })
  councilPersonId!: number;

  @Column('text', { name: 'full_name' })
  fullName!: string;

  @Column('text')
  kind!: NameKind;
}
