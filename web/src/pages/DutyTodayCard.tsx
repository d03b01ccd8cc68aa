/**
 * 今日接访领导: who receives visitors today (or is on duty: weekends and holidays) at the user's
 * town or county center, and tomorrow — from the public duty document (one read, live: an
 * approved leave shows at once).
 */
import { type Claims, addDays, dutyDayAt } from '@domain';
import { Skeleton } from 'antd';
import { usePublicDuty } from '../data/duty-hooks';
import { useI18n } from '../i18n';
import { hrefFor } from '../router';
import { defaultDutyUnit } from './duty/common';

export function DutyTodayCard({ claims }: { claims: Claims }) {
  const { t } = useI18n();
  const unit = defaultDutyUnit(claims);
  const pub = usePublicDuty(unit, 'duty.today');
  const days = pub.status === 'ready' ? pub.data.days : [];
  // The duty day now, the handoff respected: the same function decides who receives a walk-in.
  const d = pub.status === 'ready' ? dutyDayAt(days, new Date(), pub.data.handoff) : undefined;
  const next = d ? days.find((x) => x.date === addDays(d.date, 1)) : undefined;
  return (
    <a
      className="duty-today"
      href={hrefFor({ name: 'duty', tab: 'roster', query: { unit } })}
      data-testid="dash-duty"
      data-state={pub.status}
      data-unit={unit}
      aria-label={d ? t('dash.duty.aria', { kind: t(`duty.kind.${d.kind}`), name: d.name, title: d.title }) : t('dash.duty.none')}
    >
      {pub.status === 'loading' ? (
        <Skeleton.Button active size="small" />
      ) : d ? (
        <>
          <span className="duty-today-label">
            <span aria-hidden="true">☎ </span>
            {t(d.kind === 'weekday' ? 'dash.duty.weekday' : 'dash.duty.duty')}
            {d.holiday && <span className="muted"> · {d.holiday}</span>}
          </span>
          <span className="duty-today-name" data-testid="dash-duty-name" data-name={d.name} data-date={d.date}>
            {d.name}
            {d.title && <span className="duty-today-title"> {d.title}</span>}
          </span>
          {next && <span className="duty-today-next muted">{t('dash.duty.tomorrow', { name: next.name })}</span>}
        </>
      ) : (
        <span className="muted" data-testid="dash-duty-none">
          {t('dash.duty.none')}
        </span>
      )}
    </a>
  );
}
