/**
 * The callables the console uses. Every write goes through one; errors are HttpsErrors whose
 * message is Chinese and meant for the user as is.
 */
import type {
  CaseActionInput,
  CaseState,
  DeadlinePolicy,
  LogVisitInput,
  ReportCaseInput,
  RosterChange,
  SaveDepartmentInput,
  SaveGridInput,
  Tier,
  UpsertUserInput,
  WalkInInput,
} from '@domain';
import { httpsCallable } from 'firebase/functions';
import { fb } from '../firebase';
import type { Translate } from '../i18n';

export interface ReportCaseResult {
  caseId: string;
  created: boolean;
}

export async function reportCase(input: ReportCaseInput): Promise<ReportCaseResult> {
  const call = httpsCallable<ReportCaseInput, ReportCaseResult>(fb().functions, 'reportCase');
  const res = await call(input);
  return res.data;
}

export interface CaseActionResult {
  caseId: string;
  version: number;
  state: CaseState;
  tier: Tier;
}

/** Every transition after the report; `expectedVersion` is the version the user saw. */
export async function caseAction(input: CaseActionInput): Promise<CaseActionResult> {
  return call<CaseActionInput, CaseActionResult>('caseAction', input);
}

export async function upsertUser(input: UpsertUserInput): Promise<{ uid: string; created: boolean }> {
  return call('upsertUser', input);
}

export async function saveGrid(input: SaveGridInput): Promise<{ id: string }> {
  return call('saveGrid', input);
}

export async function saveDepartment(input: SaveDepartmentInput): Promise<{ id: string }> {
  return call('saveDepartment', input);
}

export async function savePolicy(input: DeadlinePolicy): Promise<{ countyId: string }> {
  return call('savePolicy', input);
}

// ── leader duty ──

export async function publishRoster(input: {
  unitId: string;
  from: string;
  to: string;
}): Promise<{ unitId: string; from: string; to: string; days: number }> {
  return call('publishRoster', input);
}

export async function requestRosterChange(input: {
  unitId: string;
  kind: 'leave' | 'swap';
  dates: string[];
  withUid: string | null;
  withDate: string | null;
  reason: string;
}): Promise<{ changeId: string }> {
  return call('requestRosterChange', input);
}

export async function decideRosterChange(input: {
  unitId: string;
  changeId: string;
  approve: boolean;
}): Promise<{ status: string; effect: RosterChange[] }> {
  return call('decideRosterChange', input);
}

export interface WalkInResult {
  caseId: string;
  created: boolean;
  receivedBy: { uid: string; name: string; title: string; dutyDate: string };
}

export async function recordWalkIn(input: WalkInInput): Promise<WalkInResult> {
  return call('recordWalkIn', input);
}

export async function logVisit(input: LogVisitInput): Promise<{ visitId: string; caseId: string | null }> {
  return call('logVisit', input);
}

// ── statistics and ledgers ──

export interface ExportFile {
  filename: string;
  mimeType: string;
  base64: string;
  rows?: number;
}

export async function exportLedger(input: { unitId: string; from: string; to: string; format: 'xlsx' | 'csv' }): Promise<ExportFile> {
  return call('exportLedger', input);
}

export async function exportMonthlyReport(input: { unitId: string; month: string }): Promise<ExportFile> {
  return call('exportMonthlyReport', input);
}

export async function publishTypicalCase(input: { caseId: string; title: string; lesson: string }): Promise<{ caseId: string }> {
  return call('publishTypicalCase', input);
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

async function call<I, O>(name: string, input: I): Promise<O> {
  const res = await httpsCallable<I, O>(fb().functions, name)(input);
  return res.data;
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

/** What to tell the user about a failed call or read. */
export function errorMessage(e: unknown, t: Translate): string {
  if (isFirebaseError(e)) {
    const code = e.code.replace(/^(functions|firestore|auth)\//, '');
    if (code === 'unavailable' || code === 'deadline-exceeded') return t('error.network');
    // The SDK's own "internal" (no message from the server, e.g. the emulator is down).
    if (code === 'internal' && /^internal$/i.test(e.message)) return t('error.generic');
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
