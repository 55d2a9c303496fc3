import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompactSign, compactVerify } from 'jose';
import { generateEphemeralKeyPair, loadOrCreateKeyPair, type KeyPair } from './key-store';

describe('loadOrCreateKeyPair', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'hub-keys-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('creates the key files, the private one readable by its owner only', async () => {
    const dir = join(root, 'keys');
    const keyPair = await loadOrCreateKeyPair(dir, 'dev-issuer');

    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'dev-issuer.private.jwk.json')).mode & 0o777).toBe(0o600);
    const publicJwk = JSON.parse(readFileSync(join(dir, 'dev-issuer.public.jwk.json'), 'utf8'));
    expect(publicJwk).toEqual(keyPair.publicJwk);
    expect(publicJwk).not.toHaveProperty('d');
    expect(publicJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', kid: keyPair.kid });
  });

  it('reloads the same key after a restart', async () => {
    const first = await loadOrCreateKeyPair(root, 'dev-issuer');
    const second = await loadOrCreateKeyPair(root, 'dev-issuer');
    expect(second.kid).toBe(first.kid);
    expect(second.publicJwk).toEqual(first.publicJwk);
    expect(await verifiesWith(second, await signWith(first))).toBe(true);
  });

  it('keeps separate keys under separate names', async () => {
    const a = await loadOrCreateKeyPair(root, 'a');
    const b = await loadOrCreateKeyPair(root, 'b');
    expect(a.kid).not.toBe(b.kid);
  });
});

describe('generateEphemeralKeyPair', () => {
  it('gives a working pair named by its thumbprint, different every time', async () => {
    const a = await generateEphemeralKeyPair();
    const b = await generateEphemeralKeyPair();
    expect(a.kid).not.toBe(b.kid);
    expect(a.publicJwk.kid).toBe(a.kid);
    expect(await verifiesWith(a, await signWith(a))).toBe(true);
    expect(await verifiesWith(b, await signWith(a))).toBe(false);
  });
});

function signWith(keyPair: KeyPair): Promise<string> {
  return new CompactSign(new TextEncoder().encode('payload')).setProtectedHeader({ alg: 'EdDSA' }).sign(keyPair.privateKey);
}

async function verifiesWith(keyPair: KeyPair, jws: string): Promise<boolean> {
  return compactVerify(jws, keyPair.publicKey).then(
    () => true,
    () => false,
  );
}
