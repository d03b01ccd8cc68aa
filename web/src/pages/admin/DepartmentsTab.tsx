/** Departments (部门) of the county: list and the create/edit form (`saveDepartment`). */
import { DEPARTMENT_KINDS, type DepartmentDoc, SaveDepartmentInput } from '@domain';
import { Alert, App as AntApp, Button, Form, Input, Modal, Select, Table, Tag } from 'antd';
import { useRef, useState } from 'react';
import type { z } from 'zod';
import { useSignedIn } from '../../auth/session';
import { call, callableFieldErrors, errorMessage, loadErrorText } from '../../data/callables';
import { useDepartments, useEntityName, useRegionChildren, shownName } from '../../data/hooks';
import { useI18n, useLabels } from '../../i18n';
import { issuesByField } from '../../i18n/zod';
import { PickCountyFirst, RegionPicker, UpperCountyBar, topLevel, useTabCounty } from './common';

type Kind = (typeof DEPARTMENT_KINDS)[number];

export default function DepartmentsTab() {
  const { t } = useI18n();
  const l = useLabels();
  const { claims } = useSignedIn();
  // A city's or province's administrator picks a county of the area and reads its departments (issue 16).
  const county = useTabCounty(claims);
  const [rev, setRev] = useState(0);
  const list = useDepartments(county.countyId, rev);
  const [editing, setEditing] = useState<DepartmentDoc | 'new' | null>(null);
  return (
    <div data-testid="admin-departments">
      <UpperCountyBar claims={claims} county={county} what={t('admin.upper.what.departments')} />
      {county.editable && (
        <div className="admin-toolbar">
          <span />
          <Button type="primary" onClick={() => setEditing('new')} data-testid="department-new">
            {t('admin.departments.new')}
          </Button>
        </div>
      )}
      {list?.status === 'error' && <Alert type="error" showIcon title={loadErrorText(list, t)} />}
      {county.countyId === null ? (
        <PickCountyFirst />
      ) : (
        <Table<DepartmentDoc>
          rowKey="id"
          size="small"
          loading={!list || list.status === 'loading'}
          dataSource={list?.status === 'ready' ? list.data : []}
          pagination={false}
          scroll={{ x: 640 }}
          data-testid="departments-table"
          columns={[
            { key: 'name', title: t('admin.departments.name'), dataIndex: 'name' },
            { key: 'kind', title: t('admin.departments.kind'), render: (_, d) => <Tag>{l.departmentKind(d.kind)}</Tag> },
            {
              key: 'town',
              title: t('admin.departments.town'),
              render: (_, d) => (d.townId ? <TownName id={d.townId} /> : t('admin.departments.countyLevel')),
            },
            // The ID is what a county administrator types when adding a department; others see names only.
            ...(county.editable
              ? [
                  {
                    key: 'id',
                    title: t('admin.departments.id'),
                    render: (_: unknown, d: DepartmentDoc) => <span className="mono small">{d.id}</span>,
                  },
                  {
                    key: 'edit',
                    title: t('admin.actions'),
                    render: (_: unknown, d: DepartmentDoc) => (
                      <Button size="small" onClick={() => setEditing(d)} aria-label={t('admin.editLabel', { name: d.name })}>
                        {t('admin.edit')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('admin.departments.new') : t('admin.departments.edit')}
        footer={null}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        {editing !== null && county.countyId && (
          <DepartmentForm
            countyId={county.countyId}
            existing={editing === 'new' ? null : editing}
            onDone={() => {
              setEditing(null);
              setRev((r) => r + 1);
            }}
          />
        )}
      </Modal>
    </div>
  );
}

function TownName({ id }: { id: string }) {
  const name = useEntityName('region', id);
  return <>{shownName(name)}</>;
}

function DepartmentForm({ countyId, existing, onDone }: { countyId: string; existing: DepartmentDoc | null; onDone: () => void }) {
  const { t, locale } = useI18n();
  const l = useLabels();
  const { message } = AntApp.useApp();
  const towns = useRegionChildren(countyId, countyId);
  const [slug, setSlug] = useState(existing ? existing.id.slice(countyId.length + 1) : '');
  const [name, setName] = useState(existing?.name ?? '');
  const [kind, setKind] = useState<Kind>(existing?.kind ?? 'police');
  const [townId, setTownId] = useState<string | null>(existing?.townId ?? null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const submit = async () => {
    if (inFlight.current) return;
    const payload: z.input<typeof SaveDepartmentInput> = { id: `${countyId}-${slug}`, name, kind, townId };
    const parsed = SaveDepartmentInput.safeParse(payload);
    if (!parsed.success) {
      setErrors(issuesByField(parsed.error.issues, locale));
      setSubmitError(t('form.fixErrors'));
      return;
    }
    inFlight.current = true;
    setBusy(true);
    setSubmitError(null);
    try {
      await call('saveDepartment', parsed.data);
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
  return (
    <Form layout="vertical" onFinish={submit} disabled={busy} data-testid="department-form">
      <Form.Item label={t('admin.departments.id')} required htmlFor="dept-slug" extra={t('admin.departments.idHint')} {...err('id')}>
        <Input
          id="dept-slug"
          className="mono"
          prefix={`${countyId}-`}
          value={slug}
          readOnly={!!existing}
          maxLength={40}
          onChange={(e) => setSlug(e.target.value.trim().toLowerCase())}
        />
      </Form.Item>
      <Form.Item label={t('admin.departments.name')} required htmlFor="dept-name" {...err('name')}>
        <Input id="dept-name" value={name} maxLength={40} onChange={(e) => setName(e.target.value)} />
      </Form.Item>
      <Form.Item label={t('admin.departments.kind')} required htmlFor="dept-kind" {...err('kind')}>
        <Select<Kind>
          id="dept-kind"
          value={kind}
          onChange={setKind}
          options={DEPARTMENT_KINDS.map((k) => ({ value: k, label: l.departmentKind(k) }))}
          virtual={false}
        />
      </Form.Item>
      <Form.Item label={t('admin.departments.town')} extra={t('admin.departments.townHint')} {...err('townId')}>
        <RegionPicker
          testId="dept-town"
          list={towns}
          value={townId}
          onChange={setTownId}
          allowClear
          placeholder={t('admin.departments.countyLevel')}
        />
      </Form.Item>
      {submitError && <Alert type="error" showIcon title={submitError} role="alert" className="submit-error" />}
      <div className="form-buttons">
        <Button onClick={onDone}>{t('form.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="department-save">
          {t('admin.save')}
        </Button>
      </div>
    </Form>
  );
}
