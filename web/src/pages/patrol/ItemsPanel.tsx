/**
 * 排查事项 and 隐患整改 on the patrol page (issue 14), phone first: the grid worker records what
 * a patrol found (through the offline outbox, exactly once); the hazard desk lists hazards —
 * a unit's (交办), a department's or responsible unit's (开始整改, 整改完成), the grid worker's
 * (现场复核 or 退回) — live, each with the one step its reader may take.
 */
import {
  CATEGORIES,
  type Category,
  type Claims,
  HAZARD_STATE_ZH,
  type HazardCommand,
  ITEM_KINDS,
  type ItemKind,
  type PatrolItemDoc,
  RecordItemInput,
} from '@domain';
import { Alert, App as AntApp, Button, Card, Empty, Form, Input, List, Select, Skeleton, Space, Tag } from 'antd';
import { type ReactElement, useRef, useState } from 'react';
import { call, errorMessage } from '../../data/callables';
import { useDepartments } from '../../data/hooks';
import { submitOrQueue } from '../../data/outbox-queue';
import { useHazards } from '../../data/patrol-hooks';
import { formatDateTime, type MessageKey, useI18n, useLabels } from '../../i18n';
import { bindItemPhotos, queueItemPhotos } from '../../data/item-photos';
import { fbCore } from '../../firebase';
import { EvidencePhotos, ItemPhotoStrip, LocationLine, type LocationValue, PhotoPicker } from './ItemPhotos';

function newRequestId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID().replace(/-/g, '');
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** For a grid worker: `gridId`; for a village: its `grids` to choose from. */
export function ItemForm({ gridId: own, grids }: { gridId?: string; grids?: { id: string; name: string }[] }) {
  const [picked, setPicked] = useState<string | null>(own ?? null);
  const gridId = own ?? picked ?? '';
  const { t } = useI18n();
  const l = useLabels();
  const { message } = AntApp.useApp();
  const [requestId, setRequestId] = useState(newRequestId);
  const [kind, setKind] = useState<ItemKind | null>(null);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [category, setCategory] = useState<Category | null>(null);
  const [party, setParty] = useState('');
  const [phone, setPhone] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const [photos, setPhotos] = useState<Blob[]>([]); // photos and location: ItemPhotos.tsx
  const [location, setLocation] = useState<LocationValue>(null);

  const submit = async () => {
    if (inFlight.current) return;
    setError(null);
    const parsed = RecordItemInput.safeParse({
      requestId,
      gridId,
      kind,
      title,
      description,
      dispute:
        kind === 'dispute'
          ? { category, parties: [{ role: 'applicant', name: party.trim(), phone: phone.trim() || null, idNumber: null, address: null }] }
          : null,
      location,
    });
    if (!parsed.success) {
      setError(parsed.error.issues.map((i) => i.message).join('；'));
      return;
    }
    inFlight.current = true;
    setBusy(true);
    try {
      // The photos are kept on the phone first: they go up once the item exists (data/item-photos.ts).
      const uid = fbCore().auth.currentUser?.uid;
      if (uid && photos.length) await queueItemPhotos(uid, requestId, photos, { gridId, kind: parsed.data.kind });
      const sent = await submitOrQueue('recordItem', parsed.data);
      if (!sent.queued) message.success(sent.result.caseId ? t('item.savedCase') : t('item.saved'));
      if (!sent.queued && uid && photos.length) await bindItemPhotos(uid, requestId, sent.result.itemId);
      if (sent.queued && photos.length) message.info(t('photo.queued'));
      setPhotos([]);
      setRequestId(newRequestId());
      setKind(null);
      setTitle('');
      setDescription('');
      setCategory(null);
      setParty('');
      setPhone('');
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('item.formTitle')} className="form-card">
      <Form layout="vertical" onFinish={submit} disabled={busy} data-testid="item-form" data-request-id={requestId}>
        {grids && (
          <Form.Item label={t('item.grid')}>
            <Select<string>
              value={picked ?? undefined}
              onChange={setPicked}
              options={grids.map((g) => ({ value: g.id, label: g.name }))}
              data-testid="item-grid"
              virtual={false}
            />
          </Form.Item>
        )}
        <Form.Item label={t('item.kind')}>
          <Select<ItemKind>
            value={kind ?? undefined}
            onChange={setKind}
            placeholder={t('item.kindPick')}
            options={ITEM_KINDS.map((k) => ({ value: k, label: t(`item.kind.${k}` as MessageKey) }))}
            data-testid="item-kind"
            virtual={false}
          />
        </Form.Item>
        <Form.Item label={t('item.title')} htmlFor="item-title">
          <Input id="item-title" maxLength={60} value={title} onChange={(e) => setTitle(e.target.value)} data-testid="item-title" />
        </Form.Item>
        <Form.Item label={t('item.description')} htmlFor="item-description">
          <Input.TextArea
            id="item-description"
            rows={3}
            maxLength={2000}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        </Form.Item>
        {kind === 'dispute' && (
          <>
            <Form.Item label={t('item.category')}>
              <Select<Category>
                value={category ?? undefined}
                onChange={setCategory}
                options={CATEGORIES.map((c) => ({ value: c, label: l.category(c) }))}
                virtual={false}
              />
            </Form.Item>
            <Form.Item label={t('item.party')} htmlFor="item-party">
              <Input id="item-party" maxLength={40} value={party} onChange={(e) => setParty(e.target.value)} />
            </Form.Item>
            <Form.Item label={t('item.phone')} htmlFor="item-phone">
              <Input id="item-phone" inputMode="tel" maxLength={20} value={phone} onChange={(e) => setPhone(e.target.value)} />
            </Form.Item>
          </>
        )}
        <Form.Item label={t('photo.label')}>
          <PhotoPicker value={photos} onChange={setPhotos} disabled={busy} />
        </Form.Item>
        <Form.Item label={t('location.label')}>
          <LocationLine value={location} onChange={setLocation} />
        </Form.Item>
        {kind === 'stability' && <Alert type="warning" showIcon title={t('item.stabilityNote')} className="dash-note" />}
        {error && <Alert type="error" showIcon title={error} role="alert" className="submit-error" data-testid="item-error" />}
        <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="item-submit">
          {t('item.submit')}
        </Button>
      </Form>
    </Card>
  );
}

const STATE_COLOUR: Record<string, string> = {
  reported: 'blue',
  assigned: 'gold',
  rectifying: 'orange',
  rectified: 'cyan',
  verified: 'green',
};

/** The hazard desk: the caller's hazards, each with the steps the caller may take. */
export function HazardDesk({ claims }: { claims: Claims }) {
  const { t, locale } = useI18n();
  const scope = claims.d ? { departmentId: claims.d } : claims.r === 'admin' ? null : { unitId: claims.u };
  const { value } = useHazards(scope);
  if (!scope) return null;
  if (!value || value.status === 'loading') return <Skeleton active />;
  if (value.status === 'error') return <Alert type="error" showIcon title={value.message} />;
  return (
    <Card size="small" title={t('hazard.desk')} className="form-card" data-testid="hazard-desk">
      {value.data.length === 0 ? (
        <Empty description={t('hazard.none')} />
      ) : (
        <List
          dataSource={value.data}
          renderItem={(it) => (
            <List.Item key={it.id} data-testid="hazard-row" data-state={it.hazard?.state}>
              <List.Item.Meta
                title={
                  <span>
                    {it.title}{' '}
                    <Tag color={STATE_COLOUR[it.hazard?.state ?? 'reported']}>{HAZARD_STATE_ZH[it.hazard?.state ?? 'reported']}</Tag>
                    {it.hazard?.overdue && <Tag color="red">{t('hazard.overdue')}</Tag>}
                  </span>
                }
                description={
                  <>
                    <div>{it.description}</div>
                    {it.hazard?.responsibleName && (
                      <div>
                        {t('hazard.responsible', { name: it.hazard.responsibleName })}
                        {it.hazard.dueAt ? ` · ${t('hazard.due', { at: formatDateTime(it.hazard.dueAt, locale) })}` : ''}
                      </div>
                    )}
                    <ItemPhotoStrip item={it} />
                    <HazardSteps item={it} claims={claims} />
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function HazardSteps({ item, claims }: { item: PatrolItemDoc; claims: Claims }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [dept, setDept] = useState<string | null>(null);
  const departments = useDepartments(claims.c);
  const h = item.hazard;
  if (!h) return null;
  const staff = ['village_staff', 'town_staff', 'county_staff', 'leader'].includes(claims.r) && !claims.d;
  const responsible = h.responsibleKind === 'department' ? claims.d === h.responsibleId : staff && claims.u === h.responsibleId;
  const worker = claims.r === 'grid_worker' && claims.g === item.gridId;
  const act = async (command: HazardCommand) => {
    setBusy(true);
    try {
      await call('hazardAction', { itemId: item.id, expectedVersion: item.version, command });
      message.success(t('hazard.done'));
      setNote('');
    } catch (e) {
      message.error(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  const n = note.trim() || null;
  const buttons: ReactElement[] = [];
  if (staff && (h.state === 'reported' || h.state === 'assigned')) {
    buttons.push(
      <Select<string>
        key="dept"
        size="small"
        style={{ minWidth: 140 }}
        placeholder={t('hazard.pickDept')}
        value={dept ?? undefined}
        onChange={setDept}
        options={[
          { value: `unit:${item.villageId}`, label: t('hazard.village') },
          ...(departments?.status === 'ready' ? departments.data.map((d) => ({ value: `dept:${d.id}`, label: d.name })) : []),
        ]}
        virtual={false}
      />,
      <Button
        key="assign"
        size="small"
        type="primary"
        disabled={!dept}
        loading={busy}
        onClick={() =>
          dept &&
          act({
            action: 'assign',
            responsible: dept.startsWith('dept:') ? { kind: 'department', id: dept.slice(5) } : { kind: 'unit', id: dept.slice(5) },
            note: n,
          })
        }
        data-testid="hazard-assign"
      >
        {t('hazard.assign')}
      </Button>,
    );
  }
  if (responsible && h.state === 'assigned')
    buttons.push(
      <Button key="start" size="small" loading={busy} onClick={() => act({ action: 'start', note: n })} data-testid="hazard-start">
        {t('hazard.start')}
      </Button>,
    );
  if (responsible && (h.state === 'assigned' || h.state === 'rectifying'))
    buttons.push(
      <Button
        key="rect"
        size="small"
        type="primary"
        disabled={!n}
        loading={busy}
        onClick={() => n && act({ action: 'rectified', note: n })}
        data-testid="hazard-rectified"
      >
        {t('hazard.rectified')}
      </Button>,
    );
  if (worker && h.state === 'rectified')
    buttons.push(
      <Button
        key="verify"
        size="small"
        type="primary"
        loading={busy}
        onClick={() => act({ action: 'verify', note: n })}
        data-testid="hazard-verify"
      >
        {t('hazard.verify')}
      </Button>,
      <Button
        key="back"
        size="small"
        danger
        disabled={!n}
        loading={busy}
        onClick={() => n && act({ action: 'send_back', reason: n })}
        data-testid="hazard-send-back"
      >
        {t('hazard.sendBack')}
      </Button>,
    );
  if (!buttons.length) return null;
  const evidence = responsible && h.state !== 'rectified' ? 'rectify' : worker && h.state === 'rectified' ? 'verify' : null;
  return (
    <div className="hazard-steps">
      {evidence && <EvidencePhotos item={item} stage={evidence} />}
      <Input.TextArea
        rows={1}
        placeholder={t('hazard.note')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        data-testid="hazard-note"
      />
      <Space wrap style={{ marginTop: 8 }}>
        {buttons}
      </Space>
    </div>
  );
}
