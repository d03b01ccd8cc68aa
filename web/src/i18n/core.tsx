/**
 * The i18n core: locale, one dictionary at a time, t(key). Light on purpose (no domain, no luxon,
 * no zod) so the phone's sign-in and report form carry it without the rest of the console; the
 * full console adds enum labels and zod's messages in ./index.tsx. Chinese, the default, comes
 * with the first download (no extra round trip before the sign-in page); English is downloaded
 * only when chosen.
 */
import { type ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { type MessageKey, zhCN } from './zh-CN';

export type { MessageKey } from './zh-CN';
export const LOCALES = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;
export type Dictionary = Readonly<Record<MessageKey, string>>;

const STORAGE_KEY = 'fengqiao.locale';
const loaded = new Map<Locale, Dictionary>([['zh-CN', zhCN]]);

/** The dictionary of a language (downloaded once). */
export async function loadDictionary(locale: Locale): Promise<Dictionary> {
  const hit = loaded.get(locale);
  if (hit) return hit;
  const dict: Dictionary = locale === 'zh-CN' ? zhCN : (await import('./en-US')).enUS;
  loaded.set(locale, dict);
  return dict;
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

/** `initial`: the language to start in and its dictionary, loaded before the first render (main.tsx). */
export function I18nProvider({ initial, children }: { initial: { locale: Locale; dict: Dictionary }; children: ReactNode }) {
  const [state, setState] = useState(initial);
  const { locale, dict } = state;

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
    loadDictionary(l).then(
      (d) => setState({ locale: l, dict: d }),
      (e: unknown) => console.warn('[fengqiao] could not load the dictionary', l, e),
    );
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
