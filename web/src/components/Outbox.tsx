/**
 * What waits in the outbox (web/src/data/outbox-queue.ts): a header button with the number of
 * pending items, a drawer listing each with its title and state, and a banner while the browser is
 * offline. Mounted once by the shell, it also starts the sending of the signed-in account's items.
 */
import { App as AntApp, Badge, Button, Drawer, Empty, Popconfirm, Tag } from 'antd';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { type OutboxItem, QUEUEABLE, discard, onOutboxEvent, retryNow, startOutbox, useOutbox } from '../data/outbox-queue';
import { type Translate, formatDateTime, useI18n } from '../i18n';

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

/** Header button + drawer; sends the account's waiting items while mounted. */
export function OutboxButton({ uid }: { uid: string }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const items = useOutbox(uid);
  const [open, setOpen] = useState(false);

  useEffect(() => startOutbox(uid, t), [uid, t]);
  useEffect(
    () =>
      onOutboxEvent((e) => {
        const title = e.item.title || t(QUEUEABLE[e.item.name].kind);
        if (e.type === 'queued') message.warning(t('offline.queuedToast', { title }));
        else if (e.type === 'sent') message.success(t(e.created ? 'offline.sentToast' : 'offline.sentAgainToast', { title }));
        else message.error(t('offline.rejectedToast', { title, error: e.item.error ?? '' }));
      }),
    [message, t],
  );

  if (!items.length) return null;
  const rejected = items.some((i) => i.state === 'rejected');
  return (
    <>
      <Button
        size="small"
        ghost
        danger={rejected}
        className="outbox-button"
        onClick={() => setOpen(true)}
        data-testid="outbox-badge"
        data-count={items.length}
        aria-label={t('offline.pendingN', { n: items.length })}
      >
        <Badge count={items.length} size="small" className="outbox-count" />
        <span className="outbox-button-text">{t('offline.pending')}</span>
      </Button>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t('offline.pendingN', { n: items.length })}
        placement="right"
        size={Math.min(420, window.innerWidth)}
        data-testid="outbox-drawer"
      >
        <p className="muted small">{t('offline.explain')}</p>
        <OutboxList uid={uid} items={items} />
      </Drawer>
    </>
  );
}

function OutboxList({ uid, items }: { uid: string; items: OutboxItem[] }) {
  const { t, locale } = useI18n();
  const online = useOnline();
  if (!items.length) return <Empty description={t('offline.none')} />;
  return (
    <ul className="outbox-list" data-testid="outbox-list">
      {items.map((i) => (
        <li key={i.id} className="outbox-item" data-testid="outbox-item" data-state={i.state} data-request-id={i.id}>
          <div className="outbox-item-head">
            <Tag>{t(QUEUEABLE[i.name].kind)}</Tag>
            <strong className="outbox-item-title" data-testid="outbox-item-title">
              {i.title || t(QUEUEABLE[i.name].kind)}
            </strong>
          </div>
          <div className="muted small">
            {t('offline.queuedAt', { time: formatDateTime(new Date(i.queuedAt), locale) })}
            {t('fmt.listSep')}
            <span data-testid="outbox-item-state">{stateText(i, online, t)}</span>
          </div>
          {i.state === 'rejected' && i.error && <div className="field-error">{i.error}</div>}
          <div className="outbox-item-actions">
            <Button size="small" onClick={() => retryNow(uid, i.id)} disabled={i.state === 'sending'} data-testid="outbox-retry">
              {t('offline.retry')}
            </Button>
            <Popconfirm title={t('offline.discardConfirm')} onConfirm={() => discard(uid, i.id)} okText={t('offline.discard')}>
              <Button size="small" danger type="link" disabled={i.state === 'sending'} data-testid="outbox-discard">
                {t('offline.discard')}
              </Button>
            </Popconfirm>
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
