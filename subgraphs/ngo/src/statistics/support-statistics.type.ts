import type { Period } from '@hub/shared';
import { ObjectType } from 'type-graphql';

/** The charities' counts for a period; its fields are resolved in support-statistics.resolver.ts. */
@ObjectType({ description: "The charities' counts for a period, under disclosure control (rule 9)." })
export class SupportStatistics {
  period!: Period;
}
