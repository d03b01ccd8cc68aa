/**
 * The dictionaries, in parts: `boot` comes with the first download (in Chinese; the sign-in page
 * and the phone report form need nothing else), `console` with the full console, and each area's
 * part with the pages that use it (main.tsx, app/Shell.tsx: `withDictionary(import(page), parts)`),
 * so the first download does not grow with every page's keys (docs/console.md "Bundle budget").
 *
 * Each part is a pair of files, zh-CN/<part>.ts (the key set) and en-US/<part>.ts (typed against
 * it: a missing or extra key fails the type check). A key goes in the part of the pages that use
 * it; a key several areas use goes in `console`. test/unit/i18n-parts.test.ts checks that every
 * key a page uses is in `boot`, `console` or a part that page loads.
 */
import type actions from './zh-CN/actions';
import type admin from './zh-CN/admin';
import type board from './zh-CN/board';
import type boot from './zh-CN/boot';
import type kase from './zh-CN/case';
import type consoleDict from './zh-CN/console';
import type dash from './zh-CN/dash';
import type duty from './zh-CN/duty';
import type kp from './zh-CN/kp';
import type map from './zh-CN/map';
import type meetings from './zh-CN/meetings';
import type patrol from './zh-CN/patrol';
import type resident from './zh-CN/resident';
import type stats from './zh-CN/stats';

export type MessageKey = keyof (typeof boot &
  typeof consoleDict &
  typeof board &
  typeof dash &
  typeof map &
  typeof kase &
  typeof actions &
  typeof resident &
  typeof admin &
  typeof patrol &
  typeof duty &
  typeof stats &
  typeof meetings &
  typeof kp);

/** A dictionary as loaded so far: the boot part and the parts the pages opened have asked for. */
export type Dictionary = Readonly<Partial<Record<MessageKey, string>>>;

type Loader = () => Promise<{ default: Dictionary }>;

/** The parts loaded on demand, in each language (one chunk each). */
export const PARTS = {
  console: { 'zh-CN': () => import('./zh-CN/console'), 'en-US': () => import('./en-US/console') },
  board: { 'zh-CN': () => import('./zh-CN/board'), 'en-US': () => import('./en-US/board') },
  dash: { 'zh-CN': () => import('./zh-CN/dash'), 'en-US': () => import('./en-US/dash') },
  map: { 'zh-CN': () => import('./zh-CN/map'), 'en-US': () => import('./en-US/map') },
  case: { 'zh-CN': () => import('./zh-CN/case'), 'en-US': () => import('./en-US/case') },
  actions: { 'zh-CN': () => import('./zh-CN/actions'), 'en-US': () => import('./en-US/actions') },
  resident: { 'zh-CN': () => import('./zh-CN/resident'), 'en-US': () => import('./en-US/resident') },
  admin: { 'zh-CN': () => import('./zh-CN/admin'), 'en-US': () => import('./en-US/admin') },
  patrol: { 'zh-CN': () => import('./zh-CN/patrol'), 'en-US': () => import('./en-US/patrol') },
  duty: { 'zh-CN': () => import('./zh-CN/duty'), 'en-US': () => import('./en-US/duty') },
  stats: { 'zh-CN': () => import('./zh-CN/stats'), 'en-US': () => import('./en-US/stats') },
  meetings: { 'zh-CN': () => import('./zh-CN/meetings'), 'en-US': () => import('./en-US/meetings') },
  kp: { 'zh-CN': () => import('./zh-CN/kp'), 'en-US': () => import('./en-US/kp') },
} satisfies Record<string, Record<'zh-CN' | 'en-US', Loader>>;

export type Part = keyof typeof PARTS;
