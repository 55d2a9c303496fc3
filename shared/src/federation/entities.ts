import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The three federated entities, defined once so that every subgraph declares exactly the same
 * key. Each subgraph adds its own fields to them with `@FieldResolver`s; none of them stores a
 * "person" row the others depend on.
 */

/** A subject known to one or more partners, by its hub subject reference (`SUBJ-000001`). */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A subject known to one or more partners. Each partner adds what it holds.' })
export class Person {
  @Field(() => ID, { description: 'Hub subject reference, e.g. SUBJ-000001' })
  id!: string;
}

/** A property, by its Unique Property Reference Number. */
@Directive('@key(fields: "uprn")')
@ObjectType({ description: 'A property, identified by its UK Unique Property Reference Number.' })
export class Location {
  @Field(() => ID)
  uprn!: string;
}

/** A service a victim can be referred to; the directory is kept by the NGO subgraph. */
@Directive('@key(fields: "id")')
@ObjectType('SupportService', { description: 'A support service in the victim care directory.' })
export class SupportServiceRef {
  @Field(() => ID)
  id!: string;
}
