/**
 * 上报案件 on a grid worker's phone: the report form in plain elements (no antd, no Firestore, no
 * zod before it is on screen). The domain's schema checks it before sending (data/report-submit,
 * loaded once the form is shown); it is sent through the outbox (queued offline, sent once), and
 * the grid's name arrives when Firestore has loaded. The same form in the phone's light frame
 * (PhoneShell) and in the full console's shell, so a grid worker has one report form.
 */
import type { Claims } from '@domain';
import { CASE_CLASSES, CATEGORIES, COLOUR_OF, GRID_OUTCOMES, PARTY_ROLES, SOURCES } from '@domain/vocab';
import { type FormEvent, type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { loadReportCheck, useReportForm } from '../data/report-form';
import { type Draft, FLAG_KEYS, MAX_PARTIES, type PartyRole, fieldId, newParty, startsAtGrid } from '../data/report-draft';
import { type MessageKey, useI18n } from '../i18n/core';
import { navigate } from '../router';
import { PhoneLocation } from './PhoneLocation';

const loadGridName = () => import('./grid-name');

/** A labelled field with its error underneath. */
function Field({
  label,
  path,
  error,
  required,
  hint,
  children,
}: {
  label: string;
  path: string;
  error?: string;
  required?: boolean;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <div className={error ? 'lite-field lite-field-error' : 'lite-field'}>
      <label className="lite-label" htmlFor={fieldId(path)}>
        {label}
        {required && (
          <span className="lite-required" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </label>
      {children}
      {hint && !error && <span className="lite-help">{hint}</span>}
      {error && <span className="field-error">{error}</span>}
    </div>
  );
}

export default function PhoneReport({ claims, onToast }: { claims: Claims; onToast?: (text: string) => void }) {
  const { t } = useI18n();
  const [gridName, setGridName] = useState<string | null>(null);
  const { draft, requestId, errors, submitError, busy, update, updateParty, clearPartyErrors, reset, submit } = useReportForm(claims, t, {
    onSent: ({ result, message }) => {
      onToast?.(message);
      navigate({ name: 'case', id: result.caseId });
    },
  });

  // The schema (the check before sending) as soon as the form is shown: the signal may be gone by
  // the time the worker presses 提交, and the report must still be checked and queued.
  useEffect(() => {
    performance.mark('fq:form-shown'); // the phone benchmark's end point (bench/phone.bench.ts)
    void loadReportCheck();
  }, []);
  // The grid's name (Firestore) when the worker starts on the form (first focus), or 3 s after it
  // is shown: not needed to type, so it does not compete with the form on a slow line.
  const warmed = useRef(false);
  const live = useRef(true);
  const warm = useCallback(() => {
    if (warmed.current) return;
    warmed.current = true;
    if (claims.g)
      loadGridName()
        .then((m) => m.gridName(claims.g!))
        .then(
          (n) => live.current && setGridName(n),
          () => undefined,
        );
  }, [claims.g]);
  useEffect(() => {
    live.current = true;
    const timer = window.setTimeout(warm, 3000);
    return () => {
      live.current = false;
      window.clearTimeout(timer);
    };
  }, [warm]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit();
  };

  const choose = startsAtGrid(claims, draft);
  return (
    <div className="page page-narrow phone-report" data-testid="report">
      <h1 className="lite-title">{t('report.title')}</h1>
      <p className="lite-muted">{t('report.subtitle')}</p>
      <form
        className="lite-form report-form"
        onSubmit={onSubmit}
        onFocus={warm}
        noValidate
        data-testid="report-form"
        data-request-id={requestId}
        aria-busy={busy}
      >
        <fieldset className="lite-card" disabled={busy}>
          <legend className="lite-card-title">{t('report.section.place')}</legend>
          <Field label={t('report.grid')} path="gridId" error={errors.gridId} required>
            <input
              id={fieldId('gridId')}
              className="lite-input"
              data-testid="report-grid-fixed"
              readOnly
              value={gridName ?? t('phone.myGrid')}
            />
          </Field>
          <PhoneLocation
            value={draft.location}
            onChange={(location) => update({ location }, ['location', 'location.lat', 'location.lng', 'location.accuracy'])}
            formKey={requestId}
            disabled={busy}
          />
        </fieldset>

        <fieldset className="lite-card" disabled={busy}>
          <legend className="lite-card-title">{t('report.section.case')}</legend>
          <Field label={t('report.category')} path="category" error={errors.category} required>
            <select
              id={fieldId('category')}
              className="lite-input"
              data-testid="report-category"
              value={draft.category ?? ''}
              onChange={(e) => update({ category: (e.target.value || undefined) as Draft['category'] }, ['category'])}
            >
              <option value="">{t('report.selectCategory')}</option>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`category.${c}` as MessageKey)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('report.class')} path="caseClass" error={errors.caseClass} required hint={t('report.classHint')}>
            <div className="lite-radios" role="radiogroup" id={fieldId('caseClass')} data-testid="report-class">
              {CASE_CLASSES.map((c) => (
                <label
                  key={c}
                  className={draft.caseClass === c ? 'lite-radio lite-radio-on' : 'lite-radio'}
                  data-testid={`report-class-${c}`}
                >
                  <input
                    type="radio"
                    name="caseClass"
                    value={c}
                    checked={draft.caseClass === c}
                    onChange={() => update({ caseClass: c }, ['caseClass'])}
                  />
                  <span className={`dot dot-${COLOUR_OF[c]}`} aria-hidden="true" />
                  {t(`class.${c}` as MessageKey)}
                </label>
              ))}
            </div>
          </Field>
          <Field label={t('report.source')} path="source" error={errors.source} required>
            <select
              id={fieldId('source')}
              className="lite-input"
              data-testid="report-source"
              value={draft.source}
              onChange={(e) => update({ source: e.target.value as Draft['source'] }, ['source'])}
            >
              {SOURCES.map((s) => (
                <option key={s} value={s}>
                  {t(`source.${s}` as MessageKey)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('report.caseTitle')} path="title" error={errors.title} required>
            <input
              id={fieldId('title')}
              className="lite-input"
              data-testid="report-title"
              value={draft.title}
              maxLength={60}
              placeholder={t('report.caseTitlePlaceholder')}
              onChange={(e) => update({ title: e.target.value }, ['title'])}
            />
          </Field>
          <Field label={t('report.description')} path="description" error={errors.description} required>
            <textarea
              id={fieldId('description')}
              className="lite-input"
              data-testid="report-description"
              rows={4}
              maxLength={4000}
              value={draft.description}
              placeholder={t('report.descriptionPlaceholder')}
              onChange={(e) => update({ description: e.target.value }, ['description'])}
            />
          </Field>
          <Field label={t('report.address')} path="address" error={errors.address}>
            <input
              id={fieldId('address')}
              className="lite-input"
              data-testid="report-address"
              value={draft.address}
              maxLength={200}
              placeholder={t('report.addressPlaceholder')}
              onChange={(e) => update({ address: e.target.value }, ['address'])}
            />
          </Field>
        </fieldset>

        <fieldset className="lite-card" disabled={busy}>
          <legend className="lite-card-title">{t('report.section.flags')}</legend>
          <div className="flag-grid" role="group" aria-label={t('report.section.flags')}>
            {FLAG_KEYS.map((k) => (
              <label key={k} className="lite-check" data-testid={`report-flag-${k}`}>
                <input
                  type="checkbox"
                  checked={draft.flags[k]}
                  onChange={(e) => update({ flags: { ...draft.flags, [k]: e.target.checked } }, k === 'group' ? ['flags.groupSize'] : [])}
                />
                {t(`flag.${k}` as MessageKey)}
              </label>
            ))}
          </div>
          {draft.flags.group && (
            <Field label={t('report.groupSize')} path="flags.groupSize" error={errors['flags.groupSize']} hint={t('report.groupSizeHint')}>
              <input
                id={fieldId('flags.groupSize')}
                className="lite-input"
                data-testid="report-group-size"
                type="number"
                inputMode="numeric"
                min={0}
                max={100000}
                value={draft.groupSize ?? ''}
                onChange={(e) =>
                  update({ groupSize: e.target.value === '' ? null : Math.trunc(Number(e.target.value)) }, ['flags.groupSize'])
                }
              />
            </Field>
          )}
        </fieldset>

        <fieldset className="lite-card" disabled={busy}>
          <legend className="lite-card-title">{t('report.section.parties')}</legend>
          <p className="lite-muted small">{t('report.privacyNote')}</p>
          {errors.parties && <div className="lite-alert lite-alert-error">{errors.parties}</div>}
          {draft.parties.map((p, i) => (
            <div key={p.key} className="party-fieldset" data-testid={`report-party-${i}`}>
              <div className="party-legend">
                <span>{t('report.partyN', { n: i + 1 })}</span>
                {draft.parties.length > 1 && (
                  <button
                    type="button"
                    className="lite-button lite-small lite-link lite-danger"
                    data-testid={`report-party-remove-${i}`}
                    aria-label={t('report.removePartyLabel', { n: i + 1 })}
                    onClick={() => {
                      update({ parties: draft.parties.filter((_, j) => j !== i) });
                      clearPartyErrors();
                    }}
                  >
                    {t('report.removeParty')}
                  </button>
                )}
              </div>
              <Field label={t('report.partyRole')} path={`parties.${i}.role`} error={errors[`parties.${i}.role`]} required>
                <div className="lite-radios" role="radiogroup" id={fieldId(`parties.${i}.role`)} data-testid={`report-party-role-${i}`}>
                  {PARTY_ROLES.map((r) => (
                    <label key={r} className={p.role === r ? 'lite-radio lite-radio-on' : 'lite-radio'}>
                      <input
                        type="radio"
                        name={`party-role-${p.key}`}
                        checked={p.role === r}
                        onChange={() => updateParty(i, { role: r as PartyRole }, 'role')}
                      />
                      {t(`partyRole.${r}` as MessageKey)}
                    </label>
                  ))}
                </div>
              </Field>
              <Field label={t('report.partyName')} path={`parties.${i}.name`} error={errors[`parties.${i}.name`]} required>
                <input
                  id={fieldId(`parties.${i}.name`)}
                  className="lite-input"
                  data-testid={`report-party-name-${i}`}
                  value={p.name}
                  maxLength={40}
                  autoComplete="off"
                  onChange={(e) => updateParty(i, { name: e.target.value }, 'name')}
                />
              </Field>
              <Field label={t('report.partyPhone')} path={`parties.${i}.phone`} error={errors[`parties.${i}.phone`]}>
                <input
                  id={fieldId(`parties.${i}.phone`)}
                  className="lite-input"
                  data-testid={`report-party-phone-${i}`}
                  type="tel"
                  inputMode="tel"
                  maxLength={13}
                  autoComplete="off"
                  value={p.phone}
                  onChange={(e) => updateParty(i, { phone: e.target.value }, 'phone')}
                />
              </Field>
              <Field label={t('report.partyIdNumber')} path={`parties.${i}.idNumber`} error={errors[`parties.${i}.idNumber`]}>
                <input
                  id={fieldId(`parties.${i}.idNumber`)}
                  className="lite-input mono"
                  data-testid={`report-party-id-${i}`}
                  maxLength={18}
                  autoComplete="off"
                  value={p.idNumber}
                  onChange={(e) => updateParty(i, { idNumber: e.target.value }, 'idNumber')}
                />
              </Field>
            </div>
          ))}
          <button
            type="button"
            className="lite-button"
            data-testid="report-add-party"
            disabled={draft.parties.length >= MAX_PARTIES}
            onClick={() => update({ parties: [...draft.parties, newParty(draft.parties.length === 0 ? 'applicant' : 'respondent')] })}
          >
            + {t('report.addParty')}
          </button>
        </fieldset>

        {choose && (
          <fieldset className="lite-card" disabled={busy} data-testid="report-grid-action">
            <legend className="lite-card-title">{t('report.gridAction')}</legend>
            <p className="lite-muted small">{t('report.gridAction.hint')}</p>
            <Field label={t('report.gridAction')} path="gridAction" error={errors.gridAction} required>
              <div className="lite-radios" role="radiogroup" id={fieldId('gridAction')}>
                {(['resolve', 'escalate'] as const).map((c) => (
                  <label
                    key={c}
                    className={draft.gridChoice === c ? 'lite-radio lite-radio-on' : 'lite-radio'}
                    data-testid={`report-grid-${c}`}
                  >
                    <input
                      type="radio"
                      name="gridChoice"
                      checked={draft.gridChoice === c}
                      onChange={() => update({ gridChoice: c }, ['gridAction'])}
                    />
                    {t(c === 'resolve' ? 'report.gridAction.resolve' : 'report.gridAction.escalate')}
                  </label>
                ))}
              </div>
            </Field>
            {draft.gridChoice === 'resolve' && (
              <>
                <Field label={t('report.gridAction.outcome')} path="gridAction.outcome" error={errors['gridAction.outcome']} required>
                  <div className="lite-radios" role="radiogroup" id={fieldId('gridAction.outcome')}>
                    {GRID_OUTCOMES.map((o) => (
                      <label
                        key={o}
                        className={draft.gridOutcome === o ? 'lite-radio lite-radio-on' : 'lite-radio'}
                        data-testid={`report-grid-outcome-${o}`}
                      >
                        <input
                          type="radio"
                          name="gridOutcome"
                          checked={draft.gridOutcome === o}
                          onChange={() => update({ gridOutcome: o }, ['gridAction.outcome'])}
                        />
                        {t(`outcome.${o}` as MessageKey)}
                      </label>
                    ))}
                  </div>
                </Field>
                <Field label={t('report.gridAction.note')} path="gridAction.note" error={errors['gridAction.note']} required>
                  <textarea
                    id={fieldId('gridAction.note')}
                    className="lite-input"
                    data-testid="report-grid-note"
                    rows={2}
                    maxLength={2000}
                    value={draft.gridNote}
                    onChange={(e) => update({ gridNote: e.target.value }, ['gridAction.note'])}
                  />
                </Field>
              </>
            )}
            {draft.gridChoice === 'escalate' && (
              <Field label={t('report.gridAction.reason')} path="gridAction.reason" error={errors['gridAction.reason']}>
                <textarea
                  id={fieldId('gridAction.reason')}
                  className="lite-input"
                  data-testid="report-grid-reason"
                  rows={2}
                  maxLength={500}
                  placeholder={t('report.gridAction.reasonPlaceholder')}
                  value={draft.gridReason}
                  onChange={(e) => update({ gridReason: e.target.value }, ['gridAction.reason'])}
                />
              </Field>
            )}
          </fieldset>
        )}

        {submitError && (
          <div className="lite-alert lite-alert-error submit-error" data-testid="report-error" role="alert">
            {submitError}
          </div>
        )}
        <div className="form-actions">
          <div className="form-buttons">
            <button type="button" className="lite-button" onClick={reset} data-testid="report-reset" disabled={busy}>
              {t('report.reset')}
            </button>
            <button type="submit" className="lite-button lite-primary" disabled={busy} data-testid="report-submit">
              {busy ? t('report.submitting') : t('report.submit')}
            </button>
          </div>
        </div>
      </form>
    </div>
  );
}
