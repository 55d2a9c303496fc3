import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import express from 'express';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { DEV_ISSUER, HUB_AUDIENCE } from '../identity/dev-issuer';
import { generateEphemeralKeyPair, type KeyPair } from '../identity/key-store';
import type { TrustedIssuer } from '../identity/trusted-issuers';
import { consoleRoutes, type ConsoleOptions } from './console-routes';

describe('the console on the gateway', () => {
  let dir: string;
  let devIssuer: KeyPair;
  const servers: { close(): void }[] = [];

  beforeAll(async () => {
    devIssuer = await generateEphemeralKeyPair();
    dir = mkdtempSync(join(tmpdir(), 'hub-console-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><script type="module" src="/assets/app-1.js"></script>');
    writeFileSync(join(dir, 'assets', 'app-1.js'), 'console.log("app")');
    writeFileSync(join(dir, 'assets', 'app-1.js.br'), brotliCompressSync('console.log("app")'));
  });
  afterAll(() => {
    servers.forEach((s) => s.close());
    rmSync(dir, { recursive: true, force: true });
  });

  async function serve(options: Partial<ConsoleOptions> = {}): Promise<string> {
    const app = express();
    app.use(consoleRoutes({ issuers: [], devIssuer, production: false, buildDir: dir, ...options }));
    const server = app.listen(0, '127.0.0.1');
    servers.push(server);
    await new Promise((resolve) => server.once('listening', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('serves the console at / and at its pages, under a strict Content-Security-Policy', async () => {
    const base = await serve();
    for (const path of ['/', '/subject/SUBJ-000001', '/audit']) {
      const response = await fetch(`${base}${path}`, { headers: { accept: 'text/html' } });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('/assets/app-1.js');
      const csp = response.headers.get('content-security-policy')!;
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('serves assets precompressed and for good; an unknown asset or a path out of the build is not found', async () => {
    const base = await serve();
    const asset = await fetch(`${base}/assets/app-1.js`, { headers: { 'accept-encoding': 'br' } });
    expect(asset.headers.get('content-encoding')).toBe('br');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    // fetch decodes it: what arrives is the file.
    expect(await asset.text()).toBe('console.log("app")');
    const plain = await fetch(`${base}/assets/app-1.js`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect((await fetch(`${base}/assets/nothing.js`)).status).toBe(404);
    expect((await fetch(`${base}/%2e%2e/package.json`, { headers: { accept: 'application/json' } })).status).toBe(404);
  });

  it('mints a demo user a dev token outside production', async () => {
    const base = await serve();
    const config = (await (await fetch(`${base}/auth/config`)).json()) as { devSignIn: { users: { id: string }[] } };
    expect(config.devSignIn.users.map((u: { id: string }) => u.id)).toContain('la.safeguarding');
    const response = await fetch(`${base}/auth/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'la.safeguarding' }),
    });
    expect(response.headers.get('cache-control')).toBe('no-store');
    const { token } = (await response.json()) as { token: string };
    const { payload } = await jwtVerify(token, createLocalJWKSet({ keys: [devIssuer.publicJwk] }), {
      issuer: DEV_ISSUER,
      audience: HUB_AUDIENCE,
    });
    expect(payload).toMatchObject({ sub: 'la.safeguarding', org: 'birmingham-city-council' });
    const unknown = await fetch(`${base}/auth/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'nobody' }),
    });
    expect(unknown.status).toBe(400);
  });

  it.each([
    ['in production, even with the key', { production: true }],
    ['without the dev issuer', { devIssuer: undefined }],
  ])('refuses dev tokens %s', async (_, options) => {
    const base = await serve(options);
    const response = await fetch(`${base}/auth/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'la.safeguarding' }),
    });
    expect(response.status).toBe(403);
    expect(await response.json()).not.toHaveProperty('token');
    expect(((await (await fetch(`${base}/auth/config`)).json()) as { devSignIn: unknown }).devSignIn).toBeNull();
  });

  it("offers each issuer's OpenID Connect sign-in, and lets the console reach only those authorities", async () => {
    const police: TrustedIssuer = {
      issuer: 'https://idp.police.example/realms/staff',
      orgs: ['west-midlands-police'],
      keys: (async () => {
        throw new Error('unused');
      }) as unknown as TrustedIssuer['keys'],
      oidc: { authority: 'https://idp.police.example/realms/staff', clientId: 'hub-console' },
    };
    const base = await serve({ issuers: [police], production: true });
    const response = await fetch(`${base}/auth/config`);
    expect(((await response.json()) as { oidc: unknown }).oidc).toEqual([
      { issuer: police.issuer, orgs: police.orgs, authority: police.oidc!.authority, clientId: 'hub-console' },
    ]);
    const page = await fetch(`${base}/`);
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self' https://idp.police.example;");
  });
});
