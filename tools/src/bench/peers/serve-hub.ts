import { AuditTrail, createAuditPool, DEV_ISSUER, HubStore, loadTrustedIssuers, startGateway } from '@hub/gateway';
import { hubMetrics } from '@hub/shared';
import { storedHubKeys } from '../../runtime/hub-keys';
import { runService } from './service-process';
import { stageSnapshot } from './stage-times';

export interface HubGatewayConfig {
  endpoints: Record<string, string>;
  hubDatabaseUrl: string;
  keysDir: string;
  enforcement: 'on' | 'off';
  withLog: boolean;
}

/**
 * The hub's own gateway in a process of its own, for `bench -- peers`: as it runs (policy and
 * the disclosure log), or the same runtime with neither (enforcement off, no log). Trusts the
 * bench's dev issuer only; the subgraph tokens are signed with the bench's gateway key. Asked
 * `stages`, it answers its pipeline's stage timings so far (`hub_gateway_stage_seconds`).
 */
runService<HubGatewayConfig>(async (config) => {
  const keys = await storedHubKeys(config.keysDir);
  const store = await HubStore.open(config.hubDatabaseUrl);
  await store.seedDemoApprovals(DEV_ISSUER);
  const auditPool = config.withLog ? createAuditPool(config.hubDatabaseUrl) : undefined;
  const audit = auditPool ? await AuditTrail.start({ pool: auditPool, key: keys.audit }) : null;
  const gateway = await startGateway({
    port: 0,
    endpoints: config.endpoints,
    store,
    signingKey: keys.gateway,
    issuers: loadTrustedIssuers({ file: '', devKeyPair: keys.devIssuer }),
    enforcement: config.enforcement,
    audit,
  });
  return {
    url: gateway.url,
    handle: (question: string) => (question === 'stages' ? stageSnapshot(hubMetrics().stageSeconds) : null),
    async stop() {
      await gateway.stop();
      await audit?.stop();
      await auditPool?.end();
      await store.close();
    },
  };
});
