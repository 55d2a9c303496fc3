import { Field, InputType, Int } from 'type-graphql';
import { SupportServiceType } from '../entities/ngo.enums';

/** All criteria are optional and combine with AND. */
@InputType({ description: 'Narrows the support-service directory. All criteria are optional and combine with AND.' })
export class SupportServiceFilter {
  @Field(() => SupportServiceType, { nullable: true })
  serviceType?: SupportServiceType | null;

  @Field(() => String, {
    nullable: true,
    description: "An area the service must cover, e.g. 'Birmingham' (UK-wide and regional services cover it too)",
  })
  coverage?: string | null;

  @Field(() => String, { nullable: true, description: 'A language the service works in (case-insensitive)' })
  language?: string | null;

  @Field(() => Int, { nullable: true, description: 'Only services whose age limits accept this age' })
  acceptsAge?: number | null;
}
