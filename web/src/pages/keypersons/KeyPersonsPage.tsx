/**
 * 重点人员/重点部位 (issue 14), phone first. The list shows what the user reads (a grid worker:
 * the records they are responsible for; a leader: those they 包保; staff: their unit's) with the
 * risk colour and the next visit due. A record's detail carries no personal data until the user
 * presses 查看个人信息: that calls `openKeyPerson`, which logs the opening. The visit form goes
 * through the offline outbox (sent exactly once when the signal returns); staff register records
 * and staff or the 包保 leader change the risk level.
 */
import {
  type Claims,
  type KeyPersonDoc,
  type KeyPersonPersonal,
  type KpKind,
  RecordKeyPersonVisitInput,
  type RiskLevel,
  SaveKeyPersonInput,
  type VisitCondition,
  ZONE,
  defaultKeyPersonPolicy,
} from '@domain';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Radio,
  Select,
  Skeleton,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { DateTime } from 'luxon';
import { useRef, useState } from 'react';
import { useSignedIn } from '../../auth/session';
import { LiveListCard } from '../../components/LiveListCard';
import { StaffPicker } from '../../components/StaffPicker';
import { call, errorMessage } from '../../data/callables';
import { usePolicy } from '../../data/hooks';
import { readsKeyPersons, useKeyPerson, useKeyPersonVisits, useKeyPersons } from '../../data/keyperson-hooks';
import { submitOrQueue } from '../../data/outbox-queue';
import { useUnitGrids } from '../../data/patrol-hooks';
import { formatDateTime, useI18n } from '../../i18n';

const RISK_COLOUR: Record<RiskLevel, string> = { green: 'green', yellow: 'gold', red: 'red' };
const RISKS: RiskLevel[] = ['red', 'yellow', 'green'];
const CONDITIONS: VisitCondition[] = ['stable', 'attention', 'unstable'];

function newRequestId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID().replace(/-/g, '');
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
const nowInput = () => DateTime.now().setZone(ZONE).toFormat("yyyy-LL-dd'T'HH:mm");
function fromInput(v: string): Date | null {
  const d = DateTime.fromISO(v, { zone: ZONE });
  return d.isValid ? d.toJSDate() : null;
}
const isStaff = (c: Claims) => ['village_staff', 'town_staff', 'county_staff'].includes(c.r) && !c.d;

export default function KeyPersonsPage() {
  const { t } = useI18n();
  const { claims } = useSignedIn();
  const [open, setOpen] = useState<string | null>(null);
  const [registering, setRegistering] = useState(false);
  return (
    <div className="page keypersons-page" data-testid="keypersons-page">
      <div className="page-head">
        <div className="page-head-text">
          <Typography.Title level={3} className="page-title">
            {t('kp.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('kp.subtitle')}</Typography.Text>
        </div>
        {isStaff(claims) && claims.u.length < 15 && (
          <Button type="primary" onClick={() => setRegistering(true)} data-testid="kp-register">
            {t('kp.register')}
          </Button>
        )}
      </div>
      {readsKeyPersons(claims) ? <KeyPersonList onOpen={setOpen} /> : <Alert type="info" showIcon title={t('kp.notForYou')} />}
      <Drawer
        open={open !== null}
        onClose={() => setOpen(null)}
        title={t('kp.detail')}
        width="min(640px, 100vw)"
        destroyOnHidden
        data-testid="kp-drawer"
      >
        {open && <KeyPersonDetail id={open} />}
      </Drawer>
      <Drawer open={registering} onClose={() => setRegistering(false)} title={t('kp.register')} width="min(640px, 100vw)" destroyOnHidden>
        {registering && <RegisterForm onDone={() => setRegistering(false)} />}
      </Drawer>
    </div>
  );
}

function DueTag({ kp }: { kp: KeyPersonDoc }) {
  const { t } = useI18n();
  if (!kp.active) return <Tag>{t('kp.archived')}</Tag>;
  const overdue = kp.overdue || kp.dueAt.getTime() <= Date.now();
  const soon = !overdue && (kp.warned || kp.warnAt.getTime() <= Date.now());
  return (
    <Tag color={overdue ? 'red' : soon ? 'gold' : 'default'} data-testid="kp-due">
      {t(overdue ? 'kp.dueOverdue' : 'kp.dueOn', { date: formatDateTime(kp.dueAt) })}
    </Tag>
  );
}

function RiskTag({ risk }: { risk: RiskLevel }) {
  const { t } = useI18n();
  return (
    <Tag color={RISK_COLOUR[risk]} data-testid="kp-risk" data-risk={risk}>
      {t(`kp.risk.${risk}`)}
    </Tag>
  );
}

function KeyPersonList({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useI18n();
  const { claims, user } = useSignedIn();
  const { value } = useKeyPersons(claims, user.uid);
  if (!value || value.status === 'loading') return <Skeleton active />;
  if (value.status === 'error') return <Alert type="error" showIcon title={value.message} />;
  if (value.data.length === 0) return <Empty description={t('kp.empty')} />;
  return (
    <List
      className="kp-list"
      data-testid="kp-list"
      dataSource={value.data}
      renderItem={(kp) => (
        <List.Item
          key={kp.id}
          onClick={() => onOpen(kp.id)}
          style={{ cursor: 'pointer' }}
          data-testid="kp-item"
          data-id={kp.id}
          actions={[
            <Button key="open" type="link" onClick={() => onOpen(kp.id)}>
              {t('kp.open')}
            </Button>,
          ]}
        >
          <List.Item.Meta
            title={
              <Space wrap size={4}>
                <RiskTag risk={kp.risk} />
                <span>
                  {t(`kp.kind.${kp.kind}`)} · {kp.category}
                </span>
                <Typography.Text type="secondary">{t('kp.serial', { serial: kp.serial })}</Typography.Text>
              </Space>
            }
            description={
              <Space wrap size={4}>
                <span>{kp.gridName}</span>
                <span>{t('kp.worker', { name: kp.gridWorkerName })}</span>
                {kp.leaderName && <span>{t('kp.leader', { name: kp.leaderName })}</span>}
                <DueTag kp={kp} />
              </Space>
            }
          />
        </List.Item>
      )}
    />
  );
}

function KeyPersonDetail({ id }: { id: string }) {
  const { t } = useI18n();
  const { claims, user } = useSignedIn();
  const doc = useKeyPerson(id);
  if (doc.status === 'loading') return <Skeleton active />;
  if (doc.status !== 'ready') return <Alert type="error" showIcon title={t('kp.unavailable')} />;
  const kp = doc.data;
  const setsRisk = isStaff(claims) || (claims.r === 'leader' && kp.leaderUid === user.uid);
  const manages = isStaff(claims) && kp.gridId.startsWith(claims.u);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {manages && <EditButton kp={kp} />}
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('kp.field.kind')}>
          {t(`kp.kind.${kp.kind}`)} · {kp.category} · {t('kp.serial', { serial: kp.serial })}
        </Descriptions.Item>
        <Descriptions.Item label={t('kp.field.risk')}>
          <RiskTag risk={kp.risk} /> {t('kp.every', { n: kp.everyDays })}
        </Descriptions.Item>
        <Descriptions.Item label={t('kp.field.grid')}>{kp.gridName}</Descriptions.Item>
        <Descriptions.Item label={t('kp.field.worker')}>{kp.gridWorkerName}</Descriptions.Item>
        <Descriptions.Item label={t('kp.field.leader')}>{kp.leaderName ?? t('kp.none')}</Descriptions.Item>
        <Descriptions.Item label={t('kp.field.due')}>
          <DueTag kp={kp} />
        </Descriptions.Item>
        <Descriptions.Item label={t('kp.field.visits')}>
          {t('kp.visitsCount', { n: kp.visits, onTime: kp.visitsOnTime })}
          {kp.lastVisitAt ? ` · ${t('kp.lastVisit', { at: formatDateTime(kp.lastVisitAt) })}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('kp.field.cases')}>
          {kp.cases.length === 0
            ? t('kp.none')
            : kp.cases.map((c) => (
                <div key={c.id}>
                  <a href={`#/cases/${encodeURIComponent(c.id)}`}>
                    {c.number} · {c.title}
                  </a>
                </div>
              ))}
        </Descriptions.Item>
      </Descriptions>
      <PersonalData kp={kp} />
      {kp.active && <VisitForm kp={kp} />}
      {setsRisk && <RiskForm kp={kp} />}
      <Visits id={kp.id} />
    </Space>
  );
}

function EditButton({ kp }: { kp: KeyPersonDoc }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="kp-edit">
        {t('kp.edit')}
      </Button>
      <Drawer open={open} onClose={() => setOpen(false)} title={t('kp.edit')} width="min(640px, 100vw)" destroyOnHidden>
        {open && <RegisterForm edit={kp} onDone={() => setOpen(false)} />}
      </Drawer>
    </>
  );
}

/** The personal data, only through the audited callable. */
function PersonalData({ kp }: { kp: KeyPersonDoc }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [purpose, setPurpose] = useState('');
  const [data, setData] = useState<KeyPersonPersonal | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const open = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await call('openKeyPerson', { id: kp.id, purpose: purpose.trim() ? purpose.trim() : null });
      setData(r.personal);
      setAsking(false);
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('kp.personal')} data-testid="kp-personal">
      {data ? (
        <>
          <Alert type="warning" showIcon title={t('kp.personalLogged')} style={{ marginBottom: 8 }} />
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t(kp.kind === 'place' ? 'kp.field.placeName' : 'kp.field.name')}>
              <span data-testid="kp-name">{data.name}</span>
            </Descriptions.Item>
            {kp.kind === 'person' && <Descriptions.Item label={t('kp.field.idNumber')}>{data.idNumber ?? '—'}</Descriptions.Item>}
            <Descriptions.Item label={t('kp.field.phone')}>{data.phone ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('kp.field.address')}>{data.address ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('kp.field.note')}>{data.note ?? '—'}</Descriptions.Item>
          </Descriptions>
        </>
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('kp.personalHidden')}</Typography.Paragraph>
          <Button onClick={() => setAsking(true)} data-testid="kp-open-personal">
            {t('kp.openPersonal')}
          </Button>
        </>
      )}
      {error && <Alert type="error" showIcon title={error} role="alert" />}
      <Modal
        open={asking}
        title={t('kp.openPersonal')}
        okText={t('kp.openConfirm')}
        onOk={open}
        confirmLoading={busy}
        onCancel={() => setAsking(false)}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('kp.openWarning')}</Typography.Paragraph>
        <Input
          placeholder={t('kp.purpose')}
          aria-label={t('kp.purpose')}
          maxLength={200}
          value={purpose}
          onChange={(e) => setPurpose(e.target.value)}
          data-testid="kp-purpose"
        />
      </Modal>
    </Card>
  );
}

function VisitForm({ kp }: { kp: KeyPersonDoc }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [requestId, setRequestId] = useState(newRequestId);
  const [when, setWhen] = useState(nowInput);
  const [met, setMet] = useState(true);
  const [condition, setCondition] = useState<VisitCondition | null>(null);
  const [note, setNote] = useState('');
  const [measures, setMeasures] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const reset = () => {
    setRequestId(newRequestId());
    setWhen(nowInput());
    setMet(true);
    setCondition(null);
    setNote('');
    setMeasures('');
  };
  const submit = async () => {
    if (inFlight.current) return;
    setError(null);
    const at = fromInput(when);
    if (!at || !condition || !note.trim()) {
      setError(t('kp.err.visit'));
      return;
    }
    const parsed = RecordKeyPersonVisitInput.safeParse({
      requestId,
      id: kp.id,
      visitedAt: at.toISOString(),
      met,
      condition,
      note: note.trim(),
      measures: measures.trim() ? measures.trim() : null,
    });
    if (!parsed.success) {
      setError(parsed.error.issues.map((i) => i.message).join('；'));
      return;
    }
    inFlight.current = true;
    setBusy(true);
    try {
      const sent = await submitOrQueue('recordKeyPersonVisit', parsed.data);
      if (!sent.queued) message.success(sent.result.created ? t('kp.visitSaved') : t('kp.visitSavedAgain'));
      reset();
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('kp.visitTitle')} className="form-card">
      <Form layout="vertical" onFinish={submit} disabled={busy} data-testid="kp-visit-form" data-request-id={requestId}>
        <Form.Item label={t('kp.visitWhen')} htmlFor="kp-visit-when">
          <Input
            id="kp-visit-when"
            type="datetime-local"
            max={nowInput()}
            value={when}
            onChange={(e) => setWhen(e.target.value)}
            data-testid="kp-visit-when"
          />
        </Form.Item>
        <Form.Item label={t(kp.kind === 'place' ? 'kp.visitMetPlace' : 'kp.visitMet')}>
          <Switch checked={met} onChange={setMet} data-testid="kp-visit-met" />
        </Form.Item>
        <Form.Item label={t('kp.visitCondition')}>
          <Radio.Group
            value={condition}
            onChange={(e) => setCondition(e.target.value as VisitCondition)}
            optionType="button"
            buttonStyle="solid"
            data-testid="kp-visit-condition"
            options={CONDITIONS.map((c) => ({ value: c, label: t(`kp.condition.${c}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('kp.visitNote')} htmlFor="kp-visit-note">
          <Input.TextArea
            id="kp-visit-note"
            rows={3}
            maxLength={1000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            data-testid="kp-visit-note"
          />
        </Form.Item>
        <Form.Item label={t('kp.visitMeasures')} htmlFor="kp-visit-measures">
          <Input.TextArea
            id="kp-visit-measures"
            rows={2}
            maxLength={1000}
            value={measures}
            onChange={(e) => setMeasures(e.target.value)}
            data-testid="kp-visit-measures"
          />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} role="alert" className="submit-error" data-testid="kp-visit-error" />}
        <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="kp-visit-submit">
          {t('kp.visitSubmit')}
        </Button>
      </Form>
    </Card>
  );
}

function RiskForm({ kp }: { kp: KeyPersonDoc }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [risk, setRisk] = useState<RiskLevel>(kp.risk);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setError(null);
    if (!reason.trim()) {
      setError(t('kp.err.reason'));
      return;
    }
    setBusy(true);
    try {
      await call('setKeyPersonRisk', { id: kp.id, expectedVersion: kp.version, risk, reason: reason.trim() });
      message.success(t('kp.riskSaved'));
      setReason('');
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('kp.riskTitle')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Radio.Group
          value={risk}
          onChange={(e) => setRisk(e.target.value as RiskLevel)}
          optionType="button"
          options={RISKS.map((r) => ({ value: r, label: t(`kp.risk.${r}`) }))}
        />
        <Input
          placeholder={t('kp.riskReason')}
          aria-label={t('kp.riskReason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        {error && <Alert type="error" showIcon title={error} role="alert" />}
        <Button onClick={submit} loading={busy} disabled={risk === kp.risk}>
          {t('kp.riskSubmit')}
        </Button>
      </Space>
    </Card>
  );
}

function Visits({ id }: { id: string }) {
  const { t } = useI18n();
  const { value } = useKeyPersonVisits(id);
  return (
    <LiveListCard
      value={value}
      title={t('kp.visits')}
      empty={t('kp.noVisits')}
      listTestId="kp-visits"
      renderItem={(v) => (
        <List.Item key={v.id} data-testid="kp-visit">
          <List.Item.Meta
            title={
              <Space wrap size={4}>
                <span>{formatDateTime(v.visitedAt)}</span>
                <Tag color={v.condition === 'stable' ? 'green' : v.condition === 'attention' ? 'gold' : 'red'}>
                  {t(`kp.condition.${v.condition}`)}
                </Tag>
                <Tag>{t(v.met ? 'kp.met' : 'kp.notMet')}</Tag>
                {!v.onTime && <Tag color="red">{t('kp.late')}</Tag>}
                <Typography.Text type="secondary">{v.byName ?? ''}</Typography.Text>
              </Space>
            }
            description={
              <>
                <div>{v.note}</div>
                {v.measures && <div>{t('kp.measuresOf', { text: v.measures })}</div>}
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}

/** Staff register a record of a grid in their scope, or change one (`edit`: personal data left blank is kept). */
function RegisterForm({ onDone, edit }: { onDone: () => void; edit?: KeyPersonDoc }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const { claims } = useSignedIn();
  const policy = usePolicy(claims.c);
  const kpPolicy = (policy?.status === 'ready' && policy.data?.keyPersons) || defaultKeyPersonPolicy();
  const grids = useUnitGrids(claims.c, claims.u);
  const [requestId] = useState(newRequestId);
  const [kind, setKind] = useState<KpKind>(edit?.kind ?? 'person');
  const [category, setCategory] = useState<string | null>(edit?.category ?? null);
  const [gridId, setGridId] = useState<string | null>(edit?.gridId ?? null);
  const [risk, setRisk] = useState<RiskLevel>(edit?.risk ?? 'yellow');
  const [worker, setWorker] = useState<string | null>(edit?.gridWorkerUid ?? null);
  const [leader, setLeader] = useState<string | null>(edit?.leaderUid ?? null);
  const [active, setActive] = useState(edit?.active ?? true);
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [phone, setPhone] = useState('');
  const [address, setAddress] = useState('');
  const [note, setNote] = useState('');
  const [cases, setCases] = useState<string[]>(() => edit?.cases.map((c) => c.number) ?? []);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const gridList = grids?.status === 'ready' ? grids.data : [];
  const submit = async () => {
    setError(null);
    const keepPersonal = !!edit && !name.trim() && !idNumber.trim() && !phone.trim() && !address.trim() && !note.trim();
    const parsed = SaveKeyPersonInput.safeParse({
      requestId,
      id: edit?.id ?? null,
      expectedVersion: edit?.version ?? null,
      active,
      kind,
      category,
      gridId,
      risk,
      gridWorkerUid: worker,
      leaderUid: leader,
      personal: keepPersonal
        ? null
        : {
            name,
            idNumber: idNumber.trim() || null,
            phone: phone.trim() || null,
            address: address.trim() || null,
            note: note.trim() || null,
          },
      caseIds: cases.map((c) => (/^\d{6}-/.test(c.trim()) ? c.trim() : `${claims.c}-${c.trim()}`)),
    });
    if (!parsed.success) {
      setError(parsed.error.issues.map((i) => i.message).join('；'));
      return;
    }
    setBusy(true);
    try {
      const r = await call('saveKeyPerson', parsed.data);
      message.success(edit ? t('kp.saved') : t('kp.registered', { serial: r.serial }));
      onDone();
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  const townId = gridId ? gridId.slice(0, 9) : claims.t;
  return (
    <Form layout="vertical" onFinish={submit} disabled={busy} data-testid="kp-register-form">
      <Form.Item label={t('kp.field.kind')}>
        <Radio.Group
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as KpKind);
            setCategory(null);
          }}
          optionType="button"
          options={(['person', 'place'] as const).map((k) => ({ value: k, label: t(`kp.kind.${k}`) }))}
        />
      </Form.Item>
      <Form.Item label={t('kp.field.category')}>
        <Select
          value={category}
          onChange={setCategory}
          options={kpPolicy.categories[kind].map((c) => ({ value: c, label: c }))}
          aria-label={t('kp.field.category')}
        />
      </Form.Item>
      <Form.Item label={t('kp.field.grid')}>
        <Select
          value={gridId}
          onChange={(g) => {
            setGridId(g);
            setWorker(null);
          }}
          options={gridList.map((g) => ({ value: g.id, label: g.name }))}
          aria-label={t('kp.field.grid')}
        />
      </Form.Item>
      <Form.Item label={t('kp.field.risk')}>
        <Radio.Group
          value={risk}
          onChange={(e) => setRisk(e.target.value as RiskLevel)}
          optionType="button"
          options={RISKS.map((r) => ({ value: r, label: t(`kp.risk.${r}`) }))}
        />
      </Form.Item>
      <Form.Item label={t('kp.field.worker')}>
        <StaffPicker
          countyId={claims.c}
          roles={['grid_worker']}
          units={gridId ? [gridId] : []}
          value={worker}
          onChange={(uid) => setWorker(uid ?? null)}
          aria-label={t('kp.field.worker')}
        />
      </Form.Item>
      <Form.Item label={t('kp.field.leader')}>
        <StaffPicker
          countyId={claims.c}
          roles={['leader']}
          units={[claims.c, ...(townId ? [townId] : [])]}
          value={leader}
          onChange={(uid) => setLeader(uid ?? null)}
          allowClear
          aria-label={t('kp.field.leader')}
        />
      </Form.Item>
      <Alert type="warning" showIcon title={t(edit ? 'kp.personalKeep' : 'kp.personalNotice')} style={{ marginBottom: 12 }} />
      <Form.Item label={t(kind === 'place' ? 'kp.field.placeName' : 'kp.field.name')}>
        <Input value={name} maxLength={60} onChange={(e) => setName(e.target.value)} />
      </Form.Item>
      {kind === 'person' && (
        <Form.Item label={t('kp.field.idNumber')}>
          <Input value={idNumber} maxLength={18} onChange={(e) => setIdNumber(e.target.value)} />
        </Form.Item>
      )}
      <Form.Item label={t('kp.field.phone')}>
        <Input value={phone} inputMode="tel" maxLength={13} onChange={(e) => setPhone(e.target.value)} />
      </Form.Item>
      <Form.Item label={t('kp.field.address')}>
        <Input value={address} maxLength={200} onChange={(e) => setAddress(e.target.value)} />
      </Form.Item>
      <Form.Item label={t('kp.field.note')}>
        <Input.TextArea rows={2} value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />
      </Form.Item>
      <Form.Item label={t('kp.field.cases')} extra={t('kp.casesHelp')}>
        <Select mode="tags" value={cases} onChange={setCases} open={false} aria-label={t('kp.field.cases')} />
      </Form.Item>
      {edit && (
        <Form.Item label={t('kp.active')}>
          <Switch checked={active} onChange={setActive} />
        </Form.Item>
      )}
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      <Button type="primary" htmlType="submit" block loading={busy}>
        {t(edit ? 'kp.saveSubmit' : 'kp.registerSubmit')}
      </Button>
    </Form>
  );
}
