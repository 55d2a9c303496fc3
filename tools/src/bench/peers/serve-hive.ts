import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import { loadTrustedIssuers, SUPERGRAPH_PATH } from '@hub/gateway';
import { storedHubKeys } from '../../runtime/hub-keys';
import type { PeerGatewayConfig } from './serve-apollo';
import { signSubgraphTokens, supergraphAt } from './peer-tokens';
import { runService } from './service-process';

interface PeerContext {
  subgraphTokens: Record<string, string>;
}

/**
 * @graphql-hive/gateway-runtime over the committed supergraph, on Node's HTTP server, its
 * defaults otherwise (logging aside): a peer for `bench -- peers`, in a process of its own.
 * The request's tokens are signed while its context is built; its header propagation hook puts
 * each subgraph's own on every call to it.
 */
runService<PeerGatewayConfig>(async (config) => {
  const keys = await storedHubKeys(config.keysDir);
  const issuers = loadTrustedIssuers({ file: '', devKeyPair: keys.devIssuer });
  const signTokens: GatewayPlugin<PeerContext> = {
    async onContextBuilding({ context, extendContext }) {
      const request = (context as { request: Request }).request;
      extendContext({ subgraphTokens: await signSubgraphTokens((name) => request.headers.get(name) ?? undefined, issuers, keys.gateway) });
    },
  };
  const gateway = createGatewayRuntime<PeerContext>({
    supergraph: supergraphAt(readFileSync(SUPERGRAPH_PATH, 'utf8'), config.endpoints),
    transports: { http: httpTransport },
    logging: 'error',
    landingPage: false,
    graphiql: false,
    plugins: () => [signTokens],
    propagateHeaders: {
      fromClientToSubgraphs: ({ context, subgraphName }) => {
        const token = context.subgraphTokens?.[subgraphName];
        if (!token) throw new Error(`no gateway token for subgraph "${subgraphName}"`);
        return { authorization: `Bearer ${token}` };
      },
    },
  });
  const server = createServer(gateway);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await gateway.dispose();
    },
  };
});
