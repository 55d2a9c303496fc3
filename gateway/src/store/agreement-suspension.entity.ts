import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A party's suspension of an agreement (ISA 13.2), kept in the hub's store so every gateway
 * replica sees it on its next request, and kept after it is lifted as a record of who did what.
 */
@Entity('agreement_suspensions')
@Index(['agreementId'], { where: '"lifted_at" IS NULL' })
export class AgreementSuspension {
  @PrimaryGeneratedColumn('identity')
  id!: string;

  @Column('text', { name: 'agreement_id' })
  agreementId!: string;

  @Column('text', { name: 'suspended_by' })
  suspendedBy!: string;

  @Column('text', { name: 'suspended_by_org' })
  suspendedByOrg!: string;

  @Column('text')
  reason!: string;

  @Column('timestamptz', { name: 'suspended_at', default: () => 'now()' })
  suspendedAt!: Date;

  @Column('text', { name: 'lifted_by', nullable: true })
  liftedBy!: string | null;

  @Column('timestamptz', { name: 'lifted_at', nullable: true })
  liftedAt!: Date | null;
}
