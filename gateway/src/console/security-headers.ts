import type { Response } from 'express';

/**
 * The console's Content-Security-Policy: scripts, styles, images and fonts from this origin
 * only, no inline script or style element, no eval, no frames, no plugins. The API is on the same
 * origin. The only other origins are the configured OpenID Connect authorities, which the
 * console must call for the token exchange of the authorization-code flow (PKCE).
 */
export function contentSecurityPolicy(oidcOrigins: readonly string[]): string {
  const connect = ["'self'", ...oidcOrigins].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

export function setConsoleHeaders(res: Response, csp: string): void {
  res.setHeader('Content-Security-Policy', csp);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
}
