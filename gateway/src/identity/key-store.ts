import { accessSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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
 *
 * A folder the process may not write (a container's read-only mount, a Kubernetes Secret) is
 * never written: a key missing there is an error that names the file and how to create it (the
 * `hub keys` job), not an EACCES from a write the service should not have tried; and the public
 * file, being derived, is simply not written.
 */
export async function loadOrCreateKeyPair(dir: string, name: string): Promise<KeyPair> {
  const privatePath = join(dir, `${name}.private.jwk.json`);
  const publicPath = join(dir, `${name}.public.jwk.json`);
  if (!existsSync(privatePath)) {
    if (!writable(dir)) {
      throw new Error(
        `the ${name} key ${privatePath} does not exist and ${dir} is read-only here, so it will not be created at run time: ` +
          `create the keys first with "hub keys" (HUB_KEY_DIR=${dir}, writable), as the keys job of docker-compose.yml does, ` +
          'or mount the folder or Secret that holds them',
      );
    }
    const { privateKey } = await generateKeyPair(ALGORITHM, { crv: 'Ed25519', extractable: true });
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeIfAbsent(privatePath, await exportJWK(privateKey), 0o600);
  }
  const privateJwk = JSON.parse(readFileSync(privatePath, 'utf8')) as JWK;
  const { d: _secret, ...publicHalf } = privateJwk;
  const keyPair = await keyPairOf(await importKey(privateJwk), await importKey(publicHalf));
  if (!existsSync(publicPath) && writable(dir)) writeIfAbsent(publicPath, keyPair.publicJwk, 0o644);
  return keyPair;
}

/** Whether this process may create files in `dir`, or create `dir` in the nearest folder that exists. */
function writable(dir: string): boolean {
  let folder = dir;
  while (!existsSync(folder) && dirname(folder) !== folder) folder = dirname(folder);
  try {
    accessSync(folder, constants.W_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
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
