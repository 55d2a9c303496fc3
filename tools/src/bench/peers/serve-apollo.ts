import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { loadTrustedIssuers, SUPERGRAPH_PATH } from '@hub/gateway';
import { listen } from '@hub/shared';
import express from 'express';
import { storedHubKeys } from '../../runtime/hub-keys';
import { signSubgraphTokens, supergraphAt } from './peer-tokens';
import { runService } from './service-process';

export interface PeerGatewayConfig {
  endpoints: Record<string, string>;
  keysDir: string;
}

interface PeerContext {
  subgraphTokens: Record<string, string>;
}

/** Attaches the request's gateway-signed token for this subgraph (its audience) to every call. */
class SignedDataSource extends RemoteGraphQLDataSource<PeerContext> {
  constructor(
    private readonly subgraph: string,
    url: string,
  ) {
    super({ url });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<PeerContext>): void {
    const token = (context as Partial<PeerContext>).subgraphTokens?.[this.subgraph];
    if (token) request.http!.headers.set('authorization', `Bearer ${token}`);
  }
}

/**
 * Plain @apollo/gateway 2.x (query planner) on @apollo/server 5 with Express, as the hub serves,
 * over the committed supergraph: a peer for `bench -- peers`, in a process of its own.
 */
runService<PeerGatewayConfig>(async (config) => {
  // Its default is to report usage statistics to Apollo over the network: none leaves this machine.
  // eslint-disable-next-line no-restricted-properties -- a switch of the third-party gateway, not hub configuration
  process.env.APOLLO_TELEMETRY_DISABLED = '1';
  const keys = await storedHubKeys(config.keysDir);
  const issuers = loadTrustedIssuers({ file: '', devKeyPair: keys.devIssuer });
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphAt(readFileSync(SUPERGRAPH_PATH, 'utf8'), config.endpoints),
    buildService: ({ name, url }) => new SignedDataSource(name, url!),
  });
  const apollo = new ApolloServer<PeerContext>({
    gateway,
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
  });
  await apollo.start();
  const app = express();
  app.disable('x-powered-by');
  app.use(
    '/graphql',
    express.json({ limit: '256kb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => ({
        subgraphTokens: await signSubgraphTokens((name) => req.header(name), issuers, keys.gateway),
      }),
    }),
  );
  const http = await listen(app, 0);
  return {
    url: `http://127.0.0.1:${http.port}/graphql`,
    async stop() {
      await http.close();
      await apollo.stop();
    },
  };
});
