import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';

const ALGORITHM = 'EdDSA';

/** An Ed25519 signing key pair, with the public half as a JWK that others can be given to trust. */
export interface KeyPair {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** Carries `kid` and `alg`, ready to publish in a JWKS. */
  publicJwk: JWK;
  /** The JWK thumbprint (RFC 7638): stable for the key, so tokens name the key that signed them. */
  kid: string;
}

/**
 * The key pair `<dir>/<name>.private.jwk.json`, created on first use so that tokens signed
 * before a restart still verify after it. The private key file is readable by its owner only;
 * the public file is for handing to whoever must verify (it is derived, never trusted on load).
 */
export async function loadOrCreateKeyPair(dir: string, name: string): Promise<KeyPair> {
  const privatePath = join(dir, `${name}.private.jwk.json`);
  const publicPath = join(dir, `${name}.public.jwk.json`);
  if (!existsSync(privatePath)) {
    const { privateKey } = await generateKeyPair(ALGORITHM, { crv: 'Ed25519', extractable: true });
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeIfAbsent(privatePath, await exportJWK(privateKey), 0o600);
  }
  const privateJwk = JSON.parse(readFileSync(privatePath, 'utf8')) as JWK;
  const { d: _secret, ...publicHalf } = privateJwk;
  const keyPair = await keyPairOf(await importKey(privateJwk), await importKey(publicHalf));
  writeIfAbsent(publicPath, keyPair.publicJwk, 0o644);
  return keyPair;
}

/** A key pair that lives only in memory: for tests, and for a process that needs no restarts. */
export async function generateEphemeralKeyPair(): Promise<KeyPair> {
  const { privateKey, publicKey } = await generateKeyPair(ALGORITHM, { crv: 'Ed25519' });
  return keyPairOf(privateKey, publicKey);
}

async function keyPairOf(privateKey: CryptoKey, publicKey: CryptoKey): Promise<KeyPair> {
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { privateKey, publicKey, publicJwk: { ...jwk, kid, alg: ALGORITHM, use: 'sig' }, kid };
}

async function importKey(jwk: JWK): Promise<CryptoKey> {
  // An OKP JWK always imports as a CryptoKey; only symmetric ('oct') keys come back as bytes.
  return (await importJWK(jwk, ALGORITHM)) as CryptoKey;
}

/** Exclusive create: if another process wrote the key meanwhile, keep theirs rather than overwrite it. */
function writeIfAbsent(path: string, jwk: JWK, mode: number): void {
  try {
    writeFileSync(path, `${JSON.stringify(jwk, null, 2)}\n`, { mode, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}
