/**
 * The report form's state and its submit, shared by the staff's report page (pages/ReportPage)
 * and the grid worker's phone form (phone/PhoneReport): the draft, a requestId made once per
 * form, field errors (focusing the first after a failed submit), the schema check (loaded on
 * demand: data/report-submit), sending through the outbox, and what to tell the user. Light: no
 * antd, no Firestore, no zod until a submit needs the check.
 */
import type { CallableResult, Claims } from '@domain';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Translate } from '../i18n/core';
import { callableFieldErrors, errorMessage } from './callables';
import { submitOrQueue } from './outbox-queue';
import { type Draft, type PartyDraft, fieldId, fieldOrder, initialDraft, newRequestId, omitKeys } from './report-draft';

/** The schema check, fetched once (the phone form asks for it as soon as it is on screen). */
export const loadReportCheck = () => import('./report-submit');

export interface ReportSent {
  result: CallableResult<'reportCase'>;
  /** What to tell the user, in their language. */
  message: string;
}

export function useReportForm(
  claims: Claims,
  t: Translate,
  { resident = false, onSent }: { resident?: boolean; onSent: (s: ReportSent) => void },
) {
  const [draft, setDraft] = useState<Draft>(() => initialDraft(claims, resident));
  const [requestId, setRequestId] = useState(newRequestId);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const [focusTick, setFocusTick] = useState(0);

  const update = useCallback((patch: Partial<Draft>, clear: string[] = []) => {
    setDraft((d) => ({ ...d, ...patch }));
    if (clear.length) setErrors((e) => omitKeys(e, clear));
  }, []);
  const updateParty = useCallback((i: number, patch: Partial<PartyDraft>, field: string) => {
    setDraft((d) => ({ ...d, parties: d.parties.map((p, j) => (j === i ? { ...p, ...patch } : p)) }));
    setErrors((e) => omitKeys(e, [`parties.${i}.${field}`, 'parties']));
  }, []);
  const clearPartyErrors = useCallback(
    () => setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith('parties')))),
    [],
  );

  // Focus the first field in error after a failed submit.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per submit attempt, with the errors that attempt produced
  useEffect(() => {
    if (!focusTick) return;
    const first = fieldOrder(draft).find((p) => errors[p]);
    const el = first ? document.getElementById(fieldId(first)) : document.querySelector<HTMLElement>('[data-testid="report-error"]');
    el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement)
      el.focus({ preventScroll: true });
  }, [focusTick]);

  const reset = useCallback(() => {
    setDraft(initialDraft(claims, resident));
    setRequestId(newRequestId());
    setErrors({});
    setSubmitError(null);
  }, [claims, resident]);

  const submit = async () => {
    if (inFlight.current) return; // a double click or a second Enter
    inFlight.current = true;
    setBusy(true);
    setSubmitError(null);
    try {
      const { checkReport } = await loadReportCheck();
      const checked = checkReport(draft, requestId, claims, t);
      if (!checked.ok) {
        setErrors(checked.errors);
        setSubmitError(checked.submitError);
        setFocusTick((n) => n + 1);
        return;
      }
      setErrors({});
      const sent = await submitOrQueue('reportCase', checked.data);
      if (sent.queued) return reset(); // no network: kept in the outbox, the form is free for the next one
      const res = sent.result;
      onSent({
        result: res,
        message: !res.created
          ? t('report.replayed')
          : res.state === 'resolved'
            ? t('report.done.resolved')
            : checked.data.gridAction?.kind === 'escalate'
              ? t('report.done.escalated')
              : t('report.created'),
      });
    } catch (e) {
      const fields = callableFieldErrors(e);
      if (Object.keys(fields).length) setErrors(fields);
      setSubmitError(t('report.failed', { message: errorMessage(e, t) }));
      setFocusTick((n) => n + 1);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  return { draft, requestId, errors, submitError, busy, update, updateParty, clearPartyErrors, reset, submit };
}
