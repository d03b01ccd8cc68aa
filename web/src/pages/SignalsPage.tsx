/**
 * 研判 · 风险信号: the signals of one's town or county (and below), newest first, each with the
 * cases that raised it (numbers and masked titles — never a person) and its handling; town and
 * county staff and leaders acknowledge (知悉) or dismiss with a reason (排除). Above: the month's
 * figures — signals raised and handled, petitions and 重访率 found from the person hashes.
 */
import { type MeetingDoc, type SignalDoc, type SignalKind, evidenceLabel, evidenceRef, repeatRate } from '@domain';
import { Alert, Button, type ButtonProps, Card, Empty, Input, Modal, Select, Skeleton, Statistic, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useAction } from '../components/use-action';
import { useSignedIn } from '../auth/session';
import { SIGNALS_LIMIT } from '../data/budget';
import { call, loadErrorText } from '../data/callables';
import { useSignalFigures, useSignals } from '../data/signal-hooks';
import { useMeetings } from '../data/meeting-hooks';
import { type MessageKey, formatDateTime, useI18n } from '../i18n';
import { hrefFor } from '../router';
import { NoticeForm, NoticesPanel } from './notices/NoticesPanel';

const SEVERITY_COLOUR = { low: 'blue', medium: 'orange', high: 'red' } as const;
const STATE_COLOUR = { open: 'red', acknowledged: 'blue', dismissed: 'default', in_analysis: 'purple' } as const;

export default function SignalsPage() {
  const { t } = useI18n();
  const { claims } = useSignedIn();
  const list = useSignals(claims.u);
  const figures = useSignalFigures(claims.u);
  const f = figures.status === 'ready' ? figures.data : null;
  const rate = f ? repeatRate({ petitions: f.petitions ?? 0, repeatVisits: f.repeatVisits ?? 0 }) : null;
  const all = list.status === 'ready' ? list.data : [];
  // Draft meetings of one's own unit: where a signal can be taken into a 研判.
  const meetings = useMeetings(claims);
  const drafts = meetings?.status === 'ready' ? meetings.data.filter((m) => m.state === 'draft' && m.unitId === claims.u) : [];
  return (
    <div className="page page-wide" data-testid="signals" data-state={list.status}>
      <div className="page-head">
        <div className="page-head-text">
          <Typography.Title level={3} className="page-title">
            {t('signals.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('signals.subtitle')}</Typography.Text>
        </div>
      </div>
      <div className="detail-tags" data-testid="signal-figures">
        <Statistic title={t('signals.raised')} value={f?.raised ?? 0} />
        <Statistic title={t('signals.handled')} value={f?.handled ?? 0} />
        <Statistic title={t('signals.petitions')} value={f?.petitions ?? 0} />
        <Statistic title={t('signals.repeatRate')} value={rate === null ? '—' : `${(rate * 100).toFixed(1)}%`} />
      </div>
      {list.status === 'error' && <Alert type="error" showIcon title={loadErrorText(list, t)} />}
      <div role="list" aria-busy={list.status === 'loading'} data-testid="signal-list" data-count={all.length}>
        {list.status === 'loading' && <Skeleton active paragraph={{ rows: 4 }} />}
        {list.status === 'ready' && all.length === 0 && <Empty description={t('signals.none')} data-testid="signals-empty" />}
        {all.map((s) => (
          <SignalCard key={s.id} s={s} drafts={drafts} />
        ))}
      </div>
      {all.length >= SIGNALS_LIMIT && <div className="list-more muted">{t('signals.limited', { n: SIGNALS_LIMIT })}</div>}
      <NoticesPanel issuer />
    </div>
  );
}

function SignalCard({ s, drafts }: { s: SignalDoc; drafts: MeetingDoc[] }) {
  const { t, locale } = useI18n();
  const { busy, error, run } = useAction();
  const [dismissing, setDismissing] = useState(false);
  const [noticing, setNoticing] = useState(false);
  const [reason, setReason] = useState('');
  const [judging, setJudging] = useState(false);
  const [meetingId, setMeetingId] = useState<string | undefined>(undefined);
  const act = (input: { action: 'acknowledge' } | { action: 'dismiss'; reason: string } | { action: 'judge'; meetingId: string }) =>
    run(
      () => call('handleSignal', { signalId: s.id, ...input }),
      input.action === 'judge' ? t('signals.judged') : t('signals.done'),
      // Close only the dialog this action came from: an acknowledgement answered late (the
      // listener shows its result first) must not close the 排除 dialog opened meanwhile.
      () => {
        if (input.action === 'dismiss') setDismissing(false);
        if (input.action === 'judge') setJudging(false);
      },
    );
  return (
    <Card
      role="listitem"
      size="small"
      className="typical-card"
      data-testid="signal"
      data-signal-id={s.id}
      data-state={s.state}
      title={
        <span>
          <Tag color={SEVERITY_COLOUR[s.severity]}>{t(`signals.severity.${s.severity}` as MessageKey)}</Tag>
          {t(`signals.kind.${s.kind satisfies SignalKind}` as MessageKey)}
        </span>
      }
      extra={<Tag color={STATE_COLOUR[s.state]}>{t(`signals.state.${s.state}` as MessageKey)}</Tag>}
    >
      <Typography.Paragraph data-testid="signal-summary">
        {s.summary}
        {s.sensitivePeriod && <Tag color="magenta">{t('signals.period', { name: s.sensitivePeriod })}</Tag>}
      </Typography.Paragraph>
      <Typography.Text type="secondary">
        {t('signals.raisedAt', { at: formatDateTime(s.raisedAt, locale) })}
        {s.handling && ` · ${t('signals.handledBy', { name: s.handling.byName ?? '—', at: formatDateTime(s.handling.at, locale) })}`}
        {s.handling?.reason && ` · ${s.handling.reason}`}
      </Typography.Text>
      <ul className="signal-evidence" data-testid="signal-evidence">
        {s.evidence.map((e) =>
          'caseId' in e ? (
            <li key={e.caseId}>
              <a href={hrefFor({ name: 'case', id: e.caseId })}>{evidenceLabel(e)}</a> {e.title}{' '}
              <span className="muted">{formatDateTime(e.at, locale)}</span>
            </li>
          ) : (
            // Patrol items and key persons by their masked title or register label (no link to personal data).
            <li key={evidenceRef(e)} data-source={e.source}>
              <Tag>{t(`signals.source.${e.source}` as MessageKey)}</Tag>
              <a href={hrefFor({ name: e.source === 'item' ? 'patrol' : 'keypersons' })}>{e.title}</a>{' '}
              <span className="muted">{formatDateTime(e.at, locale)}</span>
            </li>
          ),
        )}
      </ul>
      {s.notices?.length > 0 && (
        <Typography.Paragraph data-testid="signal-notices">
          {t('signals.notices', { numbers: s.notices.map((x) => x.number).join('、') })}
        </Typography.Paragraph>
      )}
      {error && <Alert type="error" showIcon title={error} />}
      {(s.state === 'open' || s.state === 'acknowledged') && (
        <div className="detail-tags">
          <Button size="small" disabled={busy} onClick={() => setNoticing(true)} data-testid="signal-notice">
            {t('signals.toNotice')}
          </Button>
          {s.state === 'open' && (
            <Button size="small" type="primary" loading={busy} onClick={() => act({ action: 'acknowledge' })} data-testid="signal-ack">
              {t('signals.ack')}
            </Button>
          )}
          <Button size="small" disabled={busy} onClick={() => setDismissing(true)} data-testid="signal-dismiss">
            {t('signals.dismiss')}
          </Button>
          <Button size="small" disabled={busy} onClick={() => setJudging(true)} data-testid="signal-judge">
            {t('signals.judge')}
          </Button>
        </div>
      )}
      {noticing && <NoticeForm signal={{ id: s.id, summary: s.summary }} onClose={() => setNoticing(false)} />}
      {s.state === 'in_analysis' && (
        <div className="detail-tags">
          <a href={hrefFor({ name: 'meetings' })} data-testid="signal-meeting">
            {t('signals.openMeeting')}
          </a>
        </div>
      )}
      <Modal
        open={judging}
        title={t('signals.judge')}
        onCancel={() => setJudging(false)}
        onOk={() => meetingId && act({ action: 'judge', meetingId })}
        okButtonProps={{ disabled: !meetingId, loading: busy, 'data-testid': 'signal-judge-ok' } as ButtonProps}
      >
        <div className="detail-tags">
          <a href={hrefFor({ name: 'meetings', query: { signal: s.id } })} data-testid="signal-new-meeting">
            {t('signals.newMeeting')}
          </a>
        </div>
        {drafts.length === 0 ? (
          <Alert type="info" showIcon title={t('signals.judgeNone')} />
        ) : (
          <Select<string>
            style={{ width: '100%' }}
            placeholder={t('signals.judgePick')}
            aria-label={t('signals.judgePick')}
            value={meetingId}
            onChange={setMeetingId}
            data-testid="signal-judge-meeting"
            options={drafts.map((m) => ({ value: m.id, label: `${m.date} ${m.title}` }))}
          />
        )}
      </Modal>
      <Modal
        open={dismissing}
        title={t('signals.dismiss')}
        onCancel={() => setDismissing(false)}
        onOk={() => act({ action: 'dismiss', reason })}
        okButtonProps={{ disabled: reason.trim().length < 2, loading: busy, 'data-testid': 'signal-dismiss-ok' } as ButtonProps}
      >
        <Input.TextArea
          aria-label={t('signals.reason')}
          placeholder={t('signals.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
          data-testid="signal-reason"
        />
      </Modal>
    </Card>
  );
}
