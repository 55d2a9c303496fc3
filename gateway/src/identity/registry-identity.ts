import { organisation, type Role } from '@hub/shared';
import { unauthenticated, type Principal } from './authenticate';

/** What the hub's registry says a user is: fixed by their representative's approval (docs/architecture.md#identity, ADR 0006). */
export interface Registration {
  org: string;
  /** Null for an entry made before roles were recorded: it confirms nobody until re-approved. */
  roles: Role[] | null;
}

/**
 * The registry, not the token, says who the user is: an entry keyed by (issuer, subject) fixes the
 * organisation and roles, and a token that claims otherwise is refused, naming the claim. A user
 * the registry does not know keeps what the token says — and, having no approval, receives no
 * personal data.
 */
export function confirmWithRegistry(claimed: Principal, registration: Registration | null): Principal {
  if (!registration) return claimed;
  if (claimed.org !== registration.org) throw unauthenticated(`token claim "org" disagrees with the hub's registry for this user`);
  if (registration.roles === null)
    throw unauthenticated(`the hub's registry has no roles for this user: ask your representative to approve you again`);
  if (!sameSet(claimed.roles, registration.roles))
    throw unauthenticated(`token claim "roles" disagrees with the hub's registry for this user`);
  const known = organisation(registration.org);
  return { ...claimed, org: registration.org, partner: known?.partner ?? null, roles: [...registration.roles] };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((x) => right.has(x));
}
