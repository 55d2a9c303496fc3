import { createHash, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

/**
 * A partner's identity provider, as small as the console's sign-in needs: OpenID Connect
 * discovery, an authorization endpoint that signs in one fixed user at once, a token endpoint
 * that checks the PKCE verifier, and the keys the gateway verifies its access tokens with.
 */
export async function startFakeOidcProvider(user: { sub: string; org: string; roles: string[] }) {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'fake-1', alg: 'ES256', use: 'sig' };
  const codes = new Map<string, { challenge: string; clientId: string; redirectUri: string; nonce?: string }>();
  const app = express();
  let url = '';
  const seen = { pkce: false, tokenRequests: 0 };

  // The console calls discovery and the token endpoint from its own origin.
  app.use((req, res, next) => {
    res.setHeader('Access-Control-Allow-Origin', String(req.headers.origin ?? '*'));
    res.setHeader('Access-Control-Allow-Headers', 'content-type, authorization');
    if (req.method === 'OPTIONS') return void res.status(204).end();
    next();
  });
  app.get('/.well-known/openid-configuration', (_req, res) =>
    res.json({
      issuer: url,
      authorization_endpoint: `${url}/authorize`,
      token_endpoint: `${url}/token`,
      jwks_uri: `${url}/jwks`,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['ES256'],
    }),
  );
  app.get('/jwks', (_req, res) => res.json({ keys: [jwk] }));
  app.get('/authorize', (req, res) => {
    const q = req.query as Record<string, string>;
    if (q.response_type !== 'code' || q.code_challenge_method !== 'S256' || !q.code_challenge) {
      return void res.status(400).send('authorization code with PKCE (S256) only');
    }
    const code = randomUUID();
    codes.set(code, { challenge: q.code_challenge, clientId: q.client_id!, redirectUri: q.redirect_uri!, nonce: q.nonce });
    res.redirect(`${q.redirect_uri}?code=${code}&state=${encodeURIComponent(q.state ?? '')}`);
  });
  app.post('/token', express.urlencoded({ extended: false }), async (req, res) => {
    seen.tokenRequests += 1;
    const body = req.body as Record<string, string>;
    const grant = codes.get(body.code ?? '');
    codes.delete(body.code ?? '');
    const verifier = createHash('sha256')
      .update(body.code_verifier ?? '')
      .digest('base64url');
    if (!grant || grant.challenge !== verifier || grant.redirectUri !== body.redirect_uri || grant.clientId !== body.client_id) {
      return void res.status(400).json({ error: 'invalid_grant' });
    }
    seen.pkce = true;
    const sign = (claims: Record<string, unknown>, audience: string) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid: 'fake-1' })
        .setIssuer(url)
        .setSubject(user.sub)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(privateKey);
    res.json({
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'openid profile',
      access_token: await sign({ org: user.org, roles: user.roles }, 'partner-hub'),
      id_token: await sign({ name: user.sub, ...(grant.nonce ? { nonce: grant.nonce } : {}) }, grant.clientId),
    });
  });

  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    seen,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
