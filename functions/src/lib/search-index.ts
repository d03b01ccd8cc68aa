/**
 * Keyed hashes of the parties' personal data for search (domain/search.ts). The key is the
 * secret `SEARCH_HMAC_KEY` (Secret Manager; the functions that write or search cases declare
 * it, lib/options.ts). The emulators and the CLI against them use a documented development key
 * (docs/operations.md) — never on a real project, where a missing key stops the write.
 */
import { createHmac } from 'node:crypto';
import type { Firestore, Transaction, WriteBatch, BulkWriter } from 'firebase-admin/firestore';
import { type CasePrivateDoc, type CaseSearchDoc, partySearchTerms } from '../domain';
import { refs } from './db';

/** The secret's name (functions declare it; `firebase functions:secrets:set SEARCH_HMAC_KEY`). */
export const SEARCH_KEY_SECRET = 'SEARCH_HMAC_KEY';
/** The emulators' key (docs/operations.md): public, so never accepted on a real project. */
export const DEV_SEARCH_KEY = 'fengqiao-dev-search-key';

const onEmulator = (): boolean =>
  process.env.FUNCTIONS_EMULATOR === 'true' || !!process.env.FIRESTORE_EMULATOR_HOST || process.env.NODE_ENV === 'test';

/** The key in force: the secret, or on the emulators the development key. */
export function searchKey(): string {
  const k = process.env[SEARCH_KEY_SECRET];
  if (k && k.length >= 16) return k;
  if (onEmulator()) return DEV_SEARCH_KEY;
  throw new Error(`${SEARCH_KEY_SECRET} is not set (firebase functions:secrets:set ${SEARCH_KEY_SECRET})`);
}

/** A short, non-secret name of the key (its own HMAC of a fixed text), stored with the hashes. */
export function keyId(key = searchKey()): string {
  return createHmac('sha256', key).update('fengqiao-search-key-id').digest('hex').slice(0, 8);
}

/** HMAC-SHA256 (hex) of one normalised term. */
export function hashTerm(term: string, key = searchKey()): string {
  return createHmac('sha256', key).update(term).digest('hex');
}

/** The search document of a case's private part: its parties' terms, hashed. */
export function searchDocFor(p: Pick<CasePrivateDoc, 'caseId' | 'countyId' | 'parties'>, key = searchKey()): CaseSearchDoc {
  return { caseId: p.caseId, countyId: p.countyId, keys: partySearchTerms(p.parties).map((t) => hashTerm(t, key)), keyId: keyId(key) };
}

/** Writes (replaces) a case's search document in any writer. */
export function writeSearchDoc(db: Firestore, w: Transaction | WriteBatch | BulkWriter, doc: CaseSearchDoc): void {
  const ref = refs(db).caseSearch(doc.caseId);
  if ('flush' in w) void w.set(ref, doc);
  else if ('commit' in w) w.set(ref, doc);
  else w.set(ref, doc);
}
