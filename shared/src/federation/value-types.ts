import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';

export enum NameKind {
  BIRTH = 'BIRTH',
  ALIAS = 'ALIAS',
  KNOWN_AS = 'KNOWN_AS',
}
registerEnumType(NameKind, { name: 'NameKind' });

/** A name a partner holds for a subject. Shared shape, so a one-view lines names up. */
@Directive('@shareable')
@ObjectType()
export class PersonName {
  @Field(() => String, { nullable: true })
  fullName!: string | null;

  @Field(() => NameKind, { nullable: true })
  kind!: NameKind | null;
}

/** A postal address as a partner recorded it, with the UPRN that links it to a Location. */
@Directive('@shareable')
@ObjectType()
export class Address {
  @Field(() => String, { nullable: true })
  uprn!: string | null;

  @Field(() => String, { nullable: true })
  line1!: string | null;

  @Field(() => String, { nullable: true })
  postcode!: string | null;
}
