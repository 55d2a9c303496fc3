import type { Period } from '@hub/shared';
import { ObjectType } from 'type-graphql';

/** The council's counts for a period; its fields are resolved in local-authority-statistics.resolver.ts. */
@ObjectType({ description: "The council's counts for a period, under disclosure control (rule 9)." })
export class LocalAuthorityStatistics {
  period!: Period;
}
