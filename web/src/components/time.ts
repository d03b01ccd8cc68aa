/** A shared clock for countdowns: one timer for the whole console, ticking while anyone listens. */
import { useSyncExternalStore } from 'react';
import type { Translate } from '../i18n';

const TICK_MS = 30_000;
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;
const listeners = new Set<() => void>();

function subscribe(l: () => void) {
  listeners.add(l);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      listeners.forEach((x) => {
        x();
      });
    }, TICK_MS);
  }
  return () => {
    listeners.delete(l);
    if (!listeners.size && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** The current time, updated every 30 seconds. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}

/** A duration for people: "2天3小时", "3小时20分", "15分钟" (and English equivalents). */
export function formatDuration(ms: number, t: Translate): string {
  const mins = Math.max(0, Math.floor(Math.abs(ms) / 60_000));
  const days = Math.floor(mins / 1440);
  const hours = Math.floor((mins % 1440) / 60);
  const m = mins % 60;
  if (days > 0) return hours ? t('time.daysHours', { d: days, h: hours }) : t('time.days', { d: days });
  if (hours > 0) return m ? t('time.hoursMinutes', { h: hours, m }) : t('time.hours', { h: hours });
  return t('time.minutes', { m: Math.max(1, m) });
}

export type Urgency = 'overdue' | 'soon' | 'ok';

/** Less than a day left is "due soon" (黄灯); past the limit is overdue (红灯). */
export const SOON_MS = 24 * 3_600_000;

export function urgencyOf(dueAt: Date, nowMs: number): Urgency {
  const left = dueAt.getTime() - nowMs;
  return left <= 0 ? 'overdue' : left <= SOON_MS ? 'soon' : 'ok';
}
