/**
 * 我的诉求: a resident's own requests (requests/{caseId}: no internal notes, no other parties),
 * live, with each step; once resolved, the resident rates the result (回访评价).
 *
 * Opened from a receipt's QR code (一案一码, `#/my?case={id}`) for a case not in the list yet (a
 * walk-in: the petitioner had no account), the page asks the server to link it (`trackCase`: the
 * signed-in phone number must be an applicant's on the case); once linked, the live list has it.
 */
import { type CaseState, CaseCommand, type Category, type Outcome, type ResidentRequestDoc, SATISFACTION, type Tier } from '@domain';
import { Alert, App as AntApp, Button, Card, Empty, Form, Input, Radio, Skeleton, Steps, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useSignedIn } from '../auth/session';
import { StateTag } from '../components/CaseTags';
import { call, errorMessage, loadErrorText } from '../data/callables';
import { useMyRequests } from '../data/hooks';
import { formatDateTime, useI18n, useLabels } from '../i18n';
import { issuesByField } from '../i18n/zod';
import { hrefFor } from '../router';

type Satisfaction = (typeof SATISFACTION)[number];

export default function ResidentPage({ focus }: { focus?: string }) {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const list = useMyRequests(user.uid);
  // Opened from a receipt's QR code (一案一码): that case first, or why it is not here.
  const linked = focus && list.status === 'ready' ? list.data.find((r) => r.caseId === focus) : undefined;
  const track = useTrackCase(focus, list.status === 'ready' && !linked);
  return (
    <div className="page page-narrow" data-testid="my-requests" data-state={list.status}>
      <div className="page-head">
        <div className="page-head-text">
          <Typography.Title level={3} className="page-title">
            {t('my.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('my.subtitle')}</Typography.Text>
        </div>
        <Button type="primary" href={hrefFor({ name: 'myNew' })} data-testid="my-new">
          {t('my.new')}
        </Button>
      </div>
      {list.status === 'error' && <Alert type="error" showIcon title={loadErrorText(list, t)} />}
      {list.status === 'loading' && <Skeleton active paragraph={{ rows: 4 }} />}
      {list.status === 'ready' && list.data.length === 0 && (
        <Card>
          <Empty description={t('my.empty')} data-testid="my-empty" />
        </Card>
      )}
      {focus && list.status === 'ready' && !linked && track.status === 'linking' && (
        <Alert type="info" showIcon title={t('track.linking', { id: focus })} data-testid="my-linking" />
      )}
      {focus && list.status === 'ready' && !linked && track.status === 'refused' && (
        <Alert type="warning" showIcon title={track.message} data-testid="my-not-linked" role="alert" />
      )}
      {linked && <RequestCard key={`focus-${linked.caseId}`} r={linked} focused />}
      {list.status === 'ready' && list.data.filter((r) => r !== linked).map((r) => <RequestCard key={r.caseId} r={r} />)}
    </div>
  );
}

type TrackState = { status: 'idle' | 'linking' | 'linked' } | { status: 'refused'; message: string };

/**
 * Links the focused case to the signed-in resident once (`trackCase`), when it is not in their
 * list. The refusal is the server's: the same words for "no such case" and "not your number".
 */
function useTrackCase(caseId: string | undefined, needed: boolean): TrackState {
  const { t } = useI18n();
  const [state, setState] = useState<{ caseId: string; s: TrackState } | null>(null);
  const asked = useRef<string | null>(null);
  useEffect(() => {
    if (!caseId || !needed || asked.current === caseId) return;
    asked.current = caseId;
    setState({ caseId, s: { status: 'linking' } });
    call('trackCase', { caseId }).then(
      // The live list brings the case in a moment later.
      () => setState({ caseId, s: { status: 'linked' } }),
      (e: unknown) => setState({ caseId, s: { status: 'refused', message: errorMessage(e, t) } }),
    );
  }, [caseId, needed, t]);
  return state && state.caseId === caseId ? state.s : { status: needed ? 'linking' : 'idle' };
}

function RequestCard({ r, focused = false }: { r: ResidentRequestDoc; focused?: boolean }) {
  const { t, locale } = useI18n();
  const l = useLabels();
  const state = r.state as CaseState;
  const current = r.steps.length - 1;
  return (
    <Card
      className={focused ? 'request-card request-card-focused' : 'request-card'}
      data-focused={focused ? 'yes' : 'no'}
      data-testid="request-card"
      data-case-id={r.caseId}
      data-state={r.state}
      data-version={r.version}
    >
      <div className="request-head">
        <Typography.Title level={5} className="request-title">
          {r.title}
        </Typography.Title>
        <StateTag value={state} data-testid="request-state" />
      </div>
      <div className="request-meta muted">
        <span>{l.category(r.category as Category)}</span>
        <span>{t('my.handledBy', { tier: l.tier(r.tier as Tier) })}</span>
        <span>{t('my.submittedAt', { time: formatDateTime(r.createdAt, locale) })}</span>
        <span className="mono">{r.caseId}</span>
      </div>
      <Steps
        direction="vertical"
        size="small"
        current={current}
        className="request-steps"
        items={r.steps.map((s) => ({
          title: l.action(s.action),
          description: `${formatDateTime(s.at, locale)} · ${t('fmt.stateTier', { state: l.state(s.state as CaseState), tier: l.tier(s.tier as Tier) })}`,
        }))}
      />
      {r.outcome && (
        <p>
          {t('detail.outcome')}
          {t('fmt.colon')}
          <strong data-testid="request-outcome">{l.outcome(r.outcome as Outcome)}</strong>
        </p>
      )}
      {r.resolutionNote && (
        <div className="request-note" data-testid="request-resolution-note">
          <Typography.Text strong>{t('find.my.resolutionNote')}</Typography.Text>
          <Typography.Paragraph className="request-note-text">{r.resolutionNote}</Typography.Paragraph>
        </div>
      )}
      {r.satisfaction ? (
        <p data-testid="request-satisfaction" data-satisfaction={r.satisfaction}>
          {t('my.rated')}
          {t('fmt.colon')}
          <Tag color={r.satisfaction === 'unsatisfied' ? 'red' : 'green'}>{l.satisfaction(r.satisfaction as Satisfaction)}</Tag>
        </p>
      ) : (
        r.state === 'resolved' && <RateForm r={r} />
      )}
    </Card>
  );
}

function RateForm({ r }: { r: ResidentRequestDoc }) {
  const { t, locale } = useI18n();
  const l = useLabels();
  const { message } = AntApp.useApp();
  const [satisfaction, setSatisfaction] = useState<Satisfaction | undefined>();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const submit = async () => {
    if (inFlight.current) return;
    const parsed = CaseCommand.safeParse({ action: 'callback', satisfaction, ...(note.trim() ? { note } : {}) });
    if (!parsed.success) {
      const f = issuesByField(parsed.error.issues, locale);
      setError(f.satisfaction ? t('my.pickSatisfaction') : Object.values(f)[0]!);
      return;
    }
    inFlight.current = true;
    setBusy(true);
    setError(null);
    try {
      await call('caseAction', { caseId: r.caseId, expectedVersion: r.version, command: parsed.data });
      message.success(t('my.thanks'));
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };
  return (
    <Form layout="vertical" onFinish={submit} disabled={busy} className="rate-form" data-testid="rate-form">
      <Form.Item label={t('my.rateLabel')} required>
        <Radio.Group
          value={satisfaction}
          onChange={(e) => setSatisfaction(e.target.value as Satisfaction)}
          optionType="button"
          options={SATISFACTION.map((s) => ({ value: s, label: <span data-testid={`rate-${s}`}>{l.satisfaction(s)}</span> }))}
        />
      </Form.Item>
      <Form.Item label={t('my.rateNote')} htmlFor="rate-note">
        <Input.TextArea
          id="rate-note"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={1000}
          autoSize={{ minRows: 2, maxRows: 5 }}
        />
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} role="alert" data-testid="rate-error" className="submit-error" />}
      <Button type="primary" htmlType="submit" loading={busy} data-testid="rate-submit">
        {t('my.rateSubmit')}
      </Button>
    </Form>
  );
}
