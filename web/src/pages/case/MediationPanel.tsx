/**
 * 调解 on the case page: the registry mediator, the sessions (调解记录), the 人民调解协议书 (form,
 * print, .docx), its 司法确认 / 赋强公证 application clock and record, and the 履行 follow-up tasks.
 * Shown to those who read the case (the rules: the case's access lists); the forms to the handler,
 * a mediator of the case and the leader in charge (the callables check it again).
 */
import {
  type CaseDoc,
  type Claims,
  MEDIATION_RELATIONS,
  type MediationDoc,
  type PerformanceTask,
  RecordJudicialConfirmationInput,
  RecordMediationSessionInput,
  type RecordPerformanceInput,
  SESSION_OUTCOMES,
  SESSION_OUTCOME_ZH,
  SaveMediationAgreementInput,
  relationsOf,
} from '@domain';
import { Alert, App as AntApp, Button, Card, Empty, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { z } from 'zod';
import { call, callableFieldErrors, downloadFile, errorMessage } from '../../data/callables';
import { useDepartments } from '../../data/hooks';
import { useMediation, useMediationRegistry, useSessions } from '../../data/mediation-hooks';
import { formatDateTime, useI18n } from '../../i18n';
import { issuesByField } from '../../i18n/zod';
import { hrefFor } from '../../router';
import { topLevel } from '../admin/common';

type Form_ = 'session' | 'agreement' | 'judicial' | null;

export function MediationPanel({ c, claims, uid }: { c: CaseDoc; claims: Claims; uid: string }) {
  const { t, locale } = useI18n();
  const m = useMediation(c.id);
  const sessions = useSessions(c.id);
  const [open, setOpen] = useState<Form_>(null);
  const rel = relationsOf(claims, uid, c);
  const may = MEDIATION_RELATIONS.some((x) => rel.has(x));
  const med = m.status === 'ready' ? m.data : null;
  const list = sessions.status === 'ready' ? sessions.data : [];
  if (!may && !med && list.length === 0) return null;
  const a = med?.agreement ?? null;
  const acted = !!med?.judicialRecord || !!med?.tasks.some((x) => x.result !== null);
  return (
    <Card title={t('mediation.title')} className="detail-card" data-testid="case-mediation">
      {med?.mediatorName && (
        <p data-testid="mediation-mediator">
          {t('mediation.assigned')}
          {t('fmt.colon')}
          {med.mediatorName}
          {med.mediatorTitle ? ` · ${med.mediatorTitle}` : ''}
          {med.orgName ? ` · ${med.orgName}` : ''}
        </p>
      )}
      <Typography.Title level={5}>{t('mediation.sessions')}</Typography.Title>
      {list.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('mediation.noSessions')} />
      ) : (
        <ol className="mediation-sessions" data-testid="mediation-sessions">
          {list.map((s) => (
            <li key={s.id}>
              <strong>{formatDateTime(s.at, locale)}</strong> · {s.place} <Tag>{SESSION_OUTCOME_ZH[s.outcome]}</Tag>
              <div className="muted">
                {t('mediation.attendees')}
                {t('fmt.colon')}
                {s.attendees}
              </div>
              <div className="print-text">{s.summary}</div>
            </li>
          ))}
        </ol>
      )}
      {may && (
        <Space wrap className="mediation-buttons">
          <Button onClick={() => setOpen('session')} data-testid="mediation-session-new">
            {t('mediation.session.new')}
          </Button>
          {!acted && (
            <Button onClick={() => setOpen('agreement')} data-testid="mediation-agreement-open">
              {a ? t('mediation.agreement.edit') : t('mediation.agreement.new')}
            </Button>
          )}
        </Space>
      )}
      {a && med && <AgreementSummary c={c} m={med} may={may} onJudicial={() => setOpen('judicial')} />}
      <Modal
        open={open !== null}
        title={open ? t(`mediation.${open}.title` as const) : ''}
        footer={null}
        onCancel={() => setOpen(null)}
        destroyOnHidden
        width={640}
      >
        {open === 'session' && <SessionForm c={c} onDone={() => setOpen(null)} />}
        {open === 'agreement' && <AgreementForm c={c} m={med} onDone={() => setOpen(null)} />}
        {open === 'judicial' && med && <JudicialForm c={c} m={med} onDone={() => setOpen(null)} />}
      </Modal>
    </Card>
  );
}

function AgreementSummary({ c, m, may, onJudicial }: { c: CaseDoc; m: MediationDoc; may: boolean; onJudicial: () => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const a = m.agreement!;
  const j = m.judicial;
  const r = m.judicialRecord;
  const [busy, setBusy] = useState(false);
  const docx = async () => {
    setBusy(true);
    try {
      downloadFile(await call('exportMediationAgreement', { caseId: c.id }));
    } catch (e) {
      message.error(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  const clock = !j
    ? null
    : j.calendarGap
      ? t('mediation.judicial.gap')
      : t(`mediation.judicial.state.${j.state}` as const, { lastDay: j.lastDay ?? '' });
  return (
    <div className="mediation-agreement" data-testid="mediation-agreement">
      <Typography.Title level={5}>{t('mediation.agreement')}</Typography.Title>
      <p>
        {a.number} · {a.orgName} · {t('mediation.agreement.effective', { date: a.effectiveDate })}
      </p>
      <Space wrap>
        <Button href={hrefFor({ name: 'print', id: c.id, doc: 'agreement' })} data-testid="print-agreement">
          {t('mediation.agreement.print')}
        </Button>
        <Button onClick={docx} loading={busy} data-testid="agreement-docx">
          {t('mediation.agreement.docx')}
        </Button>
      </Space>
      <Typography.Title level={5}>{t('mediation.judicial')}</Typography.Title>
      <p data-testid="mediation-judicial" data-state={j?.state ?? ''}>
        <Tag color={j?.state === 'breached' ? 'red' : j?.state === 'met' ? 'green' : 'gold'}>{clock}</Tag>
        {r && (
          <span data-testid="mediation-judicial-record">
            {t(r.kind === 'judicial_confirmation' ? 'mediation.judicial.applied' : 'mediation.notary.applied', {
              body: r.bodyName,
              date: r.appliedOn,
            })}
            {r.ruling && ` · ${t(`mediation.judicial.ruling.${r.ruling}` as const, { date: r.ruledOn ?? '' })}`}
          </span>
        )}
      </p>
      {may && (
        <Button onClick={onJudicial} data-testid="mediation-judicial-open">
          {r ? t('mediation.judicial.update') : t('mediation.judicial.record')}
        </Button>
      )}
      <Typography.Title level={5}>{t('mediation.tasks')}</Typography.Title>
      <TaskTable c={c} m={m} may={may} />
    </div>
  );
}

function taskState(k: PerformanceTask, now: Date): 'performed' | 'not_performed' | 'overdue' | 'due' | 'pending' {
  if (k.result) return k.result;
  if (k.dueAt <= now) return 'overdue';
  if (k.openAt <= now) return 'due';
  return 'pending';
}

function TaskTable({ c, m, may }: { c: CaseDoc; m: MediationDoc; may: boolean }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [notPerformed, setNotPerformed] = useState<PerformanceTask | null>(null);
  const now = new Date();
  const record = async (input: z.input<typeof RecordPerformanceInput>) => {
    setBusy(input.taskId);
    try {
      const res = await call('recordPerformance', input);
      message.success(res.reopened ? t('mediation.task.reopened') : t('mediation.task.recorded'));
      setNotPerformed(null);
    } catch (e) {
      message.error(errorMessage(e, t));
    } finally {
      setBusy(null);
    }
  };
  const items = m.agreement?.items ?? [];
  return (
    <>
      <Table<PerformanceTask>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={m.tasks}
        data-testid="mediation-tasks"
        columns={[
          { key: 'item', title: t('mediation.task.item'), render: (_, k) => items[k.item]?.content ?? '' },
          { key: 'due', title: t('mediation.task.dueDate'), dataIndex: 'dueDate' },
          {
            key: 'state',
            title: t('mediation.task.state'),
            render: (_, k) => {
              const s = taskState(k, now);
              const color = { performed: 'green', not_performed: 'red', overdue: 'red', due: 'gold', pending: 'default' }[s];
              return (
                <Tag color={color} data-testid={`task-state-${k.id}`}>
                  {t(`mediation.task.${s}` as const)}
                  {k.followUp ? ` · ${t(`mediation.task.followUp.${k.followUp}` as const)}` : ''}
                </Tag>
              );
            },
          },
          {
            key: 'act',
            title: t('admin.actions'),
            render: (_, k) =>
              may && !k.result ? (
                <Space>
                  <Button
                    size="small"
                    loading={busy === k.id}
                    onClick={() => record({ caseId: c.id, taskId: k.id, performed: true })}
                    data-testid={`task-performed-${k.id}`}
                  >
                    {t('mediation.task.markPerformed')}
                  </Button>
                  <Button size="small" danger onClick={() => setNotPerformed(k)} data-testid={`task-not-performed-${k.id}`}>
                    {t('mediation.task.markNotPerformed')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      <Modal
        open={notPerformed !== null}
        title={t('mediation.task.notPerformedTitle')}
        footer={null}
        onCancel={() => setNotPerformed(null)}
        destroyOnHidden
      >
        {notPerformed && (
          <NotPerformedForm
            busy={busy === notPerformed.id}
            onSubmit={(followUp, note) => record({ caseId: c.id, taskId: notPerformed.id, performed: false, followUp, note })}
          />
        )}
      </Modal>
    </>
  );
}

function NotPerformedForm({ busy, onSubmit }: { busy: boolean; onSubmit: (f: 'reopen' | 'court', note: string) => void }) {
  const { t } = useI18n();
  const [f, setF] = useState<'reopen' | 'court'>('reopen');
  const [note, setNote] = useState('');
  return (
    <Form layout="vertical" onFinish={() => onSubmit(f, note)} data-testid="not-performed-form">
      <Form.Item label={t('mediation.task.followUp')}>
        <Radio.Group value={f} onChange={(e) => setF(e.target.value)}>
          <Radio value="reopen">{t('mediation.task.followUp.reopened')}</Radio>
          <Radio value="court">{t('mediation.task.followUp.court')}</Radio>
        </Radio.Group>
      </Form.Item>
      <Form.Item label={t('form.note')} htmlFor="np-note">
        <Input.TextArea id="np-note" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="not-performed-save">
        {t('mediation.submit')}
      </Button>
    </Form>
  );
}

/** Schema refusal by field, the call, the message, the error under the form (as the admin forms do). */
function useCallableForm<S extends z.ZodType>(
  schema: S,
  name: 'recordMediationSession' | 'saveMediationAgreement' | 'recordJudicialConfirmation',
  onDone: () => void,
) {
  const { t, locale } = useI18n();
  const { message } = AntApp.useApp();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const save = async (payload: z.input<S>) => {
    if (inFlight.current) return;
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      setErrors(issuesByField(parsed.error.issues, locale));
      setSubmitError(t('form.fixErrors'));
      return;
    }
    inFlight.current = true;
    setBusy(true);
    setSubmitError(null);
    try {
      await call(name, parsed.data as never);
      message.success(t('mediation.saved'));
      onDone();
    } catch (e) {
      setErrors(topLevel(callableFieldErrors(e)));
      setSubmitError(errorMessage(e, t));
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };
  const err = (k: string) => (errors[k] ? { validateStatus: 'error' as const, help: errors[k] } : {});
  const tail = (testId: string) => (
    <>
      {submitError && <Alert type="error" showIcon title={submitError} role="alert" className="submit-error" />}
      <div className="form-buttons">
        <Button onClick={onDone}>{t('form.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={busy} data-testid={testId}>
          {t('mediation.submit')}
        </Button>
      </div>
    </>
  );
  return { save, err, busy, tail };
}

/** A datetime-local value (Beijing time) → ISO with +08:00. */
const beijing = (v: string) => (v ? `${v}:00+08:00` : '');

function SessionForm({ c, onDone }: { c: CaseDoc; onDone: () => void }) {
  const { t } = useI18n();
  const [at, setAt] = useState('');
  const [place, setPlace] = useState('');
  const [attendees, setAttendees] = useState('');
  const [summary, setSummary] = useState('');
  const [outcome, setOutcome] = useState<(typeof SESSION_OUTCOMES)[number]>('continue');
  const { save, err, busy, tail } = useCallableForm(RecordMediationSessionInput, 'recordMediationSession', onDone);
  return (
    <Form
      layout="vertical"
      disabled={busy}
      data-testid="session-form"
      onFinish={() => save({ caseId: c.id, at: beijing(at), place, attendees, summary, outcome })}
    >
      <Form.Item label={t('mediation.session.at')} required htmlFor="session-at" {...err('at')}>
        <Input id="session-at" type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />
      </Form.Item>
      <Form.Item label={t('mediation.session.place')} required htmlFor="session-place" {...err('place')}>
        <Input id="session-place" value={place} maxLength={80} onChange={(e) => setPlace(e.target.value)} />
      </Form.Item>
      <Form.Item label={t('mediation.attendees')} required htmlFor="session-attendees" {...err('attendees')}>
        <Input id="session-attendees" value={attendees} maxLength={300} onChange={(e) => setAttendees(e.target.value)} />
      </Form.Item>
      <Form.Item label={t('mediation.session.summary')} required htmlFor="session-summary" {...err('summary')}>
        <Input.TextArea id="session-summary" rows={4} value={summary} maxLength={2000} onChange={(e) => setSummary(e.target.value)} />
      </Form.Item>
      <Form.Item label={t('mediation.session.outcome')} {...err('outcome')}>
        <Radio.Group value={outcome} onChange={(e) => setOutcome(e.target.value)} data-testid="session-outcome">
          {SESSION_OUTCOMES.map((o) => (
            <Radio key={o} value={o}>
              {SESSION_OUTCOME_ZH[o]}
            </Radio>
          ))}
        </Radio.Group>
      </Form.Item>
      {tail('session-save')}
    </Form>
  );
}

interface Item {
  content: string;
  method: string;
  dueDate: string;
}

function AgreementForm({ c, m, onDone }: { c: CaseDoc; m: MediationDoc | null; onDone: () => void }) {
  const { t } = useI18n();
  const reg = useMediationRegistry(c.countyId);
  const orgs = reg?.status === 'ready' ? reg.data.orgs.filter((o) => o.active) : [];
  const a = m?.agreement ?? null;
  const [orgId, setOrgId] = useState(a?.orgId ?? m?.orgId ?? '');
  const [number, setNumber] = useState(a?.number ?? '');
  const [facts, setFacts] = useState(a?.facts ?? '');
  const [items, setItems] = useState<Item[]>(a?.items ?? [{ content: '', method: '', dueDate: '' }]);
  const [effectiveDate, setEffectiveDate] = useState(a?.effectiveDate ?? '');
  const { save, err, busy, tail } = useCallableForm(SaveMediationAgreementInput, 'saveMediationAgreement', onDone);
  const setItem = (i: number, k: keyof Item, v: string) => setItems((xs) => xs.map((x, j) => (j === i ? { ...x, [k]: v } : x)));
  return (
    <Form
      layout="vertical"
      disabled={busy}
      data-testid="agreement-form"
      onFinish={() => save({ caseId: c.id, orgId, number, facts, items, effectiveDate })}
    >
      <Form.Item label={t('mediation.agreement.org')} required htmlFor="agreement-org" {...err('orgId')}>
        <Select<string>
          id="agreement-org"
          data-testid="agreement-org"
          value={orgId || undefined}
          onChange={setOrgId}
          options={orgs.map((o) => ({ value: o.id, label: o.name }))}
          showSearch={{ optionFilterProp: 'label' }}
          loading={reg?.status === 'loading'}
          virtual={false}
        />
      </Form.Item>
      <Form.Item label={t('mediation.agreement.number')} required htmlFor="agreement-number" {...err('number')}>
        <Input
          id="agreement-number"
          value={number}
          maxLength={40}
          placeholder="岷调协〔2026〕1号"
          onChange={(e) => setNumber(e.target.value)}
        />
      </Form.Item>
      <Form.Item label={t('mediation.agreement.facts')} required htmlFor="agreement-facts" {...err('facts')}>
        <Input.TextArea id="agreement-facts" rows={4} value={facts} maxLength={3000} onChange={(e) => setFacts(e.target.value)} />
      </Form.Item>
      <Form.Item label={t('mediation.agreement.items')} required {...err('items')}>
        {items.map((it, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: items are edited in place, by position
          <div key={i} className="agreement-item-row" data-testid={`agreement-item-${i}`}>
            <Input
              aria-label={t('mediation.agreement.itemContent')}
              placeholder={t('mediation.agreement.itemContent')}
              value={it.content}
              maxLength={500}
              onChange={(e) => setItem(i, 'content', e.target.value)}
            />
            <Input
              aria-label={t('mediation.agreement.itemMethod')}
              placeholder={t('mediation.agreement.itemMethod')}
              value={it.method}
              maxLength={200}
              onChange={(e) => setItem(i, 'method', e.target.value)}
            />
            <Input
              aria-label={t('mediation.agreement.itemDue')}
              type="date"
              value={it.dueDate}
              onChange={(e) => setItem(i, 'dueDate', e.target.value)}
            />
            {items.length > 1 && (
              <Button size="small" onClick={() => setItems((xs) => xs.filter((_, j) => j !== i))}>
                {t('mediation.agreement.removeItem')}
              </Button>
            )}
          </div>
        ))}
        <Button
          size="small"
          onClick={() => setItems((xs) => [...xs, { content: '', method: '', dueDate: '' }])}
          data-testid="agreement-add-item"
        >
          {t('mediation.agreement.addItem')}
        </Button>
      </Form.Item>
      <Form.Item
        label={t('mediation.agreement.effectiveDate')}
        required
        htmlFor="agreement-effective"
        extra={t('mediation.agreement.effectiveHint')}
        {...err('effectiveDate')}
      >
        <Input id="agreement-effective" type="date" value={effectiveDate} onChange={(e) => setEffectiveDate(e.target.value)} />
      </Form.Item>
      {tail('agreement-save')}
    </Form>
  );
}

function JudicialForm({ c, m, onDone }: { c: CaseDoc; m: MediationDoc; onDone: () => void }) {
  const { t } = useI18n();
  const depts = useDepartments(c.countyId);
  const courts = depts?.status === 'ready' ? depts.data.filter((d) => d.kind === 'court') : [];
  const r = m.judicialRecord;
  const [kind, setKind] = useState<'judicial_confirmation' | 'notarization'>(r?.kind ?? 'judicial_confirmation');
  const [courtId, setCourtId] = useState<string | null>(r?.courtId ?? null);
  const [notaryName, setNotaryName] = useState(r?.kind === 'notarization' ? r.bodyName : '');
  const [appliedOn, setAppliedOn] = useState(r?.appliedOn ?? '');
  const [ruling, setRuling] = useState<'confirmed' | 'refused' | null>(r?.ruling ?? null);
  const [ruledOn, setRuledOn] = useState(r?.ruledOn ?? '');
  const { save, err, busy, tail } = useCallableForm(RecordJudicialConfirmationInput, 'recordJudicialConfirmation', onDone);
  return (
    <Form
      layout="vertical"
      disabled={busy}
      data-testid="judicial-form"
      onFinish={() =>
        save({
          caseId: c.id,
          kind,
          courtId: kind === 'judicial_confirmation' ? courtId : null,
          notaryName: kind === 'notarization' ? notaryName : null,
          appliedOn,
          ruling,
          ruledOn: ruling ? ruledOn || null : null,
        })
      }
    >
      <Form.Item label={t('mediation.judicial.kind')}>
        <Radio.Group value={kind} onChange={(e) => setKind(e.target.value)}>
          <Radio value="judicial_confirmation">{t('mediation.judicial.kind.judicial_confirmation')}</Radio>
          <Radio value="notarization">{t('mediation.judicial.kind.notarization')}</Radio>
        </Radio.Group>
      </Form.Item>
      {kind === 'judicial_confirmation' ? (
        <Form.Item label={t('mediation.judicial.court')} required htmlFor="judicial-court" {...err('courtId')}>
          <Select<string>
            id="judicial-court"
            data-testid="judicial-court"
            value={courtId ?? undefined}
            onChange={setCourtId}
            options={courts.map((d) => ({ value: d.id, label: d.name }))}
            showSearch={{ optionFilterProp: 'label' }}
            virtual={false}
          />
        </Form.Item>
      ) : (
        <Form.Item label={t('mediation.judicial.notary')} required htmlFor="judicial-notary" {...err('notaryName')}>
          <Input id="judicial-notary" value={notaryName} maxLength={60} onChange={(e) => setNotaryName(e.target.value)} />
        </Form.Item>
      )}
      <Form.Item
        label={t('mediation.judicial.appliedOn')}
        required
        htmlFor="judicial-applied"
        extra={m.judicial?.lastDay ? t('mediation.judicial.lastDayHint', { date: m.judicial.lastDay }) : undefined}
        {...err('appliedOn')}
      >
        <Input id="judicial-applied" type="date" value={appliedOn} onChange={(e) => setAppliedOn(e.target.value)} />
      </Form.Item>
      <Form.Item label={t('mediation.judicial.ruling')} {...err('ruling')}>
        <Radio.Group value={ruling ?? 'none'} onChange={(e) => setRuling(e.target.value === 'none' ? null : e.target.value)}>
          <Radio value="none">{t('mediation.judicial.ruling.none')}</Radio>
          <Radio value="confirmed">{t('mediation.judicial.ruling.confirmedLabel')}</Radio>
          <Radio value="refused">{t('mediation.judicial.ruling.refusedLabel')}</Radio>
        </Radio.Group>
      </Form.Item>
      {ruling && (
        <Form.Item label={t('mediation.judicial.ruledOn')} required htmlFor="judicial-ruled" {...err('ruledOn')}>
          <Input id="judicial-ruled" type="date" value={ruledOn} onChange={(e) => setRuledOn(e.target.value)} />
        </Form.Item>
      )}
      {tail('judicial-save')}
    </Form>
  );
}
