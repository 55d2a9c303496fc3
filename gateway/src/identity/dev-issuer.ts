import { DEMO_USERS, demoUser } from '@hub/shared';
import { SignJWT } from 'jose';
import type { KeyPair } from './key-store';

/**
 * The development identity provider: it signs tokens for the demo users with a local key (docs/architecture.md#identity),
 * standing in for each partner's own identity provider.
 */
export const DEV_ISSUER = 'partner-hub-dev';
/** The `aud` every token for the hub must carry, so a token minted for another service is refused. */
export const HUB_AUDIENCE = 'partner-hub';

const EIGHT_HOURS = 8 * 3600;

/**
 * A signed token for a demo user: their id, organisation, roles and job title. Whether the user
 * is approved is not the token's business — the hub's registry decides that per request.
 */
export function issueDevToken(
  userId: string,
  keyPair: Pick<KeyPair, 'privateKey' | 'kid'>,
  { ttlSeconds = EIGHT_HOURS }: { ttlSeconds?: number } = {},
): Promise<string> {
  const user = demoUser(userId);
  if (!user) {
    throw new Error(`unknown demo user "${userId}"; demo users are: ${DEMO_USERS.map((u) => u.id).join(', ')}`);
  }
  return new SignJWT({ org: user.org, roles: user.roles, name: user.name })
    .setProtectedHeader({ alg: 'EdDSA', kid: keyPair.kid, typ: 'JWT' })
    .setSubject(user.id)
    .setIssuer(DEV_ISSUER)
    .setAudience(HUB_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(keyPair.privateKey);
}
