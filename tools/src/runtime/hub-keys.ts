import { join } from 'node:path';
import { generateEphemeralKeyPair, loadOrCreateKeyPair, type KeyPair } from '@hub/gateway';

export interface HubKeys {
  /** Signs gateway → subgraph tokens; subgraphs hold its public half. */
  gateway: KeyPair;
  /** Signs demo users' tokens (`hub token <user>`); trusted only outside production. */
  devIssuer: KeyPair;
  /** Signs the disclosure log's checkpoints. */
  audit: KeyPair;
}

/** Keys kept under `<dataDir>/keys`, so tokens from `hub token` work against a running hub. */
export async function storedHubKeys(dataDir: string): Promise<HubKeys> {
  const dir = join(dataDir, 'keys');
  return {
    gateway: await loadOrCreateKeyPair(dir, 'gateway'),
    devIssuer: await loadOrCreateKeyPair(dir, 'dev-issuer'),
    audit: await loadOrCreateKeyPair(dir, 'audit'),
  };
}

/** Keys that live and die with one process: tests. */
export async function ephemeralHubKeys(): Promise<HubKeys> {
  return {
    gateway: await generateEphemeralKeyPair(),
    devIssuer: await generateEphemeralKeyPair(),
    audit: await generateEphemeralKeyPair(),
  };
}
