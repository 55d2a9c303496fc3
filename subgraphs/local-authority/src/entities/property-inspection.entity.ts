import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A council officer's visit to a property, with the occupants counted there. */
@Entity('property_inspections')
export class PropertyInspection {
  @PrimaryColumn('integer')
  id!: number;

  @Index()
  @Column('text')
  uprn!: string;

  @Column('date', { name: 'inspected_on' })
  inspectedOn!: string;

  @Column('smallint', { name: 'occupants_counted' })
  occupantsCounted!: number;
}
