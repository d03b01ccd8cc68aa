/**
 * Who is signed in and their role, from the ID token alone (no Firestore): what the boot switch
 * (main.tsx) needs to choose between sign-in, the phone report form and the full console. The
 * full console's session (auth/session.tsx) adds claims in full, the profile and claim refreshes.
 */
import type { Claims } from '@domain';
import type { User } from 'firebase/auth';
import { useEffect, useState } from 'react';
import { initCore } from '../firebase';

/** undefined: not known yet; null: signed out. `claims` as the token has them (the server validated them when it set them). */
export type AuthState = { user: User; role: string | null; claims: Claims | null } | null | undefined;

function claimsOf(raw: Record<string, unknown>): Claims | null {
  // A city's or province's user (u of 4 or 2 digits) has no county (issue 16): c is ''.
  const c = typeof raw.c === 'string' ? raw.c : typeof raw.u === 'string' && /^\d{2}(\d{2})?$/.test(raw.u) ? '' : null;
  if (typeof raw.r !== 'string' || typeof raw.u !== 'string' || c === null) return null;
  const claims = { r: raw.r, u: raw.u, c } as Claims;
  for (const k of ['t', 'v', 'g', 'd'] as const) {
    const v = raw[k];
    if (typeof v === 'string' && v) claims[k] = v;
  }
  return claims;
}

/**
 * A hint, kept in localStorage, that this browser had a signed-in user when it was last open
 * (just "1": no identity). Without it the boot shows the sign-in page at once, while Firebase
 * starts and Auth reads its persisted session; with it, a loading screen until Auth answers.
 */
const SESSION_HINT = 'fengqiao.session';

function readHint(): boolean {
  try {
    return localStorage.getItem(SESSION_HINT) === '1';
  } catch {
    return true; // storage blocked: wait for Auth rather than flash the sign-in page
  }
}

function writeHint(signedIn: boolean) {
  try {
    if (signedIn) localStorage.setItem(SESSION_HINT, '1');
    else localStorage.removeItem(SESSION_HINT);
  } catch {
    // storage blocked: the hint only saves time
  }
}

/** The auth state before Auth has answered: signed out if this browser had no session. */
export const initialAuthState = (): AuthState => (readHint() ? undefined : null);

export function useAuthState(): AuthState {
  const [state, setState] = useState<AuthState>(initialAuthState);
  useEffect(() => {
    let generation = 0;
    let unsubscribe: (() => void) | null = null;
    let cancelled = false;
    void initCore().then(({ auth, sdk }) => {
      if (cancelled) return;
      unsubscribe = sdk.onIdTokenChanged(auth, async (user) => {
        const mine = ++generation;
        writeHint(!!user);
        if (!user) return setState(null);
        try {
          const res = await user.getIdTokenResult();
          const claims = claimsOf(res.claims);
          if (mine === generation) setState({ user, role: claims?.r ?? null, claims });
        } catch {
          if (mine === generation) setState({ user, role: null, claims: null });
        }
      });
    });
    return () => {
      cancelled = true;
      unsubscribe?.();
    };
  }, []);
  return state;
}
