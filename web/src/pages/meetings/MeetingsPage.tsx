/**
 * 研判 · 会议 (issue 15): a town's or the county's meetings — 专题/随时/会商研判, 综治例会,
 * 联席会议 — newest first, each with its participants (name · title · unit, never an account ID),
 * the agenda the server drafted (counts, signals, overdue and red cases by number and masked title),
 * minutes, attendance and decisions; a form for a new meeting (participants from the staff directory
 * and the departments) and one to close it (minutes, attendance, decisions → tasks with an owner and
 * a limit). The tasks tab lists the tasks the unit issued, oversees or owns, with their clocks and a
 * reply form for the owner. Village staff see only their tasks.
 */
import { type Claims, type MeetingDoc, type MeetingKind, type SignalKind, kindFitsLevel, localDate, meetingLevelOf } from '@domain';
import { Alert, App as AntApp, Button, Card, Checkbox, Empty, Input, Segmented, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSignedIn } from '../../auth/session';
import { StaffMultiPicker } from '../../components/StaffPicker';
import { call, downloadFile, errorMessage, loadErrorText } from '../../data/callables';
import { useDepartments, useRegionChildren } from '../../data/hooks';
import { holdsMeetings, useMeetings } from '../../data/meeting-hooks';
import { useSignals } from '../../data/signal-hooks';
import { type MessageKey, formatDateTime, useI18n } from '../../i18n';
import { hrefFor, navigate } from '../../router';
import { NoticeForm } from '../notices/NoticesPanel';
import { TasksView } from './TasksView';

const KINDS: MeetingKind[] = ['topical', 'urgent', 'consultation', 'town_weekly', 'joint'];
const newRequestId = () => `mt-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

type Tab = 'meetings' | 'tasks';

/** `signal`: a signal to take into a new 研判 (from the signals page): the new-meeting form opens with it picked. */
export default function MeetingsPage({ signal }: { signal?: string } = {}) {
  const { t } = useI18n();
  const { claims } = useSignedIn();
  const holds = holdsMeetings(claims);
  const [tab, setTab] = useState<Tab>(holds ? 'meetings' : 'tasks');
  return (
    <div className="page page-wide" data-testid="meetings">
      <div className="page-head">
        <div className="page-head-text">
          <Typography.Title level={3} className="page-title">
            {t('mt.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('mt.subtitle')}</Typography.Text>
        </div>
      </div>
      {holds && (
        <Segmented<Tab>
          value={tab}
          onChange={setTab}
          data-testid="mt-tabs"
          options={[
            { value: 'meetings', label: <span data-testid="mt-tab-meetings">{t('mt.tab.meetings')}</span> },
            { value: 'tasks', label: <span data-testid="mt-tab-tasks">{t('mt.tab.tasks')}</span> },
          ]}
        />
      )}
      {tab === 'meetings' && holds ? <MeetingsView claims={claims} signal={signal} /> : <TasksView claims={claims} />}
    </div>
  );
}

function MeetingsView({ claims, signal }: { claims: Claims; signal?: string }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const list = useMeetings(claims);
  const [editing, setEditing] = useState<MeetingDoc | 'new' | null>(signal ? 'new' : null);
  const [exporting, setExporting] = useState(false);
  const all = list?.status === 'ready' ? list.data : [];
  const doExport = async () => {
    setExporting(true);
    try {
      const f = await call('exportMeetings', { year: Number(localDate(new Date()).slice(0, 4)) });
      downloadFile(f);
      message.success(t('mt.exported', { n: f.rows }));
    } catch (e) {
      message.error(errorMessage(e, t));
    } finally {
      setExporting(false);
    }
  };
  return (
    <>
      <div className="detail-tags">
        <Button type="primary" onClick={() => setEditing('new')} disabled={editing !== null} data-testid="mt-new">
          {t('mt.new')}
        </Button>
        <Button onClick={doExport} loading={exporting} data-testid="mt-export">
          {t('mt.export')}
        </Button>
      </div>
      {editing && (
        <MeetingForm
          claims={claims}
          meeting={editing === 'new' ? null : editing}
          signal={editing === 'new' ? signal : undefined}
          onDone={() => {
            setEditing(null);
            // Done with the signal the signals page sent: a reload does not reopen the form.
            if (signal) navigate({ name: 'meetings' }, { replace: true });
          }}
        />
      )}
      {list?.status === 'error' && <Alert type="error" showIcon title={loadErrorText(list, t)} />}
      <div role="list" aria-busy={list?.status === 'loading'} data-testid="mt-list" data-state={list?.status ?? 'loading'}>
        {list?.status === 'loading' && <Skeleton active paragraph={{ rows: 4 }} />}
        {list?.status === 'ready' && all.length === 0 && <Empty description={t('mt.none')} />}
        {all.map((m) => (
          <MeetingCard key={m.id} m={m} claims={claims} onEdit={() => setEditing(m)} editing={editing !== null} />
        ))}
      </div>
    </>
  );
}

function MeetingForm({
  claims,
  meeting,
  signal,
  onDone,
}: {
  claims: Claims;
  meeting: MeetingDoc | null;
  signal?: string;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const level = meetingLevelOf(claims)!;
  const depts = useDepartments(claims.c);
  const [kind, setKind] = useState<MeetingKind>(meeting?.kind ?? (level === 'town' ? 'town_weekly' : 'topical'));
  const [title, setTitle] = useState(meeting?.title ?? '');
  const [date, setDate] = useState(meeting?.date ?? localDate(new Date()));
  const [staff, setStaff] = useState<string[]>(meeting?.participants.filter((p) => p.kind === 'staff').map((p) => p.id) ?? []);
  const [deptIds, setDeptIds] = useState<string[]>(meeting?.participants.filter((p) => p.kind === 'department').map((p) => p.id) ?? []);
  const [signalIds, setSignalIds] = useState<string[]>(signal ? [signal] : []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [requestId] = useState(newRequestId);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await call('saveMeeting', {
        requestId,
        ...(meeting ? { meetingId: meeting.id, version: meeting.version } : {}),
        kind,
        title,
        date,
        participants: [
          ...staff.map((id) => ({ kind: 'staff' as const, id })),
          ...deptIds.map((id) => ({ kind: 'department' as const, id })),
        ],
        signalIds,
      });
      message.success(t('mt.saved'));
      onDone();
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" className="typical-card" data-testid="mt-form" title={meeting ? t('mt.edit') : t('mt.new')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <div>
          {t('mt.kind')}
          <Select<MeetingKind>
            value={kind}
            onChange={setKind}
            style={{ width: '100%' }}
            data-testid="mt-kind"
            aria-label={t('mt.kind')}
            options={KINDS.filter((k) => kindFitsLevel(k, level)).map((k) => ({ value: k, label: t(`mt.kind.${k}` as MessageKey) }))}
          />
        </div>
        <div>
          {t('mt.name')}
          <Input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={60} data-testid="mt-title" aria-label={t('mt.name')} />
        </div>
        <div>
          {t('mt.date')}
          <Input type="date" value={date} onChange={(e) => setDate(e.target.value)} data-testid="mt-date" aria-label={t('mt.date')} />
        </div>
        <div>
          {t('mt.staff')}
          <StaffMultiPicker
            countyId={claims.c}
            value={staff}
            onChange={(uids) => setStaff(uids)}
            named={meeting?.participants.filter((p) => p.kind === 'staff').map((p) => ({ uid: p.id, name: p.name }))}
            data-testid="mt-staff"
            aria-label={t('mt.staff')}
          />
        </div>
        <div>
          {t('mt.depts')}
          <Select<string[]>
            mode="multiple"
            value={deptIds}
            onChange={setDeptIds}
            style={{ width: '100%' }}
            data-testid="mt-depts"
            aria-label={t('mt.depts')}
            loading={depts?.status === 'loading'}
            showSearch={{ optionFilterProp: 'label' }}
            options={(depts?.status === 'ready' ? depts.data : []).map((d) => ({ value: d.id, label: d.name }))}
          />
        </div>
        <SignalPicker claims={claims} meeting={meeting} value={signalIds} onChange={setSignalIds} />
        {error && <Alert type="error" showIcon title={error} data-testid="mt-form-error" />}
        <Space>
          <Button type="primary" loading={busy} disabled={!title.trim()} onClick={save} data-testid="mt-save">
            {t('mt.save')}
          </Button>
          <Button onClick={onDone} disabled={busy}>
            {t('mt.cancel')}
          </Button>
        </Space>
      </Space>
    </Card>
  );
}

/**
 * The open signals of one's unit (待处置: open or acknowledged) to take into the 研判, by kind and
 * summary (a signal's summary holds no personal data); those already in the meeting are listed.
 */
function SignalPicker({
  claims,
  meeting,
  value,
  onChange,
}: {
  claims: Claims;
  meeting: MeetingDoc | null;
  value: string[];
  onChange: (ids: string[]) => void;
}) {
  const { t } = useI18n();
  const signals = useSignals(claims.u);
  const label = (kind: SignalKind, summary: string) => `${t(`signals.kind.${kind}` as MessageKey)}：${summary}`;
  const open = (signals.status === 'ready' ? signals.data : []).filter(
    (s) => (s.state === 'open' || s.state === 'acknowledged') && !meeting?.signalIds.includes(s.id),
  );
  const taken = meeting ? meeting.agenda.items.filter((i) => i.kind === 'signal' && meeting.signalIds.includes(i.ref)) : [];
  return (
    <div data-testid="mt-signals">
      {t('mt.pick.signals')}
      {taken.length > 0 && (
        <Typography.Paragraph type="secondary" data-testid="mt-signals-taken">
          {t('mt.pick.taken', { list: taken.map((i) => `${i.no}：${i.text}`).join('；') })}
        </Typography.Paragraph>
      )}
      <Select<string[]>
        mode="multiple"
        value={value}
        onChange={onChange}
        style={{ width: '100%' }}
        data-testid="mt-signal-pick"
        aria-label={t('mt.pick.signals')}
        placeholder={t('mt.pick.placeholder')}
        loading={signals.status === 'loading'}
        notFoundContent={signals.status === 'ready' ? t('mt.pick.none') : undefined}
        showSearch={{ optionFilterProp: 'label' }}
        options={open.map((s) => ({ value: s.id, label: label(s.kind, s.summary) }))}
        optionRender={(o) => <span data-signal-id={o.value}>{o.label}</span>}
        virtual={false}
      />
      <Typography.Text type="secondary">{t('mt.pick.note')}</Typography.Text>
    </div>
  );
}

function MeetingCard({ m, claims, onEdit, editing }: { m: MeetingDoc; claims: Claims; onEdit: () => void; editing: boolean }) {
  const { t, locale } = useI18n();
  const [closing, setClosing] = useState(false);
  const [noticing, setNoticing] = useState(false);
  const own = m.unitId === claims.u && m.state === 'draft';
  const regular = m.kind === 'town_weekly' || m.kind === 'joint';
  return (
    <Card
      role="listitem"
      size="small"
      className="typical-card"
      data-testid="meeting"
      data-meeting-id={m.id}
      data-state={m.state}
      data-title={m.title}
      title={
        <span>
          <Tag color="purple">{t(`mt.kind.${m.kind}` as MessageKey)}</Tag>
          {m.title} <span className="muted">{m.date}</span>
        </span>
      }
      extra={<Tag color={m.state === 'draft' ? 'blue' : 'default'}>{t(`mt.state.${m.state}` as MessageKey)}</Tag>}
    >
      <Typography.Paragraph data-testid="meeting-participants">
        {t('mt.participants', {
          list:
            m.participants
              .map(
                (p) =>
                  [p.name, p.title, p.kind === 'staff' ? p.unitName : null].filter(Boolean).join(' · ') +
                  (regular && p.present !== null ? `（${p.present ? t('mt.present') : t('mt.absent')}）` : ''),
              )
              .join('；') || '—',
        })}
      </Typography.Paragraph>
      <Typography.Text type="secondary">
        {t('mt.createdBy', { name: m.createdBy.name ?? '—' })}
        {m.signalIds.length > 0 && ` · ${t('mt.signals', { n: m.signalIds.length })}`}
      </Typography.Text>
      <div data-testid="meeting-agenda">
        <Typography.Text strong>{t('mt.agenda')}</Typography.Text>{' '}
        <span data-testid="agenda-counts">
          {t('mt.agendaCounts', { s: m.agenda.openSignals, o: m.agenda.overdueCases, r: m.agenda.redCases })}
        </span>
        <ul className="signal-evidence">
          {m.agenda.items.map((i) => (
            <li key={`${i.kind}-${i.ref}`} data-testid="agenda-item" data-kind={i.kind} data-ref={i.ref}>
              <Tag>{t(`mt.item.${i.kind}` as MessageKey)}</Tag>
              {i.kind === 'signal' ? (
                <span>
                  {i.no}：{i.text}
                </span>
              ) : (
                <span>
                  <a href={hrefFor({ name: 'case', id: i.ref })}>{i.no}</a> {i.text} <span className="muted">{i.category}</span>
                </span>
              )}
            </li>
          ))}
        </ul>
        <Typography.Text type="secondary">{t('mt.agendaNote')}</Typography.Text>
      </div>
      {m.minutes && (
        <div data-testid="meeting-minutes">
          <Typography.Text strong>{t('mt.minutes')}</Typography.Text>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{m.minutes}</Typography.Paragraph>
        </div>
      )}
      {m.decisions.length > 0 && (
        <div data-testid="meeting-decisions">
          <Typography.Text strong>{t('mt.decisions')}</Typography.Text>
          <ol>
            {m.decisions.map((d) => (
              <li key={d.taskId}>
                {d.text} · {t('mt.task.owner', { name: d.owner.name })} · {t('mt.task.due', { date: d.dueDate })}
              </li>
            ))}
          </ol>
        </div>
      )}
      {m.closedAt && <Typography.Text type="secondary">{formatDateTime(m.closedAt, locale)}</Typography.Text>}
      {own && !closing && (
        <div className="detail-tags">
          <Button size="small" onClick={onEdit} disabled={editing} data-testid="meeting-edit">
            {t('mt.edit')}
          </Button>
          <Button size="small" type="primary" onClick={() => setClosing(true)} data-testid="meeting-close">
            {t('mt.close')}
          </Button>
        </div>
      )}
      {own && closing && <CloseForm m={m} claims={claims} onDone={() => setClosing(false)} />}
      <div className="detail-tags">
        <Button size="small" href={hrefFor({ name: 'meeting', id: m.id })} data-testid="meeting-print">
          {t('mt.print')}
        </Button>
        {m.unitId === claims.u && (
          <Button size="small" onClick={() => setNoticing(true)} data-testid="meeting-notice">
            {t('mt.notice')}
          </Button>
        )}
      </div>
      {noticing && <NoticeForm meeting={{ id: m.id, title: m.title }} onClose={() => setNoticing(false)} />}
    </Card>
  );
}

interface DecisionDraft {
  text: string;
  owner: string | undefined;
  dueDate: string;
}

function CloseForm({ m, claims, onDone }: { m: MeetingDoc; claims: Claims; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const depts = useDepartments(claims.c);
  const children = useRegionChildren(claims.c, m.unitId);
  const regular = m.kind === 'town_weekly' || m.kind === 'joint';
  const [minutes, setMinutes] = useState('');
  const [present, setPresent] = useState<string[]>(m.participants.map((p) => p.id));
  const [decisions, setDecisions] = useState<DecisionDraft[]>([{ text: '', owner: undefined, dueDate: '' }]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [requestId] = useState(newRequestId);
  // Owners: the unit itself, the units below it, the county's departments (values `unit:` / `department:`).
  const owners = useMemo(
    () => [
      { value: `unit:${m.unitId}`, label: m.unitName },
      ...(children?.status === 'ready' ? children.data : []).map((r) => ({ value: `unit:${r.id}`, label: r.name })),
      ...(depts?.status === 'ready' ? depts.data : []).map((d) => ({ value: `department:${d.id}`, label: d.name })),
    ],
    [m.unitId, m.unitName, children, depts],
  );
  const set = (i: number, p: Partial<DecisionDraft>) => setDecisions((ds) => ds.map((d, j) => (j === i ? { ...d, ...p } : d)));
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const filled = decisions.filter((d) => d.text.trim() || d.owner || d.dueDate);
      await call('closeMeeting', {
        requestId,
        meetingId: m.id,
        version: m.version,
        minutes,
        present: regular ? present : [],
        decisions: filled.map((d) => {
          const [kind, ...rest] = (d.owner ?? ':').split(':');
          return { text: d.text, owner: { kind: kind as 'unit' | 'department', id: rest.join(':') }, dueDate: d.dueDate };
        }),
      });
      message.success(t('mt.closed'));
      onDone();
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="mt-close-form">
      <div>
        {t('mt.minutes')}
        <Input.TextArea
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
          maxLength={5000}
          rows={4}
          data-testid="mt-minutes"
          aria-label={t('mt.minutes')}
        />
      </div>
      {regular && (
        <div>
          {t('mt.attendance')}
          <Checkbox.Group
            value={present}
            onChange={(v) => setPresent(v as string[])}
            data-testid="mt-attendance"
            options={m.participants.map((p) => ({ value: p.id, label: p.name }))}
          />
        </div>
      )}
      <Typography.Text strong>{t('mt.decisions')}</Typography.Text>
      {decisions.map((d, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity before they are saved
        <Space key={i} wrap data-testid="mt-decision">
          <Input
            placeholder={t('mt.decision.text')}
            aria-label={t('mt.decision.text')}
            value={d.text}
            onChange={(e) => set(i, { text: e.target.value })}
            maxLength={500}
            style={{ width: 320 }}
            data-testid="mt-decision-text"
          />
          <Select<string>
            placeholder={t('mt.decision.owner')}
            aria-label={t('mt.decision.owner')}
            value={d.owner}
            onChange={(v) => set(i, { owner: v })}
            options={owners}
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 200 }}
            data-testid="mt-decision-owner"
          />
          <Input
            type="date"
            aria-label={t('mt.decision.due')}
            value={d.dueDate}
            onChange={(e) => set(i, { dueDate: e.target.value })}
            data-testid="mt-decision-due"
          />
          <Button size="small" onClick={() => setDecisions((ds) => ds.filter((_, j) => j !== i))}>
            {t('mt.decision.remove')}
          </Button>
        </Space>
      ))}
      <Button
        size="small"
        onClick={() => setDecisions((ds) => [...ds, { text: '', owner: undefined, dueDate: '' }])}
        data-testid="mt-decision-add"
      >
        {t('mt.decision.add')}
      </Button>
      {error && <Alert type="error" showIcon title={error} data-testid="mt-close-error" />}
      <Space>
        <Button type="primary" loading={busy} disabled={!minutes.trim()} onClick={submit} data-testid="mt-close-ok">
          {t('mt.closeOk')}
        </Button>
        <Button onClick={onDone} disabled={busy}>
          {t('mt.cancel')}
        </Button>
      </Space>
    </Space>
  );
}
