/**
 * 预警提示单, printed as a formal A4 notice (print stylesheet in styles.css `@media print`): the
 * title, the number (〔2026〕12号), the recipient, the risk, the measures, the limits, the issuing
 * unit and the date. Readable by exactly those the rules let read the notice.
 */
import { Button, Card, Result, Skeleton } from 'antd';
import { loadErrorText } from '../../data/callables';
import { useNotice } from '../../data/notice-hooks';
import { formatDateTime, useI18n } from '../../i18n';
import { hrefFor } from '../../router';

/** A date as a formal notice writes it: 2026年5月20日. */
const formalDate = (d: Date): string => {
  const [y, m, day] = formatDateTime(d).slice(0, 10).split('-');
  return `${y}年${Number(m)}月${Number(day)}日`;
};

export default function NoticePrintPage({ noticeId }: { noticeId: string }) {
  const { t, locale } = useI18n();
  const n = useNotice(noticeId);
  const back = (
    <Button onClick={() => history.back()} data-testid="print-back">
      ← {t('notices.print.back')}
    </Button>
  );
  if (n.status === 'loading') return <Skeleton active paragraph={{ rows: 8 }} />;
  if (n.status !== 'ready') {
    const title = n.status === 'missing' ? t('notices.notFound') : n.status === 'denied' ? t('notices.forbidden') : loadErrorText(n, t);
    return <Result status={n.status === 'missing' ? '404' : 'error'} title={title} extra={back} data-testid="print-unavailable" />;
  }
  const d = n.data;
  return (
    <div className="page print-page" data-testid="print-page" data-doc="notice">
      <div className="print-toolbar no-print">
        {back}
        <Button type="primary" onClick={() => window.print()} data-testid="print-button">
          {t('print.print')}
        </Button>
        <Button href={hrefFor({ name: 'signals' })} className="no-print">
          {t('notices.title')}
        </Button>
      </div>
      <Card className="print-sheet">
        <article className="notice-sheet" data-testid="notice-sheet">
          <h1 className="print-title notice-title">{t('notices.print.title')}</h1>
          <p className="notice-sheet-number" data-testid="notice-sheet-number">
            {d.number}
          </p>
          <p className="notice-sheet-to" data-testid="notice-sheet-to">
            {d.recipient.name}：
          </p>
          <table className="print-table">
            <tbody>
              <tr>
                <th>{t('notices.print.risk')}</th>
                <td className="print-text" data-testid="notice-sheet-risk">
                  {d.risk}
                </td>
              </tr>
              <tr>
                <th>{t('notices.print.measures')}</th>
                <td className="print-text">{d.measures}</td>
              </tr>
              <tr>
                <th>{t('notices.print.signLimit')}</th>
                <td>{t('notices.print.signLimitText', { at: formatDateTime(d.sign.dueAt, locale), h: d.signHours })}</td>
              </tr>
              <tr>
                <th>{t('notices.print.limit')}</th>
                <td data-testid="notice-sheet-limit">
                  {t('notices.print.limitText', { date: formalDate(d.feedback.dueAt), days: d.limitDays })}
                </td>
              </tr>
            </tbody>
          </table>
          <p className="print-note">{t('notices.print.note')}</p>
          <p className="print-sign" data-testid="notice-sheet-issuer">
            {d.issuer.unitName}
            <br />
            <span data-testid="notice-sheet-date">{formalDate(d.issuedAt)}</span>
          </p>
        </article>
      </Card>
    </div>
  );
}
