import { Field, Int, ObjectType } from 'type-graphql';

/** Places at a service. `available` is resolved only when asked: it needs a count query. */
@ObjectType({ description: 'Places at a service.' })
export class Capacity {
  /** Which service, so that `available` can count its active episodes. Not a GraphQL field. */
  serviceId!: string;

  /** Places free as the provider last said; null: total less active episodes. Not a GraphQL field. */
  placesFree!: number | null;

  @Field(() => Int, { nullable: true })
  total!: number;
}
