import { Field, Int, ObjectType } from 'type-graphql';

/** A service's published referral criteria. */
@ObjectType({ description: "A service's published referral criteria." })
export class Eligibility {
  @Field(() => Int, { nullable: true, description: 'Youngest age accepted; null when no lower limit' })
  minAge!: number | null;

  @Field(() => Int, { nullable: true, description: 'Oldest age accepted; null when no upper limit' })
  maxAge!: number | null;

  @Field(() => [String], { nullable: true, description: 'MALE, FEMALE' })
  genders!: string[];

  @Field(() => [String], { nullable: true, description: 'NRM stages accepted: NONE, REFERRED, POSITIVE_RG, POSITIVE_CG, NEGATIVE_CG' })
  nrmStages!: string[];

  @Field(() => [String], { nullable: true })
  languages!: string[];

  @Field(() => [String], { nullable: true })
  requirements!: string[];
}
