import { Address } from '@hub/shared';
import { FieldResolver, Resolver, Root } from 'type-graphql';
import { HousingRecord } from '../entities/housing-record.entity';

@Resolver(() => HousingRecord)
export class HousingRecordResolver {
  @FieldResolver(() => Address, { nullable: true, description: 'Null when the person has no settled address' })
  address(@Root() housing: HousingRecord): Address | null {
    if (!housing.uprn) return null;
    return { uprn: housing.uprn, line1: housing.addressLine1, postcode: housing.addressPostcode };
  }
}
