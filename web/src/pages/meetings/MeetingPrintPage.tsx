/**
 * A meeting's minutes (会议纪要), printed on A4 (print stylesheet in styles.css `@media print`): the
 * kind and title, the holding unit, the date, participants by name, title and unit (attendance for
 * 综治例会 and 联席会议), the agenda (signals by kind and summary, cases by number and masked title),
 * the minutes, and the decisions with their owner and limit. Readable by exactly those the rules
 * let read the meeting; no account IDs, no parties.
 */
import { attendanceText, participantLabel } from '@domain';
import { Button, Card, Result, Skeleton } from 'antd';
import { loadErrorText } from '../../data/callables';
import { useMeeting } from '../../data/meeting-hooks';
import { type MessageKey, formatDateTime, useI18n } from '../../i18n';
import { hrefFor } from '../../router';

/** A date as a formal document writes it: 2026年5月20日. */
const formalDate = (iso: string): string => {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
};

export default function MeetingPrintPage({ meetingId }: { meetingId: string }) {
  const { t } = useI18n();
  const m = useMeeting(meetingId);
  const back = (
    <Button onClick={() => history.back()} data-testid="print-back">
      ← {t('notices.print.back')}
    </Button>
  );
  if (m.status === 'loading') return <Skeleton active paragraph={{ rows: 8 }} />;
  if (m.status !== 'ready') {
    const title = m.status === 'missing' ? t('mt.print.notFound') : m.status === 'denied' ? t('mt.print.forbidden') : loadErrorText(m, t);
    return <Result status={m.status === 'missing' ? '404' : 'error'} title={title} extra={back} data-testid="print-unavailable" />;
  }
  const d = m.data;
  const regular = d.kind === 'town_weekly' || d.kind === 'joint';
  const attendance = attendanceText(d);
  return (
    <div className="page print-page" data-testid="print-page" data-doc="meeting">
      <div className="print-toolbar no-print">
        {back}
        <Button type="primary" onClick={() => window.print()} data-testid="print-button">
          {t('print.print')}
        </Button>
        <Button href={hrefFor({ name: 'meetings' })} className="no-print">
          {t('mt.title')}
        </Button>
      </div>
      <Card className="print-sheet">
        <article className="meeting-sheet" data-testid="meeting-sheet">
          <h1 className="print-title">{t('mt.print.title', { kind: t(`mt.kind.${d.kind}` as MessageKey) })}</h1>
          <p className="notice-sheet-number" data-testid="meeting-sheet-title">
            {d.title}
          </p>
          <table className="print-table">
            <tbody>
              <tr>
                <th>{t('mt.print.unit')}</th>
                <td data-testid="meeting-sheet-unit">{d.unitName}</td>
              </tr>
              <tr>
                <th>{t('mt.print.date')}</th>
                <td data-testid="meeting-sheet-date">{formalDate(d.date)}</td>
              </tr>
              <tr>
                <th>{t('mt.print.participants')}</th>
                <td data-testid="meeting-sheet-participants">
                  {d.participants.length === 0
                    ? '—'
                    : d.participants.map((p) => (
                        <div key={`${p.kind}-${p.id}`}>
                          {participantLabel(p)}
                          {regular && p.present !== null && `（${p.present ? t('mt.present') : t('mt.absent')}）`}
                        </div>
                      ))}
                </td>
              </tr>
              {attendance && (
                <tr>
                  <th>{t('mt.print.attendance')}</th>
                  <td data-testid="meeting-sheet-attendance">{attendance}</td>
                </tr>
              )}
              <tr>
                <th>{t('mt.print.agenda')}</th>
                <td data-testid="meeting-sheet-agenda">
                  {d.agenda.items.length === 0 ? (
                    '—'
                  ) : (
                    <ol className="print-list">
                      {d.agenda.items.map((i) => (
                        <li key={`${i.kind}-${i.ref}`}>
                          【{t(`mt.item.${i.kind}` as MessageKey)}】{i.no}：{i.text}
                          {i.category ? `（${i.category}）` : ''}
                        </li>
                      ))}
                    </ol>
                  )}
                </td>
              </tr>
              <tr>
                <th>{t('mt.minutes')}</th>
                <td className="print-text" data-testid="meeting-sheet-minutes">
                  {d.minutes ?? t('mt.print.noMinutes')}
                </td>
              </tr>
              <tr>
                <th>{t('mt.decisions')}</th>
                <td data-testid="meeting-sheet-decisions">
                  {d.decisions.length === 0 ? (
                    '—'
                  ) : (
                    <ol className="print-list">
                      {d.decisions.map((x) => (
                        <li key={x.taskId}>
                          {x.text}（{t('mt.task.owner', { name: x.owner.name })}；{t('mt.print.limit', { date: formalDate(x.dueDate) })}）
                        </li>
                      ))}
                    </ol>
                  )}
                </td>
              </tr>
            </tbody>
          </table>
          <p className="print-sign" data-testid="meeting-sheet-sign">
            {t('mt.print.recorder', { name: d.createdBy.name ?? '—' })}
            <br />
            {d.closedAt ? t('mt.print.closedAt', { at: formatDateTime(d.closedAt) }) : t('mt.print.draft')}
          </p>
        </article>
      </Card>
    </div>
  );
}
