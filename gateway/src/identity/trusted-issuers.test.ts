import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { authenticate } from './authenticate';
import { DEV_ISSUER, HUB_AUDIENCE } from './dev-issuer';
import { generateEphemeralKeyPair } from './key-store';
import { loadTrustedIssuers } from './trusted-issuers';

describe('loadTrustedIssuers', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hub-issuers-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function issuersFile(content: unknown): NodeJS.ProcessEnv {
    const file = join(dir, 'issuers.json');
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return { HUB_TRUSTED_ISSUERS_FILE: file };
  }

  it('trusts nobody when nothing is configured', () => {
    expect(loadTrustedIssuers({ file: undefined })).toEqual([]);
  });

  it('trusts the dev issuer for every organisation when given its key', async () => {
    const issuers = loadTrustedIssuers({ file: undefined, devKeyPair: await generateEphemeralKeyPair() });
    expect(issuers).toEqual([{ issuer: DEV_ISSUER, orgs: '*', keys: expect.any(Function) }]);
  });

  it('trusts a partner identity provider from the file, for its own organisations', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const env = issuersFile([
      {
        issuer: 'https://idp.nhs.example',
        orgs: ['birmingham-solihull-nhs'],
        jwks: { keys: [{ ...(await exportJWK(publicKey)), kid: 'nhs-1' }] },
      },
      { issuer: 'https://idp.police.example', orgs: ['west-midlands-police'], jwksUri: 'https://idp.police.example/jwks.json' },
    ]);
    const issuers = loadTrustedIssuers({ file: env.HUB_TRUSTED_ISSUERS_FILE, devKeyPair: await generateEphemeralKeyPair() });
    expect(issuers.map((i) => [i.issuer, i.orgs])).toEqual([
      ['https://idp.nhs.example', ['birmingham-solihull-nhs']],
      ['https://idp.police.example', ['west-midlands-police']],
      [DEV_ISSUER, '*'],
    ]);

    const token = await new SignJWT({ org: 'birmingham-solihull-nhs', roles: ['SAFEGUARDING_LEAD'] })
      .setProtectedHeader({ alg: 'ES256', kid: 'nhs-1' })
      .setSubject('nhs.safeguarding')
      .setIssuer('https://idp.nhs.example')
      .setAudience(HUB_AUDIENCE)
      .setExpirationTime('5m')
      .sign(privateKey);
    await expect(authenticate(`Bearer ${token}`, issuers)).resolves.toMatchObject({ partner: 'nhs', issuer: 'https://idp.nhs.example' });
  });

  it.each([
    ['not JSON', '{', /is not readable JSON/],
    ['not an array', { issuer: 'x' }, /must hold a JSON array/],
    ['an entry that is not an object', ['x'], /entry 0: must be an object/],
    ['no issuer', [{ orgs: '*', jwksUri: 'https://a.example/jwks' }], /entry 0: "issuer" must be a non-empty string/],
    ['no orgs', [{ issuer: 'a', jwksUri: 'https://a.example/jwks' }], /"orgs" must be "\*" or a non-empty array/],
    ['an unknown org', [{ issuer: 'a', orgs: ['acme'], jwksUri: 'https://a.example/jwks' }], /unknown organisations: acme/],
    ['no keys', [{ issuer: 'a', orgs: ['adavu'] }], /exactly one of "jwks" and "jwksUri"/],
    [
      'both kinds of keys',
      [{ issuer: 'a', orgs: ['adavu'], jwks: { keys: [{ kty: 'OKP' }] }, jwksUri: 'https://a.example/jwks' }],
      /exactly one of/,
    ],
    ['an empty key set', [{ issuer: 'a', orgs: ['adavu'], jwks: { keys: [] } }], /"jwks" must be \{"keys"/],
    [
      'a private key',
      [{ issuer: 'a', orgs: ['adavu'], jwks: { keys: [{ kty: 'OKP', crv: 'Ed25519', x: 'x', d: 'd' }] } }],
      /public keys only/,
    ],
    ['keys fetched over http', [{ issuer: 'a', orgs: ['adavu'], jwksUri: 'http://idp.example/jwks' }], /must be an https URL/],
    [
      'a sign-in authority over http',
      [{ issuer: 'a', orgs: ['adavu'], jwksUri: 'https://a.example/jwks', oidc: { authority: 'http://a.example', clientId: 'c' } }],
      /"oidc" must be/,
    ],
    [
      'a sign-in without a client id',
      [{ issuer: 'a', orgs: ['adavu'], jwksUri: 'https://a.example/jwks', oidc: { authority: 'https://a.example' } }],
      /"oidc" must be/,
    ],
  ])('refuses a file with %s', (_, content, message) => {
    expect(() => loadTrustedIssuers({ file: issuersFile(content).HUB_TRUSTED_ISSUERS_FILE })).toThrow(message);
  });

  it("keeps an issuer's console sign-in (OpenID Connect authority and client id)", () => {
    const oidc = { authority: 'https://idp.police.example/realms/staff', clientId: 'partner-hub-console' };
    const env = issuersFile([
      { issuer: 'https://idp.police.example', orgs: ['west-midlands-police'], jwksUri: 'https://idp.police.example/jwks', oidc },
    ]);
    expect(loadTrustedIssuers({ file: env.HUB_TRUSTED_ISSUERS_FILE })[0]!.oidc).toEqual(oidc);
  });

  it('accepts plain http keys only from this machine', () => {
    const env = issuersFile([{ issuer: 'a', orgs: ['adavu'], jwksUri: 'http://127.0.0.1:9000/jwks' }]);
    expect(loadTrustedIssuers({ file: env.HUB_TRUSTED_ISSUERS_FILE })).toHaveLength(1);
  });

  it('refuses an issuer trusted twice', async () => {
    const env = issuersFile([{ issuer: DEV_ISSUER, orgs: ['adavu'], jwksUri: 'https://a.example/jwks' }]);
    const devKeyPair = await generateEphemeralKeyPair();
    expect(() => loadTrustedIssuers({ file: env.HUB_TRUSTED_ISSUERS_FILE, devKeyPair })).toThrow(/trusted twice/);
  });
});
