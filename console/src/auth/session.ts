import { Store, useStore } from '../app/store';
import { setCheckpoint } from '../checkpoint/checkpoint-store';

/** Who is signed in. The token lives in this object only: in memory, gone with the tab. */
export interface Session {
  token: string;
  via: 'demo' | 'oidc';
  /** Shown until myAccess answers. */
  label: string;
  expiresAt: string | null;
}

export const sessionStore = new Store<Session | null>(null);
/** Why the user was signed out, to say so on the sign-in page. */
export const signOutReason = new Store<string | null>(null);

export function useSession(): Session | null {
  return useStore(sessionStore);
}

/** A new sign-in starts with no purpose: the checkpoint belongs to one session. */
export function signIn(session: Session): void {
  signOutReason.set(null);
  setCheckpoint(null);
  sessionStore.set(session);
}

export function signOut(reason: string | null = null): void {
  setCheckpoint(null);
  signOutReason.set(reason);
  sessionStore.set(null);
}
