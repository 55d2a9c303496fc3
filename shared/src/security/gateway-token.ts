import { KeyObject, sign as signBytes } from 'node:crypto';
import { errors, jwtVerify, type CryptoKey, type JWTPayload } from 'jose';

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
 * Signs a token for one subgraph (`audience`). Runs once per subgraph per request, so it signs
 * with Node's synchronous Ed25519 (`crypto.sign`) rather than jose's WebCrypto path, which queued
 * a job and two promises per signature (about 5% of the gateway's time under the dashboard load).
 * The token is byte for byte what `new SignJWT(rest).setProtectedHeader({ alg, kid }).setSubject(sub)
 * .setIssuer(…).setAudience(audience).setIssuedAt().setExpirationTime(`${ttl}s`).sign(key)` gives
 * (Ed25519 is deterministic; gateway-token.test.ts compares them).
 */
export function signGatewayToken(
  privateKey: CryptoKey,
  kid: string,
  claims: GatewayClaims,
  audience: string,
  ttlSeconds = 60,
): Promise<string> {
  try {
    return Promise.resolve(signGatewayTokenSync(privateKey, kid, claims, audience, ttlSeconds));
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/** The same, synchronously: for callers that sign several audiences at once. */
export function signGatewayTokenSync(privateKey: CryptoKey, kid: string, claims: GatewayClaims, audience: string, ttlSeconds = 60): string {
  const { sub, ...rest } = claims;
  const iat = Math.floor(Date.now() / 1000);
  // jose's claim order: the given claims, then sub, iss, aud, iat, exp as the builder set them.
  const payload = { ...rest, sub, iss: GATEWAY_ISSUER, aud: audience, iat, exp: iat + ttlSeconds };
  const signingInput = `${protectedHeader(kid)}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  const signature = signBytes(null, Buffer.from(signingInput), keyObject(privateKey));
  return `${signingInput}.${signature.toString('base64url')}`;
}

/** The base64url protected header per key id: the same for every token that key signs. */
const headers = new Map<string, string>();
function protectedHeader(kid: string): string {
  let header = headers.get(kid);
  if (header === undefined) {
    header = Buffer.from(JSON.stringify({ alg: ALGORITHM, kid })).toString('base64url');
    headers.set(kid, header);
  }
  return header;
}

/** The imported key as Node's KeyObject, converted once per key. Refuses anything but an Ed25519 private key. */
const keyObjects = new WeakMap<CryptoKey, KeyObject>();
function keyObject(privateKey: CryptoKey): KeyObject {
  let key = keyObjects.get(privateKey);
  if (key === undefined) {
    key = KeyObject.from(privateKey);
    if (key.type !== 'private' || key.asymmetricKeyType !== 'ed25519')
      throw new TypeError('gateway tokens are signed with an Ed25519 private key');
    keyObjects.set(privateKey, key);
  }
  return key;
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
