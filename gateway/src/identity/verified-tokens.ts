import { LRUCache } from 'lru-cache';
import type { Principal } from './authenticate';
import type { TrustedIssuer } from './trusted-issuers';

/** How long a verification is reused at most: no longer than jose keeps an issuer's fetched keys. */
const REUSE_FOR_MS = 60_000;
/** Distinct tokens remembered: a few hundred users each sending one token at a time, with room. */
const MAX_TOKENS = 5_000;

interface Verified {
  principal: Principal;
  /** The issuer object that verified it: reloaded issuers are other objects, so nothing verified before carries over. */
  trusted: TrustedIssuer;
}

/**
 * Tokens already verified, so that a client sending the same token on every request has its
 * signature checked once a minute instead of on every request (an Ed25519 verification through
 * WebCrypto was about 4 % of the gateway's CPU on a dashboard request, and more on a small one).
 *
 * Only what passed is remembered, and never past the moment jose would refuse it: an entry lives
 * until the token's `exp` (with the same clock tolerance) or a minute, whichever is sooner. The
 * other time claims need no second look: a token that was not yet valid (`nbf`, `iat`) was
 * refused and not remembered, and one valid now stays valid until it expires. The key is the
 * whole token, so a remembered verification holds for exactly the bytes that were verified.
 * A minute bounds how long a key an issuer withdrew keeps working, as jose's key set cache does
 * for keys fetched from an issuer's JWKS URL (ten minutes by default).
 *
 * lru-cache bounds memory (least recently used out) and handles expiry; it is well kept and
 * already in the tree under Apollo Server.
 */
export class VerifiedTokens {
  private readonly cache = new LRUCache<string, Verified>({ max: MAX_TOKENS });

  constructor(private readonly clockToleranceSeconds: number) {}

  /** The principal a token was verified as, by this issuer, if still within its time; a copy each time. */
  principalOf(token: string, trusted: TrustedIssuer): Principal | undefined {
    const verified = this.cache.get(token);
    if (!verified || verified.trusted !== trusted) return undefined;
    return { ...verified.principal, roles: [...verified.principal.roles] };
  }

  /** Remembers a verified token until it expires (or for a minute). */
  remember(token: string, trusted: TrustedIssuer, principal: Principal, expiresAtSeconds: number): void {
    const ttl = Math.min(REUSE_FOR_MS, (expiresAtSeconds + this.clockToleranceSeconds) * 1000 - Date.now());
    if (ttl <= 0) return;
    this.cache.set(token, { principal: { ...principal, roles: [...principal.roles] }, trusted }, { ttl });
  }
}
