import type { OidcIssuerInfo } from './auth-config';
import { signIn } from './session';

/**
 * OpenID Connect sign-in at a partner's identity provider: authorization code with PKCE
 * (oidc-client-ts, loaded only when used). The tokens stay in memory (InMemoryWebStorage); only
 * the short-lived PKCE state of the redirect sits in sessionStorage, removed at the callback.
 * No silent renewal (it needs a frame, which the CSP forbids): when the token ends, sign in again.
 */
const ISSUER_KEY = 'hub.oidc.issuer';

async function userManager(issuer: OidcIssuerInfo) {
  const { UserManager, WebStorageStateStore, InMemoryWebStorage } = await import('oidc-client-ts');
  return new UserManager({
    authority: issuer.authority,
    client_id: issuer.clientId,
    redirect_uri: `${window.location.origin}/auth/callback`,
    post_logout_redirect_uri: `${window.location.origin}/`,
    response_type: 'code',
    scope: 'openid profile',
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    automaticSilentRenew: false,
    monitorSession: false,
    loadUserInfo: false,
  });
}

export async function startOidcSignIn(issuer: OidcIssuerInfo): Promise<void> {
  window.sessionStorage.setItem(ISSUER_KEY, issuer.issuer);
  await (await userManager(issuer)).signinRedirect();
}

/** At /auth/callback: exchange the code (with the PKCE verifier) for tokens, keep them in memory. */
export async function completeOidcSignIn(issuers: readonly OidcIssuerInfo[]): Promise<void> {
  const issuer = issuers.find((i) => i.issuer === window.sessionStorage.getItem(ISSUER_KEY));
  window.sessionStorage.removeItem(ISSUER_KEY);
  if (!issuer) throw new Error('This sign-in was not started here, or it has expired. Start again.');
  const user = await (await userManager(issuer)).signinRedirectCallback();
  signIn({
    // The hub verifies the access token: its audience is the hub (partner-hub).
    token: user.access_token,
    via: 'oidc',
    label: String(user.profile.name ?? user.profile.sub),
    expiresAt: user.expires_at ? new Date(user.expires_at * 1000).toISOString() : null,
  });
}
