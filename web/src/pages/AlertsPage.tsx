/**
 * 消息提醒: the user's alerts (unit, personal, department), live, grouped per case — the case's
 * title, its next deadline and a link — with read state. The unread count is the header badge's
 * (one shared feed, `useAlertFeed`). Critical alerts can also reach the desktop (browser
 * notifications) while the console is open: the user turns that on here, by a click.
 */
import type { AlertDoc } from '@domain';
import { Alert, App as AntApp, Button, Segmented, Skeleton, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSignedIn } from '../auth/session';
import { DeadlineBadge } from '../components/DeadlineBadge';
import { errorMessage } from '../data/callables';
import { ALERTS_LIMIT } from '../data/budget';
import { markAlertRead, useAlertFeed, useCase } from '../data/hooks';
import { type NotifyPermission, notificationPermission, requestNotifications } from '../data/notify';
import { formatDateTime, useI18n, useLabels } from '../i18n';
import { hrefFor, navigate } from '../router';

const SEVERITY = {
  info: { color: 'blue', icon: 'ℹ' },
  warning: { color: 'orange', icon: '⚠' },
  critical: { color: 'red', icon: '‼' },
} as const;

interface Group {
  caseId: string | null;
  alerts: AlertDoc[];
  unread: number;
}

/** Alerts by case, the case with the newest alert first; alerts about no case last. */
export function groupByCase(alerts: AlertDoc[], uid: string): Group[] {
  const byCase = new Map<string | null, Group>();
  for (const a of alerts) {
    const g = byCase.get(a.caseId) ?? { caseId: a.caseId, alerts: [], unread: 0 };
    g.alerts.push(a);
    if (!a.readBy.includes(uid)) g.unread++;
    byCase.set(a.caseId, g);
  }
  const groups = [...byCase.values()];
  const newest = (g: Group) => Math.max(...g.alerts.map((a) => a.createdAt.getTime()));
  return groups.sort((a, b) => (a.caseId === null ? 1 : b.caseId === null ? -1 : newest(b) - newest(a)));
}

export default function AlertsPage() {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const { user, claims } = useSignedIn();
  const uid = user.uid;
  const state = useAlertFeed(claims, uid, ALERTS_LIMIT);
  const [filter, setFilter] = useState<'unread' | 'all'>('all');
  const unread = useMemo(() => state.alerts.filter((a) => !a.readBy.includes(uid)), [state.alerts, uid]);
  const groups = useMemo(() => groupByCase(filter === 'unread' ? unread : state.alerts, uid), [filter, unread, state.alerts, uid]);
  const [marking, setMarking] = useState(false);

  const markAll = async () => {
    setMarking(true);
    try {
      await Promise.all(unread.map((a) => markAlertRead(a.id, uid)));
    } catch (e) {
      message.error(errorMessage(e, t));
    } finally {
      setMarking(false);
    }
  };

  return (
    <div className="page" data-testid="alerts-page" data-state={state.status} data-unread={state.unread}>
      <div className="page-head">
        <div className="page-head-text">
          <Typography.Title level={3} className="page-title">
            {t('alerts.title')}
          </Typography.Title>
          <Typography.Text type="secondary" data-testid="alerts-unread-count" data-count={state.unread}>
            {t('alerts.subtitle', { n: state.unreadLabel })}
          </Typography.Text>
        </div>
        <div className="alerts-actions">
          <NotifyToggle />
          <Button onClick={markAll} disabled={!unread.length} loading={marking} data-testid="alerts-mark-all">
            {t('alerts.markAll')}
          </Button>
        </div>
      </div>
      <Segmented
        value={filter}
        onChange={(v) => setFilter(v as 'unread' | 'all')}
        options={[
          { value: 'all', label: t('alerts.all') },
          { value: 'unread', label: t('alerts.unreadOnly', { n: state.unreadLabel }) },
        ]}
        className="alerts-filter"
        data-testid="alerts-filter"
      />
      {state.status === 'error' && <Alert type="error" showIcon title={t('alerts.error', { message: state.error ?? '' })} />}
      <ul className="alert-list" aria-busy={state.status === 'loading'} data-testid="alert-list">
        {state.status === 'loading' &&
          // biome-ignore lint/suspicious/noArrayIndexKey: items identified by position in a fixed, never reordered list
          Array.from({ length: 4 }, (_, i) => <Skeleton key={i} active title={{ width: '40%' }} paragraph={{ rows: 1 }} />)}
        {state.status !== 'loading' && groups.length === 0 && (
          <li className="case-list-empty" data-testid="alerts-empty">
            {t(filter === 'unread' ? 'alerts.noneUnread' : 'alerts.none')}
          </li>
        )}
        {groups.map((g) => (g.caseId ? <CaseGroup key={g.caseId} g={g} uid={uid} /> : <OtherGroup key="other" g={g} uid={uid} />))}
      </ul>
    </div>
  );
}

/** The alerts of one case, under the case's title and next deadline. */
function CaseGroup({ g, uid }: { g: Group; uid: string }) {
  const { t } = useI18n();
  const caseId = g.caseId!;
  const c = useCase(caseId);
  const title = c.status === 'ready' ? c.data.title : null;
  const due = c.status === 'ready' ? c.data.nextDeadlineAt : null;
  return (
    <li className="alert-group" data-testid="alert-group" data-case-id={caseId} data-unread={g.unread} data-count={g.alerts.length}>
      <div className="alert-group-head">
        <a href={hrefFor({ name: 'case', id: caseId })} className="alert-group-title" data-testid="alert-group-open">
          {title ?? t('alerts.caseLoading')}
        </a>
        {g.unread > 0 && (
          <Tag color="red" data-testid="alert-group-unread">
            {t('alerts.groupUnread', { n: g.unread })}
          </Tag>
        )}
        {due && <DeadlineBadge dueAt={due} />}
        {c.status === 'ready' && !due && <span className="muted">{t('alerts.noDeadline')}</span>}
      </div>
      <ul>
        {g.alerts.map((a) => (
          <AlertItem key={a.id} a={a} uid={uid} />
        ))}
      </ul>
    </li>
  );
}

function OtherGroup({ g, uid }: { g: Group; uid: string }) {
  const { t } = useI18n();
  return (
    <li className="alert-group" data-testid="alert-group" data-case-id="" data-unread={g.unread} data-count={g.alerts.length}>
      <div className="alert-group-head">
        <span className="alert-group-title">{t('alerts.otherGroup')}</span>
      </div>
      <ul>
        {g.alerts.map((a) => (
          <AlertItem key={a.id} a={a} uid={uid} />
        ))}
      </ul>
    </li>
  );
}

function AlertItem({ a, uid }: { a: AlertDoc; uid: string }) {
  const { t, locale } = useI18n();
  const l = useLabels();
  const { message } = AntApp.useApp();
  const read = a.readBy.includes(uid);
  const sev = SEVERITY[a.severity];
  const mark = async () => {
    try {
      await markAlertRead(a.id, uid);
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  };
  const open = async () => {
    if (!read) void mark();
    if (a.caseId) navigate({ name: 'case', id: a.caseId });
  };
  return (
    <li
      className={read ? 'alert-item read' : 'alert-item unread'}
      data-testid="alert-item"
      data-alert-id={a.id}
      data-read={read ? 'yes' : 'no'}
      data-case-id={a.caseId ?? ''}
      data-kind={a.kind}
    >
      <div className="alert-main">
        <div className="alert-head">
          {!read && (
            <span className="unread-dot" data-testid="alert-unread">
              <span aria-hidden="true">●</span> {t('alerts.unread')}
            </span>
          )}
          <Tag color={sev.color}>
            <span aria-hidden="true">{sev.icon} </span>
            {l.severity(a.severity)}
          </Tag>
          <Tag>{l.alertKind(a.kind)}</Tag>
          <time className="muted" dateTime={a.createdAt.toISOString()}>
            {formatDateTime(a.createdAt, locale)}
          </time>
        </div>
        {a.caseId ? (
          <a
            href={hrefFor({ name: 'case', id: a.caseId })}
            className="alert-title"
            onClick={(e) => {
              e.preventDefault();
              void open();
            }}
            data-testid="alert-open"
          >
            {a.title}
          </a>
        ) : (
          <span className="alert-title">{a.title}</span>
        )}
        <div className="alert-body muted">{a.body}</div>
      </div>
      {!read && (
        <Button size="small" onClick={mark} data-testid="alert-mark-read" aria-label={t('alerts.markReadLabel', { title: a.title })}>
          {t('alerts.markRead')}
        </Button>
      )}
    </li>
  );
}

/** Desktop notifications for critical alerts: asked for on this click, never on load. */
function NotifyToggle() {
  const { t } = useI18n();
  const [perm, setPerm] = useState<NotifyPermission>(notificationPermission);
  if (perm === 'unsupported') return null;
  if (perm === 'granted')
    return (
      <Tag color="green" data-testid="notify-on">
        {t('alerts.notifyOn')}
      </Tag>
    );
  if (perm === 'denied')
    return (
      <Typography.Text type="secondary" data-testid="notify-denied">
        {t('alerts.notifyDenied')}
      </Typography.Text>
    );
  return (
    <Button onClick={() => void requestNotifications().then(setPerm)} data-testid="notify-enable">
      {t('alerts.notifyEnable')}
    </Button>
  );
}
