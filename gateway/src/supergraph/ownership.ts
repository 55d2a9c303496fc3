import { Kind, parse, type ConstDirectiveNode, type DocumentNode } from 'graphql';
import type { SubgraphName } from '@hub/shared';

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
  const document = typeof supergraphSdl === 'string' ? parse(supergraphSdl) : supergraphSdl;
  const graphNames = new Map<string, SubgraphName>();
  const typeGraphs = new Map<string, Set<string>>();
  const fieldGraphs = new Map<string, Set<string>>();

  for (const definition of document.definitions) {
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph') {
      for (const value of definition.values ?? []) {
        const name = stringArgument(
          value.directives?.find((d) => d.name.value === 'join__graph'),
          'name',
        );
        if (name) graphNames.set(value.name.value, name as SubgraphName);
      }
    }
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    typeGraphs.set(definition.name.value, graphsOf(definition.directives, 'join__type'));
    for (const field of definition.fields ?? []) {
      fieldGraphs.set(`${definition.name.value}.${field.name.value}`, graphsOf(field.directives, 'join__field'));
    }
  }

  return {
    ownerOf(typeName, fieldName) {
      const fieldOwners = fieldGraphs.get(`${typeName}.${fieldName}`);
      const owners = fieldOwners && fieldOwners.size > 0 ? fieldOwners : typeGraphs.get(typeName);
      if (!owners || owners.size !== 1) return undefined;
      return graphNames.get([...owners][0]!);
    },
  };
}

function graphsOf(directives: readonly ConstDirectiveNode[] | undefined, name: string): Set<string> {
  const graphs = new Set<string>();
  for (const directive of directives ?? []) {
    if (directive.name.value !== name) continue;
    const graph = directive.arguments?.find((a) => a.name.value === 'graph');
    if (graph?.value.kind === Kind.ENUM) graphs.add(graph.value.value);
  }
  return graphs;
}

function stringArgument(directive: ConstDirectiveNode | undefined, name: string): string | undefined {
  const argument = directive?.arguments?.find((a) => a.name.value === name);
  return argument?.value.kind === Kind.STRING ? argument.value.value : undefined;
}
