/**
 * The signed-in user, their custom claims and profile. Claims are re-read whenever the ID token
 * changes; the server writes userMeta/{uid}.refreshAt when it changes someone's claims, and we
 * then force a token refresh so the new role/scope applies without signing out.
 */
import { type Claims, RoleSchema, mayReportForUnit, sameClaims } from '@domain';
import { type User, onIdTokenChanged, signOut as fbSignOut } from 'firebase/auth';
import { onSnapshot } from 'firebase/firestore';
import { type ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { toMillis } from '../data/convert';
import { clearNameCache } from '../data/hooks';
import { countReads, countUpdates } from '../data/meter';
import { docs } from '../data/queries';
import { fb } from '../firebase';

export interface Profile {
  displayName: string | null;
  title: string | null;
}

export type Session =
  | { status: 'loading' }
  | { status: 'signedOut' }
  | {
      status: 'signedIn';
      user: User;
      /** null: signed in but without a (valid) role — the server has not assigned one yet. */
      claims: Claims | null;
      profile: Profile | null;
      /** The error the server recorded when it last tried to set this user's claims. */
      claimsError: string | null;
      /** Increments each time claims change after sign-in (the shell says "permissions updated"). */
      claimsRevision: number;
    };

interface SessionApi {
  session: Session;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

/** Picks our claims out of an ID token's claims; null if the role is missing or unknown. */
export function parseClaims(raw: Record<string, unknown>): Claims | null {
  const r = RoleSchema.safeParse(raw.r);
  // A city's or province's user (u of 4 or 2 digits) has no county (issue 16): c is ''.
  const c = typeof raw.c === 'string' ? raw.c : typeof raw.u === 'string' && /^\d{2}(\d{2})?$/.test(raw.u) ? '' : null;
  if (!r.success || typeof raw.u !== 'string' || c === null) return null;
  const claims: Claims = { r: r.data, u: raw.u, c };
  for (const k of ['t', 'v', 'g', 'd'] as const) {
    const v = raw[k];
    if (typeof v === 'string' && v) claims[k] = v;
  }
  return claims;
}

interface TokenState {
  user: User;
  claims: Claims | null;
  issuedAt: number;
  revision: number;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<TokenState | null | undefined>(undefined); // undefined: not known yet
  const [profile, setProfile] = useState<{ uid: string; value: Profile | null } | null>(null);
  const [claimsError, setClaimsError] = useState<{ uid: string; value: string | null } | null>(null);
  const tokenRef = useRef<TokenState | null | undefined>(undefined);
  useEffect(() => {
    tokenRef.current = token;
  }, [token]);

  // Claims from the ID token, every time the token changes (sign-in, refresh, sign-out).
  useEffect(() => {
    let generation = 0;
    return onIdTokenChanged(fb().auth, async (user) => {
      const mine = ++generation;
      if (!user) {
        clearNameCache();
        setToken(null);
        return;
      }
      try {
        const res = await user.getIdTokenResult();
        if (mine !== generation) return;
        const claims = parseClaims(res.claims);
        setToken((prev) => {
          const changed = prev && prev.user.uid === user.uid && !sameClaims(prev.claims, claims);
          const revision = prev && prev.user.uid === user.uid ? prev.revision + (changed ? 1 : 0) : 0;
          return { user, claims, issuedAt: Date.parse(res.issuedAtTime) || 0, revision };
        });
      } catch (e) {
        console.warn('[fengqiao] could not read the ID token', e);
        if (mine === generation) setToken({ user, claims: null, issuedAt: 0, revision: 0 });
      }
    });
  }, []);

  const uid = token?.user.uid ?? null;

  // userMeta/{uid}: refresh the token when the server says claims changed.
  useEffect(() => {
    if (!uid) return undefined;
    let first = true;
    let handled = 0;
    return onSnapshot(
      docs.userMeta(fb().db, uid),
      (snap) => {
        if (first) countReads('session.userMeta', 1);
        else countUpdates(1);
        const err = snap.get('error');
        setClaimsError({ uid, value: typeof err === 'string' && err ? err : null });
        const refreshAt = toMillis(snap.get('refreshAt'));
        const wasFirst = first;
        first = false;
        if (!refreshAt || refreshAt <= handled) return;
        handled = refreshAt;
        const current = tokenRef.current;
        // On the first read, only a change newer than our token matters.
        if (wasFirst && current && current.user.uid === uid && refreshAt <= current.issuedAt) return;
        const user = fb().auth.currentUser;
        if (!user || user.uid !== uid) return;
        // Forcing a refresh fires onIdTokenChanged, which re-reads the claims above.
        user.getIdToken(true).catch((e: unknown) => console.warn('[fengqiao] token refresh failed', e));
      },
      (e) => console.warn('[fengqiao] userMeta listener', e.code),
    );
  }, [uid]);

  // users/{uid}: name and title for the header.
  useEffect(() => {
    if (!uid) return undefined;
    let first = true;
    return onSnapshot(
      docs.user(fb().db, uid),
      (snap) => {
        if (first) countReads('session.user', 1);
        else countUpdates(1);
        first = false;
        const name = snap.get('displayName');
        const title = snap.get('title');
        setProfile({
          uid,
          value: snap.exists()
            ? { displayName: typeof name === 'string' ? name : null, title: typeof title === 'string' ? title : null }
            : null,
        });
      },
      () => setProfile({ uid, value: null }),
    );
  }, [uid]);

  const signOut = useCallback(async () => {
    await fbSignOut(fb().auth);
  }, []);

  const session = useMemo<Session>(() => {
    if (token === undefined) return { status: 'loading' };
    if (token === null) return { status: 'signedOut' };
    return {
      status: 'signedIn',
      user: token.user,
      claims: token.claims,
      profile: profile?.uid === token.user.uid ? profile.value : null,
      claimsError: claimsError?.uid === token.user.uid ? claimsError.value : null,
      claimsRevision: token.revision,
    };
  }, [token, profile, claimsError]);

  const api = useMemo(() => ({ session, signOut }), [session, signOut]);
  return <SessionContext.Provider value={api}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** For pages inside the shell: the signed-in user with a role. */
export function useSignedIn(): { user: User; claims: Claims; profile: Profile | null } {
  const { session } = useSession();
  if (session.status !== 'signedIn' || !session.claims) throw new Error('useSignedIn outside a signed-in shell');
  return { user: session.user, claims: session.claims, profile: session.profile };
}

/** May report a case from the console's report form (domain/access.ts). */
export const canReport = (claims: Claims | null) => !!claims && mayReportForUnit(claims);
