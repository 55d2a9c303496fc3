import { errors, jwtVerify, SignJWT, type CryptoKey, type JWTPayload } from 'jose';

/**
 * The gateway → subgraph token (docs/architecture.md#how-subgraphs-trust-the-gateway). Subgraphs
 * serve only requests the gateway signed, so a caller who reaches a subgraph directly gets
 * nothing, and the subgraph knows who is asking,
 * why, under which basis and for which case: the gateway has already authenticated the user
 * and decided the policy.
 */
export const GATEWAY_ISSUER = 'partner-hub-gateway';

const ALGORITHM = 'EdDSA';
/** Gateway and subgraphs may run on different hosts whose clocks drift a little. */
const CLOCK_TOLERANCE_SECONDS = 5;

export interface GatewayClaims {
  /** The requesting user's id. */
  sub: string;
  org: string;
  roles: string[];
  purpose: string | null;
  lawfulBasis: string | null;
  caseRef: string | null;
  /** The gateway request this subgraph call belongs to, so both sides' logs can be joined. */
  requestId: string;
}

export type GatewayTokenFailure = 'MISSING' | 'MALFORMED' | 'FORGED' | 'EXPIRED' | 'WRONG_AUDIENCE' | 'WRONG_ISSUER' | 'BAD_CLAIMS';

export class GatewayTokenError extends Error {
  constructor(
    readonly reason: GatewayTokenFailure,
    message: string,
  ) {
    super(message);
    this.name = 'GatewayTokenError';
  }
}

/**
 * Signs a token for one subgraph (`audience`). Runs once per subgraph call, so it takes an
 * already-imported key: signing is then an Ed25519 signature, about 0.15 ms.
 */
export function signGatewayToken(
  privateKey: CryptoKey,
  kid: string,
  claims: GatewayClaims,
  audience: string,
  ttlSeconds = 60,
): Promise<string> {
  const { sub, ...rest } = claims;
  return new SignJWT(rest)
    .setProtectedHeader({ alg: ALGORITHM, kid })
    .setSubject(sub)
    .setIssuer(GATEWAY_ISSUER)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(privateKey);
}

/** Verifies a token addressed to this subgraph (`audience`); throws GatewayTokenError otherwise. */
export async function verifyGatewayToken(publicKey: CryptoKey, token: string | undefined, audience: string): Promise<GatewayClaims> {
  if (!token) throw new GatewayTokenError('MISSING', 'no gateway token: subgraphs serve only requests signed by the gateway');
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, publicKey, {
      algorithms: [ALGORITHM],
      issuer: GATEWAY_ISSUER,
      audience,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['exp', 'iat'],
    }));
  } catch (error) {
    // Anything but a JOSE error is a fault here (a wrong key object), not a bad token.
    if (!(error instanceof errors.JOSEError)) throw error;
    throw failure(error, audience);
  }
  return gatewayClaims(payload);
}

function failure(error: errors.JOSEError, audience: string): GatewayTokenError {
  if (error instanceof errors.JWTExpired) return new GatewayTokenError('EXPIRED', 'gateway token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return new GatewayTokenError('WRONG_AUDIENCE', `gateway token is not addressed to ${audience}`);
    if (error.claim === 'iss') return new GatewayTokenError('WRONG_ISSUER', 'token was not issued by the gateway');
    return new GatewayTokenError('BAD_CLAIMS', `gateway token claim "${error.claim}" is invalid: ${error.message}`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JOSEAlgNotAllowed) {
    return new GatewayTokenError('FORGED', 'gateway token was not signed by the gateway');
  }
  return new GatewayTokenError('MALFORMED', `gateway token is malformed: ${error.message}`);
}

function gatewayClaims(payload: JWTPayload): GatewayClaims {
  const { sub, org, roles, purpose, lawfulBasis, caseRef, requestId } = payload;
  const valid =
    typeof sub === 'string' &&
    typeof org === 'string' &&
    Array.isArray(roles) &&
    roles.every((r) => typeof r === 'string') &&
    isStringOrNull(purpose) &&
    isStringOrNull(lawfulBasis) &&
    isStringOrNull(caseRef) &&
    typeof requestId === 'string';
  if (!valid) throw new GatewayTokenError('BAD_CLAIMS', 'gateway token lacks the requester, purpose, basis, case or request claims');
  return { sub, org, roles, purpose, lawfulBasis, caseRef, requestId };
}

function isStringOrNull(value: unknown): value is string | null {
  return value === null || typeof value === 'string';
}
