import type { Period } from '@hub/shared';
import { ObjectType } from 'type-graphql';

/** The trust's counts for a period; its fields are resolved in health-statistics.resolver.ts. */
@ObjectType({ description: "The NHS trust's counts for a period, under disclosure control (rule 9)." })
export class HealthStatistics {
  period!: Period;
}
