/**
 * 调解组织名录 (administrators): the county's mediation organisations and mediators with their
 * figures (在办 workload, 调处成功率, 满意率; docs/metrics.md), and the forms that keep them
 * (`saveMediationOrg`, `saveMediator`).
 */
import {
  MEDIATION_FIELDS,
  MEDIATION_FIELD_ZH,
  MEDIATION_ORG_KINDS,
  MEDIATION_ORG_KIND_ZH,
  type MediationFigures,
  type MediationOrgDoc,
  type MediatorDoc,
  SaveMediationOrgInput,
  SaveMediatorInput,
  figureRates,
} from '@domain';
import { Alert, App as AntApp, Button, Form, Input, Modal, Select, Switch, Table, Tag } from 'antd';
import { useRef, useState } from 'react';
import type { z } from 'zod';
import { useSignedIn } from '../../auth/session';
import { StaffPicker } from '../../components/StaffPicker';
import { call, callableFieldErrors, errorMessage, loadErrorText } from '../../data/callables';
import { useEntityName, shownName } from '../../data/hooks';
import { useMediationRegistry } from '../../data/mediation-hooks';
import { useI18n } from '../../i18n';
import { issuesByField } from '../../i18n/zod';
import { PickCountyFirst, UpperCountyBar, topLevel, useTabCounty } from './common';

type Kind = (typeof MEDIATION_ORG_KINDS)[number];
type FieldKey = (typeof MEDIATION_FIELDS)[number];

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

/** 在办 · 成功率 · 满意率, as the tables show them. */
function Figures({ f, testId }: { f: MediationFigures; testId: string }) {
  const { t } = useI18n();
  const r = figureRates(f);
  return (
    <span className="mediation-figures" data-testid={testId} data-open={f.open} data-succeeded={f.succeeded}>
      {t('mediation.figures.open', { n: f.open })} ·{' '}
      {t('mediation.figures.success', { rate: pct(r.successRate), n: f.succeeded + f.failed })} ·{' '}
      {t('mediation.figures.satisfaction', { rate: pct(r.satisfactionRate) })}
    </span>
  );
}

export default function MediationTab() {
  const { t } = useI18n();
  const { claims } = useSignedIn();
  // A city's or province's administrator picks a county of the area and reads its registry (issue 16).
  const county = useTabCounty(claims);
  if (!county.upper)
    return (
      <div data-testid="admin-mediation">
        <Registry countyId={claims.c} editable={county.editable} />
      </div>
    );
  return (
    <div data-testid="admin-mediation">
      <UpperCountyBar claims={claims} county={county} what={t('admin.upper.what.mediation')} />
      {county.countyId === null ? <PickCountyFirst /> : <Registry key={county.countyId} countyId={county.countyId} editable={false} />}
    </div>
  );
}

function Registry({ countyId, editable }: { countyId: string; editable: boolean }) {
  const { t } = useI18n();
  const [rev, setRev] = useState(0);
  const reg = useMediationRegistry(countyId, rev);
  const [org, setOrg] = useState<MediationOrgDoc | 'new' | null>(null);
  const [med, setMed] = useState<MediatorDoc | 'new' | null>(null);
  const data = reg?.status === 'ready' ? reg.data : { orgs: [], mediators: [] };
  const done = () => {
    setOrg(null);
    setMed(null);
    setRev((r) => r + 1);
  };
  return (
    <div data-testid="admin-mediation-registry">
      {reg?.status === 'error' && <Alert type="error" showIcon title={loadErrorText(reg, t)} />}
      <div className="admin-toolbar">
        <h3 className="admin-subtitle">{t('mediation.orgs')}</h3>
        {editable && (
          <Button type="primary" onClick={() => setOrg('new')} data-testid="mediation-org-new">
            {t('mediation.org.new')}
          </Button>
        )}
      </div>
      <Table<MediationOrgDoc>
        rowKey="id"
        size="small"
        loading={!reg || reg.status === 'loading'}
        dataSource={data.orgs}
        pagination={false}
        scroll={{ x: 720 }}
        data-testid="mediation-orgs-table"
        columns={[
          { key: 'name', title: t('mediation.org.name'), dataIndex: 'name' },
          {
            key: 'kind',
            title: t('mediation.org.kind'),
            render: (_, o) => (
              <>
                <Tag>{MEDIATION_ORG_KIND_ZH[o.kind]}</Tag>
                {o.field && <Tag color="blue">{MEDIATION_FIELD_ZH[o.field]}</Tag>}
                {!o.active && <Tag color="default">{t('mediation.inactive')}</Tag>}
              </>
            ),
          },
          { key: 'unit', title: t('mediation.org.unit'), render: (_, o) => <UnitName id={o.unitId} /> },
          { key: 'figures', title: t('mediation.figures'), render: (_, o) => <Figures f={o.figures} testId={`org-figures-${o.id}`} /> },
          ...(editable
            ? [
                {
                  key: 'edit',
                  title: t('admin.actions'),
                  render: (_: unknown, o: MediationOrgDoc) => (
                    <Button size="small" onClick={() => setOrg(o)} aria-label={t('admin.editLabel', { name: o.name })}>
                      {t('admin.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <div className="admin-toolbar">
        <h3 className="admin-subtitle">{t('mediation.mediators')}</h3>
        {editable && (
          <Button type="primary" onClick={() => setMed('new')} disabled={data.orgs.length === 0} data-testid="mediator-new">
            {t('mediation.mediator.new')}
          </Button>
        )}
      </div>
      <Table<MediatorDoc>
        rowKey="id"
        size="small"
        loading={!reg || reg.status === 'loading'}
        dataSource={data.mediators}
        pagination={false}
        scroll={{ x: 720 }}
        data-testid="mediators-table"
        columns={[
          {
            key: 'name',
            title: t('mediation.mediator.name'),
            render: (_, m) => (
              <>
                {m.name} <Tag color="gold">{m.title}</Tag>
                {m.uid && <Tag color="green">{t('mediation.mediator.hasAccount')}</Tag>}
              </>
            ),
          },
          { key: 'org', title: t('mediation.mediator.org'), dataIndex: 'orgName' },
          {
            key: 'specialties',
            title: t('mediation.mediator.specialties'),
            render: (_, m) => m.specialties.map((s) => <Tag key={s}>{MEDIATION_FIELD_ZH[s]}</Tag>),
          },
          {
            key: 'figures',
            title: t('mediation.figures'),
            render: (_, m) => <Figures f={m.figures} testId={`mediator-figures-${m.id}`} />,
          },
          ...(editable
            ? [
                {
                  key: 'edit',
                  title: t('admin.actions'),
                  render: (_: unknown, m: MediatorDoc) => (
                    <Button size="small" onClick={() => setMed(m)} aria-label={t('admin.editLabel', { name: m.name })}>
                      {t('admin.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={org !== null}
        title={org === 'new' ? t('mediation.org.new') : t('mediation.org.edit')}
        footer={null}
        onCancel={() => setOrg(null)}
        destroyOnHidden
      >
        {org !== null && <OrgForm countyId={countyId} existing={org === 'new' ? null : org} onDone={done} onCancel={() => setOrg(null)} />}
      </Modal>
      <Modal
        open={med !== null}
        title={med === 'new' ? t('mediation.mediator.new') : t('mediation.mediator.edit')}
        footer={null}
        onCancel={() => setMed(null)}
        destroyOnHidden
      >
        {med !== null && (
          <MediatorForm
            countyId={countyId}
            orgs={data.orgs}
            existing={med === 'new' ? null : med}
            onDone={done}
            onCancel={() => setMed(null)}
          />
        )}
      </Modal>
    </div>
  );
}

function UnitName({ id }: { id: string }) {
  const name = useEntityName('region', id);
  return <>{shownName(name)}</>;
}

/** One save: schema refusal by field, the call, the message, the error under the form. */
function useRegistrySave<S extends z.ZodType>(schema: S, name: 'saveMediationOrg' | 'saveMediator', onDone: () => void) {
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
      message.success(t('admin.saved'));
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
  return { save, err, busy, submitError };
}

function OrgForm({
  countyId,
  existing,
  onDone,
  onCancel,
}: {
  countyId: string;
  existing: MediationOrgDoc | null;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [slug, setSlug] = useState(existing ? existing.id.slice(countyId.length + 1) : '');
  const [name, setName] = useState(existing?.name ?? '');
  const [kind, setKind] = useState<Kind>(existing?.kind ?? 'village_committee');
  const [field, setField] = useState<FieldKey | null>(existing?.field ?? null);
  const [unitId, setUnitId] = useState(existing?.unitId ?? '');
  const [area, setArea] = useState(existing?.area ?? '');
  const [active, setActive] = useState(existing?.active ?? true);
  const { save, err, busy, submitError } = useRegistrySave(SaveMediationOrgInput, 'saveMediationOrg', onDone);
  return (
    <Form
      layout="vertical"
      disabled={busy}
      data-testid="mediation-org-form"
      onFinish={() => save({ id: `${countyId}-${slug}`, name, kind, field: kind === 'professional' ? field : null, unitId, area, active })}
    >
      <Form.Item label={t('mediation.id')} required htmlFor="org-slug" extra={t('mediation.idHint')} {...err('id')}>
        <Input
          id="org-slug"
          className="mono"
          prefix={`${countyId}-`}
          value={slug}
          readOnly={!!existing}
          maxLength={40}
          onChange={(e) => setSlug(e.target.value.trim().toLowerCase())}
        />
      </Form.Item>
      <Form.Item label={t('mediation.org.name')} required htmlFor="org-name" {...err('name')}>
        <Input id="org-name" value={name} maxLength={60} onChange={(e) => setName(e.target.value)} />
      </Form.Item>
      <Form.Item label={t('mediation.org.kind')} required htmlFor="org-kind" {...err('kind')}>
        <Select<Kind>
          id="org-kind"
          data-testid="org-kind"
          value={kind}
          onChange={setKind}
          options={MEDIATION_ORG_KINDS.map((k) => ({ value: k, label: MEDIATION_ORG_KIND_ZH[k] }))}
          showSearch={{ optionFilterProp: 'label' }}
          virtual={false}
        />
      </Form.Item>
      {kind === 'professional' && (
        <Form.Item label={t('mediation.org.field')} required htmlFor="org-field" {...err('field')}>
          <Select<FieldKey>
            id="org-field"
            data-testid="org-field"
            value={field ?? undefined}
            onChange={setField}
            options={MEDIATION_FIELDS.map((k) => ({ value: k, label: MEDIATION_FIELD_ZH[k] }))}
            showSearch={{ optionFilterProp: 'label' }}
            virtual={false}
          />
        </Form.Item>
      )}
      <Form.Item label={t('mediation.org.unit')} required htmlFor="org-unit" extra={t('mediation.org.unitHint')} {...err('unitId')}>
        <Input id="org-unit" className="mono" value={unitId} maxLength={12} onChange={(e) => setUnitId(e.target.value.trim())} />
      </Form.Item>
      <Form.Item label={t('mediation.area')} htmlFor="org-area" {...err('area')}>
        <Input id="org-area" value={area} maxLength={120} onChange={(e) => setArea(e.target.value)} />
      </Form.Item>
      <Form.Item label={t('mediation.active')} htmlFor="org-active">
        <Switch id="org-active" checked={active} onChange={setActive} />
      </Form.Item>
      {submitError && <Alert type="error" showIcon title={submitError} role="alert" className="submit-error" />}
      <div className="form-buttons">
        <Button onClick={onCancel}>{t('form.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="mediation-org-save">
          {t('admin.save')}
        </Button>
      </div>
    </Form>
  );
}

function MediatorForm({
  countyId,
  orgs,
  existing,
  onDone,
  onCancel,
}: {
  countyId: string;
  orgs: MediationOrgDoc[];
  existing: MediatorDoc | null;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [slug, setSlug] = useState(existing ? existing.id.slice(countyId.length + 1) : '');
  const [name, setName] = useState(existing?.name ?? '');
  const [title, setTitle] = useState(existing?.title ?? '人民调解员');
  const [orgId, setOrgId] = useState(existing?.orgId ?? orgs[0]?.id ?? '');
  const [specialties, setSpecialties] = useState<FieldKey[]>(existing?.specialties ?? []);
  const [area, setArea] = useState(existing?.area ?? '');
  const [uid, setUid] = useState<string | null>(existing?.uid ?? null);
  const [active, setActive] = useState(existing?.active ?? true);
  const { save, err, busy, submitError } = useRegistrySave(SaveMediatorInput, 'saveMediator', onDone);
  return (
    <Form
      layout="vertical"
      disabled={busy}
      data-testid="mediator-form"
      onFinish={() => save({ id: `${countyId}-${slug}`, orgId, name, title, specialties, units: existing?.units ?? [], area, uid, active })}
    >
      <Form.Item label={t('mediation.id')} required htmlFor="mediator-slug" extra={t('mediation.idHint')} {...err('id')}>
        <Input
          id="mediator-slug"
          className="mono"
          prefix={`${countyId}-`}
          value={slug}
          readOnly={!!existing}
          maxLength={40}
          onChange={(e) => setSlug(e.target.value.trim().toLowerCase())}
        />
      </Form.Item>
      <Form.Item label={t('mediation.mediator.name')} required htmlFor="mediator-name" {...err('name')}>
        <Input id="mediator-name" value={name} maxLength={40} onChange={(e) => setName(e.target.value)} />
      </Form.Item>
      <Form.Item
        label={t('mediation.mediator.title')}
        required
        htmlFor="mediator-title"
        extra={t('mediation.mediator.titleHint')}
        {...err('title')}
      >
        <Input id="mediator-title" value={title} maxLength={30} onChange={(e) => setTitle(e.target.value)} />
      </Form.Item>
      <Form.Item label={t('mediation.mediator.org')} required htmlFor="mediator-org" {...err('orgId')}>
        <Select<string>
          id="mediator-org"
          data-testid="mediator-org"
          value={orgId || undefined}
          onChange={setOrgId}
          options={orgs.map((o) => ({ value: o.id, label: o.name }))}
          showSearch={{ optionFilterProp: 'label' }}
          virtual={false}
        />
      </Form.Item>
      <Form.Item label={t('mediation.mediator.specialties')} htmlFor="mediator-specialties" {...err('specialties')}>
        <Select<FieldKey[]>
          id="mediator-specialties"
          data-testid="mediator-specialties"
          mode="multiple"
          value={specialties}
          onChange={setSpecialties}
          options={MEDIATION_FIELDS.map((k) => ({ value: k, label: MEDIATION_FIELD_ZH[k] }))}
          showSearch={{ optionFilterProp: 'label' }}
          virtual={false}
        />
      </Form.Item>
      <Form.Item label={t('mediation.area')} htmlFor="mediator-area" {...err('area')}>
        <Input id="mediator-area" value={area} maxLength={120} onChange={(e) => setArea(e.target.value)} />
      </Form.Item>
      <Form.Item
        label={t('mediation.mediator.account')}
        htmlFor="mediator-account"
        extra={t('mediation.mediator.accountHint')}
        {...err('uid')}
      >
        <StaffPicker id="mediator-account" countyId={countyId} value={uid} onChange={(v) => setUid(v ?? null)} allowClear />
      </Form.Item>
      <Form.Item label={t('mediation.active')} htmlFor="mediator-active">
        <Switch id="mediator-active" checked={active} onChange={setActive} />
      </Form.Item>
      {submitError && <Alert type="error" showIcon title={submitError} role="alert" className="submit-error" />}
      <div className="form-buttons">
        <Button onClick={onCancel}>{t('form.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="mediator-save">
          {t('admin.save')}
        </Button>
      </div>
    </Form>
  );
}
