import { GraphQLError } from 'graphql';
import { createLocalJWKSet, SignJWT, UnsecuredJWT, type JWTPayload } from 'jose';
import { authenticate } from './authenticate';
import { DEV_ISSUER, HUB_AUDIENCE, issueDevToken } from './dev-issuer';
import { generateEphemeralKeyPair, type KeyPair } from './key-store';
import { loadTrustedIssuers, type TrustedIssuer } from './trusted-issuers';

const COUNCIL_ISSUER = 'https://idp.birmingham.example';

describe('authenticate', () => {
  let dev: KeyPair;
  let council: KeyPair;
  let forger: KeyPair;
  let issuers: TrustedIssuer[];

  beforeAll(async () => {
    [dev, council, forger] = await Promise.all([generateEphemeralKeyPair(), generateEphemeralKeyPair(), generateEphemeralKeyPair()]);
    const councilIssuer = {
      issuer: COUNCIL_ISSUER,
      orgs: ['birmingham-city-council'],
      keys: createLocalJWKSet({ keys: [council.publicJwk] }),
    };
    issuers = [...loadTrustedIssuers({ file: undefined, devKeyPair: dev }), councilIssuer];
  });

  /** A token as a partner's identity provider would mint it; `overrides` bends one thing at a time. */
  function token(
    overrides: { claims?: JWTPayload; key?: KeyPair; kid?: string; iss?: string; aud?: string; exp?: string | number } = {},
  ): Promise<string> {
    const key = overrides.key ?? dev;
    return new SignJWT({ org: 'west-midlands-police', roles: ['ANALYST'], ...overrides.claims })
      .setProtectedHeader({ alg: 'EdDSA', kid: overrides.kid ?? key.kid })
      .setSubject('police.analyst')
      .setIssuer(overrides.iss ?? DEV_ISSUER)
      .setAudience(overrides.aud ?? HUB_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(overrides.exp ?? '1h')
      .sign(key.privateKey);
  }

  async function refusal(header: string | undefined): Promise<string> {
    const error = await authenticate(header, issuers).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe('UNAUTHENTICATED');
    return (error as GraphQLError).message;
  }

  it('accepts a dev token and says who is asking', async () => {
    const header = `Bearer ${await issueDevToken('la.safeguarding', dev)}`;
    await expect(authenticate(header, issuers)).resolves.toEqual({
      userId: 'la.safeguarding',
      org: 'birmingham-city-council',
      partner: 'local-authority',
      roles: ['SAFEGUARDING_LEAD'],
      issuer: DEV_ISSUER,
    });
  });

  it('authenticates an unapproved user (approval is decided later) and an auditor of no partner', async () => {
    const unapproved = await authenticate(`Bearer ${await issueDevToken('police.unapproved', dev)}`, issuers);
    expect(unapproved).toMatchObject({ userId: 'police.unapproved', partner: 'police' });
    const auditor = await authenticate(`bearer ${await issueDevToken('hub.auditor', dev)}`, issuers);
    expect(auditor).toMatchObject({ userId: 'hub.auditor', org: 'joint-audit-panel', partner: null, roles: ['AUDITOR'] });
  });

  it('accepts a partner issuer vouching for its own organisation', async () => {
    const header = `Bearer ${await token({ key: council, iss: COUNCIL_ISSUER, claims: { org: 'birmingham-city-council', roles: ['HOUSING_OFFICER'] } })}`;
    await expect(authenticate(header, issuers)).resolves.toMatchObject({ org: 'birmingham-city-council', issuer: COUNCIL_ISSUER });
  });

  it('refuses a request without a bearer token', async () => {
    expect(await refusal(undefined)).toMatch(/missing Authorization header/);
    expect(await refusal('')).toMatch(/missing Authorization header/);
    expect(await refusal(`Basic ${Buffer.from('police.analyst:x').toString('base64')}`)).toMatch(/must be "Bearer <token>"/);
    expect(await refusal('Bearer')).toMatch(/must be "Bearer <token>"/);
  });

  it('refuses what is not a JWT', async () => {
    expect(await refusal('Bearer not.a.jwt')).toBe('token is not a well-formed JWT');
    expect(await refusal('Bearer abc')).toBe('token is not a well-formed JWT');
  });

  it('refuses an issuer it does not trust', async () => {
    expect(await refusal(`Bearer ${await token({ iss: 'https://idp.elsewhere.example' })}`)).toBe('token issuer is not trusted by the hub');
  });

  it('refuses a token signed with any other key, whatever kid it claims', async () => {
    expect(await refusal(`Bearer ${await token({ key: forger, kid: dev.kid })}`)).toBe('token signature is not valid for its issuer');
    expect(await refusal(`Bearer ${await token({ key: forger })}`)).toBe('token signature is not valid for its issuer');
  });

  it('refuses an expired token, allowing 30 s of clock skew', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect(await refusal(`Bearer ${await token({ exp: now - 60 })}`)).toBe('token has expired');
    await expect(authenticate(`Bearer ${await token({ exp: now - 10 })}`, issuers)).resolves.toBeDefined();
  });

  it('refuses a token that is not valid yet', async () => {
    const nbf = Math.floor(Date.now() / 1000) + 300;
    expect(await refusal(`Bearer ${await token({ claims: { nbf } })}`)).toBe('token is not valid yet');
  });

  it('refuses a token that never expires', async () => {
    const forever = await new SignJWT({ org: 'west-midlands-police', roles: ['ANALYST'] })
      .setProtectedHeader({ alg: 'EdDSA', kid: dev.kid })
      .setSubject('police.analyst')
      .setIssuer(DEV_ISSUER)
      .setAudience(HUB_AUDIENCE)
      .sign(dev.privateKey);
    expect(await refusal(`Bearer ${forever}`)).toBe('token has no valid expiry');
  });

  it('refuses a token minted for another service', async () => {
    expect(await refusal(`Bearer ${await token({ aud: 'some-other-service' })}`)).toMatch(/not for this hub/);
  });

  it.each([
    ['no sub', { sub: undefined }, /no user id/],
    ['an unknown org', { org: 'acme-ltd' }, /"org" is not an organisation/],
    ['no org', { org: undefined }, /"org" is not an organisation/],
    ['no roles', { roles: [] }, /"roles" must be a non-empty list/],
    ['roles not a list', { roles: 'ANALYST' }, /"roles" must be a non-empty list/],
    ['an unknown role', { roles: ['ANALYST', 'SUPERUSER'] }, /"roles" must be a non-empty list/],
  ])('refuses a token with %s', async (_, claims, message) => {
    const signed = await new SignJWT({ sub: 'police.analyst', org: 'west-midlands-police', roles: ['ANALYST'], ...claims })
      .setProtectedHeader({ alg: 'EdDSA', kid: dev.kid })
      .setIssuer(DEV_ISSUER)
      .setAudience(HUB_AUDIENCE)
      .setExpirationTime('1h')
      .sign(dev.privateKey);
    expect(await refusal(`Bearer ${signed}`)).toMatch(message);
  });

  it('refuses an issuer vouching for an organisation that is not its own', async () => {
    const header = `Bearer ${await token({ key: council, iss: COUNCIL_ISSUER, claims: { org: 'west-midlands-police' } })}`;
    expect(await refusal(header)).toBe('token issuer may not vouch for organisation "west-midlands-police"');
  });

  it('refuses an unsigned token', async () => {
    const unsigned = new UnsecuredJWT({ org: 'west-midlands-police', roles: ['ANALYST'] })
      .setSubject('police.analyst')
      .setIssuer(DEV_ISSUER)
      .setAudience(HUB_AUDIENCE)
      .setExpirationTime('1h')
      .encode();
    expect(await refusal(`Bearer ${unsigned}`)).toMatch(/algorithm is not allowed/);
  });

  it('refuses a token signed with a shared secret', async () => {
    const hs256 = await new SignJWT({ org: 'west-midlands-police', roles: ['ANALYST'] })
      .setProtectedHeader({ alg: 'HS256', kid: dev.kid })
      .setSubject('police.analyst')
      .setIssuer(DEV_ISSUER)
      .setAudience(HUB_AUDIENCE)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('a shared secret of thirty-two bytes!'));
    expect(await refusal(`Bearer ${hs256}`)).toMatch(/algorithm is not allowed/);
  });

  it('refuses everything when no issuer is trusted', async () => {
    const error = await authenticate(`Bearer ${await issueDevToken('police.analyst', dev)}`, []).catch((e: unknown) => e);
    expect((error as GraphQLError).extensions.code).toBe('UNAUTHENTICATED');
  });
});
