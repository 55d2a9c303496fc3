import {
  AuditTrail,
  createAuditPool,
  DEV_ISSUER,
  HubStore,
  loadTrustedIssuers,
  startGateway,
  type BreakerSettings,
  type RunningGateway,
} from '@hub/gateway';
import type { Pool } from 'pg';
import {
  environment,
  generatePopulation,
  metricsPort,
  servicePort,
  startSubgraph,
  type RunningSubgraph,
  type SubgraphName,
} from '@hub/shared';
import { SUBGRAPHS } from '../subgraphs';
import { ephemeralHubKeys, type HubKeys } from './hub-keys';

export interface LaunchOptions {
  /** A URL per subgraph and for `hub`, the hub's own store. */
  databaseUrls: Record<string, string>;
  /** Owners whose server is real PostgreSQL (the database is created if missing). */
  realPostgres?: Record<string, boolean>;
  /** Fixed ports (npm start) or 0 for free ports (tests). */
  ports?: 'default' | 'free';
  /** Seed the demo population of this many subjects when a subgraph's database is empty. */
  seedIfEmpty?: number;
  poolSize?: number;
  keys?: HubKeys;
  /** `off` only for the benchmark's baseline. */
  enforcement?: 'on' | 'off';
  /** Subgraphs keep the operations they receive (tests). */
  recordRequests?: boolean;
  /** Where the disclosure log goes when not the hub store's own database (tests cut it). */
  auditUrl?: string;
  /** No disclosure log: only to measure what the log costs. */
  withoutLog?: boolean;
  /** Agreements other than gateway/agreements (tests of a changed agreement). */
  agreementsDir?: string;
  /** Identity providers to trust besides the dev issuer (default: `HUB_TRUSTED_ISSUERS_FILE`). */
  trustedIssuersFile?: string;
  /** Where the gateway reaches a subgraph, given where it listens (fault tests put a proxy between). */
  endpointFor?: (subgraph: SubgraphName, url: string) => string;
  /** Where the gateway reaches its store, given the hub database URL (fault tests cut it). */
  storeUrl?: (hubUrl: string) => string;
  /** The gateway's per-request deadline (default: the environment's). */
  requestDeadlineMs?: number;
  /** The gateway's clock (tests move it forward). */
  clock?: () => Date;
  /** The partners' circuit breakers (default: 5 failures in a row, a trial after 5 s). */
  breaker?: BreakerSettings;
}

export interface RunningHub {
  gateway: RunningGateway;
  audit: AuditTrail | null;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  store: HubStore;
  keys: HubKeys;
  seeded: string[];
  stop(): Promise<void>;
}

/** Starts the four subgraphs (migrating and seeding their databases), the hub store and the gateway. */
export async function launchHub(options: LaunchOptions): Promise<RunningHub> {
  const port = (name: SubgraphName | 'gateway') => (options.ports === 'free' ? 0 : servicePort(name));
  // Every service serves its metrics on a port of its own, as in production (free ones in tests).
  const metrics = (name: SubgraphName | 'gateway') => (options.ports === 'free' ? 0 : metricsPort(name));
  const keys = options.keys ?? (await ephemeralHubKeys());
  const started: RunningSubgraph[] = [];
  const seeded: string[] = [];
  let store: HubStore | undefined;
  let auditPool: Pool | undefined;
  let audit: AuditTrail | null = null;
  try {
    store = await HubStore.open(options.storeUrl?.(options.databaseUrls.hub!) ?? options.databaseUrls.hub!, {
      createDatabase: options.realPostgres?.hub ?? false,
    });
    await store.seedDemoApprovals(DEV_ISSUER);
    const population = options.seedIfEmpty ? generatePopulation({ scale: options.seedIfEmpty }) : undefined;
    await Promise.all(
      SUBGRAPHS.map(async (definition) => {
        const running = await startSubgraph(definition, {
          databaseUrl: options.databaseUrls[definition.name]!,
          createDatabase: options.realPostgres?.[definition.name] ?? false,
          port: port(definition.name),
          metricsPort: metrics(definition.name),
          poolSize: options.poolSize,
          gatewayPublicKey: keys.gateway.publicKey,
          recordRequests: options.recordRequests,
        });
        started.push(running);
        const empty = !(await running.dataSource.getRepository(definition.entities[0]!).exists());
        if (population && empty) {
          await definition.seed(running.dataSource, population);
          seeded.push(definition.name);
        }
      }),
    );
    // In port order, whichever finished starting first.
    const subgraphs = Object.fromEntries(SUBGRAPHS.map((d) => [d.name, started.find((s) => s.name === d.name)!])) as Record<
      SubgraphName,
      RunningSubgraph
    >;
    auditPool = createAuditPool(options.auditUrl ?? options.databaseUrls.hub!);
    audit = options.withoutLog ? null : await AuditTrail.start({ pool: auditPool, key: keys.audit });
    const gateway = await startGateway({
      port: port('gateway'),
      metricsPort: metrics('gateway'),
      endpoints: Object.fromEntries(started.map((s) => [s.name, options.endpointFor?.(s.name as SubgraphName, s.url) ?? s.url])),
      store,
      requestDeadlineMs: options.requestDeadlineMs,
      clock: options.clock,
      breaker: options.breaker,
      signingKey: keys.gateway,
      issuers: loadTrustedIssuers({
        file: options.trustedIssuersFile,
        devKeyPair: environment().devIssuerTrusted ? keys.devIssuer : undefined,
      }),
      devIssuer: environment().devIssuerTrusted ? keys.devIssuer : undefined,
      enforcement: options.enforcement,
      audit,
      agreementsDir: options.agreementsDir,
    });
    const openStore = store;
    const openPool = auditPool;
    return {
      gateway,
      subgraphs,
      audit,
      store: openStore,
      keys,
      seeded,
      async stop() {
        await gateway.stop();
        await audit?.stop();
        await Promise.all(started.map((s) => s.stop()));
        await openStore.close();
        await openPool.end();
      },
    };
  } catch (error) {
    await Promise.all(started.map((s) => s.stop().catch(() => undefined)));
    await store?.close().catch(() => undefined);
    await auditPool?.end().catch(() => undefined);
    throw error;
  }
}

/**
 * Another gateway over the same subgraphs, store and keys: how the benchmarks compare a variant
 * (no policy, no log) side by side with the hub's own gateway.
 */
export function startVariantGateway(
  hub: RunningHub,
  variant: { enforcement?: 'on' | 'off'; withLog: boolean; executor?: 'planned' | 'stitched' },
): Promise<RunningGateway> {
  return startGateway({
    port: 0,
    endpoints: Object.fromEntries(Object.values(hub.subgraphs).map((s) => [s.name, s.url])),
    store: hub.store,
    signingKey: hub.keys.gateway,
    issuers: loadTrustedIssuers({ devKeyPair: hub.keys.devIssuer }),
    enforcement: variant.enforcement,
    executor: variant.executor,
    audit: variant.withLog ? hub.audit : null,
  });
}
