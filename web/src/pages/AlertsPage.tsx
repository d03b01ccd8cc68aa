/** 消息提醒: the user's alerts (unit, personal, department), live, with read state. */
import type { AlertDoc } from '@domain';
import { Alert, App as AntApp, Button, Segmented, Skeleton, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSignedIn } from '../auth/session';
import { errorMessage } from '../data/callables';
import { ALERTS_LIMIT } from '../data/budget';
import { markAlertRead, useAlerts } from '../data/hooks';
import { formatDateTime, useI18n, useLabels } from '../i18n';
import { hrefFor, navigate } from '../router';

const SEVERITY = {
  info: { color: 'blue', icon: 'ℹ' },
  warning: { color: 'orange', icon: '⚠' },
  critical: { color: 'red', icon: '‼' },
} as const;

export default function AlertsPage() {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const { user, claims } = useSignedIn();
  const uid = user.uid;
  const state = useAlerts(claims, uid, ALERTS_LIMIT);
  const [filter, setFilter] = useState<'unread' | 'all'>('all');
  const unread = useMemo(() => state.alerts.filter((a) => !a.readBy.includes(uid)), [state.alerts, uid]);
  const shown = filter === 'unread' ? unread : state.alerts;
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
    <div className="page" data-testid="alerts-page" data-state={state.status}>
      <div className="page-head">
        <div className="page-head-text">
          <Typography.Title level={3} className="page-title">
            {t('alerts.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('alerts.subtitle', { n: unread.length })}</Typography.Text>
        </div>
        <Button onClick={markAll} disabled={!unread.length} loading={marking} data-testid="alerts-mark-all">
          {t('alerts.markAll')}
        </Button>
      </div>
      <Segmented
        value={filter}
        onChange={(v) => setFilter(v as 'unread' | 'all')}
        options={[
          { value: 'all', label: t('alerts.all') },
          { value: 'unread', label: t('alerts.unreadOnly', { n: unread.length }) },
        ]}
        className="alerts-filter"
        data-testid="alerts-filter"
      />
      {state.status === 'error' && <Alert type="error" showIcon title={t('alerts.error', { message: state.error ?? '' })} />}
      <ul className="alert-list" aria-busy={state.status === 'loading'} data-testid="alert-list">
        {state.status === 'loading' &&
          // biome-ignore lint/suspicious/noArrayIndexKey: items identified by position in a fixed, never reordered list
          Array.from({ length: 4 }, (_, i) => <Skeleton key={i} active title={{ width: '40%' }} paragraph={{ rows: 1 }} />)}
        {state.status !== 'loading' && shown.length === 0 && (
          <li className="case-list-empty" data-testid="alerts-empty">
            {t(filter === 'unread' ? 'alerts.noneUnread' : 'alerts.none')}
          </li>
        )}
        {shown.map((a) => (
          <AlertItem key={a.id} a={a} uid={uid} />
        ))}
      </ul>
    </div>
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
