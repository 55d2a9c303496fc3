import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A person the council holds anything about: a social care or housing client, or only the
 * holder named on a licensing record (a landlord). Exposed as `LocalAuthorityRecord`.
 */
@ObjectType('LocalAuthorityRecord', { description: "Birmingham City Council's record of a subject." })
@Entity('council_persons')
export class CouncilPerson {
  @PrimaryColumn('integer')
  id!: number;

  @Index({ unique: true })
  @Column('text', { name: 'subject_id' })
  subjectId!: string;

  @Field(() => String, { nullable: true, description: 'Council case reference, e.g. BCC-CSC-000002; null for a licence holder only' })
  @Column('text', { name: 'case_ref', nullable: true })
  caseRef!: string | null;

  @Field(() => String, { nullable: true, description: 'ISO date' })
  @Column('date', { name: 'date_of_birth', nullable: true })
  dateOfBirth!: string | null;
}
