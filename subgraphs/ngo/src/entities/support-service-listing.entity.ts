import { Column, Entity, PrimaryColumn } from 'typeorm';
import { SupportServiceType } from './ngo.enums';

/**
 * A row of the victim care directory. Served as the federated `SupportService` (the shared
 * key class) through field resolvers, so every subgraph declares the same entity.
 * Directory data describes services, not people: it is not personal data.
 */
@Entity('support_services')
export class SupportServiceListing {
  /** The directory's own stable id (`adavu-long-term`), which is also the federation key. */
  @PrimaryColumn('text')
  id!: string;

  @Column('text')
  name!: string;

  @Column('text', { name: 'provider_org' })
  providerOrg!: string;

  /** The partner that runs the service; councils and the NHS add live details of theirs. */
  @Column('text')
  operator!: string;

  @Column('text', { name: 'service_type' })
  serviceType!: SupportServiceType;

  @Column('smallint', { name: 'min_age', nullable: true })
  minAge!: number | null;

  @Column('smallint', { name: 'max_age', nullable: true })
  maxAge!: number | null;

  @Column('text', { array: true })
  genders!: string[];

  @Column('text', { name: 'nrm_stages', array: true })
  nrmStages!: string[];

  @Column('text', { array: true })
  languages!: string[];

  @Column('text', { array: true })
  requirements!: string[];

  @Column('integer', { name: 'capacity_total' })
  capacityTotal!: number;

  /** Places free as the provider last said (or a referral took one); null: capacity − active episodes. */
  @Column('integer', { name: 'places_free', nullable: true })
  placesFree!: number | null;

  @Column('text', { array: true })
  coverage!: string[];

  @Column('text', { name: 'referral_route' })
  referralRoute!: string;
}
