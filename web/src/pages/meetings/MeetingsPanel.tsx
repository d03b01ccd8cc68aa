/**
 * The dashboard's 研判 panel (town and county staff and leaders): open signals, meetings this week
 * and overdue tasks — counts only, from the same live lists the 研判 pages read; links to them.
 */
import { type Claims, localDate, weekOf } from '@domain';
import { Card, Statistic } from 'antd';
import { holdsMeetings, useMeetingTasks, useMeetings } from '../../data/meeting-hooks';
import { useSignals } from '../../data/signal-hooks';
import { useI18n } from '../../i18n';
import { hrefFor } from '../../router';

export function MeetingsPanel({ claims }: { claims: Claims }) {
  if (!holdsMeetings(claims)) return null;
  return <Panel claims={claims} />;
}

function Panel({ claims }: { claims: Claims }) {
  const { t } = useI18n();
  const signals = useSignals(claims.u);
  const meetings = useMeetings(claims);
  const tasks = useMeetingTasks(claims);
  const week = weekOf(localDate(new Date()));
  const n = <T,>(l: { status: string; data?: T[] } | null, f: (x: T) => boolean) =>
    l?.status === 'ready' && l.data ? l.data.filter(f).length : undefined;
  const open = n(signals as { status: string; data?: { state: string }[] }, (s) => s.state === 'open');
  const thisWeek = n(meetings as { status: string; data?: { date: string }[] } | null, (m) => m.date >= week.from && m.date <= week.to);
  const overdue = n(
    tasks as { status: string; data?: { state: string; supervised: boolean }[] } | null,
    (x) => x.state === 'open' && x.supervised,
  );
  return (
    <Card size="small" className="children-card" title={t('mt.dash.title')} data-testid="dash-meetings">
      <div className="detail-tags">
        <a href={hrefFor({ name: 'signals' })} data-testid="dash-mt-signals">
          <Statistic title={t('mt.dash.openSignals')} value={open ?? '…'} />
        </a>
        <a href={hrefFor({ name: 'meetings' })} data-testid="dash-mt-week" data-value={thisWeek ?? ''}>
          <Statistic title={t('mt.dash.meetingsWeek')} value={thisWeek ?? '…'} />
        </a>
        <a href={hrefFor({ name: 'meetings' })} data-testid="dash-mt-overdue">
          <Statistic title={t('mt.dash.overdueTasks')} value={overdue ?? '…'} />
        </a>
      </div>
    </Card>
  );
}
