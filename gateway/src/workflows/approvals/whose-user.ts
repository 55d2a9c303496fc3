import { ForbiddenError, BadUserInputError, demoUser } from '@hub/shared';
import { DEV_ISSUER } from '../../identity/dev-issuer';
import type { TrustedIssuer } from '../../identity/trusted-issuers';

/**
 * Whether a user id at an issuer can be one of `org`'s users, before its representative approves
 * or revokes them. A user is (issuer, subject); the issuer must be one the hub trusts to vouch for
 * `org` (a council's identity provider cannot be used to approve a police officer's account into
 * the council), and the development issuer — which speaks for every organisation — has a directory
 * of its own: a demo user of another organisation is not the council's to take over.
 */
export function assertUserMayBelongTo(org: string, issuer: string, userId: string, issuers: readonly TrustedIssuer[]): void {
  const trusted = issuers.find((i) => i.issuer === issuer);
  if (!trusted) throw new BadUserInputError(`"${issuer.slice(0, 80)}" is not an identity provider the hub trusts`);
  if (trusted.orgs !== '*' && !trusted.orgs.includes(org)) {
    throw new ForbiddenError(
      `${issuer} does not vouch for ${org}'s users: a representative approves only accounts of their own organisation`,
    );
  }
  // Case-folded: `POLICE.UNAPPROVED` is nobody's account, and must not become a council one either.
  const known = issuer === DEV_ISSUER ? (demoUser(userId) ?? demoUser(userId.toLowerCase())) : undefined;
  if (known && known.org !== org) {
    throw new ForbiddenError(`${userId} is a user of ${known.org}: only its own representative approves them`);
  }
}
