/**
 * The `signals` block of a county's policy (thresholds of the risk signals, the 敏感节点 calendar):
 * its own module so the deadline policy can embed it without importing the rules (domain/signals.ts).
 */
import { z } from 'zod';
import { localDate } from './calendar';

// ── Policy ──────────────────────────────────────────────────────────────────────────────────

const localDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

/** A 敏感节点 (两会, 国庆…): from and to are local dates, both included. */
export const SensitivePeriod = z
  .strictObject({ name: z.string().trim().min(1, '敏感节点名称不能为空').max(40), from: localDay, to: localDay })
  .refine((p) => p.from <= p.to, { message: '敏感节点的结束日期不能早于开始日期', path: ['to'] });
export type SensitivePeriod = z.infer<typeof SensitivePeriod>;

const count = z.number().int().min(2).max(1000);
const days = z.number().int().min(1).max(366);

/** The `signals` block of a county's policy (policies/{countyId}); `defaultSignalPolicy` when unset. */
export const SignalPolicy = z.strictObject({
  /**
   * 聚集: N cases of one category in one village (or town) within D days; and N 排查 items of one
   * kind (安全隐患, 治安问题, 群众诉求) — policies saved before items counted take the defaults.
   */
  cluster: z.strictObject({ villageCases: count, townCases: count, days, villageItems: count.default(3), townItems: count.default(6) }),
  /** 重复当事人: the same person (phone or ID number) in N cases within `months` months; petitions need `petitionCases`. */
  repeat: z.strictObject({ cases: count, petitionCases: count, months: z.number().int().min(1).max(24) }),
  /** 群体/同一事项: N alike cases (titles and category) in a town within D days; a group case's headcount rising by `growth` or more. */
  group: z.strictObject({ subjectCases: count, days, growth: z.number().int().min(1).max(100000) }),
  /** 红色案件无进展: an open red case without a step by a person for N days. */
  redStale: z.strictObject({ days }),
  /** 敏感节点: during one, counts are multiplied by `factor` (at least 2 remain) and severities rise one step. */
  sensitive: z.strictObject({ factor: z.number().min(0.1).max(1), periods: z.array(SensitivePeriod).max(50) }),
});
export type SignalPolicy = z.infer<typeof SignalPolicy>;

export function defaultSignalPolicy(): SignalPolicy {
  return {
    cluster: { villageCases: 3, townCases: 5, days: 7, villageItems: 3, townItems: 6 },
    repeat: { cases: 3, petitionCases: 2, months: 12 },
    group: { subjectCases: 3, days: 30, growth: 5 },
    redStale: { days: 5 },
    sensitive: { factor: 0.6, periods: [] },
  };
}

/** The sensitive period in force on `now`'s local date, if any (the first listed when they overlap). */
export function activePeriod(p: SignalPolicy, now: Date): SensitivePeriod | null {
  const d = localDate(now);
  return p.sensitive.periods.find((x) => x.from <= d && d <= x.to) ?? null;
}

/** The thresholds in force: tightened during a sensitive period. */
export function effectivePolicy(p: SignalPolicy, now: Date): { policy: SignalPolicy; period: SensitivePeriod | null } {
  const period = activePeriod(p, now);
  if (!period) return { policy: p, period };
  const f = p.sensitive.factor;
  const t = (n: number) => Math.max(2, Math.ceil(n * f));
  const d = (n: number) => Math.max(1, Math.ceil(n * f));
  return {
    period,
    policy: {
      ...p,
      cluster: {
        ...p.cluster,
        villageCases: t(p.cluster.villageCases),
        townCases: t(p.cluster.townCases),
        villageItems: t(p.cluster.villageItems),
        townItems: t(p.cluster.townItems),
      },
      repeat: { ...p.repeat, cases: t(p.repeat.cases), petitionCases: t(p.repeat.petitionCases) },
      group: { ...p.group, subjectCases: t(p.group.subjectCases), growth: d(p.group.growth) },
      redStale: { days: d(p.redStale.days) },
    },
  };
}
