import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, environmentFrom, type SubgraphDefinition, type SubgraphName } from '@hub/shared';
import { parse } from 'graphql';

export interface Composition {
  supergraphSdl: string;
  /** Composition hints as `CODE: message`, to compare with the accepted list. */
  hints: string[];
}

/**
 * Composes the four subgraph schemas into the supergraph the gateway serves. The schemas are
 * built in-process from the same resolver classes the services run, so no service need be up.
 * Routing URLs are the defaults; the gateway replaces them with its configured ones at start.
 */
export async function composeSupergraph(subgraphs: SubgraphDefinition[]): Promise<Composition> {
  const services = subgraphs.map((definition) => {
    const schema = buildFederatedSchema(definition.resolvers, definition.referenceResolvers, definition.orphanedTypes);
    return {
      name: definition.name,
      // The defaults, whatever this machine's environment says: the committed file must not vary.
      url: environmentFrom({}).subgraphUrls[definition.name as SubgraphName],
      typeDefs: parse(printSubgraphSchema(schema)),
    };
  });
  const result = composeServices(services);
  if (result.errors) {
    throw new Error(`composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return {
    supergraphSdl: `${result.supergraphSdl.trim()}\n`,
    hints: result.hints.map((hint) => `${hint.definition.code}: ${hint.message}`),
  };
}
