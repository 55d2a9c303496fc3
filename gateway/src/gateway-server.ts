import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GatewayInterface } from '@apollo/server-gateway-interface';
import { expressMiddleware } from '@as-integrations/express5';
import {
  currentRequest,
  environment,
  graphqlTelemetryPlugin,
  listenWithMetrics,
  maskError,
  recordCircuitState,
  requestLogger,
  serviceTelemetry,
} from '@hub/shared';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import { AGREEMENTS_DIR } from './agreements/agreements-dir';
import { loadAgreements } from './agreements/load-agreements';
import { GATEWAY_TYPE_DEFS } from './gateway-fields/gateway-fields.graphql';
import type { AuditTrail } from './audit/audit-trail';
import { hubExecutor } from './pipeline/hub-pipeline';
import { telemetryInstrumentation } from './pipeline/telemetry-instrumentation';
import { noNulText } from './request/no-nul-text';
import { noStorePlugins } from './request/no-store';
import { KnownOperationTypesRule } from './request/known-operation-types';
import { requestProtection } from './request/request-limits';
import type { KeyPair } from './identity/key-store';
import type { TrustedIssuer } from './identity/trusted-issuers';
import { CompiledPolicy } from './policy/compiled-policy';
import { installRecordEnforcement } from './policy/install-enforcement';
import type { HubStore } from './store/hub-store';
import { consoleRoutes } from './console/console-routes';
import { subgraphFetches, type SubgraphEndpoints } from './supergraph/executable-schema';
import { buildGatewaySchema } from './gateway-schema';
import { subgraphAsker } from './execution/ask-subgraph';
import { PlannedExecutor } from './execution/planned-executor';
import type { BreakerSettings } from './supergraph/subgraph-fetch';
import { ownershipFromSupergraph } from './supergraph/ownership';
import { SUPERGRAPH_PATH } from './supergraph/paths';

export interface StartGatewayOptions {
  port: number;
  /** Where `/metrics` is served, apart from `port` (0 a free port; omitted: not served). */
  metricsPort?: number;
  endpoints: SubgraphEndpoints;
  store: HubStore;
  signingKey: KeyPair;
  issuers: TrustedIssuer[];
  agreementsDir?: string;
  /** `off` serves without the policy: only for the benchmark's baseline, never for users. */
  enforcement?: 'on' | 'off';
  /** The disclosure log. Only the benchmarks run without one. */
  audit: AuditTrail | null;
  /** The dev issuer's key pair: lets the console sign demo users in. Never given in production. */
  devIssuer?: KeyPair;
  /** Per request, for every subgraph call (default: HUB_REQUEST_DEADLINE_MS). */
  requestDeadlineMs?: number;
  /** The hub's clock: tests move it forward to see a disclosure on request expire. */
  clock?: () => Date;
  breaker?: BreakerSettings;
  /**
   * `planned` (the default): queries over partner data run on the hub's own execution core;
   * `stitched`: every operation runs on the stitched schema, as the differential test compares.
   */
  executor?: 'planned' | 'stitched';
}

export interface RunningGateway {
  url: string;
  port: number;
  /** `/metrics` on the metrics port, when one was asked for. */
  metricsUrl: string | undefined;
  stop(): Promise<void>;
}

/** Serves the federated graph on `/graphql`, with `/healthz` and `/readyz`, and the partner console at `/`. */
export async function startGateway(options: StartGatewayOptions): Promise<RunningGateway> {
  const supergraphSdl = readFileSync(SUPERGRAPH_PATH, 'utf8');
  const fetches = subgraphFetches(options.endpoints, {
    breaker: options.breaker,
    // Logged once per change, not per failed call.
    onCircuitChange: (subgraph, state) => recordCircuitState(subgraph, state === 'half-open' ? 'half_open' : state),
  });
  const schema = buildGatewaySchema(options.endpoints, supergraphSdl, { fetches });
  // An invalid agreement stops the gateway here: it never serves under a policy it cannot read.
  const agreements = loadAgreements(options.agreementsDir ?? AGREEMENTS_DIR, schema);
  const policy = new CompiledPolicy(agreements, schema, GATEWAY_TYPE_DEFS);
  installRecordEnforcement(schema, policy);
  const enforced = options.enforcement !== 'off';
  const planned =
    options.executor === 'stitched'
      ? undefined
      : new PlannedExecutor(schema, supergraphSdl, subgraphAsker(options.endpoints, fetches), enforced ? policy : null);
  const executor = hubExecutor({
    planned,
    schema,
    policy,
    ownership: ownershipFromSupergraph(supergraphSdl),
    issuers: options.issuers,
    store: options.store,
    signingKey: options.signingKey,
    endpoints: options.endpoints,
    baseline: options.enforcement === 'off',
    audit: options.audit,
    deadlineMs: options.requestDeadlineMs ?? environment().requestDeadlineMs,
    clock: options.clock,
    instrumentation: telemetryInstrumentation,
    onStoreUnavailable: (error) => {
      requestLogger('gateway').error({ err: error }, 'hub store unavailable');
      currentRequest()?.setOutcome('failed');
    },
    onLogUnavailable: (error) => {
      requestLogger('gateway').error({ err: error }, 'disclosure log unavailable; no personal data sent');
      currentRequest()?.setOutcome('failed');
    },
  });

  const { production } = environment();
  const limits = requestProtection({ production });
  const apollo = new ApolloServer({
    gateway: staticGateway(schema, supergraphSdl, executor),
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    // The hub stops its services itself; Apollo's own signal handler would re-raise the signal
    // into ours and leave the process hanging.
    stopOnTerminationSignals: false,
    formatError: maskError,
    // Several operations in one HTTP request would slip past per-request limits.
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    validationRules: [...limits.validationRules, KnownOperationTypesRule],
    parseOptions: limits.parseOptions,
    plugins: [
      ...noStorePlugins(),
      graphqlTelemetryPlugin(),
      ...limits.plugins,
      noNulText,
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  // No ETag on what res.send answers: a GraphQL POST is never asked conditionally, and hashing
  // every response body for one is work for nothing (the console's files keep theirs: express.static).
  app.disable('etag');
  app.use(serviceTelemetry('gateway')); // `x-request-id`, one log line and count per request; `/metrics` 404 (docs/operating-telemetry.md)
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok', service: 'gateway' }));
  // Published so anyone holding the log can verify its checkpoints offline.
  app.get('/audit/public-key', (_req, res) => void (options.audit ? res.json(options.audit.publicJwk) : res.status(404).end()));
  // Ready means this replica can serve what it promises: the store (approvals) and the log (no
  // personal data leaves unrecorded) answer. A partner that is down is reported, not fatal: the
  // others' data, the directory and care pathways still work, so the replica stays in rotation.
  app.get('/readyz', async (_req, res) => {
    const [partners, store, log] = await Promise.all([
      Promise.all(Object.entries(options.endpoints).map(async ([name, endpoint]) => [name, await subgraphReady(endpoint)] as const)),
      options.store.ping(),
      options.audit ? options.audit.ping() : Promise.resolve(true),
    ]);
    const down = partners.filter(([, ready]) => !ready).map(([name]) => name);
    const ready = store && log;
    res.status(ready ? 200 : 503).json({ status: !ready ? 'unavailable' : down.length > 0 ? 'degraded' : 'ready', store, log, down });
  });
  app.use('/graphql', express.json({ limit: '256kb' }), expressMiddleware(apollo, { context: async () => ({}) }));
  app.use(consoleRoutes({ issuers: options.issuers, devIssuer: options.devIssuer, production }));
  const http = await listenWithMetrics(app, 'gateway', options);
  return {
    url: `http://127.0.0.1:${http.port}/graphql`,
    port: http.port,
    metricsUrl: http.metricsUrl,
    async stop() {
      await http.close();
      await apollo.stop();
    },
  };
}

/**
 * Apollo Server's gateway interface, used for what it is: the hook that hands each validated
 * operation to our own executor (authentication, policy, execution, response shaping).
 */
function staticGateway(schema: GraphQLSchema, supergraphSdl: string, executor: ReturnType<typeof hubExecutor>): GatewayInterface {
  let listener: ((schemaContext: { apiSchema: GraphQLSchema; coreSupergraphSdl: string }) => void) | undefined;
  return {
    onSchemaLoadOrUpdate(callback) {
      listener = callback;
      return () => (listener = undefined);
    },
    async load() {
      listener?.({ apiSchema: schema, coreSupergraphSdl: supergraphSdl });
      return { executor };
    },
    async stop() {},
  };
}

async function subgraphReady(endpoint: string): Promise<boolean> {
  try {
    const response = await fetch(endpoint.replace(/\/graphql$/, '/readyz'), { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}
