export interface DemoUserInfo {
  id: string;
  name: string;
  org: string;
  orgName: string;
  roles: string[];
}

export interface OidcIssuerInfo {
  issuer: string;
  orgs: string[] | '*';
  authority: string;
  clientId: string;
}

export interface AuthConfig {
  oidc: OidcIssuerInfo[];
  devSignIn: { users: DemoUserInfo[] } | null;
}

/** How users sign in here (`GET /auth/config`, gateway/src/console/console-routes.ts). */
export async function fetchAuthConfig(): Promise<AuthConfig> {
  const response = await fetch('/auth/config', { credentials: 'omit' });
  if (!response.ok) throw new Error(`the hub answered ${response.status}`);
  return (await response.json()) as AuthConfig;
}

/** A demo user's token from the gateway's dev issuer: refused in production. */
export async function fetchDevToken(userId: string): Promise<{ token: string; expiresAt: string }> {
  const response = await fetch('/auth/dev-token', {
    method: 'POST',
    credentials: 'omit',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  const body = (await response.json().catch(() => ({}))) as { token?: string; expiresAt?: string; error?: string };
  if (!response.ok || !body.token) throw new Error(body.error ?? `the hub answered ${response.status}`);
  return { token: body.token, expiresAt: body.expiresAt ?? '' };
}
