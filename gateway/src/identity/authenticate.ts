import { isRole, organisation, type Role, type SubgraphName } from '@hub/shared';
import { type GraphQLError } from 'graphql';
import { decodeJwt, errors, jwtVerify, type JWTPayload } from 'jose';
import { HUB_AUDIENCE } from './dev-issuer';
import type { TrustedIssuer } from './trusted-issuers';
import type { VerifiedTokens } from './verified-tokens';
import { UnauthenticatedError } from '@hub/shared';

/**
 * Who is asking: as vouched for by a trusted issuer, then confirmed against the hub's registry
 * (identity/registry-identity.ts), which alone decides organisation and roles.
 */
export interface Principal {
  userId: string;
  org: string;
  /** The subgraph whose data the user's organisation controls; null for the audit panel. */
  partner: SubgraphName | null;
  roles: Role[];
  issuer: string;
}

/** Asymmetric only: 'none' proves nothing, and an HS* secret would have to be shared with us. */
const ALGORITHMS = ['EdDSA', 'ES256', 'RS256'];
export const CLOCK_TOLERANCE_SECONDS = 30;

/**
 * The principal of an `Authorization: Bearer <JWT>` header (docs/architecture.md#identity), or an UNAUTHENTICATED
 * error. Fails closed: anything not positively verified is refused, with a message that says
 * what to fix without revealing which keys or issuers the hub holds. With `verified`, a token
 * verified a moment ago is not verified again (verified-tokens.ts says when that holds).
 */
export async function authenticate(
  authorizationHeader: string | undefined,
  issuers: TrustedIssuer[],
  verified?: VerifiedTokens,
): Promise<Principal> {
  if (!authorizationHeader) throw unauthenticated('missing Authorization header: send "Bearer <token>"');
  const match = /^Bearer +([^\s]+) *$/i.exec(authorizationHeader);
  if (!match) throw unauthenticated('Authorization header must be "Bearer <token>"');
  const token = match[1]!;

  // Read unverified only to choose whose keys to verify with; nothing else is believed yet.
  let claimedIssuer: unknown;
  try {
    claimedIssuer = decodeJwt(token).iss;
  } catch {
    throw unauthenticated('token is not a well-formed JWT');
  }
  const trusted = issuers.find((i) => i.issuer === claimedIssuer);
  if (!trusted) throw unauthenticated('token issuer is not trusted by the hub');
  const known = verified?.principalOf(token, trusted);
  if (known) return known;

  const payload = await verify(token, trusted);
  // jose checks iat only against a maximum age: a token "issued" tomorrow would otherwise pass.
  if (typeof payload.iat === 'number' && payload.iat > Date.now() / 1000 + CLOCK_TOLERANCE_SECONDS) {
    throw unauthenticated('token claims to be issued in the future');
  }
  const principal = principalOf(payload, trusted.issuer);
  if (trusted.orgs !== '*' && !trusted.orgs.includes(principal.org)) {
    throw unauthenticated(`token issuer may not vouch for organisation "${principal.org}"`);
  }
  // jose required exp (requiredClaims) and checked it is a number.
  verified?.remember(token, trusted, principal, payload.exp!);
  return principal;
}

async function verify(token: string, trusted: TrustedIssuer): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(token, trusted.keys, {
      issuer: trusted.issuer,
      audience: HUB_AUDIENCE,
      algorithms: ALGORITHMS,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['exp'],
    });
    return payload;
  } catch (error) {
    // Not a JOSE error means a fault in the hub (not the token): let it surface as one.
    if (!(error instanceof errors.JOSEError)) throw error;
    throw unauthenticated(verificationFailure(error));
  }
}

function verificationFailure(error: errors.JOSEError): string {
  if (error instanceof errors.JWTExpired) return 'token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return 'token is not valid yet';
    if (error.claim === 'aud') return `token is not for this hub: its audience must be "${HUB_AUDIENCE}"`;
    if (error.claim === 'exp') return 'token has no valid expiry';
    return `token claim "${error.claim}" is invalid`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return `token algorithm is not allowed: use one of ${ALGORITHMS.join(', ')}`;
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) {
    return 'token signature is not valid for its issuer';
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'token is not a well-formed JWT';
  // Unreachable or broken key sets of the issuer, and the like: not the caller's doing, still a refusal.
  return "token could not be verified against its issuer's keys";
}

function principalOf(payload: JWTPayload, issuer: string): Principal {
  const { sub, org, roles } = payload;
  if (typeof sub !== 'string' || sub === '') throw unauthenticated('token has no user id ("sub")');
  const known = typeof org === 'string' ? organisation(org) : undefined;
  if (!known) throw unauthenticated('token "org" is not an organisation of the hub');
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every(isKnownRole)) {
    throw unauthenticated('token "roles" must be a non-empty list of hub roles');
  }
  return { userId: sub, org: known.id, partner: known.partner, roles, issuer };
}

function isKnownRole(value: unknown): value is Role {
  return typeof value === 'string' && isRole(value);
}

export function unauthenticated(message: string): GraphQLError {
  return new UnauthenticatedError(message);
}
