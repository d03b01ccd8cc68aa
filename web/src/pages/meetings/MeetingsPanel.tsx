/**
 * The dashboard's 研判 panel (town and county staff and leaders): open signals, meetings this week
 * and overdue (督办) tasks — counts only, counted by the server when asked for (three aggregation
 * reads, outside the first load's budget, like the per-town figures); links to the 研判 pages.
 */
import { type Claims, localDate, weekOf } from '@domain';
import { Alert, Button, Card, Statistic } from 'antd';
import { useState } from 'react';
import { holdsMeetings, useMeetingCounts } from '../../data/meeting-hooks';
import { useI18n } from '../../i18n';
import { hrefFor } from '../../router';

export function MeetingsPanel({ claims }: { claims: Claims }) {
  if (!holdsMeetings(claims)) return null;
  return <Panel claims={claims} />;
}

function Panel({ claims }: { claims: Claims }) {
  const { t } = useI18n();
  const [asked, setAsked] = useState(false);
  const week = weekOf(localDate(new Date()));
  const c = useMeetingCounts(claims, week, asked);
  const v = c?.status === 'ready' ? c.data : null;
  return (
    <Card
      size="small"
      className="children-card"
      title={t('mt.dash.title')}
      data-testid="dash-meetings"
      data-state={c?.status ?? 'idle'}
      extra={
        !asked && (
          <Button size="small" onClick={() => setAsked(true)} data-testid="dash-mt-count">
            {t('mt.dash.count')}
          </Button>
        )
      }
    >
      <div className="detail-tags">
        <a href={hrefFor({ name: 'signals' })} data-testid="dash-mt-signals" data-value={v?.openSignals ?? ''}>
          <Statistic title={t('mt.dash.openSignals')} value={v?.openSignals ?? (asked ? '…' : '—')} />
        </a>
        <a href={hrefFor({ name: 'meetings' })} data-testid="dash-mt-week" data-value={v?.meetingsThisWeek ?? ''}>
          <Statistic title={t('mt.dash.meetingsWeek')} value={v?.meetingsThisWeek ?? (asked ? '…' : '—')} />
        </a>
        <a href={hrefFor({ name: 'meetings' })} data-testid="dash-mt-overdue" data-value={v?.overdueTasks ?? ''}>
          <Statistic title={t('mt.dash.overdueTasks')} value={v?.overdueTasks ?? (asked ? '…' : '—')} />
        </a>
      </div>
      {c?.status === 'error' && <Alert type="error" showIcon title={t('mt.dash.error')} data-testid="dash-mt-error" />}
    </Card>
  );
}
