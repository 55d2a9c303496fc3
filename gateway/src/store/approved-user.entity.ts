import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A user approved by their organisation's nominated representative (ISA 6.4): the registry entry
 * that says who the user is (organisation, roles) and, within their approved purposes and before
 * expiry, lets them receive personal data.
 */
@Entity('approved_users')
export class ApprovedUser {
  /** The identity provider that vouches for the user: a user is (issuer, subject), never a bare id. */
  @PrimaryColumn('text')
  issuer!: string;

  @PrimaryColumn('text', { name: 'user_id' })
  userId!: string;

  @Column('text')
  org!: string;

  /** The roles the representative approved the user in; a token claiming others is refused. */
  @Column('text', { array: true, nullable: true })
  roles!: string[] | null;

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

  /** The user's name or job title as the representative recorded it. */
  @Column('text', { nullable: true })
  name!: string | null;

  @Column('text', { name: 'revoked_by', nullable: true })
  revokedBy!: string | null;

  @Column('text', { name: 'revoke_reason', nullable: true })
  revokeReason!: string | null;
}
