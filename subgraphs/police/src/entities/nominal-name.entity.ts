import { NameKind } from '@hub/shared';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A name or alias a nominal is known by. Served as the shared `PersonName` value type. */
@Entity('nominal_names')
export class NominalName {
  @PrimaryColumn('integer')
  id!: number;

  @Index()
  @Column('integer', { name: 'nominal_id' })
  nominalId!: number;

  @Column('text', { name: 'full_name' })
  fullName!: string;

  @Column('text')
  kind!: NameKind;
}
