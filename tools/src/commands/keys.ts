import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadOrCreateKeyPair } from '@hub/gateway';
import { environment } from '@hub/shared';
import { KEY_DIR, PUBLIC_KEY_DIR } from './serve';
import { print } from '../cli-output';

/**
 * `hub keys`: creates the gateway's signing key and the dev issuer's key when missing, and
 * publishes the gateway's public key where the subgraphs read it. Containers run it once
 * before the services, so subgraphs never see the private key.
 */
export async function keysCommand(): Promise<void> {
  const gateway = await loadOrCreateKeyPair(KEY_DIR, 'gateway');
  if (environment().devIssuerTrusted) await loadOrCreateKeyPair(KEY_DIR, 'dev-issuer');
  mkdirSync(PUBLIC_KEY_DIR, { recursive: true });
  if (PUBLIC_KEY_DIR !== KEY_DIR) copyFileSync(join(KEY_DIR, 'gateway.public.jwk.json'), join(PUBLIC_KEY_DIR, 'gateway.public.jwk.json'));
  print(`gateway key ${gateway.kid} in ${KEY_DIR}; public key in ${PUBLIC_KEY_DIR}`);
}
