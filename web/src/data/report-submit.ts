/**
 * Checking a report before it is sent, with the domain's own schema (ReportCaseInput): the same
 * words the server would answer with, shown under the fields. Shared by the report page and the
 * phone form (which loads this module after its form is on screen: zod and the schemas are not
 * part of the phone's first download).
 */
import { type Claims, ReportCaseInput, fieldLabel } from '@domain';
import type { z } from 'zod';
import type { Translate } from '../i18n/core';
import { type Draft, fieldOrder, issueMessages, startsAtGrid, toPayload } from './report-draft';

export type ReportCheck =
  | { ok: true; data: z.output<typeof ReportCaseInput> }
  | { ok: false; errors: Record<string, string>; submitError: string };

export function checkReport(draft: Draft, requestId: string, claims: Claims, t: Translate): ReportCheck {
  const parsed = ReportCaseInput.safeParse(toPayload(draft, requestId, claims), { error: issueMessages(t) });
  // A grid worker must choose (the schema lets other reporters leave it out).
  if (parsed.success && startsAtGrid(claims, draft) && !parsed.data.gridAction) {
    return { ok: false, errors: { gridAction: t('report.err.gridAction') }, submitError: t('report.fixErrors') };
  }
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: Record<string, string> = {};
  for (const iss of parsed.error.issues) {
    const path = iss.path.map(String).join('.');
    if (!(path in errors)) errors[path] = iss.message;
  }
  const known = new Set(fieldOrder(draft));
  const stray = Object.entries(errors).filter(([p]) => !known.has(p));
  const submitError = stray.length
    ? stray
        .map(([p, m]) => `${fieldLabel(p ? p.split('.').map((x) => (/^\d+$/.test(x) ? Number(x) : x)) : [])}${t('fmt.colon')}${m}`)
        .join(t('fmt.listSep'))
    : t('report.fixErrors');
  return { ok: false, errors, submitError };
}
