/**
 * What waits in the outbox (web/src/data/outbox-queue.ts): a header button with the number of
 * pending items, a panel listing each with its title and state, short notices when something is
 * queued, sent or refused, and a banner while the browser is offline. Plain elements (no antd):
 * the same component serves the full console's header and the grid worker's light phone page.
 * Mounted once per page frame, it also starts the sending of the signed-in account's items.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { startPhotoSender } from '../data/photo-binding';
import { type OutboxItem, QUEUEABLE, discard, onOutboxEvent, retryNow, startOutbox, useOutbox } from '../data/outbox-queue';
import { type Translate, formatDateTime, useI18n } from '../i18n/core';

function subscribeOnline(l: () => void) {
  window.addEventListener('online', l);
  window.addEventListener('offline', l);
  return () => {
    window.removeEventListener('online', l);
    window.removeEventListener('offline', l);
  };
}

/** False while the browser says it has no network. */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine);
}

type Notice = { id: number; kind: 'success' | 'warning' | 'error'; text: string };
let noticeId = 0;

/** Header button + panel + notices; sends the account's waiting items while mounted. */
export function OutboxButton({ uid }: { uid: string }) {
  const { t } = useI18n();
  const items = useOutbox(uid);
  const [open, setOpen] = useState(false);
  const [notices, setNotices] = useState<Notice[]>([]);

  useEffect(() => startOutbox(uid, t), [uid, t]);
  // The photos of patrol items (data/item-photos.ts): sent once their item exists.
  useEffect(() => startPhotoSender(uid), [uid]);
  // Escape closes the panel.
  useEffect(() => {
    if (!open) return undefined;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  useEffect(
    () =>
      onOutboxEvent((e) => {
        const title = e.item.title || t(QUEUEABLE[e.item.name].kind);
        const notice: Notice =
          e.type === 'queued'
            ? { id: ++noticeId, kind: 'warning', text: t('offline.queuedToast', { title }) }
            : e.type === 'sent'
              ? { id: ++noticeId, kind: 'success', text: t(e.created ? 'offline.sentToast' : 'offline.sentAgainToast', { title }) }
              : { id: ++noticeId, kind: 'error', text: t('offline.rejectedToast', { title, error: e.item.error ?? '' }) };
        setNotices((n) => [...n.slice(-2), notice]);
        setTimeout(() => setNotices((n) => n.filter((x) => x.id !== notice.id)), notice.kind === 'error' ? 8000 : 4000);
      }),
    [t],
  );

  const rejected = items.some((i) => i.state === 'rejected');
  return (
    <>
      {items.length > 0 && (
        <button
          type="button"
          className={rejected ? 'outbox-button outbox-button-rejected' : 'outbox-button'}
          onClick={() => setOpen(true)}
          data-testid="outbox-badge"
          data-count={items.length}
          aria-label={t('offline.pendingN', { n: items.length })}
        >
          <span className="outbox-count">{items.length}</span>
          <span className="outbox-button-text">{t('offline.pending')}</span>
        </button>
      )}
      {open && (
        <div className="lite-sheet-mask">
          <section className="lite-sheet" role="dialog" aria-label={t('offline.pendingN', { n: items.length })} data-testid="outbox-drawer">
            <header className="lite-sheet-head">
              <strong>{t('offline.pendingN', { n: items.length })}</strong>
              <button
                type="button"
                className="lite-button lite-small"
                onClick={() => setOpen(false)}
                aria-label={t('offline.close')}
                data-testid="outbox-close"
              >
                ×
              </button>
            </header>
            <p className="lite-muted small">{t('offline.explain')}</p>
            <OutboxList uid={uid} items={items} />
          </section>
        </div>
      )}
      {notices.length > 0 && (
        <div className="lite-notices" role="status" aria-live="polite">
          {notices.map((n) => (
            <div key={n.id} className={`lite-notice lite-notice-${n.kind}`} data-testid="outbox-notice">
              {n.text}
            </div>
          ))}
        </div>
      )}
    </>
  );
}

function OutboxList({ uid, items }: { uid: string; items: OutboxItem[] }) {
  const { t } = useI18n();
  const online = useOnline();
  const [confirming, setConfirming] = useState<string | null>(null);
  if (!items.length) return <p className="lite-muted">{t('offline.none')}</p>;
  return (
    <ul className="outbox-list" data-testid="outbox-list">
      {items.map((i) => (
        <li key={i.id} className="outbox-item" data-testid="outbox-item" data-state={i.state} data-request-id={i.id}>
          <div className="outbox-item-head">
            <span className="lite-tag">{t(QUEUEABLE[i.name].kind)}</span>
            <strong className="outbox-item-title" data-testid="outbox-item-title">
              {i.title || t(QUEUEABLE[i.name].kind)}
            </strong>
          </div>
          <div className="lite-muted small">
            {t('offline.queuedAt', { time: formatDateTime(new Date(i.queuedAt)) })}
            {t('fmt.listSep')}
            <span data-testid="outbox-item-state">{stateText(i, online, t)}</span>
          </div>
          {i.state === 'rejected' && i.error && <div className="field-error">{i.error}</div>}
          <div className="outbox-item-actions">
            <button
              type="button"
              className="lite-button lite-small"
              onClick={() => retryNow(uid, i.id)}
              disabled={i.state === 'sending'}
              data-testid="outbox-retry"
            >
              {t('offline.retry')}
            </button>
            {confirming === i.id ? (
              <>
                <span className="small">{t('offline.discardConfirm')}</span>
                <button
                  type="button"
                  className="lite-button lite-small lite-danger"
                  onClick={() => discard(uid, i.id)}
                  data-testid="outbox-discard-confirm"
                >
                  {t('offline.discard')}
                </button>
                <button type="button" className="lite-button lite-small" onClick={() => setConfirming(null)}>
                  {t('form.cancel')}
                </button>
              </>
            ) : (
              <button
                type="button"
                className="lite-button lite-small lite-link lite-danger"
                disabled={i.state === 'sending'}
                onClick={() => setConfirming(i.id)}
                data-testid="outbox-discard"
              >
                {t('offline.discard')}
              </button>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}

function stateText(i: OutboxItem, online: boolean, t: Translate): string {
  if (i.state === 'sending') return t('offline.state.sending');
  if (i.state === 'rejected') return t('offline.state.rejected');
  if (!online) return t('offline.state.offline');
  return i.attempts ? t('offline.state.retrying', { n: i.attempts }) : t('offline.state.waiting');
}

/** A line under the navigation while the browser is offline. */
export function OfflineBanner() {
  const { t } = useI18n();
  const online = useOnline();
  if (online) return null;
  return (
    <div className="offline-banner" role="status" data-testid="offline-banner">
      {t('offline.banner')}
    </div>
  );
}
