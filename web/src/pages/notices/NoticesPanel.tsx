/**
 * 预警提示单 in the console: the list of a unit's or department's notices (issued and received),
 * each with its state and clocks; the recipient signs (签收) and reports back (反馈), the issuer
 * closes (办结) or sends back (退回); the form to issue one (from a signal, a 研判 meeting or
 * directly); the month's figures and the CSV export. Used on the 研判 page (town and county) and in
 * the department desk.
 */
import { type NoticeDoc, isNoticeIssuer, isNoticeRecipient, onTimeRate } from '@domain';
import {
  Alert,
  App as AntApp,
  Button,
  type ButtonProps,
  Card,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Skeleton,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useAction } from '../../components/use-action';
import { useSignedIn } from '../../auth/session';
import { call, downloadFile, errorMessage, loadErrorText } from '../../data/callables';
import { useDepartments, usePolicy, useRegionChildren } from '../../data/hooks';
import { NOTICES_LIMIT, useNoticeFigures, useNotices } from '../../data/notice-hooks';
import { newRequestId } from '../../data/report-draft';
import { type MessageKey, formatDateTime, useI18n } from '../../i18n';
import { hrefFor } from '../../router';

const STATE_COLOUR = { issued: 'gold', signed: 'blue', answered: 'purple', closed: 'green' } as const;

/** The notices list (and, for issuers, the form, the figures and the export). */
export function NoticesPanel({ issuer }: { issuer: boolean }) {
  const { t } = useI18n();
  const { claims } = useSignedIn();
  const { message } = AntApp.useApp();
  const list = useNotices(claims.u);
  const all = list.status === 'ready' ? list.data : [];
  const [issuing, setIssuing] = useState(false);
  const [exporting, setExporting] = useState(false);
  const doExport = async () => {
    setExporting(true);
    try {
      const f = await call('exportNotices', { year: new Date().getFullYear() });
      downloadFile(f);
      message.success(t('notices.exported', { n: f.rows }));
    } catch (e) {
      message.error(errorMessage(e, t));
    } finally {
      setExporting(false);
    }
  };
  return (
    <section className="notices-panel" data-testid="notices" data-state={list.status} aria-label={t('notices.title')}>
      <div className="page-head">
        <div className="page-head-text">
          <Typography.Title level={4}>{t('notices.title')}</Typography.Title>
          <Typography.Text type="secondary">{t('notices.subtitle')}</Typography.Text>
        </div>
        {issuer && (
          <div className="detail-tags">
            <Button type="primary" onClick={() => setIssuing(true)} data-testid="notice-new">
              {t('notices.issue')}
            </Button>
            <Button onClick={doExport} loading={exporting} data-testid="notice-export">
              {t('notices.export')}
            </Button>
          </div>
        )}
      </div>
      {issuer && <NoticeFigures />}
      {list.status === 'error' && <Alert type="error" showIcon title={loadErrorText(list, t)} />}
      <div role="list" aria-busy={list.status === 'loading'} data-testid="notice-list" data-count={all.length}>
        {list.status === 'loading' && <Skeleton active paragraph={{ rows: 3 }} />}
        {list.status === 'ready' && all.length === 0 && <Empty description={t('notices.none')} data-testid="notices-empty" />}
        {all.map((n) => (
          <NoticeCard key={n.id} n={n} />
        ))}
      </div>
      {all.length >= NOTICES_LIMIT && <div className="list-more muted">{t('signals.limited', { n: NOTICES_LIMIT })}</div>}
      {issuing && <NoticeForm onClose={() => setIssuing(false)} />}
    </section>
  );
}

function NoticeFigures() {
  const { t } = useI18n();
  const { claims } = useSignedIn();
  const fig = useNoticeFigures(claims.u);
  const f = fig.status === 'ready' ? fig.data : null;
  const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
  return (
    <div className="detail-tags" data-testid="notice-figures">
      <Statistic title={t('notices.fig.issued')} value={f?.issued ?? 0} />
      <Statistic title={t('notices.fig.signedOnTime')} value={pct(onTimeRate(f?.signedOnTime ?? 0, f?.signed ?? 0))} />
      <Statistic title={t('notices.fig.answeredOnTime')} value={pct(onTimeRate(f?.answeredOnTime ?? 0, f?.answered ?? 0))} />
      <Statistic title={t('notices.fig.overdue')} value={(f?.signOverdue ?? 0) + (f?.feedbackOverdue ?? 0)} />
    </div>
  );
}

/** One notice: number, from/to, risk and measures, clocks, state, and the actions the caller may take. */
export function NoticeCard({ n }: { n: NoticeDoc }) {
  const { t, locale } = useI18n();
  const { claims } = useSignedIn();
  const { busy, error, run } = useAction();
  const [form, setForm] = useState<null | 'feedback' | 'return'>(null);
  const [text, setText] = useState('');
  const recipient = isNoticeRecipient(claims, n);
  const issuer = isNoticeIssuer(claims, n);
  const now = Date.now();
  const signLate = n.state === 'issued' && n.sign.dueAt.getTime() < now;
  const feedbackLate = (n.state === 'issued' || n.state === 'signed') && n.feedback.dueAt.getTime() < now;
  const act = (
    input: { action: 'sign' } | { action: 'feedback'; text: string } | { action: 'close' } | { action: 'return'; reason: string },
  ) =>
    run(
      () => call('noticeAction', { noticeId: n.id, ...input }),
      t('notices.done'),
      () => {
        setForm(null);
        setText('');
      },
    );
  return (
    <Card
      role="listitem"
      size="small"
      className="typical-card"
      data-testid="notice"
      data-notice-id={n.id}
      data-number={n.number}
      data-state={n.state}
      title={
        <span>
          <span className="notice-number" data-testid="notice-number">
            {n.number}
          </span>{' '}
          {recipient ? t('notices.from', { unit: n.issuer.unitName }) : t('notices.to', { name: n.recipient.name })}
        </span>
      }
      extra={
        <span>
          {n.supervised && <Tag color="red">{t('notices.supervised')}</Tag>}
          <Tag color={STATE_COLOUR[n.state]} data-testid="notice-state">
            {t(`notices.state.${n.state}` as MessageKey)}
          </Tag>
        </span>
      }
    >
      <Typography.Paragraph data-testid="notice-risk">
        <strong>{t('notices.form.risk')}：</strong>
        {n.risk}
      </Typography.Paragraph>
      <Typography.Paragraph>
        <strong>{t('notices.form.measures')}：</strong>
        {n.measures}
      </Typography.Paragraph>
      <Typography.Text type={signLate ? 'danger' : 'secondary'} data-testid="notice-sign-due">
        {n.signedAt
          ? t('notices.signedAt', { name: n.signedBy ?? '—', at: formatDateTime(n.signedAt, locale) })
          : t('notices.signDue', { at: formatDateTime(n.sign.dueAt, locale) })}
      </Typography.Text>
      {' · '}
      <Typography.Text type={feedbackLate ? 'danger' : 'secondary'} data-testid="notice-feedback-due">
        {t('notices.feedbackDue', { at: formatDateTime(n.feedback.dueAt, locale) })}
      </Typography.Text>
      {n.answer && (
        <Typography.Paragraph className="notice-answer" data-testid="notice-answer">
          <strong>{t('notices.answer')}：</strong>
          {n.answer}
          <span className="muted">
            {' '}
            {n.answeredBy ?? ''} {formatDateTime(n.answeredAt, locale)}
          </span>
        </Typography.Paragraph>
      )}
      {error && <Alert type="error" showIcon title={error} />}
      <div className="detail-tags">
        <Button size="small" href={hrefFor({ name: 'notice', id: n.id })} data-testid="notice-print">
          {t('notices.print')}
        </Button>
        {recipient && n.state === 'issued' && (
          <Button size="small" type="primary" loading={busy} onClick={() => act({ action: 'sign' })} data-testid="notice-sign">
            {t('notices.sign')}
          </Button>
        )}
        {recipient && (n.state === 'issued' || n.state === 'signed') && (
          <Button size="small" disabled={busy} onClick={() => setForm('feedback')} data-testid="notice-feedback">
            {t('notices.feedback')}
          </Button>
        )}
        {issuer && n.state === 'answered' && (
          <>
            <Button size="small" type="primary" loading={busy} onClick={() => act({ action: 'close' })} data-testid="notice-close">
              {t('notices.close')}
            </Button>
            <Button size="small" disabled={busy} onClick={() => setForm('return')} data-testid="notice-return">
              {t('notices.return')}
            </Button>
          </>
        )}
      </div>
      <Modal
        open={form !== null}
        title={form === 'return' ? t('notices.return') : t('notices.feedback')}
        onCancel={() => setForm(null)}
        onOk={() => (form === 'return' ? act({ action: 'return', reason: text }) : act({ action: 'feedback', text }))}
        okButtonProps={{ disabled: text.trim().length < 2, loading: busy, 'data-testid': 'notice-form-ok' } as ButtonProps}
      >
        <Input.TextArea
          aria-label={form === 'return' ? t('notices.returnReason') : t('notices.feedbackText')}
          placeholder={form === 'return' ? t('notices.returnReason') : t('notices.feedbackText')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          maxLength={form === 'return' ? 500 : 2000}
          rows={4}
          data-testid="notice-form-text"
        />
      </Modal>
    </Card>
  );
}

interface FormValues {
  recipient: string;
  risk: string;
  measures: string;
  limitDays?: number;
  signHours?: number;
  meetingId?: string;
}

/** The form to issue a notice (from a signal when `signal` is given). */
export function NoticeForm({
  onClose,
  signal,
  meeting,
}: {
  onClose: () => void;
  signal?: { id: string; summary: string };
  /** Issued from a 研判 (its meeting): the notice's source. */
  meeting?: { id: string; title: string };
}) {
  const { t } = useI18n();
  const { claims } = useSignedIn();
  const [form] = Form.useForm<FormValues>();
  const { busy, error, run } = useAction();
  const [requestId] = useState(newRequestId);
  const county = claims.u.length === 6;
  const towns = useRegionChildren(claims.c, county ? claims.c : null);
  const depts = useDepartments(claims.c);
  const policy = usePolicy(claims.c);
  const defaults = policy?.status === 'ready' ? policy.data?.notices : undefined;
  const options = [
    ...(county && towns?.status === 'ready'
      ? towns.data.map((r) => ({ value: `town:${r.id}`, label: `${t('notices.form.recipientTown')} · ${r.name}` }))
      : []),
    ...(depts?.status === 'ready'
      ? depts.data
          .filter((d) => (county ? true : d.townId === claims.u))
          .map((d) => ({ value: `department:${d.id}`, label: `${t('notices.form.recipientDept')} · ${d.name}` }))
      : []),
  ];
  const submit = (v: FormValues) => {
    const [kind, ...rest] = v.recipient.split(':');
    return run(
      () =>
        call('issueNotice', {
          requestId,
          recipient: { kind: kind as 'town' | 'department', id: rest.join(':') },
          risk: v.risk,
          measures: v.measures,
          ...(v.limitDays ? { limitDays: v.limitDays } : {}),
          ...(v.signHours ? { signHours: v.signHours } : {}),
          ...(signal
            ? { signalId: signal.id }
            : meeting
              ? { meetingId: meeting.id }
              : v.meetingId?.trim()
                ? { meetingId: v.meetingId.trim() }
                : {}),
        }),
      (res) => t('notices.issued', { number: res.number }),
      onClose,
    );
  };
  return (
    <Modal
      open
      title={t('notices.issue')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: busy, 'data-testid': 'notice-issue-ok' } as ButtonProps}
      destroyOnHidden
    >
      {signal && <Alert type="info" showIcon title={t('notices.form.fromSignal', { summary: signal.summary })} />}
      {meeting && (
        <Alert type="info" showIcon title={t('notices.form.fromMeeting', { title: meeting.title })} data-testid="notice-from-meeting" />
      )}
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ risk: signal?.summary ?? '' }}
        data-testid="notice-form"
      >
        <Form.Item name="recipient" label={t('notices.form.recipient')} rules={[{ required: true, message: t('notices.form.recipient') }]}>
          <Select options={options} showSearch optionFilterProp="label" data-testid="notice-recipient" />
        </Form.Item>
        <Form.Item name="risk" label={t('notices.form.risk')} rules={[{ required: true, min: 2, message: t('notices.form.risk') }]}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="notice-risk-input" />
        </Form.Item>
        <Form.Item
          name="measures"
          label={t('notices.form.measures')}
          rules={[{ required: true, min: 2, message: t('notices.form.measures') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} data-testid="notice-measures-input" />
        </Form.Item>
        <div className="detail-tags">
          <Form.Item name="limitDays" label={t('notices.form.limitDays')}>
            <InputNumber min={1} max={90} placeholder={String(defaults?.limitDays ?? 7)} data-testid="notice-limit" />
          </Form.Item>
          <Form.Item name="signHours" label={t('notices.form.signHours')}>
            <InputNumber min={1} max={168} placeholder={String(defaults?.signHours ?? 24)} data-testid="notice-sign-hours" />
          </Form.Item>
        </div>
        {!signal && !meeting && (
          <Form.Item name="meetingId" label={t('notices.form.meetingId')}>
            <Input maxLength={80} data-testid="notice-meeting" />
          </Form.Item>
        )}
      </Form>
      {error && <Alert type="error" showIcon title={error} data-testid="notice-issue-error" />}
    </Modal>
  );
}
