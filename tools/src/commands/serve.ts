import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditTrail, createAuditPool, HubStore, loadOrCreateKeyPair, loadTrustedIssuers, startGateway } from '@hub/gateway';
import {
  databaseUrlFor,
  environment,
  logger,
  metricsPort,
  servicePort,
  shutdownTracing,
  startSubgraph,
  SUBGRAPH_NAMES,
  subgraphUrl,
} from '@hub/shared';
import { importJWK, type CryptoKey } from 'jose';
import { DATA_DIR } from '../runtime/databases';
import { SUBGRAPHS } from '../subgraphs';

/** Where the gateway keeps its signing key (private: only the gateway's container mounts it). */
export const KEY_DIR = environment().keyDir ?? join(DATA_DIR, 'keys');
/** Where the subgraphs find the gateway's public key. */
export const PUBLIC_KEY_DIR = environment().publicKeyDir ?? KEY_DIR;

/**
 * `hub serve <service>`: one service alone, as a container runs it. Configured only by
 * environment (`<SERVICE>_DATABASE_URL` or `DATABASE_URL`, `<SERVICE>_DATABASE_PASSWORD_FILE` or
 * `DATABASE_PASSWORD_FILE`, `<SERVICE>_PORT`, `<SERVICE>_METRICS_PORT`, `HUB_METRICS_HOST`, `<SUBGRAPH>_URL`, `HUB_KEY_DIR` for the gateway,
 * `HUB_PUBLIC_KEY_DIR` for a subgraph, `HUB_TRUSTED_ISSUERS_FILE`).
 */
export async function serveCommand(args: string[]): Promise<void> {
  const name = args[0];
  const stops: (() => Promise<void>)[] = [];
  if (name === 'gateway') {
    const storeUrl = databaseUrlFor('hub');
    if (!storeUrl) throw new Error('set HUB_DATABASE_URL or DATABASE_URL for the hub store');
    // Keys before the database: a missing key fails the start at once, naming the file.
    const signingKey = await loadOrCreateKeyPair(KEY_DIR, 'gateway');
    const auditKey = await loadOrCreateKeyPair(KEY_DIR, 'audit');
    const devIssuer = environment().devIssuerTrusted ? await loadOrCreateKeyPair(KEY_DIR, 'dev-issuer') : undefined;
    // Replicas may start together: the database, migrations and partitions are each made once.
    const store = await HubStore.open(storeUrl, { createDatabase: true });
    const auditPool = createAuditPool(storeUrl);
    const audit = await AuditTrail.start({ pool: auditPool, key: auditKey });
    const gateway = await startGateway({
      port: servicePort('gateway'),
      metricsPort: metricsPort('gateway'),
      endpoints: Object.fromEntries(SUBGRAPH_NAMES.map((s) => [s, subgraphUrl(s)])),
      store,
      signingKey,
      issuers: loadTrustedIssuers({ devKeyPair: devIssuer }),
      devIssuer,
      audit,
    });
    logger('gateway').info({ port: gateway.port }, 'gateway listening');
    stops.push(
      () => gateway.stop(),
      () => audit.stop(),
      () => store.close(),
      () => auditPool.end(),
    );
  } else {
    const definition = SUBGRAPHS.find((s) => s.name === name);
    if (!definition) throw new Error(`usage: hub serve <gateway|${SUBGRAPH_NAMES.join('|')}>`);
    const databaseUrl = databaseUrlFor(definition.name);
    if (!databaseUrl) throw new Error(`set ${definition.name.toUpperCase().replace(/-/g, '_')}_DATABASE_URL or DATABASE_URL`);
    const running = await startSubgraph(definition, {
      databaseUrl,
      createDatabase: true,
      port: servicePort(definition.name),
      metricsPort: metricsPort(definition.name),
      gatewayPublicKey: await gatewayPublicKey(),
    });
    stops.push(() => running.stop());
  }
  const stop = async () => {
    logger(name!).info('stopping');
    for (const s of stops) await s();
    await shutdownTracing();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function gatewayPublicKey(): Promise<CryptoKey> {
  const file = join(PUBLIC_KEY_DIR, 'gateway.public.jwk.json');
  try {
    return (await importJWK(JSON.parse(readFileSync(file, 'utf8')), 'EdDSA')) as CryptoKey;
  } catch {
    throw new Error(`the gateway's public key was not found at ${file}: run "hub keys" first, or set HUB_PUBLIC_KEY_DIR`);
  }
}
