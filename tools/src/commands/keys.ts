import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadOrCreateKeyPair } from '@hub/gateway';
import { environment } from '@hub/shared';
import { KEY_DIR, PUBLIC_KEY_DIR } from './serve';
import { print } from '../cli-output';

/**
 * `hub keys`: creates every key the gateway reads when missing — its signing key (gateway →
 * subgraph tokens), the disclosure log's checkpoint key (`audit`) and, outside production, the
 * dev issuer's — and publishes the gateway's public key, alone, where the subgraphs read it.
 * Containers run it once, with the key folder writable, before the services; the gateway then
 * mounts that folder read-only and the subgraphs only the public folder. Existing keys are kept.
 */
export async function keysCommand(): Promise<void> {
  const names = ['gateway', 'audit', ...(environment().devIssuerTrusted ? ['dev-issuer'] : [])];
  const created = names.filter((name) => !existsSync(join(KEY_DIR, `${name}.private.jwk.json`)));
  const keys = await Promise.all(names.map((name) => loadOrCreateKeyPair(KEY_DIR, name)));
  mkdirSync(PUBLIC_KEY_DIR, { recursive: true });
  if (PUBLIC_KEY_DIR !== KEY_DIR)
    writeFileSync(join(PUBLIC_KEY_DIR, 'gateway.public.jwk.json'), `${JSON.stringify(keys[0]!.publicJwk, null, 2)}\n`);
  for (const [i, name] of names.entries())
    print(`${name} key ${keys[i]!.kid} ${created.includes(name) ? 'created' : 'kept'} in ${KEY_DIR}`);
  print(`gateway public key in ${PUBLIC_KEY_DIR}`);
}
