/** Grids (网格) of a village: list and the create/rename form (`saveGrid`). */
import { type GridDoc, SaveGridInput } from '@domain';
import { Alert, App as AntApp, Button, Empty, Form, Input, InputNumber, Modal, Table, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { z } from 'zod';
import { useSignedIn } from '../../auth/session';
import { call, callableFieldErrors, errorMessage, loadErrorText } from '../../data/callables';
import { useRegionChildren, useVillageGrids } from '../../data/hooks';
import { useI18n } from '../../i18n';
import { issuesByField } from '../../i18n/zod';
import { PickCountyFirst, RegionPicker, UpperCountyBar, topLevel, useTabCounty } from './common';

export default function GridsTab() {
  const { t } = useI18n();
  const { claims } = useSignedIn();
  // A city's or province's administrator picks a county of the area and reads its grids (issue 16).
  const county = useTabCounty(claims);
  const countyId = county.countyId ?? '';
  const [townId, setTownId] = useState<string | null>(null);
  const [villageId, setVillageId] = useState<string | null>(null);
  const [rev, setRev] = useState(0);
  const towns = useRegionChildren(countyId, county.countyId);
  const villages = useRegionChildren(countyId, townId);
  const grids = useVillageGrids(countyId, villageId, rev);
  const [editing, setEditing] = useState<GridDoc | 'new' | null>(null);
  const list = grids?.status === 'ready' ? grids.data : [];
  const nextId = villageId
    ? `${villageId}${String(list.reduce((m, g) => Math.max(m, Number(g.id.slice(12))), 0) + 1).padStart(3, '0')}`
    : '';

  return (
    <div data-testid="admin-grids">
      <UpperCountyBar
        claims={claims}
        county={{
          ...county,
          setCountyId: (v) => {
            county.setCountyId(v);
            setTownId(null);
            setVillageId(null);
          },
        }}
        what={t('admin.upper.what.grids')}
      />
      {county.countyId === null ? null : (
        <div className="admin-toolbar">
          <div className="place-grid picker-row">
            <RegionPicker
              testId="grids-town"
              list={towns}
              value={townId}
              onChange={(v) => {
                setTownId(v);
                return setVillageId(null);
              }}
              placeholder={t('report.selectTown')}
            />
            <RegionPicker
              testId="grids-village"
              list={villages}
              value={villageId}
              onChange={setVillageId}
              placeholder={t('report.selectVillage')}
            />
          </div>
          {county.editable && (
            <Button
              type="primary"
              disabled={!villageId || grids?.status !== 'ready'}
              onClick={() => setEditing('new')}
              data-testid="grid-new"
            >
              {t('admin.grids.new')}
            </Button>
          )}
        </div>
      )}
      {county.countyId === null ? (
        <PickCountyFirst />
      ) : !villageId ? (
        <Empty description={t('admin.grids.pickVillage')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : grids?.status === 'error' ? (
        <Alert type="error" showIcon title={loadErrorText(grids, t)} />
      ) : (
        <Table<GridDoc>
          rowKey="id"
          size="small"
          loading={grids?.status === 'loading'}
          dataSource={list}
          pagination={false}
          data-testid="grids-table"
          columns={[
            // The code is what a county administrator types when adding a grid; others see names only.
            ...(county.editable
              ? [{ key: 'id', title: t('admin.grids.id'), render: (_: unknown, g: GridDoc) => <span className="mono">{g.id}</span> }]
              : []),
            { key: 'name', title: t('admin.grids.name'), dataIndex: 'name' },
            { key: 'households', title: t('admin.grids.households'), render: (_, g) => g.households ?? '—' },
            ...(county.editable
              ? [
                  {
                    key: 'edit',
                    title: t('admin.actions'),
                    render: (_: unknown, g: GridDoc) => (
                      <Button size="small" onClick={() => setEditing(g)} aria-label={t('admin.editLabel', { name: g.name })}>
                        {t('admin.edit')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {county.editable && (
        <Typography.Paragraph type="secondary" className="admin-note">
          {t('admin.grids.note')}
        </Typography.Paragraph>
      )}
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('admin.grids.new') : t('admin.grids.edit')}
        footer={null}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        {editing !== null && villageId && (
          <GridForm
            villageId={villageId}
            existing={editing === 'new' ? null : editing}
            suggestedId={nextId}
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

function GridForm({
  villageId,
  existing,
  suggestedId,
  onDone,
}: {
  villageId: string;
  existing: GridDoc | null;
  suggestedId: string;
  onDone: () => void;
}) {
  const { t, locale } = useI18n();
  const { message } = AntApp.useApp();
  const [id, setId] = useState(existing?.id ?? suggestedId);
  const [name, setName] = useState(existing?.name ?? '');
  const [households, setHouseholds] = useState<number | null>(existing?.households ?? null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const submit = async () => {
    if (inFlight.current) return;
    const payload: z.input<typeof SaveGridInput> = { id, name, villageId, households };
    const parsed = SaveGridInput.safeParse(payload);
    if (!parsed.success) {
      setErrors(issuesByField(parsed.error.issues, locale));
      setSubmitError(t('form.fixErrors'));
      return;
    }
    if (!parsed.data.id.startsWith(villageId)) {
      setErrors({ id: t('admin.grids.idPrefix', { village: villageId }) });
      return;
    }
    inFlight.current = true;
    setBusy(true);
    setSubmitError(null);
    try {
      await call('saveGrid', parsed.data);
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
    <Form layout="vertical" onFinish={submit} disabled={busy} data-testid="grid-form">
      <Form.Item label={t('admin.grids.id')} required htmlFor="grid-id" extra={t('admin.grids.idHint')} {...err('id')}>
        <Input
          id="grid-id"
          className="mono"
          value={id}
          maxLength={15}
          readOnly={!!existing}
          onChange={(e) => setId(e.target.value.trim())}
        />
      </Form.Item>
      <Form.Item label={t('admin.grids.name')} required htmlFor="grid-name" {...err('name')}>
        <Input id="grid-name" data-testid="grid-name" value={name} maxLength={40} onChange={(e) => setName(e.target.value)} />
      </Form.Item>
      <Form.Item label={t('admin.grids.households')} htmlFor="grid-households" {...err('households')}>
        <InputNumber
          id="grid-households"
          min={0}
          max={100000}
          precision={0}
          value={households}
          onChange={(v) => setHouseholds(typeof v === 'number' ? v : null)}
        />
      </Form.Item>
      {submitError && <Alert type="error" showIcon title={submitError} role="alert" className="submit-error" />}
      <div className="form-buttons">
        <Button onClick={onDone}>{t('form.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="grid-save">
          {t('admin.save')}
        </Button>
      </div>
    </Form>
  );
}
