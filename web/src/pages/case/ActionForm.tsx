/**
 * The form of one case action, validated by the domain's own CaseCommand schema before it goes
 * to the `caseAction` callable with the version the user saw. Errors from the server (Chinese,
 * meant for users) are shown as they come.
 */
import {
  ASSIGNABLE_ROLES,
  type Action,
  type CaseDoc,
  CaseCommand,
  CASE_CLASSES,
  type Claims,
  ORIGIN_KINDS,
  OUTCOMES,
  REFERRALS,
  RESULTS_FOR,
  REVIEW_OUTCOMES,
  REVIEW_STAGES,
  SERVICES,
  SERVICE_RESULTS,
  nextReviewStage,
  SATISFACTION,
  TRANSITIONS,
  isSupervisionAssignee,
} from '@domain';
import { Alert, App as AntApp, Button, Checkbox, Form, Input, Radio, Select, Switch, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { call, callableFieldErrors, errorMessage } from '../../data/callables';
import { useDepartments, useEntityName, shownName } from '../../data/hooks';
import { StaffPicker } from '../../components/StaffPicker';
import { MediatorPicker } from '../../components/MediatorPicker';
import { type MessageKey, useI18n, useLabels } from '../../i18n';
import { issuesByField } from '../../i18n/zod';

type Values = Record<string, unknown>;

type Field =
  | { kind: 'text'; name: string; label: MessageKey; required?: boolean; multiline?: boolean; max: number; placeholder?: MessageKey }
  | {
      kind: 'choice';
      name: string;
      label: MessageKey;
      options: readonly string[];
      radio?: boolean;
      /** Labels from `{i18n}.{value}` (the legal chain's own choices). */
      i18n?: string;
      /** Options that depend on the case (e.g. the results a referrer takes). */
      optionsFor?: (c: CaseDoc) => readonly string[];
    }
  | { kind: 'department'; name: string; label: MessageKey; ofKind: string | { field: string } }
  | { kind: 'serviceReferral'; name: string; label: MessageKey }
  | { kind: 'switch'; name: string; label: MessageKey }
  | { kind: 'confirm'; name: string; label: MessageKey }
  | { kind: 'tags'; name: string; label: MessageKey }
  | { kind: 'date'; name: string; label: MessageKey }
  | { kind: 'departments'; name: string; label: MessageKey }
  | { kind: 'person'; name: string; label: MessageKey; hint: MessageKey; as: keyof typeof ASSIGNABLE_ROLES; nameField?: string }
  | { kind: 'assignments'; name: string; label: MessageKey }
  | { kind: 'supervision'; name: string; label: MessageKey }
  | { kind: 'mediator'; name: string; label: MessageKey; hint: MessageKey };

const note = (label: MessageKey = 'form.note'): Field => ({ kind: 'text', name: 'note', label, multiline: true, max: 500 });
const reason: Field = { kind: 'text', name: 'reason', label: 'form.reason', required: true, multiline: true, max: 500 };

/** The fields of each action (besides `action`); hidden values come from `defaultsFor`. */
export const ACTION_FIELDS: Record<Action, Field[]> = {
  accept: [note()],
  not_accept: [{ kind: 'choice', name: 'referral', label: 'form.referral', options: REFERRALS }, reason],
  mark_duplicate: [
    { kind: 'text', name: 'duplicateOf', label: 'form.duplicateOf', required: true, max: 60, placeholder: 'form.duplicateOfPlaceholder' },
    { kind: 'text', name: 'reason', label: 'form.reason', multiline: true, max: 500 },
  ],
  reclassify: [{ kind: 'choice', name: 'caseClass', label: 'form.caseClass', options: CASE_CLASSES, radio: true }, reason],
  assign_handler: [{ kind: 'person', name: 'handlerUid', label: 'form.handler', hint: 'form.handlerHint', as: 'handler' }],
  // A registry mediator or studio (mediatorId), or a mediator's account (mediatorUid): components/MediatorPicker.tsx.
  assign_mediator: [{ kind: 'mediator', name: 'mediatorId', label: 'form.mediator', hint: 'form.mediatorHint' }],
  dispatch: [
    { kind: 'departments', name: 'departmentIds', label: 'form.departments' },
    { kind: 'switch', name: 'emergency', label: 'form.emergency' },
    { kind: 'text', name: 'instructions', label: 'form.instructions', multiline: true, max: 1000 },
  ],
  check_in: [],
  department_feedback: [{ kind: 'text', name: 'feedback', label: 'form.feedback', required: true, multiline: true, max: 2000 }],
  record_mediation: [
    { kind: 'text', name: 'summary', label: 'form.summary', required: true, multiline: true, max: 2000 },
    { kind: 'switch', name: 'agreementReached', label: 'form.agreementReached' },
  ],
  assign_leader: [
    // The leader's name goes with the pick (leaderName, shown on the case).
    { kind: 'person', name: 'leaderUid', label: 'form.leader', hint: 'form.leaderHint', as: 'leader', nameField: 'leaderName' },
    { kind: 'tags', name: 'team', label: 'form.team' },
    { kind: 'text', name: 'plan', label: 'form.plan', required: true, multiline: true, max: 2000 },
    { kind: 'date', name: 'dueDate', label: 'form.dueDate' },
  ],
  leader_progress: [{ kind: 'text', name: 'progress', label: 'form.progress', required: true, multiline: true, max: 2000 }],
  resolve: [
    { kind: 'choice', name: 'outcome', label: 'form.outcome', options: OUTCOMES },
    { kind: 'text', name: 'note', label: 'form.resolveNote', required: true, multiline: true, max: 2000 },
  ],
  suspend: [reason],
  resume: [note()],
  escalate: [reason],
  take_over: [{ kind: 'text', name: 'reason', label: 'form.reason', multiline: true, max: 500 }],
  return: [reason],
  supervise: [reason],
  callback: [
    { kind: 'choice', name: 'satisfaction', label: 'form.satisfaction', options: SATISFACTION, radio: true },
    { kind: 'text', name: 'note', label: 'form.note', multiline: true, max: 1000 },
  ],
  close: [note()],
  reopen: [reason],
  instruct: [
    { kind: 'text', name: 'instruction', label: 'form.instruction', required: true, multiline: true, max: 2000 },
    { kind: 'assignments', name: 'assignments', label: 'form.assignments' },
  ],
  reply_supervision: [
    { kind: 'supervision', name: 'supervisionId', label: 'form.supervisionId' },
    { kind: 'text', name: 'reply', label: 'form.reply', required: true, multiline: true, max: 2000 },
    { kind: 'text', name: 'petitionerReply', label: 'form.petitionerReply', required: true, multiline: true, max: 2000 },
  ],
  recheck: [
    { kind: 'choice', name: 'result', label: 'form.recheckResult', options: ['stable', 'relapse'], radio: true },
    { kind: 'text', name: 'note', label: 'form.recheckNote', required: true, multiline: true, max: 1000 },
  ],
  extend_petition: [
    reason,
    { kind: 'text', name: 'approvedBy', label: 'form.approvedBy', required: true, max: 40 },
    { kind: 'confirm', name: 'petitionerNotified', label: 'form.petitionerNotified' },
  ],
  record_origin: [
    { kind: 'choice', name: 'kind', label: 'legal.form.kind', options: ORIGIN_KINDS, radio: true, i18n: 'legal.originKind' },
    { kind: 'department', name: 'departmentId', label: 'legal.form.department', ofKind: { field: 'kind' } },
    { kind: 'text', name: 'ref', label: 'legal.form.ref', required: true, max: 60 },
    { kind: 'date', name: 'referredOn', label: 'legal.form.referredOn' },
  ],
  report_back: [
    {
      kind: 'choice',
      name: 'result',
      label: 'legal.form.result',
      options: [],
      radio: true,
      i18n: 'legal.result',
      optionsFor: (c) => (c.origin ? RESULTS_FOR[c.origin.kind] : []),
    },
    { kind: 'text', name: 'note', label: 'form.note', required: true, multiline: true, max: 1000 },
    { kind: 'text', name: 'followUpRef', label: 'legal.form.followUpRef', max: 60 },
  ],
  send_to_court: [
    { kind: 'department', name: 'departmentId', label: 'legal.form.court', ofKind: 'court' },
    { kind: 'text', name: 'note', label: 'form.note', required: true, multiline: true, max: 1000 },
  ],
  request_review: [
    { kind: 'choice', name: 'stage', label: 'legal.form.stage', options: REVIEW_STAGES, radio: true, i18n: 'legal.stage' },
    { kind: 'text', name: 'body', label: 'legal.form.body', required: true, max: 60 },
    { kind: 'text', name: 'note', label: 'form.note', multiline: true, max: 1000 },
  ],
  decide_review: [
    {
      kind: 'choice',
      name: 'outcome',
      label: 'legal.form.reviewOutcome',
      options: REVIEW_OUTCOMES,
      radio: true,
      i18n: 'legal.reviewOutcome',
    },
    { kind: 'text', name: 'opinion', label: 'legal.form.opinion', required: true, multiline: true, max: 2000 },
  ],
  refer_service: [
    { kind: 'choice', name: 'service', label: 'legal.form.service', options: SERVICES, radio: true, i18n: 'legal.service' },
    { kind: 'text', name: 'note', label: 'form.note', required: true, multiline: true, max: 500 },
  ],
  record_service_result: [
    { kind: 'serviceReferral', name: 'referralId', label: 'legal.form.referral' },
    {
      kind: 'choice',
      name: 'result',
      label: 'legal.form.serviceResult',
      options: SERVICE_RESULTS,
      radio: true,
      i18n: 'legal.serviceResult',
    },
    { kind: 'text', name: 'note', label: 'form.note', required: true, multiline: true, max: 1000 },
  ],
};

/** Values the form starts with (and hidden ones: a department acts for its own department). */
function defaultsFor(action: Action, claims: Claims, uid: string, displayName: string | null, c: CaseDoc): Values {
  switch (action) {
    case 'check_in':
    case 'department_feedback':
      return { departmentId: claims.d ?? '' };
    case 'dispatch':
      return { departmentIds: [], emergency: false };
    case 'record_mediation':
      return { agreementReached: false };
    case 'assign_leader':
      return claims.r === 'leader' ? { leaderUid: uid, leaderName: displayName ?? '', team: [] } : { team: [] };
    case 'assign_handler':
      return { handlerUid: uid };
    case 'instruct':
      return { assignments: [{ unitId: '', dueDate: '' }] };
    case 'reply_supervision': {
      const mine = c.supervisions.find((s) => s.state === 'open' && isSupervisionAssignee(claims, s.assigneeUnit));
      return mine ? { supervisionId: mine.id } : {};
    }
    case 'record_origin':
      return { kind: c.source === 'police_alert' ? 'police' : c.petition ? 'petition' : 'court' };
    case 'request_review': {
      const stage = nextReviewStage(c.petitionReview);
      return stage === 'review' || stage === 'recheck' ? { stage } : {};
    }
    case 'record_service_result': {
      const open = (c.serviceReferrals ?? []).find((x) => x.state === 'open');
      return open ? { referralId: open.id } : {};
    }
    default:
      return {};
  }
}

/** The command as the schema sees it: blank optional text is left out. */
function toCommand(action: Action, values: Values): Values {
  const out: Values = { action };
  for (const [k, v] of Object.entries(values)) {
    if (typeof v === 'string' && v.trim() === '' && k !== 'departmentId') {
      if (k === 'leaderName') out[k] = null;
      continue;
    }
    out[k] = v;
  }
  return out;
}

export function ActionForm({
  action,
  c,
  claims,
  uid,
  displayName,
  onDone,
  onCancel,
  initial,
}: {
  action: Action;
  c: CaseDoc;
  claims: Claims;
  uid: string;
  displayName: string | null;
  onDone: () => void;
  onCancel: () => void /** Values to start with besides the defaults (e.g. the 督办件 replied to). */;
  initial?: Values;
}) {
  const { t, locale } = useI18n();
  const l = useLabels();
  const { message } = AntApp.useApp();
  const [values, setValues] = useState<Values>(() => ({ ...defaultsFor(action, claims, uid, displayName, c), ...initial }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const fields = ACTION_FIELDS[action];

  const set = (name: string, v: unknown) => {
    setValues((x) => ({ ...x, [name]: v }));
    setErrors((e) => {
      if (!(name in e)) return e;
      const { [name]: _drop, ...rest } = e;
      return rest;
    });
  };

  const submit = async () => {
    if (inFlight.current) return;
    setSubmitError(null);
    const parsed = CaseCommand.safeParse(toCommand(action, values));
    if (!parsed.success) {
      const byField = issuesByField(parsed.error.issues, locale);
      setErrors(byField);
      const known = new Set(fields.map((f) => f.name));
      const stray = Object.entries(byField).filter(([k]) => !known.has(k));
      setSubmitError(stray.length ? stray.map(([k, m]) => `${k}${t('fmt.colon')}${m}`).join(t('fmt.listSep')) : t('form.fixErrors'));
      return;
    }
    inFlight.current = true;
    setBusy(true);
    try {
      await call('caseAction', { caseId: c.id, expectedVersion: c.version, command: parsed.data });
      message.success(t('action.done', { action: l.action(action) }));
      onDone();
    } catch (e) {
      const f = callableFieldErrors(e);
      const mapped: Record<string, string> = {};
      for (const [k, m] of Object.entries(f)) mapped[k.replace(/^command\./, '').split('.')[0]!] = m;
      setErrors(mapped);
      setSubmitError(errorMessage(e, t));
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  return (
    <Form layout="vertical" onFinish={submit} disabled={busy} className="action-form" data-testid="action-form" data-action={action}>
      <Typography.Paragraph type="secondary" className="action-intro">
        {t('action.intro', { action: TRANSITIONS[action] ? l.action(action) : action, title: c.title })}
      </Typography.Paragraph>
      {fields.map((f) => (
        <FieldInput
          key={f.name}
          f={f}
          c={c}
          value={values[f.name]}
          values={values}
          error={errors[f.name]}
          onChange={(v) => set(f.name, v)}
          onChangeOther={(name, v) => set(name, v)}
        />
      ))}
      {submitError && <Alert type="error" showIcon title={submitError} className="submit-error" data-testid="action-error" role="alert" />}
      <div className="form-buttons">
        <Button onClick={onCancel} disabled={busy} data-testid="action-cancel">
          {t('form.cancel')}
        </Button>
        <Button
          type="primary"
          htmlType="submit"
          loading={busy}
          data-testid="action-submit"
          danger={action === 'not_accept' || action === 'supervise'}
        >
          {t('action.confirm', { action: l.action(action) })}
        </Button>
      </div>
    </Form>
  );
}

function FieldInput({
  f,
  c,
  value,
  values,
  error,
  onChange,
  onChangeOther,
}: {
  f: Field;
  c: CaseDoc;
  value: unknown;
  /** The whole form (a field that depends on another, e.g. the referrer's kind). */
  values: Values;
  error: string | undefined;
  onChange: (v: unknown) => void;
  /** Sets another field with this one (a picked person's name). */
  onChangeOther: (name: string, v: unknown) => void;
}) {
  const { t } = useI18n();
  const l = useLabels();
  const id = `action-field-${f.name}`;
  const status = error ? { validateStatus: 'error' as const, help: error } : {};
  const optionLabel = (name: string, v: string): string => {
    switch (name) {
      case 'referral':
        return l.referral(v as (typeof REFERRALS)[number]);
      case 'caseClass':
        return l.caseClass(v as (typeof CASE_CLASSES)[number]);
      case 'outcome':
        return l.outcome(v as (typeof OUTCOMES)[number]);
      case 'satisfaction':
        return l.satisfaction(v as (typeof SATISFACTION)[number]);
      case 'result':
        return t(v === 'stable' ? 'form.recheckStable' : 'form.recheckRelapse');
      default:
        return v;
    }
  };
  switch (f.kind) {
    case 'text':
      return (
        <Form.Item label={t(f.label)} required={!!f.required} htmlFor={id} {...status}>
          {f.multiline ? (
            <Input.TextArea
              id={id}
              data-testid={id}
              value={(value as string) ?? ''}
              maxLength={f.max}
              showCount
              autoSize={{ minRows: 2, maxRows: 8 }}
              onChange={(e) => onChange(e.target.value)}
            />
          ) : (
            <Input
              id={id}
              data-testid={id}
              value={(value as string) ?? ''}
              maxLength={f.max}
              placeholder={f.placeholder ? t(f.placeholder) : undefined}
              onChange={(e) => onChange(e.target.value)}
            />
          )}
        </Form.Item>
      );
    case 'choice': {
      // Straight from 待受理 only a grid worker resolves, with the on-the-spot outcomes.
      let options = f.optionsFor ? f.optionsFor(c) : f.options;
      if (f.name === 'outcome' && !f.i18n)
        options = c.state === 'reported' ? ['solved_on_spot', 'explained', 'withdrawn'] : OUTCOMES.filter((o) => o !== 'solved_on_spot');
      const opts = options.map((v) => ({ value: v, label: f.i18n ? t(`${f.i18n}.${v}` as MessageKey) : optionLabel(f.name, v) }));
      return (
        <Form.Item label={t(f.label)} required htmlFor={id} {...status}>
          {f.radio ? (
            <Radio.Group
              id={id}
              data-testid={id}
              value={value}
              onChange={(e) => onChange(e.target.value)}
              options={opts.map((o) => ({ ...o, label: <span data-testid={`${id}-${o.value}`}>{o.label}</span> }))}
            />
          ) : (
            <Select
              id={id}
              data-testid={id}
              value={value as string | undefined}
              placeholder={t('form.select')}
              onChange={onChange}
              options={opts}
              virtual={false}
              showSearch={{ optionFilterProp: 'label' }}
            />
          )}
        </Form.Item>
      );
    }
    case 'switch':
      return (
        <Form.Item label={t(f.label)} htmlFor={id} {...status}>
          <Switch
            id={id}
            data-testid={id}
            checked={!!value}
            onChange={onChange}
            checkedChildren={t('form.yes')}
            unCheckedChildren={t('form.no')}
          />
        </Form.Item>
      );
    case 'confirm':
      return (
        <Form.Item {...status}>
          <Checkbox id={id} data-testid={id} checked={value === true} onChange={(e) => onChange(e.target.checked ? true : undefined)}>
            {t(f.label)}
          </Checkbox>
        </Form.Item>
      );
    case 'tags':
      return (
        <Form.Item label={t(f.label)} htmlFor={id} extra={t('form.teamHint')} {...status}>
          <Select
            id={id}
            data-testid={id}
            mode="tags"
            value={(value as string[]) ?? []}
            onChange={onChange}
            open={false}
            suffixIcon={null}
            tokenSeparators={[',', '，', '、']}
          />
        </Form.Item>
      );
    case 'date':
      return (
        <Form.Item label={t(f.label)} required htmlFor={id} {...status}>
          <Input
            id={id}
            data-testid={id}
            type="date"
            value={(value as string) ?? ''}
            onChange={(e) => onChange(e.target.value || undefined)}
          />
        </Form.Item>
      );
    case 'person':
      return (
        <Form.Item label={t(f.label)} required htmlFor={id} extra={t(f.hint)} {...status}>
          <StaffPicker
            id={id}
            countyId={c.countyId}
            roles={ASSIGNABLE_ROLES[f.as]}
            value={value as string | undefined}
            onChange={(uid, person) => {
              onChange(uid);
              if (f.nameField) onChangeOther(f.nameField, person?.displayName ?? '');
            }}
          />
        </Form.Item>
      );
    case 'department': {
      const kind = typeof f.ofKind === 'string' ? f.ofKind : (values[f.ofKind.field] as string | undefined);
      return (
        <DepartmentField
          id={id}
          c={c}
          kind={kind ?? ''}
          value={value as string | undefined}
          onChange={onChange}
          status={status}
          label={t(f.label)}
        />
      );
    }
    case 'serviceReferral': {
      const open = (c.serviceReferrals ?? []).filter((x) => x.state === 'open');
      return (
        <Form.Item label={t(f.label)} required htmlFor={id} {...status}>
          <Select
            id={id}
            data-testid={id}
            value={value as string | undefined}
            onChange={onChange}
            options={open.map((x) => ({ value: x.id, label: `${t(`legal.service.${x.service}` as MessageKey)} · ${x.note.slice(0, 30)}` }))}
            virtual={false}
          />
        </Form.Item>
      );
    }
    case 'mediator':
      return (
        <Form.Item label={t(f.label)} required htmlFor={id} extra={t(f.hint)} {...status}>
          <MediatorPicker
            id={id}
            countyId={c.countyId}
            onChange={(v) => {
              onChange(v && 'mediatorId' in v ? v.mediatorId : '');
              onChangeOther('mediatorUid', v && 'mediatorUid' in v ? v.mediatorUid : '');
            }}
          />
        </Form.Item>
      );
    case 'departments':
      return <DepartmentsField id={id} c={c} value={(value as string[]) ?? []} onChange={onChange} status={status} label={t(f.label)} />;
    case 'assignments':
      return (
        <AssignmentsField id={id} c={c} value={(value as Assignment[]) ?? []} onChange={onChange} status={status} label={t(f.label)} />
      );
    case 'supervision': {
      const open = c.supervisions.filter((s) => s.state === 'open');
      return (
        <Form.Item label={t(f.label)} required htmlFor={id} {...status}>
          <Select
            id={id}
            data-testid={id}
            value={value as string | undefined}
            onChange={onChange}
            options={open.map((s) => ({ value: s.id, label: `${s.instruction.slice(0, 40)} · ${s.dueDate}` }))}
            virtual={false}
          />
        </Form.Item>
      );
    }
  }
}

type Assignment = { unitId: string; dueDate: string };

/** 批示交办: one or more units (the case's own chain or a department), each with a due date. */
function AssignmentsField({
  id,
  c,
  value,
  onChange,
  status,
  label,
}: {
  id: string;
  c: CaseDoc;
  value: Assignment[];
  onChange: (v: Assignment[]) => void;
  status: object;
  label: string;
}) {
  const { t } = useI18n();
  const list = useDepartments(c.countyId);
  const village = useEntityName('region', c.villageId);
  const town = useEntityName('region', c.townId);
  const county = useEntityName('region', c.countyId);
  const options = useMemo(
    () => [
      { value: c.villageId, label: shownName(village) },
      { value: c.townId, label: shownName(town) },
      { value: c.countyId, label: shownName(county) },
      ...(list?.status === 'ready' ? list.data.map((d) => ({ value: d.id, label: d.name })) : []),
    ],
    [c, village, town, county, list],
  );
  const set = (i: number, patch: Partial<Assignment>) => onChange(value.map((a, j) => (j === i ? { ...a, ...patch } : a)));
  return (
    <Form.Item label={label} required {...status}>
      <div className="assignments" id={id}>
        {value.map((a, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: items identified by position in a fixed, never reordered list
          <div className="assignment" key={i}>
            <Select
              aria-label={t('form.assignmentUnit', { n: i + 1 })}
              value={a.unitId || undefined}
              placeholder={t('form.assignmentUnit', { n: i + 1 })}
              onChange={(v) => set(i, { unitId: v })}
              options={options}
              showSearch={{ optionFilterProp: 'label' }}
              virtual={false}
            />
            <Input
              aria-label={t('form.assignmentDue', { n: i + 1 })}
              type="date"
              value={a.dueDate}
              onChange={(e) => set(i, { dueDate: e.target.value })}
            />
            {value.length > 1 && (
              <Button type="link" danger onClick={() => onChange(value.filter((_, j) => j !== i))}>
                {t('report.removeParty')}
              </Button>
            )}
          </div>
        ))}
        {value.length < 10 && (
          <Button size="small" onClick={() => onChange([...value, { unitId: '', dueDate: '' }])}>
            + {t('form.addAssignment')}
          </Button>
        )}
      </div>
    </Form.Item>
  );
}

/** One department of a kind (the referring court, police station or 信访 office; the court a case goes to). */
function DepartmentField({
  id,
  c,
  kind,
  value,
  onChange,
  status,
  label,
}: {
  id: string;
  c: CaseDoc;
  kind: string;
  value: string | undefined;
  onChange: (v: string) => void;
  status: object;
  label: string;
}) {
  const { t } = useI18n();
  const list = useDepartments(c.countyId);
  const options = useMemo(
    () => (list?.status === 'ready' ? list.data.filter((d) => d.kind === kind).map((d) => ({ value: d.id, label: d.name })) : []),
    [list, kind],
  );
  return (
    <Form.Item label={label} required htmlFor={id} {...status}>
      <Select
        id={id}
        data-testid={id}
        value={options.some((o) => o.value === value) ? value : undefined}
        onChange={onChange}
        options={options}
        loading={list?.status === 'loading'}
        placeholder={t('form.select')}
        showSearch={{ optionFilterProp: 'label' }}
        virtual={false}
      />
      {list?.status === 'error' && <div className="field-error">{t('form.loadError', { message: list.message })}</div>}
    </Form.Item>
  );
}

/** Departments of the case's town and of the county, not yet dispatched. */
function DepartmentsField({
  id,
  c,
  value,
  onChange,
  status,
  label,
}: {
  id: string;
  c: CaseDoc;
  value: string[];
  onChange: (v: string[]) => void;
  status: object;
  label: string;
}) {
  const { t } = useI18n();
  const list = useDepartments(c.countyId);
  const options = useMemo(() => {
    if (list?.status !== 'ready') return [];
    return list.data
      .filter((d) => (c.tier === 'county' || d.townId === null || d.townId === c.townId) && !c.departmentIds.includes(d.id))
      .map((d) => ({ value: d.id, label: d.name }));
  }, [list, c.tier, c.townId, c.departmentIds]);
  return (
    <Form.Item label={label} required htmlFor={id} {...status}>
      <Select
        id={id}
        data-testid={id}
        mode="multiple"
        value={value}
        onChange={onChange}
        options={options}
        loading={list?.status === 'loading'}
        placeholder={t('form.selectDepartments')}
        showSearch={{ optionFilterProp: 'label' }}
        virtual={false}
        maxCount={10}
      />
      {list?.status === 'error' && <div className="field-error">{t('form.loadError', { message: list.message })}</div>}
    </Form.Item>
  );
}
