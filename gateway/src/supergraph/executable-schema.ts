import { readFileSync } from 'node:fs';
import { getStitchedSchemaFromSupergraphSdl } from '@graphql-tools/federation';
import type { IResolvers } from '@graphql-tools/utils';
import { envPrefix } from '@hub/shared';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { SUPERGRAPH_PATH } from './paths';
import { objectTypesDefinedIn, resolveAliasesInMergedObjects } from './alias-aware-resolver';
import { subgraphFetch, type BreakerSettings } from './subgraph-fetch';
import { reportUnavailable } from './subgraph-unavailable';

/** Subgraph name (as composed: `police`, `local-authority`, ...) → its GraphQL endpoint. */
export type SubgraphEndpoints = Record<string, string>;

/** Fields served by the gateway itself (explain, agreements), stitched beside the supergraph. */
export interface GatewayFields {
  typeDefs: DocumentNode;
  resolvers: IResolvers;
}

/** How the gateway calls the partners: circuit breakers, and who hears when a circuit changes. */
export interface SubgraphCallOptions {
  breaker?: BreakerSettings;
  onCircuitChange?: (subgraph: string, state: 'open' | 'half-open' | 'closed') => void;
  /** The fetch of each subgraph, shared with the planned executor so that both see one circuit per partner. */
  fetches?: SubgraphFetches;
}

/** Subgraph service name → its fetch (one circuit breaker each). */
export type SubgraphFetches = Map<string, ReturnType<typeof subgraphFetch>>;

export function subgraphFetches(endpoints: SubgraphEndpoints, options: SubgraphCallOptions = {}): SubgraphFetches {
  return new Map(Object.keys(endpoints).map((service) => [service, subgraphFetch(service, options)]));
}

/**
 * An executable schema for the supergraph: its resolvers delegate to the subgraphs over HTTP.
 * Unlike @apollo/gateway's query-plan executor, these are ordinary schema resolvers, which is
 * what lets graphql-shield rules wrap individual fields (docs/adr/0001-stitched-executable-supergraph.md). Each subgraph call carries
 * the request's gateway-signed token for that subgraph; without one, the subgraph refuses.
 */
export function buildExecutableSchema(
  endpoints: SubgraphEndpoints,
  supergraphSdl = readFileSync(SUPERGRAPH_PATH, 'utf8'),
  gatewayFields?: GatewayFields,
  options: SubgraphCallOptions = {},
): GraphQLSchema {
  const schema = getStitchedSchemaFromSupergraphSdl({
    supergraphSdl,
    httpExecutorOpts: ({ name }) => {
      // The supergraph names graphs by enum value (`LOCAL_AUTHORITY`); services by `local-authority`.
      const entry = Object.entries(endpoints).find(([service]) => envPrefix(service) === name);
      if (!entry) throw new Error(`no endpoint configured for subgraph "${name}"`);
      const [service, endpoint] = entry;
      return {
        endpoint,
        // No per-call timeout: each call waits for the request's one deadline (subgraph-fetch.ts).
        // Each request's call must carry its own requester to the partner: never share one.
        deduplicateInflightRequests: false,
        fetch: options.fetches?.get(service) ?? subgraphFetch(service, options),
      };
    },
    // One request per subgraph per level, however many entities: the gateway's side of "no N+1".
    batch: true,
    onSubschemaConfig: (config) => {
      config.executor = reportUnavailable(config.name.toLowerCase().replace(/_/g, '-'), config.executor);
    },
    onStitchingOptions: (options) => {
      if (!gatewayFields) return;
      const stitching = options as unknown as { typeDefs?: unknown; resolvers?: unknown };
      stitching.typeDefs = [stitching.typeDefs, gatewayFields.typeDefs].filter(Boolean);
      stitching.resolvers = gatewayFields.resolvers;
    },
  });
  resolveAliasesInMergedObjects(schema, gatewayFields ? objectTypesDefinedIn(gatewayFields.typeDefs) : undefined);
  return schema;
}
