/**
 * The i18n core: locale, one dictionary at a time, t(key). Light on purpose (no domain, no luxon,
 * no zod) so the phone's sign-in and report form carry it without the rest of the console; the
 * full console adds enum labels and zod's messages in ./index.tsx. The dictionary comes in parts
 * (./parts.ts): the Chinese boot part, the default, comes with the first download (no extra round
 * trip before the sign-in page); the console's part and each page's parts are loaded with their
 * code (`withDictionary`), English only when chosen.
 */
import { type ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useSyncExternalStore } from 'react';
import { type Dictionary, type MessageKey, PARTS, type Part } from './parts';
import zhBoot from './zh-CN/boot';

export type { Dictionary, MessageKey, Part } from './parts';
export const LOCALES = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

const STORAGE_KEY = 'fengqiao.locale';

// Each part of each language is downloaded once.
const downloads = new Map<string, Promise<Dictionary>>();
function download(locale: Locale, part: Part | 'boot'): Promise<Dictionary> {
  const id = `${locale}/${part}`;
  let hit = downloads.get(id);
  if (!hit) {
    const load =
      part !== 'boot' ? PARTS[part][locale] : locale === 'zh-CN' ? async () => ({ default: zhBoot }) : () => import('./en-US/boot');
    hit = load().then((m): Dictionary => m.default);
    // A failed download (a weak signal) is not kept: a later request tries again.
    hit.catch(() => downloads.delete(id));
    downloads.set(id, hit);
  }
  return hit;
}

/** The parts the pages opened so far have asked for: a change of language loads them all first. */
const wanted = new Set<Part>();

/** The active language, its dictionary (boot + parts) and the parts in it, for I18nProvider. */
interface Active {
  locale: Locale;
  dict: Dictionary;
  parts: ReadonlySet<Part>;
}
let active: Active = { locale: 'zh-CN', dict: zhBoot, parts: new Set() };
const listeners = new Set<() => void>();
function publish(next: Active) {
  active = next;
  for (const l of listeners) l();
}
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => void listeners.delete(l);
};

/** A language's dictionary: its boot part and the given parts (each downloaded once). */
export async function loadDictionary(locale: Locale, parts: readonly Part[] = []): Promise<Dictionary> {
  const loaded = await Promise.all([download(locale, 'boot'), ...parts.map((p) => download(locale, p))]);
  return Object.assign({}, ...loaded) as Dictionary;
}

/**
 * Makes `locale` the active language once its dictionary is here, with every part asked for so
 * far, those asked for meanwhile included (the last call wins).
 */
let switching = 0;
export async function activateLocale(locale: Locale): Promise<void> {
  const ticket = ++switching;
  let parts: Part[];
  let dict: Dictionary;
  do {
    parts = [...wanted];
    dict = await loadDictionary(locale, parts);
  } while (wanted.size !== parts.length);
  if (ticket === switching) publish({ locale, dict, parts: new Set(parts) });
}

/**
 * Adds parts to the active dictionary, in the active language; resolves once they are in (a page
 * renders only then: no raw keys).
 */
export async function loadParts(parts: readonly Part[]): Promise<void> {
  for (const p of parts) wanted.add(p);
  if (parts.every((p) => active.parts.has(p))) return;
  const { locale } = active;
  const loaded = await Promise.all(parts.map((p) => download(locale, p)));
  // A change of language published meanwhile has them already (they were wanted).
  if (active.locale !== locale) return;
  publish({ locale, dict: Object.assign({}, active.dict, ...loaded) as Dictionary, parts: new Set([...active.parts, ...parts]) });
}

/** A lazily loaded page with its parts of the dictionary: `lazy(() => withDictionary(import('./Page'), ['stats']))`. */
export function withDictionary<T>(page: Promise<T>, parts: readonly Part[]): Promise<T> {
  return Promise.all([page, loadParts(parts)]).then(([m]) => m);
}

export function translate(dict: Dictionary, key: MessageKey, params?: Params): string {
  const text = dict[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** The language chosen before in this browser, else Chinese. */
export function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && (LOCALES as readonly string[]).includes(saved)) return saved as Locale;
  } catch {
    /* storage unavailable (private mode): default */
  }
  return 'zh-CN';
}

interface I18n {
  locale: Locale;
  setLocale: (l: Locale) => void;
  toggleLocale: () => void;
  t: Translate;
  /** Has the dictionary this key? (for keys built from server data, e.g. event actions) */
  has: (key: string) => key is MessageKey;
}

const I18nContext = createContext<I18n | null>(null);

/** The active language and dictionary (main.tsx activates the first before the first render). */
export function I18nProvider({ children }: { children: ReactNode }) {
  const { locale, dict } = useSyncExternalStore(subscribe, () => active);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = translate(dict, 'app.fullName');
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      /* ignore */
    }
  }, [locale, dict]);

  const setLocale = useCallback((l: Locale) => {
    activateLocale(l).catch((e: unknown) => console.warn('[fengqiao] could not load the dictionary', l, e));
  }, []);
  const toggleLocale = useCallback(() => setLocale(locale === 'zh-CN' ? 'en-US' : 'zh-CN'), [locale, setLocale]);
  const t = useCallback<Translate>((key, params) => translate(dict, key, params), [dict]);
  const has = useCallback((key: string): key is MessageKey => key in dict, [dict]);
  const value = useMemo(() => ({ locale, setLocale, toggleLocale, t, has }), [locale, setLocale, toggleLocale, t, has]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

const dateTimeFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Date and time as people in the county read it: Asia/Shanghai, 24-hour, `yyyy-MM-dd HH:mm` in both languages. */
export function formatDateTime(d: Date | null | undefined, _locale?: Locale): string {
  if (!d || Number.isNaN(d.getTime())) return '—';
  const p = Object.fromEntries(dateTimeFormat.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
