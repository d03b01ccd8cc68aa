/**
 * 研判预警 figures on the statistics page (issue 15): a town's or county's month documents of the
 * signals job and the notices (`signalFigures/{unitId}_{YYYY-MM}`, `noticeFigures/{unitId}_{YYYY-MM}`),
 * read by ID once (not live) — two documents for a month, two per month up to the current one for
 * a year (at most 24), however many signals and notices there were. Summed by the domain
 * (`sumJudgementFigures`), the same sums the monthly report's 研判预警 sheet makes.
 */
import { type JudgementTotals, judgementMonths, keepsJudgementFigures, localDate, sumJudgementFigures } from '@domain';
import { doc, getDoc } from 'firebase/firestore';
import { fb } from '../firebase';
import { type Loadable, useOnce } from './hooks';
import { countReads } from './meter';

export function useJudgementFigures(unitId: string | null, period: string): Loadable<JudgementTotals> | null {
  const months = unitId && keepsJudgementFigures(unitId) ? judgementMonths(period, localDate(new Date()).slice(0, 7)) : [];
  return useOnce(unitId && months.length ? `judgement-figures:${unitId}:${months.join(',')}` : null, async () => {
    const db = fb().db;
    const get = (coll: string) => Promise.all(months.map((m) => getDoc(doc(db, coll, `${unitId}_${m}`))));
    const [sig, note] = await Promise.all([get('signalFigures'), get('noticeFigures')]);
    countReads('signalFigures', sig.length);
    countReads('noticeFigures', note.length);
    return sumJudgementFigures(
      sig.map((s) => s.data() ?? {}),
      note.map((s) => s.data() ?? {}),
    );
  });
}
