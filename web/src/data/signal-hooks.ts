/** Risk signals (风险信号): a unit's signals, live, and its month's signal figures. */
import { localDate } from '@domain';
import { fb } from '../firebase';
import { converters } from './convert';
import type { SignalDoc, SignalFiguresDoc } from './docs';
import { type DocLoad, type Loadable, useLiveDoc, useLiveQuery } from './hooks';
import { docs, signalsQuery } from './queries';

export function useSignals(unitId: string | null): Loadable<SignalDoc[]> {
  return (
    useLiveQuery(unitId ? `signals:${unitId}` : null, 'signals.byUnit', () =>
      signalsQuery(fb().db, unitId!).withConverter(converters.signal),
    ).value ?? { status: 'loading' }
  );
}

export function useSignalFigures(unitId: string | null, month = localDate(new Date()).slice(0, 7)): DocLoad<SignalFiguresDoc> {
  return useLiveDoc(unitId ? `signalFigures:${unitId}:${month}` : null, 'signalFigures', () =>
    docs.signalFigures(fb().db, unitId!, month).withConverter(converters.signalFigures),
  );
}
