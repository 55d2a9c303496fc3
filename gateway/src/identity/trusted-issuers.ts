import { readFileSync } from 'node:fs';
import { environment, organisation } from '@hub/shared';
import { createLocalJWKSet, createRemoteJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { DEV_ISSUER } from './dev-issuer';
import type { KeyPair } from './key-store';

/**
 * An identity provider the hub accepts tokens from. Each partner runs its own, and a partner's
 * provider may vouch only for that partner's organisations: a council provider cannot mint a
 * police officer.
 */
export interface TrustedIssuer {
  /** The `iss` its tokens carry. */
  issuer: string;
  /** Organisation ids it may put in the `org` claim; '*' for any. */
  orgs: string[] | '*';
  keys: JWTVerifyGetKey;
  /** Where the console signs users in (OpenID Connect, authorization code with PKCE), if it may. */
  oidc?: OidcClient;
}

/** The console's client at an issuer: its OpenID Connect authority and the console's client id there. */
export interface OidcClient {
  authority: string;
  clientId: string;
}

/** One entry of the `HUB_TRUSTED_ISSUERS_FILE` JSON array: keys given inline or fetched. */
interface IssuerEntry {
  issuer: string;
  orgs: string[] | '*';
  jwks?: JSONWebKeySet;
  jwksUri?: string;
  oidc?: OidcClient;
}

/**
 * The issuers in the trusted-issuers file (`HUB_TRUSTED_ISSUERS_FILE` unless given), plus the dev
 * issuer for every organisation when its key pair is given. No file and no dev key means no
 * issuer: every request is refused.
 */
export function loadTrustedIssuers({
  file = environment().trustedIssuersFile,
  devKeyPair,
}: {
  file?: string;
  devKeyPair?: Pick<KeyPair, 'publicJwk'>;
}): TrustedIssuer[] {
  const issuers = file ? readIssuersFile(file) : [];
  if (devKeyPair) issuers.push({ issuer: DEV_ISSUER, orgs: '*', keys: createLocalJWKSet({ keys: [devKeyPair.publicJwk] }) });

  const seen = new Set<string>();
  for (const { issuer } of issuers) {
    if (seen.has(issuer)) throw new Error(`issuer "${issuer}" is trusted twice; each issuer must appear once`);
    seen.add(issuer);
  }
  return issuers;
}

function readIssuersFile(file: string): TrustedIssuer[] {
  let entries: unknown;
  try {
    entries = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`HUB_TRUSTED_ISSUERS_FILE ${file} is not readable JSON: ${(error as Error).message}`, { cause: error });
  }
  if (!Array.isArray(entries)) throw new Error(`HUB_TRUSTED_ISSUERS_FILE ${file} must hold a JSON array of issuers`);
  return entries.map((entry, i) => {
    try {
      return trustedIssuer(validEntry(entry));
    } catch (error) {
      throw new Error(`HUB_TRUSTED_ISSUERS_FILE ${file}, entry ${i}: ${(error as Error).message}`, { cause: error });
    }
  });
}

function validEntry(entry: unknown): IssuerEntry {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new Error('must be an object');
  const { issuer, orgs, jwks, jwksUri, oidc } = entry as Record<string, unknown>;
  if (typeof issuer !== 'string' || issuer === '') throw new Error('"issuer" must be a non-empty string');
  if (orgs !== '*') {
    if (!Array.isArray(orgs) || orgs.length === 0 || !orgs.every((o) => typeof o === 'string')) {
      throw new Error('"orgs" must be "*" or a non-empty array of organisation ids');
    }
    const unknown = orgs.filter((o) => !organisation(o));
    if (unknown.length > 0) throw new Error(`"orgs" names unknown organisations: ${unknown.join(', ')}`);
  }
  if ((jwks === undefined) === (jwksUri === undefined)) throw new Error('give exactly one of "jwks" and "jwksUri"');
  if (jwks !== undefined) {
    if (!isJwks(jwks)) throw new Error('"jwks" must be {"keys": [JWK, ...]} with at least one key');
    // A private key in a trust file is a leak waiting to happen, and cannot verify anyway.
    if (jwks.keys.some((k) => 'd' in k)) throw new Error('"jwks" must hold public keys only: remove "d"');
  }
  if (jwksUri !== undefined && !isJwksUri(jwksUri)) {
    throw new Error('"jwksUri" must be an https URL (http only for localhost)');
  }
  if (oidc !== undefined) {
    const { authority, clientId } = (oidc ?? {}) as Record<string, unknown>;
    if (typeof oidc !== 'object' || oidc === null || !isHttpsUrl(authority) || typeof clientId !== 'string' || clientId === '') {
      throw new Error('"oidc" must be {"authority": https URL (http only for localhost), "clientId": non-empty string}');
    }
  }
  return { issuer, orgs, jwks, jwksUri, oidc } as IssuerEntry;
}

function trustedIssuer({ issuer, orgs, jwks, jwksUri, oidc }: IssuerEntry): TrustedIssuer {
  const keys = jwks ? createLocalJWKSet(jwks) : createRemoteJWKSet(new URL(jwksUri!));
  return { issuer, orgs, keys, ...(oidc ? { oidc: { authority: oidc.authority, clientId: oidc.clientId } } : {}) };
}

function isJwks(value: unknown): value is JSONWebKeySet {
  const keys = (value as { keys?: unknown } | null)?.keys;
  return Array.isArray(keys) && keys.length > 0 && keys.every((k) => typeof k === 'object' && k !== null && 'kty' in k);
}

/** Keys fetched over plain http could be swapped in transit; only a local test provider may use it. */
function isJwksUri(value: unknown): boolean {
  return isHttpsUrl(value);
}

function isHttpsUrl(value: unknown): boolean {
  if (typeof value !== 'string' || !URL.canParse(value)) return false;
  const url = new URL(value);
  return url.protocol === 'https:' || (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname));
}
