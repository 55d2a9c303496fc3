import { readFileSync } from 'node:fs';
import { SUBGRAPH_NAMES } from '@hub/shared';
import type { GraphQLSchema } from 'graphql';
import { GATEWAY_TYPE_DEFS } from './gateway-fields/gateway-fields.graphql';
import { GATEWAY_RESOLVERS } from './gateway-fields/gateway-resolvers';
import { buildExecutableSchema, type SubgraphCallOptions, type SubgraphEndpoints } from './supergraph/executable-schema';
import { SUPERGRAPH_PATH } from './supergraph/paths';

/** Endpoints for a schema that is only read (validating agreements, tests): building it calls no partner. */
export const OFFLINE_ENDPOINTS: SubgraphEndpoints = Object.fromEntries(
  SUBGRAPH_NAMES.map((name) => [name, 'http://not-contacted.invalid/graphql']),
);

/** The schema the gateway serves: the supergraph, executable, with the gateway's own fields beside it. */
export function buildGatewaySchema(
  endpoints: SubgraphEndpoints = OFFLINE_ENDPOINTS,
  supergraphSdl = readFileSync(SUPERGRAPH_PATH, 'utf8'),
  options: SubgraphCallOptions = {},
): GraphQLSchema {
  return buildExecutableSchema(endpoints, supergraphSdl, { typeDefs: GATEWAY_TYPE_DEFS, resolvers: GATEWAY_RESOLVERS }, options);
}
