/**
 * The small, always-loaded half of the photo queue (data/item-photos.ts is loaded on demand, so
 * the shell's initial JavaScript stays within its budget). When the outbox sends a queued
 * recordItem, its answer names the item: that requestId → itemId is kept here in localStorage
 * (`fengqiao.photoItems.v1.<uid>`) at once, so the photos taken with the form find their item even
 * if the photo code loads later or the page is reloaded; then the photo code is loaded and sends.
 */
import { onOutboxEvent } from './outbox-queue';

const key = (uid: string) => `fengqiao.photoItems.v1.${uid}`;

/** requestId → itemId of the account's items sent from the outbox whose photos may still wait. */
export function sentItems(uid: string): Record<string, string> {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(key(uid)) ?? '{}');
    return v && typeof v === 'object' ? (v as Record<string, string>) : {};
  } catch {
    return {};
  }
}

export function forgetSentItems(uid: string, requestIds: string[]) {
  const m = sentItems(uid);
  for (const r of requestIds) delete m[r];
  if (Object.keys(m).length) localStorage.setItem(key(uid), JSON.stringify(m));
  else localStorage.removeItem(key(uid));
}

function send(uid: string) {
  void import('./item-photos').then((m) => m.sendItemPhotos(uid)).catch((e: unknown) => console.warn('[fengqiao] photos:', e));
}

/** Starts sending the account's photos: now, when back online, and when the outbox sent an item. */
export function startPhotoSender(uid: string): () => void {
  const off = onOutboxEvent((e) => {
    if (e.type !== 'sent' || e.item.name !== 'recordItem') return;
    const itemId = (e.result as { itemId?: string } | undefined)?.itemId;
    if (!itemId) return;
    try {
      localStorage.setItem(key(uid), JSON.stringify({ ...sentItems(uid), [e.item.id]: itemId }));
    } catch {
      /* storage full: the photos wait for the next form answer */
    }
    send(uid);
  });
  const online = () => send(uid);
  window.addEventListener('online', online);
  send(uid);
  return () => {
    off();
    window.removeEventListener('online', online);
  };
}
