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
  stateLabel,
  zhErrorMap,
} from '@domain';
import { useEffect, useMemo } from 'react';
import { z } from 'zod';
import zodEn from 'zod/v4/locales/en.js';
import { type Locale, useI18n } from './core';
import type { MessageKey } from './parts';

export * from './core';

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

/**
 * zod's own messages (for issues the domain schemas do not word themselves): in zh-CN plain
 * Chinese from the domain (domain/zod-zh.ts, the same words the functions send), never the
 * validator's terms; in en-US zod's English locale.
 */
export function configureZod(locale: Locale) {
  z.config(locale === 'zh-CN' ? { localeError: zhErrorMap } : zodEn());
}

/** Keeps zod's messages in the console's language (mounted once by the full console). */
export function useZodLocale() {
  const { locale } = useI18n();
  useEffect(() => configureZod(locale), [locale]);
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
