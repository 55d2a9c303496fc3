import { ORGANISATIONS, type SubgraphName } from '@hub/shared';
import type { Agreement } from '../agreements/agreement.types';

export interface Handling {
  marking: string;
  onwardDisclosure: string[];
  conditions?: string[];
}

/**
 * `extensions.handling` (ISA 6.3): the highest marking the response carries and, for each
 * partner whose data it carries, that it may not be passed on without that partner's consent.
 */
export function handlingFor(owners: ReadonlySet<SubgraphName>, agreement: Agreement | undefined, conditions: Iterable<string>): Handling {
  const notes = [...conditions];
  if (owners.size === 0 || !agreement) return { marking: 'OFFICIAL', onwardDisclosure: [] };
  return {
    marking: agreement.handling.marking,
    onwardDisclosure: [...owners].sort().map((owner) => agreement.handling.onwardDisclosure.replace('{owner}', ownerName(owner))),
    ...(notes.length > 0 ? { conditions: notes } : {}),
  };
}

function ownerName(owner: SubgraphName): string {
  // Each support episode is its charity's own record; the response names them together.
  if (owner === 'ngo') return 'the charity that recorded it';
  return ORGANISATIONS.find((o) => o.partner === owner)?.name ?? owner;
}
