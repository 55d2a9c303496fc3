import type DataLoader from 'dataloader';
import { type GraphQLError } from 'graphql';
import type { Repository } from 'typeorm';
import { areasCovering } from '@hub/shared';
import type { SupportServiceListing } from './entities/support-service-listing.entity';
import type { SupportServiceFilter } from './types/support-service-filter';
import { BadUserInputError } from '@hub/shared';

const MAX_TEXT = 100;
const MAX_AGE = 130;

/**
 * Searches the directory in one statement and primes `serviceById` with the rows found, so
 * the field resolvers of the listed services cost no further statement.
 */
export function serviceSearch(
  repository: Repository<SupportServiceListing>,
  serviceById: DataLoader<string, SupportServiceListing | null>,
) {
  return async (filter: SupportServiceFilter): Promise<SupportServiceListing[]> => {
    const query = repository.createQueryBuilder('service').orderBy('service.name').addOrderBy('service.id');
    if (filter.serviceType) query.andWhere('service.serviceType = :serviceType', { serviceType: filter.serviceType });
    if (filter.coverage != null) {
      query.andWhere('EXISTS (SELECT 1 FROM unnest(service.coverage) area WHERE lower(area) = ANY(:areas))', {
        areas: areasCovering(checkedText('coverage', filter.coverage)),
      });
    }
    if (filter.language != null) {
      query.andWhere('EXISTS (SELECT 1 FROM unnest(service.languages) language WHERE lower(language) = :language)', {
        language: checkedText('language', filter.language).toLowerCase(),
      });
    }
    if (filter.acceptsAge != null) {
      query.andWhere('(service.minAge IS NULL OR service.minAge <= :age) AND (service.maxAge IS NULL OR service.maxAge >= :age)', {
        age: checkedAge(filter.acceptsAge),
      });
    }
    const rows = await query.getMany();
    for (const row of rows) serviceById.prime(row.id, row);
    return rows;
  };
}

function checkedText(name: string, value: string): string {
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_TEXT) throw badInput(`${name} must be 1 to ${MAX_TEXT} characters`);
  return trimmed;
}

function checkedAge(age: number): number {
  if (age < 0 || age > MAX_AGE) throw badInput(`acceptsAge must be between 0 and ${MAX_AGE}`);
  return age;
}

function badInput(message: string): GraphQLError {
  return new BadUserInputError(message);
}
