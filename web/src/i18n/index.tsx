/**
 * The console's i18n layer: zh-CN by default, en-US on request. Every user-facing string goes
 * through t(key); enum labels go through the typed helpers in useLabels().
 */
import {
  type ALERT_KINDS,
  type Action,
  type CLOCK_KINDS,
  type CaseClass,
  type CaseClock,
  type DEPARTMENT_KINDS,
  type DISPATCH_STATES,
  type DayKind,
  type Duration,
  type REFERRALS,
  type SATISFACTION,
  type CaseState,
  type Category,
  type Outcome,
  type PARTY_ROLES,
  type Role,
  type Source,
  TRANSITIONS,
  type Tier,
  ZONE,
  stateLabel,
  zhErrorMap,
} from '@domain';
import { DateTime } from 'luxon';
import { type ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { z } from 'zod';
import zodEn from 'zod/v4/locales/en.js';
import { enUS } from './en-US';
import { type MessageKey, zhCN } from './zh-CN';

export type { MessageKey } from './zh-CN';
export const LOCALES = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

const DICTS: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, 'en-US': enUS };
const STORAGE_KEY = 'fengqiao.locale';

/** Compile-time check: every enum value of the domain has a label in the dictionaries. */
type PartyRole = (typeof PARTY_ROLES)[number];
type ClockKind = (typeof CLOCK_KINDS)[number];
type DispatchState = (typeof DISPATCH_STATES)[number];
type Satisfaction = (typeof SATISFACTION)[number];
type Referral = (typeof REFERRALS)[number];
type AlertKind = (typeof ALERT_KINDS)[number];
type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];
type Severity = 'info' | 'warning' | 'critical';
type EnumKey =
  | `category.${Category}`
  | `state.${CaseState}`
  | `tier.${Tier}`
  | `class.${CaseClass}`
  | `colour.${'blue' | 'orange' | 'red'}`
  | `source.${Source}`
  | `role.${Role | 'system'}`
  | `partyRole.${PartyRole}`
  | `action.${Action}`
  | `outcome.${Outcome}`
  | `clock.${ClockKind}`
  | `clockState.${CaseClock['state']}`
  | `dispatch.${DispatchState}`
  | `satisfaction.${Satisfaction}`
  | `referral.${Referral}`
  | `alertKind.${AlertKind}`
  | `severity.${Severity}`
  | `deptKind.${DepartmentKind}`
  | `unit.${Duration['unit']}`
  | `dayKind.${DayKind}`;
export type MissingLabels = Exclude<EnumKey, MessageKey>;
export const ALL_ENUM_LABELS_PRESENT: [MissingLabels] extends [never] ? true : MissingLabels = true;

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const text = DICTS[locale][key] ?? zhCN[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && (LOCALES as readonly string[]).includes(saved)) return saved as Locale;
  } catch {
    /* storage unavailable (private mode): default */
  }
  return 'zh-CN';
}

/**
 * zod's own messages (for issues the domain schemas do not word themselves): in zh-CN plain
 * Chinese from the domain (domain/zod-zh.ts, the same words the functions send), never the
 * validator's terms; in en-US zod's English locale.
 */
function configureZod(locale: Locale) {
  z.config(locale === 'zh-CN' ? { localeError: zhErrorMap } : zodEn());
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

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const l = initialLocale();
    configureZod(l);
    return l;
  });

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = translate(locale, 'app.fullName');
    configureZod(locale);
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      /* ignore */
    }
  }, [locale]);

  const setLocale = useCallback((l: Locale) => setLocaleState(l), []);
  const toggleLocale = useCallback(() => setLocaleState((l) => (l === 'zh-CN' ? 'en-US' : 'zh-CN')), []);
  const t = useCallback<Translate>((key, params) => translate(locale, key, params), [locale]);
  const has = useCallback((key: string): key is MessageKey => key in zhCN, []);
  const value = useMemo(() => ({ locale, setLocale, toggleLocale, t, has }), [locale, setLocale, toggleLocale, t, has]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

/** Typed labels for the domain's enums. */
export function useLabels() {
  const { t, has, locale } = useI18n();
  // In Chinese, states and actions use the domain's own words (the server's messages quote them).
  const zh = locale === 'zh-CN';
  return useMemo(
    () => ({
      category: (v: Category) => t(`category.${v}`),
      state: (v: CaseState) => (zh ? stateLabel(v) : null) ?? t(`state.${v}`),
      tier: (v: Tier) => t(`tier.${v}`),
      caseClass: (v: CaseClass) => t(`class.${v}`),
      colour: (v: 'blue' | 'orange' | 'red') => t(`colour.${v}`),
      source: (v: Source) => t(`source.${v}`),
      /** Actors in the history may be the server ('system'). */
      role: (v: Role | 'system') => t(`role.${v}`),
      partyRole: (v: PartyRole) => t(`partyRole.${v}`),
      outcome: (v: Outcome) => t(`outcome.${v}`),
      clock: (v: ClockKind) => t(`clock.${v}`),
      clockState: (v: CaseClock['state']) => t(`clockState.${v}`),
      dispatchState: (v: DispatchState) => t(`dispatch.${v}`),
      satisfaction: (v: Satisfaction) => t(`satisfaction.${v}`),
      referral: (v: Referral) => t(`referral.${v}`),
      alertKind: (v: AlertKind) => t(`alertKind.${v}`),
      severity: (v: Severity) => t(`severity.${v}`),
      departmentKind: (v: DepartmentKind) => t(`deptKind.${v}`),
      durationUnit: (v: Duration['unit']) => t(`unit.${v}`),
      dayKind: (v: DayKind) => t(`dayKind.${v}`),
      /** Event actions come from the server and may be newer than this console: fall back to the raw name. */
      action: (v: string) => {
        if (zh && Object.hasOwn(TRANSITIONS, v)) return TRANSITIONS[v as Action].label;
        const key = `action.${v}`;
        return has(key) ? t(key) : v;
      },
    }),
    [t, has, zh],
  );
}

/** Date and time as people in the county read it: Asia/Shanghai, 24-hour. */
export function formatDateTime(d: Date | null | undefined, locale: Locale): string {
  if (!d || Number.isNaN(d.getTime())) return '—';
  return DateTime.fromJSDate(d, { zone: ZONE })
    .setLocale(locale === 'zh-CN' ? 'zh-CN' : 'en-GB')
    .toFormat('yyyy-MM-dd HH:mm');
}
