/**
 * Photos of 排查事项 and 安全隐患 (issue 14), phone first and offline.
 *
 * - `compressPhoto`: each picked photo becomes a JPEG of at most 300 KB in the browser
 *   (createImageBitmap → canvas → JPEG, lowering the quality, then the size, until it fits).
 * - The photo queue: the compressed photos are kept in this browser's IndexedDB
 *   (`fengqiao-photos`, one record per photo, keyed by account and photo ID) *before* the item is
 *   submitted, so a grid worker without signal loses nothing. A photo's ID is the form's requestId
 *   and its place (`{requestId}-{index}`): a resend uploads to the same object and records nothing
 *   twice.
 * - Once the item exists (the form's answer online, or the outbox's `sent` event when the signal
 *   returns, kept by photo-binding.ts), its photos are uploaded to Cloud Storage under the item
 *   (`items/{gridId}/{kind}/{itemId}/{photoId}.jpg`) and `attachItemPhotos` records them on the
 *   item; then the records are deleted. An upload refused as an overwrite (the same photo sent
 *   before an answer was lost) counts as sent: attachItemPhotos checks the objects.
 *
 * Only the account that took them sees or sends its queued photos (records carry its uid).
 */
import { PHOTO_MAX_BYTES, type PhotoStage, photoIdFor, photoPath, type ItemKind } from '@domain';
import { fbCore, initStorage, loadStorageSdk } from '../firebase';
import { call, codeOfError, isFirebaseError } from './callables';
import { isNetworkFailure } from './outbox-queue';
import { forgetSentItems, sentItems } from './photo-binding';

/** A fresh requestId for a set of evidence photos (no form of its own). */
export function newPhotoRequestId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
}

// ── compression ──────────────────────────────────────────────────────────────

async function decode(file: Blob): Promise<{ img: CanvasImageSource; width: number; height: number; close: () => void }> {
  if (typeof createImageBitmap === 'function') {
    const bmp = await createImageBitmap(file);
    return { img: bmp, width: bmp.width, height: bmp.height, close: () => bmp.close() };
  }
  const url = URL.createObjectURL(file);
  const img = new Image();
  img.src = url;
  await img.decode();
  return { img, width: img.naturalWidth, height: img.naturalHeight, close: () => URL.revokeObjectURL(url) };
}

function toJpeg(canvas: HTMLCanvasElement, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('canvas.toBlob gave nothing'))), 'image/jpeg', quality),
  );
}

/** A JPEG of at most `maxBytes` (300 KB) from any image the browser decodes; throws if it cannot get there. */
export async function compressPhoto(file: Blob, maxBytes = PHOTO_MAX_BYTES): Promise<Blob> {
  const src = await decode(file);
  try {
    let side = Math.min(1600, Math.max(src.width, src.height));
    let quality = 0.85;
    const canvas = document.createElement('canvas');
    for (let round = 0; round < 20; round++) {
      const scale = side / Math.max(src.width, src.height);
      canvas.width = Math.max(1, Math.round(src.width * scale));
      canvas.height = Math.max(1, Math.round(src.height * scale));
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2d canvas');
      ctx.fillStyle = '#fff'; // a transparent PNG gets a white background, not black
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(src.img, 0, 0, canvas.width, canvas.height);
      const blob = await toJpeg(canvas, quality);
      if (blob.size <= maxBytes) return blob;
      if (quality > 0.55) quality -= 0.1;
      else side = Math.round(side * 0.8);
    }
    throw new Error('photo could not be compressed under the limit');
  } finally {
    src.close();
  }
}

// ── the queue (IndexedDB) ────────────────────────────────────────────────────

export interface QueuedPhoto {
  /** `${uid}/${photoId}` */
  key: string;
  uid: string;
  requestId: string;
  photoId: string;
  blob: Blob;
  gridId: string;
  kind: ItemKind;
  stage: PhotoStage;
  /** Known once the item exists. */
  itemId: string | null;
  uploaded: boolean;
  /** attachItemPhotos refusals so far (a photo refused 5 times stays, for its user to see). */
  refusals: number;
  queuedAt: number;
}

const DB_NAME = 'fengqiao-photos';
const STORE = 'photos';
let dbPromise: Promise<IDBDatabase> | null = null;

function openDb(): Promise<IDBDatabase> {
  dbPromise ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'key' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  return dbPromise;
}

async function tx<T>(mode: IDBTransactionMode, f: (s: IDBObjectStore) => IDBRequest<T> | undefined): Promise<T | undefined> {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const t = db.transaction(STORE, mode);
    const req = f(t.objectStore(STORE));
    t.oncomplete = () => resolve(req?.result);
    t.onerror = () => reject(t.error);
    t.onabort = () => reject(t.error);
  });
}

const listeners = new Set<() => void>();
const changed = () => {
  for (const l of listeners) l();
};

/** The account's queued photos. */
export async function queuedPhotos(uid: string): Promise<QueuedPhoto[]> {
  const all = ((await tx('readonly', (s) => s.getAll())) ?? []) as QueuedPhoto[];
  return all.filter((p) => p.uid === uid).sort((a, b) => a.queuedAt - b.queuedAt || a.photoId.localeCompare(b.photoId));
}

async function put(p: QueuedPhoto) {
  await tx('readwrite', (s) => s.put(p));
}

/** Keeps the photos of a form (before it is submitted): IDs `{requestId}-{index}`, so the same form again replaces them. */
export async function queueItemPhotos(
  uid: string,
  requestId: string,
  blobs: Blob[],
  where: { gridId: string; kind: ItemKind; stage?: PhotoStage; itemId?: string },
): Promise<void> {
  const now = Date.now();
  for (const [i, blob] of blobs.entries()) {
    const photoId = photoIdFor(requestId, i);
    await put({
      key: `${uid}/${photoId}`,
      uid,
      requestId,
      photoId,
      blob,
      gridId: where.gridId,
      kind: where.kind,
      stage: where.stage ?? 'report',
      itemId: where.itemId ?? null,
      uploaded: false,
      refusals: 0,
      queuedAt: now,
    });
  }
  changed();
}

/** The item of a form's photos is known (the item was created): send them. */
export async function bindItemPhotos(uid: string, requestId: string, itemId: string): Promise<void> {
  for (const p of await queuedPhotos(uid)) if (p.requestId === requestId && !p.itemId) await put({ ...p, itemId });
  changed();
  void sendItemPhotos(uid);
}

// ── sending ──────────────────────────────────────────────────────────────────

const RETRY_FIRST_MS = 5_000;
const RETRY_MAX_MS = 120_000;
let sending = false;
let again = false;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let retryDelay = RETRY_FIRST_MS;

/**
 * Uploads the account's photos whose item exists, item by item, and records them
 * (attachItemPhotos). A failure ends the round; photos left behind are tried again by a timer
 * (5 s, doubling up to 2 min) as well as at the next `online` event or item sent, because weak
 * signal fails uploads without ever going offline.
 */
export async function sendItemPhotos(uid: string): Promise<void> {
  if (sending) {
    again = true;
    return;
  }
  sending = true;
  clearTimeout(retryTimer);
  let left = false;
  try {
    do {
      again = false;
      left = await sendRound(uid);
    } while (again);
  } catch (e) {
    left = true;
    console.warn('[fengqiao] photos:', e);
  } finally {
    sending = false;
  }
  if (left) {
    retryTimer = setTimeout(() => void sendItemPhotos(uid), retryDelay);
    retryDelay = Math.min(RETRY_MAX_MS, retryDelay * 2);
  } else retryDelay = RETRY_FIRST_MS;
}

const byItem = (photos: QueuedPhoto[]) => {
  const groups = new Map<string, QueuedPhoto[]>();
  for (const p of photos) {
    if (!p.itemId || p.refusals >= 5) continue;
    const k = `${p.itemId}|${p.stage}`;
    groups.set(k, [...(groups.get(k) ?? []), p]);
  }
  return [...groups.values()];
};

/** One pass over the queue; true when photos with a known item are left (a failure stopped it). */
async function sendRound(uid: string): Promise<boolean> {
  if (typeof indexedDB === 'undefined') return false;
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return false; // the `online` event resumes
  if (fbCore().auth.currentUser?.uid !== uid) return false;
  // Items the outbox has sent since (photo-binding.ts): their photos now have an item.
  const sent = sentItems(uid);
  if (Object.keys(sent).length) {
    for (const p of await queuedPhotos(uid)) if (!p.itemId && sent[p.requestId]) await put({ ...p, itemId: sent[p.requestId]! });
    forgetSentItems(uid, Object.keys(sent));
  }
  const groups = byItem(await queuedPhotos(uid));
  if (!groups.length) return false; // nothing to send: the Storage SDK is not even loaded
  const storage = await initStorage();
  if (!storage) {
    console.warn('[fengqiao] photos: no Cloud Storage (emulators without it): the photos wait');
    return false;
  }
  const { ref, uploadBytes } = await loadStorageSdk();
  let left = false;
  for (const group of groups) {
    const first = group[0]!;
    const itemId = first.itemId!;
    for (const p of group) {
      if (p.uploaded) continue;
      try {
        await uploadBytes(ref(storage, photoPath({ gridId: p.gridId, kind: p.kind, id: itemId }, p.photoId)), p.blob, {
          contentType: 'image/jpeg',
          customMetadata: { uploaderUid: uid },
        });
      } catch (e) {
        // Refused: most likely the same photo, uploaded before an answer was lost (no overwrite).
        if (!(isFirebaseError(e) && codeOfError(e) === 'storage/unauthorized')) {
          console.warn('[fengqiao] photos: upload stopped, retried later:', codeOfError(e));
          return true; // the network: later
        }
      }
      await put({ ...p, uploaded: true });
    }
    try {
      await call('attachItemPhotos', { itemId, stage: first.stage, photoIds: group.map((p) => p.photoId) });
      await tx('readwrite', (s) => {
        for (const p of group) s.delete(p.key);
        return undefined;
      });
    } catch (e) {
      console.warn('[fengqiao] photos: attachItemPhotos failed:', codeOfError(e));
      if (isNetworkFailure(e)) return true;
      // Not there (a refused upload that was not a resend) or refused: upload again next time.
      for (const p of group) await put({ ...p, uploaded: false, refusals: p.refusals + 1 });
      left = true;
    }
    changed();
  }
  return left;
}

/** The number of the account's photos not yet recorded on their items, live (re-read on change). */
export function onPhotoQueueChange(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

// ── location ─────────────────────────────────────────────────────────────────

/** The phone's position, if it gives one within 10 s: never throws (null: no location). One helper for every form: data/geo-position. */
export { currentPoint as currentLocation } from './geo-position';
