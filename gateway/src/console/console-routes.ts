import { join } from 'node:path';
import { DEMO_USERS, demoUser, organisation } from '@hub/shared';
import express, { type Router } from 'express';
import { issueDevToken } from '../identity/dev-issuer';
import type { KeyPair } from '../identity/key-store';
import type { TrustedIssuer } from '../identity/trusted-issuers';
import { contentSecurityPolicy, setConsoleHeaders } from './security-headers';
import { StaticFiles } from './static-files';

/** `console/build`, where `npm run -w console build` puts the console. */
export const CONSOLE_BUILD_DIR = join(__dirname, '..', '..', '..', 'console', 'build');

const DEV_TOKEN_TTL_SECONDS = 8 * 3600;

export interface ConsoleOptions {
  issuers: readonly TrustedIssuer[];
  /** The dev issuer's key pair: with it (and outside production) demo users can sign in. */
  devIssuer?: Pick<KeyPair, 'privateKey' | 'kid'>;
  production: boolean;
  buildDir?: string;
}

/**
 * The partner console on the gateway's origin: its static files at `/` (every page under a strict
 * Content-Security-Policy) and sign-in. Sign-in is not the data API: the console gets its data
 * from `/graphql` like any other client.
 *
 * - `GET /auth/config`: how users sign in here: each trusted issuer's OpenID Connect client, and
 *   the demo users when dev sign-in is on.
 * - `POST /auth/dev-token` `{ "userId": "la.safeguarding" }`: a dev token for a demo user, only
 *   when the dev issuer is on and never with NODE_ENV=production.
 */
export function consoleRoutes(options: ConsoleOptions): Router {
  const files = new StaticFiles(options.buildDir ?? CONSOLE_BUILD_DIR);
  const oidc = options.issuers.flatMap((i) => (i.oidc ? [{ issuer: i.issuer, orgs: i.orgs, ...i.oidc }] : []));
  const csp = contentSecurityPolicy([...new Set(oidc.map((o) => new URL(o.authority).origin))]);
  const devSignIn = !options.production && options.devIssuer !== undefined;
  const router = express.Router();

  router.get('/auth/config', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({
      oidc,
      devSignIn: devSignIn
        ? {
            users: DEMO_USERS.map((u) => ({
              id: u.id,
              name: u.name,
              org: u.org,
              orgName: organisation(u.org)?.name ?? u.org,
              roles: u.roles,
            })),
          }
        : null,
    });
  });

  router.post('/auth/dev-token', express.json({ limit: '1kb' }), async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    if (!devSignIn || !options.devIssuer) {
      res.status(403).json({ error: 'Demo sign-in is off here: sign in with your organisation.' });
      return;
    }
    const userId = (req.body as { userId?: unknown } | undefined)?.userId;
    if (typeof userId !== 'string' || !demoUser(userId)) {
      res.status(400).json({ error: 'Choose one of the demo users.' });
      return;
    }
    const token = await issueDevToken(userId, options.devIssuer, { ttlSeconds: DEV_TOKEN_TTL_SECONDS });
    res.json({ token, expiresAt: new Date(Date.now() + DEV_TOKEN_TTL_SECONDS * 1000).toISOString() });
  });

  router.use((req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    setConsoleHeaders(res, csp);
    if (files.send(req.path, req, res)) return;
    // The console's own pages (/subject/…, /audit, …) are the one page; anything else is not found.
    if (req.path.startsWith('/assets/') || !wantsHtml(req.headers.accept)) return next();
    if (files.built) {
      files.send('/index.html', req, res);
      return;
    }
    res
      .status(503)
      .type('html')
      .send('<!doctype html><title>Partner Hub</title><p>The console is not built: run <code>npm run -w console build</code>.</p>');
  });
  return router;
}

function wantsHtml(accept: string | undefined): boolean {
  return accept === undefined || accept.includes('text/html') || accept.includes('*/*');
}
