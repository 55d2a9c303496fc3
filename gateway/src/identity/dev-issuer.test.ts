import { decodeJwt, decodeProtectedHeader } from 'jose';
import { DEV_ISSUER, HUB_AUDIENCE, issueDevToken } from './dev-issuer';
import { generateEphemeralKeyPair, type KeyPair } from './key-store';

describe('issueDevToken', () => {
  let keyPair: KeyPair;
  beforeAll(async () => {
    keyPair = await generateEphemeralKeyPair();
  });

  it('carries the demo user’s id, organisation, roles and job title for eight hours', async () => {
    const token = await issueDevToken('nhs.safeguarding', keyPair);
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'EdDSA', kid: keyPair.kid });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      sub: 'nhs.safeguarding',
      org: 'birmingham-solihull-nhs',
      roles: ['SAFEGUARDING_LEAD'],
      name: 'Named Nurse for Safeguarding Adults',
      iss: DEV_ISSUER,
      aud: HUB_AUDIENCE,
    });
    expect(claims.exp! - claims.iat!).toBe(8 * 3600);
  });

  it('takes a shorter lifetime', async () => {
    const claims = decodeJwt(await issueDevToken('ngo.caseworker', keyPair, { ttlSeconds: 60 }));
    expect(claims.exp! - claims.iat!).toBe(60);
  });

  it('refuses an unknown user, naming the users it knows', () => {
    expect(() => issueDevToken('police.chief', keyPair)).toThrow(/unknown demo user "police.chief".*police\.analyst.*hub\.auditor/);
  });
});
