import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_ISSUER, generateEphemeralKeyPair, HUB_AUDIENCE, type KeyPair } from '@hub/gateway';
import { postGraphql } from '@hub/shared/testing';
import { SignJWT, type JWTPayload } from 'jose';
import { startTestHub, type TestHub } from '../helpers/test-hub';

/**
 * The registry, not the token, says who a user is (docs/architecture.md#identity): approvals are keyed by (issuer,
 * subject); a token whose org or roles disagree with the registry is refused naming the claim;
 * an issuer speaks only for its own organisations; a token from the future is refused.
 */
const COUNCIL_ISSUER = 'https://idp.birmingham.example';

describe('identity from the registry', () => {
  let hub: TestHub;
  let council: KeyPair;
  let dir: string;

  beforeAll(async () => {
    council = await generateEphemeralKeyPair();
    dir = mkdtempSync(join(tmpdir(), 'issuers-'));
    const file = join(dir, 'trusted-issuers.json');
    writeFileSync(
      file,
      JSON.stringify([{ issuer: COUNCIL_ISSUER, orgs: ['birmingham-city-council'], jwks: { keys: [council.publicJwk] } }]),
    );
    hub = await startTestHub({ scale: 20, trustedIssuersFile: file });
  });
  afterAll(async () => {
    await hub?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  function sign(key: KeyPair, iss: string, sub: string, claims: JWTPayload, iat?: number): Promise<string> {
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'EdDSA', kid: key.kid })
      .setSubject(sub)
      .setIssuer(iss)
      .setAudience(HUB_AUDIENCE);
    return jwt
      .setIssuedAt(iat ?? Math.floor(Date.now() / 1000))
      .setExpirationTime(Math.floor(Date.now() / 1000) + 3600)
      .sign(key.privateKey);
  }

  const ask = (token: string, query: string, purpose = 'IDENTIFY_VICTIMS') =>
    postGraphql(hub.gateway.url, query, {}, { authorization: `Bearer ${token}`, 'x-hub-purpose': purpose, 'x-hub-case-ref': 'CASE/1' });

  const NAMES = `{ person(id: "SUBJ-000001") { police { names { fullName } } } myAccess { userId org roles approved } }`;

  it("another issuer's user with the same id is another person: no borrowed approval", async () => {
    const token = await sign(council, COUNCIL_ISSUER, 'police.investigator', {
      org: 'birmingham-city-council',
      roles: ['SAFEGUARDING_LEAD'],
    });
    const { body } = await ask(token, NAMES);
    expect(body.data.myAccess).toEqual({
      userId: 'police.investigator',
      org: 'birmingham-city-council',
      roles: ['SAFEGUARDING_LEAD'],
      approved: false,
    });
    expect(body.data.person.police).toBeNull();
    expect(body.errors![0]!.extensions.rule).toBe('ISA-6.4-approval');
  });

  it('an issuer may not speak for another organisation', async () => {
    const token = await sign(council, COUNCIL_ISSUER, 'police.investigator', { org: 'west-midlands-police', roles: ['INVESTIGATOR'] });
    const { status, body } = await ask(token, NAMES);
    expect(status).toBe(401);
    expect(body.errors![0]!.message).toMatch(/may not vouch for organisation/);
  });

  it.each([
    ['la.dpo claiming to be an auditor', 'la.dpo', { org: 'birmingham-city-council', roles: ['AUDITOR'] }, 'roles'],
    ['police.analyst claiming to be an investigator', 'police.analyst', { org: 'west-midlands-police', roles: ['INVESTIGATOR'] }, 'roles'],
    [
      'police.analyst claiming an extra role',
      'police.analyst',
      { org: 'west-midlands-police', roles: ['ANALYST', 'INVESTIGATOR'] },
      'roles',
    ],
    ['la.safeguarding claiming to be NHS', 'la.safeguarding', { org: 'birmingham-solihull-nhs', roles: ['SAFEGUARDING_LEAD'] }, 'org'],
  ])('refuses %s, naming the claim', async (_name, sub, claims, claim) => {
    const { status, body } = await ask(await sign(hub.keys.devIssuer, DEV_ISSUER, sub, claims), NAMES, 'AUDIT');
    expect(status).toBe(401);
    expect(body.errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
    expect(body.errors![0]!.message).toBe(`token claim "${claim}" disagrees with the hub's registry for this user`);
    expect(body.data).toBeUndefined();
  });

  it('the registry decides what the user is: a DPO cannot read another partner’s log records by claiming more', async () => {
    const honest = await sign(hub.keys.devIssuer, DEV_ISSUER, 'la.dpo', {
      org: 'birmingham-city-council',
      roles: ['DATA_PROTECTION_OFFICER'],
    });
    const { body } = await ask(honest, `{ disclosures(filter: { owner: "nhs" }, first: 5) { edges { node { owner } } } }`, 'AUDIT');
    for (const edge of body.data?.disclosures.edges ?? []) expect(edge.node.owner).toBe('local-authority');
  });

  it('refuses a token issued in the future beyond the clock tolerance', async () => {
    const claims = { org: 'west-midlands-police', roles: ['ANALYST'] };
    const tomorrow = await sign(hub.keys.devIssuer, DEV_ISSUER, 'police.analyst', claims, Math.floor(Date.now() / 1000) + 86_400);
    const { status, body } = await ask(tomorrow, NAMES);
    expect(status).toBe(401);
    expect(body.errors![0]!.message).toBe('token claims to be issued in the future');
    const skewed = await sign(hub.keys.devIssuer, DEV_ISSUER, 'police.analyst', claims, Math.floor(Date.now() / 1000) + 10);
    expect((await ask(skewed, NAMES)).status).toBe(200);
  });
});
