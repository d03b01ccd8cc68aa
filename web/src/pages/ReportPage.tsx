/**
 * 上报案件: the report form. Validated on the client with the domain's own ReportCaseInput schema,
 * then sent to the `reportCase` callable with a requestId made once per form, so a double click
 * or a retry can never create two cases.
 */
import {
  CASE_CLASSES,
  CATEGORIES,
  COLOUR_OF,
  type CaseClass,
  type Category,
  type Claims,
  GRID_OUTCOMES,
  PARTY_ROLES,
  SOURCES,
  type Source,
  scopeLevelOf,
} from '@domain';
import { Alert, App as AntApp, Button, Card, Checkbox, Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { useSignedIn } from '../auth/session';
import { type Loadable, useEntityName, useRegionChildren, useVillageGrids } from '../data/hooks';
import { useI18n, useLabels } from '../i18n';
import { navigate } from '../router';
import { type Draft, type ErrProps, FLAG_KEYS, MAX_PARTIES, type PartyRole, fieldId, newParty, startsAtGrid } from '../data/report-draft';
import { useReportForm } from '../data/report-form';
import { LocationPicker } from './map/LocationPicker';

export default function ReportPage({ resident = false }: { resident?: boolean }) {
  const { t } = useI18n();
  const l = useLabels();
  const { message } = AntApp.useApp();
  const { claims } = useSignedIn();
  const level = scopeLevelOf(claims);

  const { draft, requestId, errors, submitError, busy, update, updateParty, clearPartyErrors, reset, submit } = useReportForm(claims, t, {
    resident,
    onSent: ({ result, message: text }) => {
      message.success(text);
      navigate(resident ? { name: 'my' } : { name: 'case', id: result.caseId });
    },
  });

  const err = (path: string) => (errors[path] ? { validateStatus: 'error' as const, help: errors[path] } : {});

  return (
    <div className="page page-narrow" data-testid="report">
      <div className="page-head">
        <div className="page-head-text">
          <Typography.Title level={3} className="page-title">
            {t(resident ? 'my.newTitle' : 'report.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t(resident ? 'my.newSubtitle' : 'report.subtitle')}</Typography.Text>
        </div>
      </div>

      <Form
        layout="vertical"
        onFinish={submit}
        disabled={busy}
        requiredMark
        className="report-form"
        data-testid="report-form"
        data-request-id={requestId}
      >
        <Card title={t('report.section.place')} size="small" className="form-card">
          <PlaceFields claims={claims} level={level} draft={draft} update={update} err={err} villageOnly={resident} />
        </Card>

        <Card title={t('report.section.case')} size="small" className="form-card">
          <Form.Item label={t('report.category')} required htmlFor={fieldId('category')} {...err('category')}>
            <Select<Category>
              id={fieldId('category')}
              data-testid="report-category"
              value={draft.category}
              placeholder={t('report.selectCategory')}
              onChange={(v) => update({ category: v }, ['category'])}
              options={CATEGORIES.map((c) => ({ value: c, label: l.category(c) }))}
              showSearch={{ optionFilterProp: 'label' }}
              virtual={false}
            />
          </Form.Item>

          {!resident && (
            <Form.Item label={t('report.class')} required extra={t('report.classHint')} {...err('caseClass')}>
              <Radio.Group
                id={fieldId('caseClass')}
                data-testid="report-class"
                optionType="button"
                value={draft.caseClass}
                onChange={(e) => update({ caseClass: e.target.value as CaseClass }, ['caseClass'])}
                options={CASE_CLASSES.map((c) => ({
                  value: c,
                  label: (
                    <span data-testid={`report-class-${c}`}>
                      <span className={`dot dot-${COLOUR_OF[c]}`} aria-hidden="true" />
                      {l.caseClass(c)}
                    </span>
                  ),
                }))}
              />
            </Form.Item>
          )}

          {!resident && (
            <Form.Item label={t('report.source')} required htmlFor={fieldId('source')} {...err('source')}>
              <Select<Source>
                id={fieldId('source')}
                data-testid="report-source"
                value={draft.source}
                onChange={(v) => update({ source: v }, ['source'])}
                options={SOURCES.map((s) => ({ value: s, label: l.source(s) }))}
                showSearch={{ optionFilterProp: 'label' }}
                virtual={false}
              />
            </Form.Item>
          )}

          <Form.Item label={t('report.caseTitle')} required htmlFor={fieldId('title')} {...err('title')}>
            <Input
              id={fieldId('title')}
              data-testid="report-title"
              value={draft.title}
              maxLength={60}
              showCount
              placeholder={t('report.caseTitlePlaceholder')}
              onChange={(e) => update({ title: e.target.value }, ['title'])}
            />
          </Form.Item>

          <Form.Item label={t('report.description')} required htmlFor={fieldId('description')} {...err('description')}>
            <Input.TextArea
              id={fieldId('description')}
              data-testid="report-description"
              value={draft.description}
              maxLength={4000}
              showCount
              autoSize={{ minRows: 4, maxRows: 12 }}
              placeholder={t('report.descriptionPlaceholder')}
              onChange={(e) => update({ description: e.target.value }, ['description'])}
            />
          </Form.Item>

          <Form.Item label={t('report.address')} htmlFor={fieldId('address')} {...err('address')}>
            <Input
              id={fieldId('address')}
              data-testid="report-address"
              value={draft.address}
              maxLength={200}
              placeholder={t('report.addressPlaceholder')}
              onChange={(e) => update({ address: e.target.value }, ['address'])}
            />
          </Form.Item>
          {!resident && (
            <Form.Item label={t('report.location')} {...err('location')}>
              <LocationPicker villageId={draft.villageId} value={draft.location} onChange={(v) => update({ location: v }, ['location'])} />
            </Form.Item>
          )}
        </Card>

        {!resident && (
          <Card title={t('report.section.flags')} size="small" className="form-card">
            <div className="flag-grid" role="group" aria-label={t('report.section.flags')}>
              {FLAG_KEYS.map((k) => (
                <Checkbox
                  key={k}
                  data-testid={`report-flag-${k}`}
                  checked={draft.flags[k]}
                  onChange={(e) => update({ flags: { ...draft.flags, [k]: e.target.checked } }, k === 'group' ? ['flags.groupSize'] : [])}
                >
                  {t(`flag.${k}`)}
                </Checkbox>
              ))}
            </div>
            <Form.Item
              label={t('report.groupSize')}
              extra={t('report.groupSizeHint')}
              htmlFor={fieldId('flags.groupSize')}
              className="group-size"
              {...err('flags.groupSize')}
            >
              <InputNumber
                id={fieldId('flags.groupSize')}
                data-testid="report-group-size"
                min={0}
                max={100000}
                precision={0}
                inputMode="numeric"
                disabled={busy || !draft.flags.group}
                value={draft.flags.group ? draft.groupSize : null}
                onChange={(v) => update({ groupSize: typeof v === 'number' ? v : null }, ['flags.groupSize'])}
              />
            </Form.Item>
          </Card>
        )}

        <Card
          title={t('report.section.parties')}
          size="small"
          className="form-card"
          extra={
            <Button
              size="small"
              data-testid="report-add-party"
              disabled={busy || draft.parties.length >= MAX_PARTIES}
              onClick={() => update({ parties: [...draft.parties, newParty(draft.parties.length === 0 ? 'applicant' : 'respondent')] })}
            >
              + {t('report.addParty')}
            </Button>
          }
        >
          <Typography.Paragraph type="secondary" className="privacy-note">
            {t('report.privacyNote')}
          </Typography.Paragraph>
          {errors.parties && <Alert type="error" showIcon title={errors.parties} className="party-error" />}
          {draft.parties.map((p, i) => (
            <fieldset key={p.key} className="party-fieldset" data-testid={`report-party-${i}`}>
              <legend className="party-legend">
                <span>{t('report.partyN', { n: i + 1 })}</span>
                {draft.parties.length > 1 && (
                  <Button
                    size="small"
                    type="link"
                    danger
                    data-testid={`report-party-remove-${i}`}
                    aria-label={t('report.removePartyLabel', { n: i + 1 })}
                    onClick={() => {
                      update({ parties: draft.parties.filter((_, j) => j !== i) });
                      clearPartyErrors();
                    }}
                  >
                    {t('report.removeParty')}
                  </Button>
                )}
              </legend>
              <Form.Item label={t('report.partyRole')} required {...err(`parties.${i}.role`)}>
                <Radio.Group
                  id={fieldId(`parties.${i}.role`)}
                  data-testid={`report-party-role-${i}`}
                  value={p.role}
                  onChange={(e) => updateParty(i, { role: e.target.value as PartyRole }, 'role')}
                  options={PARTY_ROLES.map((r) => ({ value: r, label: l.partyRole(r) }))}
                />
              </Form.Item>
              <div className="party-grid">
                <Form.Item label={t('report.partyName')} required htmlFor={fieldId(`parties.${i}.name`)} {...err(`parties.${i}.name`)}>
                  <Input
                    id={fieldId(`parties.${i}.name`)}
                    data-testid={`report-party-name-${i}`}
                    value={p.name}
                    maxLength={40}
                    autoComplete="off"
                    onChange={(e) => updateParty(i, { name: e.target.value }, 'name')}
                  />
                </Form.Item>
                <Form.Item label={t('report.partyPhone')} htmlFor={fieldId(`parties.${i}.phone`)} {...err(`parties.${i}.phone`)}>
                  <Input
                    id={fieldId(`parties.${i}.phone`)}
                    data-testid={`report-party-phone-${i}`}
                    value={p.phone}
                    type="tel"
                    inputMode="tel"
                    maxLength={13}
                    autoComplete="off"
                    onChange={(e) => updateParty(i, { phone: e.target.value }, 'phone')}
                  />
                </Form.Item>
                <Form.Item label={t('report.partyIdNumber')} htmlFor={fieldId(`parties.${i}.idNumber`)} {...err(`parties.${i}.idNumber`)}>
                  <Input
                    id={fieldId(`parties.${i}.idNumber`)}
                    data-testid={`report-party-id-${i}`}
                    value={p.idNumber}
                    maxLength={18}
                    autoComplete="off"
                    className="mono"
                    onChange={(e) => updateParty(i, { idNumber: e.target.value }, 'idNumber')}
                  />
                </Form.Item>
              </div>
            </fieldset>
          ))}
        </Card>

        {!resident && startsAtGrid(claims, draft) && <GridChoice draft={draft} update={update} err={err} />}

        {submitError && (
          <Alert type="error" showIcon title={submitError} data-testid="report-error" role="alert" className="submit-error" />
        )}
        <div className="form-actions">
          <div className="form-buttons">
            <Button onClick={reset} data-testid="report-reset" disabled={busy}>
              {t('report.reset')}
            </Button>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="report-submit">
              {busy ? t('report.submitting') : t('report.submit')}
            </Button>
          </div>
        </div>
      </Form>
    </div>
  );
}

/** 就地化解 or 上报村(社区): the grid worker's choice at submission, sent with the report in one call. */
function GridChoice({ draft, update, err }: { draft: Draft; update: (p: Partial<Draft>, clear?: string[]) => void; err: ErrProps }) {
  const { t } = useI18n();
  const l = useLabels();
  return (
    <Card title={t('report.gridAction')} size="small" className="form-card" data-testid="report-grid-action">
      <Typography.Paragraph type="secondary" className="small">
        {t('report.gridAction.hint')}
      </Typography.Paragraph>
      <Form.Item required {...err('gridAction')} id={fieldId('gridAction')}>
        <Radio.Group
          value={draft.gridChoice}
          onChange={(e) => update({ gridChoice: e.target.value as Draft['gridChoice'] }, ['gridAction'])}
          options={[
            { value: 'resolve', label: <span data-testid="report-grid-resolve">{t('report.gridAction.resolve')}</span> },
            { value: 'escalate', label: <span data-testid="report-grid-escalate">{t('report.gridAction.escalate')}</span> },
          ]}
        />
      </Form.Item>
      {draft.gridChoice === 'resolve' && (
        <>
          <Form.Item label={t('report.gridAction.outcome')} required {...err('gridAction.outcome')}>
            <Radio.Group
              value={draft.gridOutcome}
              onChange={(e) => update({ gridOutcome: e.target.value }, ['gridAction.outcome'])}
              options={GRID_OUTCOMES.map((o) => ({
                value: o,
                label: <span data-testid={`report-grid-outcome-${o}`}>{l.outcome(o)}</span>,
              }))}
            />
          </Form.Item>
          <Form.Item label={t('report.gridAction.note')} required htmlFor={fieldId('gridAction.note')} {...err('gridAction.note')}>
            <Input.TextArea
              id={fieldId('gridAction.note')}
              data-testid="report-grid-note"
              value={draft.gridNote}
              maxLength={2000}
              autoSize={{ minRows: 2, maxRows: 8 }}
              onChange={(e) => update({ gridNote: e.target.value }, ['gridAction.note'])}
            />
          </Form.Item>
        </>
      )}
      {draft.gridChoice === 'escalate' && (
        <Form.Item label={t('report.gridAction.reason')} htmlFor={fieldId('gridAction.reason')} {...err('gridAction.reason')}>
          <Input.TextArea
            id={fieldId('gridAction.reason')}
            data-testid="report-grid-reason"
            value={draft.gridReason}
            maxLength={500}
            autoSize={{ minRows: 2, maxRows: 6 }}
            placeholder={t('report.gridAction.reasonPlaceholder')}
            onChange={(e) => update({ gridReason: e.target.value }, ['gridAction.reason'])}
          />
        </Form.Item>
      )}
    </Card>
  );
}

export type { ErrProps } from '../data/report-draft';

type PlaceDraft = Pick<Draft, 'townId' | 'villageId' | 'gridId'>;

/** 发生地: grid fixed for a grid worker; otherwise select down from the user's own level (also the walk-in form's). */
export function PlaceFields({
  claims,
  level,
  draft,
  update,
  err,
  prefix = 'report',
  villageOnly = false,
}: {
  claims: Claims;
  level: ReturnType<typeof scopeLevelOf>;
  draft: PlaceDraft;
  update: (patch: Partial<PlaceDraft>, clear?: string[]) => void;
  err: ErrProps;
  /** Test ID prefix: `{prefix}-town`, `{prefix}-village`, `{prefix}-grid`. */
  prefix?: string;
  /**
   * Residents (find, issue 12) name their town and village, never a grid ("第3网格" means nothing
   * to them): the report goes to the village's center, filed under the village's first grid.
   */
  villageOnly?: boolean;
}) {
  const { t } = useI18n();
  const c = claims.c;
  const towns = useRegionChildren(c, level === 'county' ? c : null);
  const villages = useRegionChildren(c, level === 'county' || level === 'town' ? draft.townId : null);
  const grids = useVillageGrids(c, level !== 'grid' ? draft.villageId : null);
  const fixedGridName = useEntityName('grid', level === 'grid' ? claims.g : null);

  // A village with a single grid: nothing to choose (for residents: the village's first grid).
  const onlyGrid =
    grids?.status === 'ready' && (grids.data.length === 1 || (villageOnly && grids.data.length > 0))
      ? [...grids.data].sort((a, b) => a.id.localeCompare(b.id))[0]!.id
      : null;
  useEffect(() => {
    if (onlyGrid && !draft.gridId) update({ gridId: onlyGrid }, ['gridId']);
  }, [onlyGrid, draft.gridId, update]);

  if (level === 'grid') {
    return (
      <Form.Item label={t('report.grid')} required htmlFor={fieldId('gridId')} {...err('gridId')}>
        <Input id={fieldId('gridId')} data-testid={`${prefix}-grid-fixed`} readOnly value={fixedGridName ?? claims.g ?? ''} />
      </Form.Item>
    );
  }
  return (
    <div className="place-grid">
      {level === 'county' && (
        <Form.Item label={t('report.town')} required htmlFor={fieldId('townId')} {...err('townId')}>
          <RegionSelect
            id={fieldId('townId')}
            testId={`${prefix}-town`}
            placeholder={t('report.selectTown')}
            value={draft.townId}
            list={towns}
            onChange={(v) => update({ townId: v, villageId: undefined, gridId: undefined }, ['townId', 'gridId'])}
          />
        </Form.Item>
      )}
      {(level === 'county' || level === 'town') && (
        <Form.Item label={t('report.village')} required htmlFor={fieldId('villageId')} {...err('villageId')}>
          <RegionSelect
            id={fieldId('villageId')}
            testId={`${prefix}-village`}
            placeholder={t('report.selectVillage')}
            value={draft.villageId}
            list={villages}
            onChange={(v) => update({ villageId: v, gridId: undefined }, ['villageId', 'gridId'])}
          />
          {villageOnly && err('gridId').help && (
            <div className="field-error" data-testid={`${prefix}-village-error`}>
              {t('find.err.village')}
            </div>
          )}
        </Form.Item>
      )}
      {!villageOnly && (
        <Form.Item label={t('report.grid')} required htmlFor={fieldId('gridId')} {...err('gridId')}>
          <RegionSelect
            id={fieldId('gridId')}
            testId={`${prefix}-grid`}
            placeholder={t('report.selectGrid')}
            value={draft.gridId}
            list={grids}
            onChange={(v) => update({ gridId: v }, ['gridId'])}
          />
        </Form.Item>
      )}
    </div>
  );
}

function RegionSelect({
  id,
  testId,
  placeholder,
  value,
  list,
  onChange,
}: {
  id: string;
  testId: string;
  placeholder: string;
  value: string | undefined;
  list: Loadable<{ id: string; name: string }[]> | null;
  onChange: (v: string) => void;
}) {
  const { t } = useI18n();
  const options = useMemo(() => (list?.status === 'ready' ? list.data.map((r) => ({ value: r.id, label: r.name })) : []), [list]);
  return (
    <>
      <Select<string>
        id={id}
        data-testid={testId}
        value={value}
        placeholder={placeholder}
        onChange={onChange}
        options={options}
        loading={list?.status === 'loading'}
        disabled={list?.status !== 'ready'}
        showSearch={{ optionFilterProp: 'label' }}
        virtual={false}
        status={list?.status === 'error' ? 'error' : undefined}
        data-state={list?.status ?? 'idle'}
      />
      {list?.status === 'error' && <div className="field-error">{t('report.loadError', { message: list.message })}</div>}
    </>
  );
}
