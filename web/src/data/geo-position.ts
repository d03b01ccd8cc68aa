/**
 * The phone's position (navigator.geolocation), shared by the report forms (the grid worker's
 * phone form, the console's LocationPicker) and the photos of 排查 items. Asked only when the user
 * taps, never required: it never throws, and says why there is no position (the forms tell the
 * user in plain words and send without one). Tiny and dependency-free on purpose: the phone
 * form's first download carries it, so it works offline (GPS needs no signal).
 */

/** WGS-84 degrees (6 decimals, ≈0.1 m) and the accuracy in metres, as reportCase's `location` takes it. */
export type GeoPoint = { lat: number; lng: number; accuracy: number };

/** Why there is no position: refused, no fix, too slow, no geolocation, or a plain-http page. */
export type NoPositionReason = 'denied' | 'unavailable' | 'timeout' | 'unsupported' | 'insecure';

export type PositionResult = { ok: true; point: GeoPoint } | { ok: false; reason: NoPositionReason };

/** The position error codes of the Geolocation API (GeolocationPositionError). */
const REASON: Record<number, NoPositionReason> = { 1: 'denied', 2: 'unavailable', 3: 'timeout' };

/**
 * The phone's position within `timeoutMs` (10 s by default). The API's own timeout starts only
 * once the user has answered the permission prompt; a prompt left unanswered ends here too, after
 * `timeoutMs` + 20 s, as a timeout (a later answer is ignored).
 */
export function getPosition(timeoutMs = 10_000): Promise<PositionResult> {
  // A plain-http address (a LAN IP): browsers refuse it whatever the user allows.
  if (typeof window !== 'undefined' && window.isSecureContext === false) return Promise.resolve({ ok: false, reason: 'insecure' });
  if (typeof navigator === 'undefined' || !navigator.geolocation) return Promise.resolve({ ok: false, reason: 'unsupported' });
  return new Promise((resolve) => {
    const guard = window.setTimeout(() => resolve({ ok: false, reason: 'timeout' }), timeoutMs + 20_000);
    const done = (r: PositionResult) => {
      window.clearTimeout(guard);
      resolve(r);
    };
    navigator.geolocation.getCurrentPosition(
      (p) =>
        done({
          ok: true,
          point: {
            lat: Math.round(p.coords.latitude * 1e6) / 1e6,
            lng: Math.round(p.coords.longitude * 1e6) / 1e6,
            accuracy: Math.min(100_000, Math.max(0, Math.round(p.coords.accuracy))),
          },
        }),
      (e) => done({ ok: false, reason: REASON[e.code] ?? 'unavailable' }),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
    );
  });
}

/** The position, or null when there is none (callers that need no reason). */
export const currentPoint = (): Promise<GeoPoint | null> => getPosition().then((r) => (r.ok ? r.point : null));
