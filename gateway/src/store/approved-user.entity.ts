import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A user approved by their organisation's nominated representative (ISA 6.4): only approved
 * users, within their approved purposes and before expiry, receive personal data.
 */
@Entity('approved_users')
export class ApprovedUser {
  @PrimaryColumn('text', { name: 'user_id' })
  userId!: string;

  @Column('text')
  org!: string;

  @Column('text', { array: true })
  purposes!: string[];

  /** The representative who approved, by user id. */
  @Column('text', { name: 'approved_by' })
  approvedBy!: string;

  @Column('date', { name: 'approved_on' })
  approvedOn!: string;

  @Column('date', { name: 'expires_on' })
  expiresOn!: string;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;
}
