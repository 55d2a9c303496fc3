import type { SubgraphName } from '@hub/shared';
import type { DocumentNode } from 'graphql';
import { subgraphMapFromSupergraph } from './subgraph-map';

/**
 * Which partner's data a field is, read from the supergraph's join directives. Partner-specific
 * types (PoliceRecord, Attendance ...) belong to the one subgraph that defines them; entity fields
 * (Person.police) to the subgraph that resolves them; shared value types (PersonName, Address)
 * have no owner of their own and take their parent's.
 */
export interface Ownership {
  /** The owner of `Type.field`, or undefined when it inherits from its parent in the response. */
  ownerOf(typeName: string, fieldName: string): SubgraphName | undefined;
}

export function ownershipFromSupergraph(supergraphSdl: string | DocumentNode): Ownership {
  const subgraphs = subgraphMapFromSupergraph(supergraphSdl);
  return {
    ownerOf(typeName, fieldName) {
      const owners = subgraphs.servingGraphs(typeName, fieldName);
      return owners.length === 1 ? (owners[0] as SubgraphName) : undefined;
    },
  };
}
