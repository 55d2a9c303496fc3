import { environment } from '../config/environment';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { CryptoKey } from 'jose';
import type { DataSource } from 'typeorm';
import type { StatementCounter } from '../db/statement-counter';
import { buildFederatedSchema } from '../federation/build-federated-schema';
import { maskError } from './mask-error';

import { logger } from '../telemetry/logger';
import { currentRequest, graphqlTelemetryPlugin, serviceTelemetry } from '../telemetry/request-telemetry';
import { listenWithMetrics } from '../telemetry/metrics-server';
import { requireGatewayToken, type GatewayRequest } from './require-gateway-token';
import { openSubgraphDatabase, type OpenDatabaseOptions } from './open-subgraph-database';
import type { SubgraphContext, SubgraphDefinition } from './subgraph-definition';
import { PlaceHolds, placesHandler } from '../referrals/place-holds';

export interface StartSubgraphOptions extends OpenDatabaseOptions {
  /** 0 picks a free port (tests). */
  port: number;
  /** Where `/metrics` is served, apart from `port` (0 a free port; omitted: not served). */
  metricsPort?: number;
  /** The gateway's public key: the subgraph serves only requests the gateway signed. */
  gatewayPublicKey: CryptoKey;
  /** Keep the text of every operation received (tests prove what a partner was asked for). */
  recordRequests?: boolean;
}

export interface RunningSubgraph {
  name: string;
  url: string;
  port: number;
  /** `/metrics` on the metrics port, when one was asked for. */
  metricsUrl: string | undefined;
  dataSource: DataSource;
  statements: StatementCounter;
  /**
   * What the partner was asked, in order, when `recordRequests` is on: each GraphQL operation's
   * text, and `referral-places <action>` for each request about its places.
   */
  received: string[];
  stop(): Promise<void>;
}

/** Opens the database, applies pending migrations and serves the subgraph over HTTP. */
export async function startSubgraph(definition: SubgraphDefinition, options: StartSubgraphOptions): Promise<RunningSubgraph> {
  const { dataSource, statements } = await openSubgraphDatabase(definition, options);
  try {
    const schema = buildFederatedSchema(definition.resolvers, definition.referenceResolvers, definition.orphanedTypes);
    const apollo = new ApolloServer<SubgraphContext>({
      schema,
      introspection: !environment().production,
      includeStacktraceInErrorResponses: false,
      // The hub stops its services itself; Apollo's own signal handler would re-raise the signal
      // into ours and leave the process hanging.
      stopOnTerminationSignals: false,
      formatError: maskError,
      // Traces would describe partner data to whoever calls; the hub keeps its own disclosure log.
      plugins: [ApolloServerPluginInlineTraceDisabled(), graphqlTelemetryPlugin<SubgraphContext>()],
    });
    await apollo.start();

    const app = express();
    app.disable('x-powered-by');
    // No ETag: the gateway never asks conditionally, and hashing every answer for one is work for nothing.
    app.disable('etag');
    // A request id, one log line and one count per GraphQL request (`/metrics` is 404 here).
    app.use(serviceTelemetry(definition.name));
    app.get('/healthz', (_req, res) => void res.json({ status: 'ok', service: definition.name }));
    app.get('/readyz', async (_req, res) => {
      try {
        await dataSource.query('SELECT 1');
        res.json({ status: 'ready', service: definition.name });
      } catch {
        res.status(503).json({ status: 'database unavailable', service: definition.name });
      }
    });
    const received: string[] = [];
    if (definition.places) {
      // Referral holds: only the gateway asks, signed for this partner, as for GraphQL.
      const [parseBody, ...answer] = placesHandler(new PlaceHolds(dataSource, definition.places));
      app.post(
        '/referral-places',
        requireGatewayToken(definition.name, options.gatewayPublicKey),
        parseBody!,
        (req, _res, next) => {
          // Tests prove which partner calls an attempt made (referrals: the same for every reason).
          if (options.recordRequests) received.push(`referral-places ${String(req.body?.action ?? '')}`);
          next();
        },
        ...answer,
      );
    }
    app.use(
      '/graphql',
      requireGatewayToken(definition.name, options.gatewayPublicKey),
      (req, _res, next) => {
        // Log with the gateway's request id, from its signed token: both sides' lines join on it.
        const claims = (req as GatewayRequest).gatewayClaims;
        currentRequest()?.bindRequestId(claims.requestId);
        currentRequest()?.setPurpose(claims.purpose);
        next();
      },
      express.json({ limit: '1mb' }),
      (req, _res, next) => {
        if (options.recordRequests) received.push(String(req.body?.query ?? ''));
        next();
      },
      expressMiddleware(apollo, {
        context: async ({ req }) => {
          const caller = (req as GatewayRequest).gatewayClaims;
          return { requestId: caller.requestId, caller, loaders: definition.createLoaders(dataSource) };
        },
      }),
    );
    const http = await listenWithMetrics(app, definition.name, options);
    logger(definition.name).info({ port: http.port }, 'subgraph listening');
    return {
      name: definition.name,
      url: `http://127.0.0.1:${http.port}/graphql`,
      port: http.port,
      metricsUrl: http.metricsUrl,
      dataSource,
      statements,
      received,
      // Idempotent: a test may stop one partner early and the whole hub later.
      stop: once(async () => {
        await http.close();
        await apollo.stop();
        await dataSource.destroy();
      }),
    };
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}

function once(action: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= action());
}
