import { generateKeyPair, SignJWT, type GenerateKeyPairResult } from 'jose';
import { GATEWAY_ISSUER, GatewayTokenError, signGatewayToken, verifyGatewayToken, type GatewayClaims } from './gateway-token';

const claims: GatewayClaims = {
  sub: 'la.safeguarding',
  org: 'birmingham-city-council',
  roles: ['SAFEGUARDING_LEAD'],
  purpose: 'IDENTIFY_VICTIMS',
  lawfulBasis: null,
  caseRef: 'CASE-2026-0042',
  requestId: 'req-1',
};

describe('gateway token', () => {
  let gateway: GenerateKeyPairResult;
  let forger: GenerateKeyPairResult;

  beforeAll(async () => {
    gateway = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    forger = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  });

  async function rejection(token: string | undefined, audience = 'police'): Promise<GatewayTokenError> {
    const error = await verifyGatewayToken(gateway.publicKey, token, audience).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayTokenError);
    return error as GatewayTokenError;
  }

  it('carries the requester, purpose, basis, case ref and request id to the subgraph', async () => {
    const token = await signGatewayToken(gateway.privateKey, 'gw-1', claims, 'police');
    await expect(verifyGatewayToken(gateway.publicKey, token, 'police')).resolves.toEqual(claims);
  });

  it('is byte for byte the token jose signs with the same claims, header and lifetime', async () => {
    for (const ttl of [60, 5]) {
      for (;;) {
        const before = Math.floor(Date.now() / 1000);
        const { sub, ...rest } = claims;
        const byJose = await new SignJWT(rest)
          .setProtectedHeader({ alg: 'EdDSA', kid: 'gw-1' })
          .setSubject(sub)
          .setIssuer(GATEWAY_ISSUER)
          .setAudience('nhs')
          .setIssuedAt()
          .setExpirationTime(`${ttl}s`)
          .sign(gateway.privateKey);
        const ours = await signGatewayToken(gateway.privateKey, 'gw-1', claims, 'nhs', ttl);
        if (Math.floor(Date.now() / 1000) !== before) continue; // a second ticked between the two: sign again
        expect(ours).toBe(byJose);
        break;
      }
    }
  });

  it('refuses to sign with anything but an Ed25519 private key', async () => {
    await expect(signGatewayToken(gateway.publicKey, 'gw-1', claims, 'police')).rejects.toThrow(/Ed25519 private key/);
  });

  it('rejects a missing token', async () => {
    expect((await rejection(undefined)).reason).toBe('MISSING');
    expect((await rejection('')).reason).toBe('MISSING');
  });

  it('rejects a token signed by any other key', async () => {
    const token = await signGatewayToken(forger.privateKey, 'gw-1', claims, 'police');
    expect((await rejection(token)).reason).toBe('FORGED');
  });

  it('rejects an expired token', async () => {
    const token = await signGatewayToken(gateway.privateKey, 'gw-1', claims, 'police', -60);
    expect((await rejection(token)).reason).toBe('EXPIRED');
  });

  it('rejects a token addressed to another subgraph', async () => {
    const token = await signGatewayToken(gateway.privateKey, 'gw-1', claims, 'nhs');
    const error = await rejection(token, 'police');
    expect(error.reason).toBe('WRONG_AUDIENCE');
    expect(error.message).toBe('gateway token is not addressed to police');
  });

  it('rejects a token from another issuer, even with the gateway key', async () => {
    const token = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer('someone-else')
      .setAudience('police')
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(gateway.privateKey);
    expect((await rejection(token)).reason).toBe('WRONG_ISSUER');
  });

  it('rejects a token without the request claims', async () => {
    const token = await new SignJWT({ org: 'birmingham-city-council' })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setSubject('la.safeguarding')
      .setIssuer(GATEWAY_ISSUER)
      .setAudience('police')
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(gateway.privateKey);
    expect((await rejection(token)).reason).toBe('BAD_CLAIMS');
  });

  it('rejects what is not a JWT', async () => {
    expect((await rejection('not-a-jwt')).reason).toBe('MALFORMED');
  });
});
