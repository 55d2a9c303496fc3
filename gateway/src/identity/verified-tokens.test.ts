import { GraphQLError } from 'graphql';
import { createLocalJWKSet, SignJWT, type JWTVerifyGetKey } from 'jose';
import { authenticate, CLOCK_TOLERANCE_SECONDS } from './authenticate';
import { HUB_AUDIENCE } from './dev-issuer';
import { generateEphemeralKeyPair, type KeyPair } from './key-store';
import type { TrustedIssuer } from './trusted-issuers';
import { VerifiedTokens } from './verified-tokens';

const ISSUER = 'https://idp.west-midlands-police.example';

describe('VerifiedTokens: a token verified a moment ago is not verified again, and never past what jose allows', () => {
  let key: KeyPair;
  /** Key lookups jose made: one per verification. */
  let lookups: number;

  beforeAll(async () => {
    key = await generateEphemeralKeyPair();
  });
  beforeEach(() => {
    lookups = 0;
  });

  /** A trusted issuer whose key lookups are counted; a new object each call, as a reload of the issuers would make. */
  function issuer(orgs: TrustedIssuer['orgs'] = ['west-midlands-police']): TrustedIssuer {
    const jwks = createLocalJWKSet({ keys: [key.publicJwk] });
    const keys: JWTVerifyGetKey = (header, token) => {
      lookups += 1;
      return jwks(header, token);
    };
    return { issuer: ISSUER, orgs, keys };
  }

  function token(expiresAtSeconds: number): Promise<string> {
    return new SignJWT({ org: 'west-midlands-police', roles: ['ANALYST'] })
      .setProtectedHeader({ alg: 'EdDSA', kid: key.kid })
      .setSubject('police.analyst')
      .setIssuer(ISSUER)
      .setAudience(HUB_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(expiresAtSeconds)
      .sign(key.privateKey);
  }

  const nowSeconds = () => Math.floor(Date.now() / 1000);

  it('verifies a token once, then answers the same principal (a copy) without verifying', async () => {
    const trusted = issuer();
    const verified = new VerifiedTokens(CLOCK_TOLERANCE_SECONDS);
    const header = `Bearer ${await token(nowSeconds() + 3600)}`;
    const first = await authenticate(header, [trusted], verified);
    const second = await authenticate(header, [trusted], verified);
    expect(lookups).toBe(1);
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
    second.roles.push('ADMIN' as never);
    await expect(authenticate(header, [trusted], verified)).resolves.toEqual(first);
  });

  it('verifies again once the token is past its expiry and the clock tolerance, and then refuses it', async () => {
    const trusted = issuer();
    const verified = new VerifiedTokens(CLOCK_TOLERANCE_SECONDS);
    // Expired 28 s ago: jose still accepts it (30 s tolerance) for about two more seconds.
    const header = `Bearer ${await token(nowSeconds() - CLOCK_TOLERANCE_SECONDS + 2)}`;
    await authenticate(header, [trusted], verified);
    await new Promise((resolve) => setTimeout(resolve, 2_300));
    const error = await authenticate(header, [trusted], verified).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).message).toBe('token has expired');
    expect(lookups).toBe(2);
  });

  it('verifies again under reloaded issuers, and refuses when the reloaded issuer no longer vouches for the organisation', async () => {
    const verified = new VerifiedTokens(CLOCK_TOLERANCE_SECONDS);
    const header = `Bearer ${await token(nowSeconds() + 3600)}`;
    await authenticate(header, [issuer()], verified);
    await authenticate(header, [issuer()], verified);
    expect(lookups).toBe(2);
    const error = await authenticate(header, [issuer(['birmingham-city-council'])], verified).catch((e: unknown) => e);
    expect((error as GraphQLError).message).toBe('token issuer may not vouch for organisation "west-midlands-police"');
  });

  it('does not remember a refusal: a refused token is verified (and refused) each time', async () => {
    const trusted = issuer(['birmingham-city-council']);
    const verified = new VerifiedTokens(CLOCK_TOLERANCE_SECONDS);
    const header = `Bearer ${await token(nowSeconds() + 3600)}`;
    for (let i = 0; i < 2; i++) await expect(authenticate(header, [trusted], verified)).rejects.toThrow(/may not vouch/);
    expect(lookups).toBe(2);
  });

  it('holds for the exact token only: another signature on the same claims is verified on its own', async () => {
    const trusted = issuer();
    const verified = new VerifiedTokens(CLOCK_TOLERANCE_SECONDS);
    const good = await token(nowSeconds() + 3600);
    await authenticate(`Bearer ${good}`, [trusted], verified);
    const [head, body, signature] = good.split('.') as [string, string, string];
    const forged = `${head}.${body}.${signature.slice(0, -4)}AAAA`;
    await expect(authenticate(`Bearer ${forged}`, [trusted], verified)).rejects.toThrow('token signature is not valid for its issuer');
  });
});
