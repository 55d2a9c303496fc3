import type { Period } from '@hub/shared';
import { ObjectType } from 'type-graphql';

/** The force's counts for a period; its fields are resolved in police-statistics.resolver.ts. */
@ObjectType({ description: "The force's counts for a period, under disclosure control (rule 9)." })
export class PoliceStatistics {
  period!: Period;
}
