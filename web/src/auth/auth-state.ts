/**
 * Who is signed in and their role, from the ID token alone (no Firestore): what the boot switch
 * (main.tsx) needs to choose between sign-in, the phone report form and the full console. The
 * full console's session (auth/session.tsx) adds claims in full, the profile and claim refreshes.
 */
import type { Claims } from '@domain';
import type { User } from 'firebase/auth';
import { onIdTokenChanged } from 'firebase/auth';
import { useEffect, useState } from 'react';
import { fbCore } from '../firebase';

/** undefined: not known yet; null: signed out. `claims` as the token has them (the server validated them when it set them). */
export type AuthState = { user: User; role: string | null; claims: Claims | null } | null | undefined;

function claimsOf(raw: Record<string, unknown>): Claims | null {
  if (typeof raw.r !== 'string' || typeof raw.u !== 'string' || typeof raw.c !== 'string') return null;
  const claims = { r: raw.r, u: raw.u, c: raw.c } as Claims;
  for (const k of ['t', 'v', 'g', 'd'] as const) {
    const v = raw[k];
    if (typeof v === 'string' && v) claims[k] = v;
  }
  return claims;
}

export function useAuthState(): AuthState {
  const [state, setState] = useState<AuthState>(undefined);
  useEffect(() => {
    let generation = 0;
    return onIdTokenChanged(fbCore().auth, async (user) => {
      const mine = ++generation;
      if (!user) return setState(null);
      try {
        const res = await user.getIdTokenResult();
        const claims = claimsOf(res.claims);
        if (mine === generation) setState({ user, role: claims?.r ?? null, claims });
      } catch {
        if (mine === generation) setState({ user, role: null, claims: null });
      }
    });
  }, []);
  return state;
}
