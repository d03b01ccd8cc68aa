/**
 * The callables the console uses. Every write goes through one; errors are HttpsErrors whose
 * message is Chinese and meant for the user as is.
 */
import type { CallableInput, CallableName, CallableResult, ExportFile } from '@domain';
import { httpsCallable } from 'firebase/functions';
import { fbCore } from '../firebase';
import type { Translate } from '../i18n';

/**
 * Calls the callable `name` with its input; both are typed by the domain's table (`CALLABLES` and
 * `CallableResults` in functions/src/domain/callables.ts), so a change there breaks its callers here.
 */
export async function call<N extends CallableName>(name: N, input: CallableInput<N>): Promise<CallableResult<N>> {
  const res = await httpsCallable<CallableInput<N>, CallableResult<N>>(fbCore().functions, name)(input);
  return res.data;
}

/** Saves a file a callable returned (base64) through a Blob and a temporary link. */
export function downloadFile(f: ExportFile) {
  const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: f.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = f.filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A Firebase error (auth, functions, firestore), by shape: `instanceof` is unreliable across the SDK's bundles. */
export function isFirebaseError(e: unknown): e is Error & { code: string; details?: unknown } {
  return e instanceof Error && typeof (e as { code?: unknown }).code === 'string';
}

/** The error's code without its SDK prefix (functions/…, firestore/…). */
export function codeOfError(e: unknown): string {
  return isFirebaseError(e) ? e.code.replace(/^(functions|firestore|auth)\//, '') : 'unknown';
}

/** Field-level issues a callable reports with `invalid-argument` (details.fields). */
export function callableFieldErrors(e: unknown): Record<string, string> {
  if (!isFirebaseError(e)) return {};
  const details = e.details as { fields?: { path?: unknown; message?: unknown }[] } | undefined;
  const out: Record<string, string> = {};
  for (const f of details?.fields ?? []) {
    if (typeof f.path === 'string' && typeof f.message === 'string' && !(f.path in out)) out[f.path] = f.message;
  }
  return out;
}

/**
 * The SDK's own "internal" when no answer came at all (fetch failed: offline, connection cut;
 * "internal" or "internal [0]", status 0), as opposed to an error the server wrote.
 */
export function isNoResponse(e: unknown): boolean {
  return isFirebaseError(e) && codeOfError(e) === 'internal' && /^internal(\s*\[0\])?$/i.test(e.message);
}

/** What to tell the user about a failed call or read. */
export function errorMessage(e: unknown, t: Translate): string {
  if (isFirebaseError(e)) {
    const code = e.code.replace(/^(functions|firestore|auth)\//, '');
    if (code === 'unavailable' || code === 'deadline-exceeded') return t('error.network');
    // The SDK's own "internal": no answer from the server at all (network cut, server down).
    if (isNoResponse(e)) return t('error.network');
    if (code === 'permission-denied' && /insufficient permissions/i.test(e.message)) return t('error.permission');
    if (code === 'unauthenticated' && /^unauthenticated$/i.test(e.message)) return t('error.unauthenticated');
    return e.message; // server-written HttpsError: Chinese, for the user
  }
  return t('error.generic');
}

/** What to tell the user about a failed Firestore read ({code, message} of a FirestoreError). */
export function loadErrorText(e: { code: string; message: string }, t: Translate): string {
  if (e.code === 'permission-denied') return t('error.permission');
  if (e.code === 'unavailable') return t('error.network');
  return e.message; // e.g. failed-precondition with the link to a missing index: useful as is
}
