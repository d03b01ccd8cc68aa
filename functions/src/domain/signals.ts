/**
 * 风险信号 (risk signals): the step between finding trouble and handling it ("Before a dispute" in
 * docs/DOMAIN). Pure: the rules read small facts about cases (already masked titles, keyed hashes
 * of the parties' phone and ID numbers, never a plain identifier) and say which signals the data
 * warrants now, each with its evidence and a deterministic ID, so running them twice over the same
 * data raises nothing new. The job (lib/signals-service.ts) keeps the facts in small per-scope and
 * per-person aggregates and evaluates only what a change touched.
 *
 * Rules are entries of `SIGNAL_RULES` (one per kind, over a `SignalContext`): a later rule over key
 * persons or hazards is one more entry with its own facts in the context.
 */
import { z } from 'zod';
import { addDays, localDate } from './calendar';
import { CATEGORIES, type Tier } from './vocab';
import { normaliseIdNumber, normalisePhone, textTokens } from './search';
import type { Party } from './case-model';
import { GuardError } from './case-machine';
import type { Claims } from './roles';
import { type AlertDoc, categoryLabel } from './alerts';
import { ITEM_KIND_ZH } from './patrol-items';
import type { RiskLevel } from './keypersons';

export * from './signal-policy';
import { type SensitivePeriod, type SignalPolicy, effectivePolicy } from './signal-policy';

// ── Person keys (hashed by the server, never stored plain) ────────────────────────────────────

/**
 * The plain terms that identify a person across cases: normalised phone and ID numbers only
 * (names alone never match). "+86 138-0000-1111", "138 0000 1111" and "8613800001111" are one
 * phone; "…123x" and "…123X" one ID number. The server hashes each with its secret key
 * (lib/signals-service.ts `personHashes`) before anything is stored.
 */
export function personTerms(parties: Pick<Party, 'phone' | 'idNumber'>[]): string[] {
  const out = new Set<string>();
  for (const p of parties) {
    const ph = p.phone ? normalisePhone(p.phone) : null;
    if (ph) out.add(`person-phone:${ph}`);
    const id = p.idNumber ? normaliseIdNumber(p.idNumber) : null;
    if (id) out.add(`person-id:${id}`);
  }
  return [...out].sort();
}

// ── Facts ─────────────────────────────────────────────────────────────────────────────────

/** What the rules know of one case (no personal data: the title is the masked one). */
export const CaseFact = z.strictObject({
  caseId: z.string(),
  title: z.string(),
  category: z.enum(CATEGORIES),
  countyId: z.string(),
  townId: z.string(),
  villageId: z.string(),
  createdAt: z.date(),
  open: z.boolean(),
  tier: z.enum(['grid', 'village', 'town', 'county', 'city']),
  group: z.boolean(),
  groupSize: z.number().int().nullable(),
  /** The largest headcount seen before this one (null: none recorded). */
  previousGroupSize: z.number().int().nullable().default(null),
  petition: z.boolean(),
  red: z.boolean(),
  /** The last step by a person (not the sweep). */
  lastProgressAt: z.date(),
  /** Words of the masked title (domain/search.ts `textTokens`). */
  tokens: z.array(z.string()),
});
export type CaseFact = z.infer<typeof CaseFact>;

export const titleWords = (maskedTitle: string): string[] => textTokens(maskedTitle).sort();

/** One person's cases, found by one keyed hash (the hash itself stays in the aggregate). */
export interface PersonHistory {
  /** An opaque label for the rule's key (the aggregate's document ID); never shown. */
  ref: string;
  cases: CaseFact[];
}

// ── Signals ───────────────────────────────────────────────────────────────────────────────

/** Kinds: the case-based ones now; `key_person` and `hazard` come with the registries. */
export const SIGNAL_KINDS = ['cluster', 'repeat_person', 'same_subject', 'group_growth', 'red_stale', 'key_person', 'hazard'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];
export const SEVERITIES = ['low', 'medium', 'high'] as const; // 一般 / 较重 / 严重
export type Severity = (typeof SEVERITIES)[number];
export const SIGNAL_STATES = ['open', 'acknowledged', 'dismissed', 'in_analysis'] as const;
export type SignalState = (typeof SIGNAL_STATES)[number];

export const SignalScope = z.strictObject({
  level: z.enum(['village', 'town', 'county']),
  /** The region code of the scope (village, town or county). */
  unitId: z.string(),
  countyId: z.string(),
  townId: z.string().nullable(),
});
export type SignalScope = z.infer<typeof SignalScope>;

/** One case in a signal's evidence: number (ID), masked title, category, when, where — never a person. */
export const EvidenceItem = z.strictObject({
  caseId: z.string(),
  title: z.string(),
  category: z.enum(CATEGORIES),
  at: z.date(),
  townId: z.string(),
  villageId: z.string(),
});
export type EvidenceItem = z.infer<typeof EvidenceItem>;

/**
 * A patrol item (安全隐患, 治安问题, 群众诉求) or a key person/place in a signal's evidence: its
 * masked title or its register label (kind, category, grid, serial) — never a name.
 */
export const RecordEvidence = z.strictObject({
  source: z.enum(['item', 'key_person']),
  recordId: z.string(),
  title: z.string(),
  at: z.date(),
  townId: z.string(),
  villageId: z.string(),
});
export type RecordEvidence = z.infer<typeof RecordEvidence>;
export const Evidence = z.union([EvidenceItem, RecordEvidence]);
export type Evidence = z.infer<typeof Evidence>;

/** One evidence line's reference: the case ID, or `item:ID` / `key_person:ID` (continuity and "is it new"). */
export const evidenceRef = (e: Evidence): string => ('caseId' in e ? e.caseId : `${e.source}:${e.recordId}`);
/** What people call an evidence line: the case number without the county, or the record's kind and serial. */
export const evidenceLabel = (e: Evidence): string =>
  'caseId' in e ? e.caseId.replace(/^\d{6}-/, '') : e.title.length > 24 ? `${e.title.slice(0, 24)}…` : e.title;

/** What a rule raises (the job stores it with its handling state: `SignalDoc`). */
export interface SignalDraft {
  id: string;
  kind: SignalKind;
  severity: Severity;
  scope: SignalScope;
  /** Plain Chinese, no personal data: what was found. */
  summary: string;
  /** The rule's grouping key (region, category…); for persons an opaque label, never stored. */
  key: string;
  evidence: Evidence[];
  sensitivePeriod: string | null;
  /** The figure that crossed the threshold, and the threshold. */
  measure: { value: number; threshold: number };
}

/** A signal already raised, for continuity: a rule extends it rather than raising another. */
export interface KnownSignal {
  id: string;
  kind: SignalKind;
  key: string;
  /** Its evidence references (`evidenceRef`: case IDs, `item:ID`, `key_person:ID`). */
  caseIds: string[];
}

/** 排查事项 the cluster rule counts (not 矛盾纠纷: it is a case already; not 涉稳信息: county only). */
export const CLUSTER_ITEM_KINDS = ['hazard', 'security', 'demand'] as const;
export type ClusterItemKind = (typeof CLUSTER_ITEM_KINDS)[number];

/** What the rules know of a patrol item (masked title, no reporter). */
export const ItemFact = z.strictObject({
  itemId: z.string(),
  kind: z.enum(CLUSTER_ITEM_KINDS),
  title: z.string(),
  countyId: z.string(),
  townId: z.string(),
  villageId: z.string(),
  createdAt: z.date(),
  /** 安全隐患: past its rectification limit and not yet rectified. */
  overdue: z.boolean(),
  /** The limit that was missed (one signal per limit). */
  dueAt: z.date().nullable(),
});
export type ItemFact = z.infer<typeof ItemFact>;

/** What the rules know of a key person or place: its register label, never the personal data. */
export interface KeyPersonFact {
  id: string;
  /** 重点人员（类别，网格，编号X）. */
  label: string;
  countyId: string;
  townId: string;
  villageId: string;
  risk: RiskLevel;
  /** The level the job saw before this change (null: first seen). */
  previousRisk: RiskLevel | null;
  /** When the change was made (one signal per rise). */
  changedAt: Date;
  active: boolean;
  overdue: boolean;
  dueAt: Date;
}

export interface SignalContext {
  now: Date;
  policy: SignalPolicy;
  /** Cases of the scopes a change touched (village and town facts; any window: rules filter). */
  cases: CaseFact[];
  /** Per keyed hash, the cases of the person it identifies. */
  persons: PersonHistory[];
  /** Open red cases of the county (small). */
  redCases: CaseFact[];
  /** Patrol items of the scopes a change touched (clusters), and changed hazards (overdue). */
  items?: ItemFact[];
  /** Key persons and places that changed. */
  keyPersons?: KeyPersonFact[];
  known: KnownSignal[];
}

export interface SignalRule {
  kind: SignalKind;
  evaluate(ctx: SignalContext & { period: SensitivePeriod | null; base: SignalPolicy }): SignalDraft[];
}

// A small, stable 64-bit hash (cyrb53 twice) for IDs: no node:crypto, the console imports the domain.
function cyrb(str: string, seed: number): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}

/**
 * A signal's ID: the known signal of the same kind and key that shares a case (so a growing
 * cluster stays one signal), else one made of kind, key and the first case — the same data gives
 * the same ID on every run.
 */
export function signalId(kind: SignalKind, key: string, caseIds: string[], known: KnownSignal[]): string {
  const hit = known.find((k) => k.kind === kind && k.key === key && k.caseIds.some((c) => caseIds.includes(c)));
  if (hit) return hit.id;
  const first = [...caseIds].sort()[0] ?? '';
  const s = `${kind}|${key}|${first}`;
  return `${kind}-${cyrb(s, 1)}${cyrb(s, 2).slice(0, 8)}`;
}

const DAY = 86_400_000;
const raise = (s: Severity): Severity => (s === 'low' ? 'medium' : 'high');
const severityFor = (value: number, threshold: number, period: SensitivePeriod | null, base: Severity = 'low'): Severity => {
  let s: Severity = value >= threshold * 2 ? raise(base) : base;
  if (period) s = raise(s);
  return s;
};
const evidenceOf = (cs: CaseFact[]): EvidenceItem[] =>
  [...cs]
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.caseId.localeCompare(b.caseId))
    .map((c) => ({ caseId: c.caseId, title: c.title, category: c.category, at: c.createdAt, townId: c.townId, villageId: c.villageId }));
const uniqueCases = (cs: CaseFact[]): CaseFact[] => [...new Map(cs.map((c) => [c.caseId, c])).values()];

/** 聚集: N cases of one category in one village or town within D days. */
export const clusterRule: SignalRule = {
  kind: 'cluster',
  evaluate({ now, policy, cases, known, period }) {
    const from = now.getTime() - policy.cluster.days * DAY;
    const recent = uniqueCases(cases).filter((c) => c.createdAt.getTime() > from && c.createdAt.getTime() <= now.getTime());
    const out: SignalDraft[] = [];
    for (const level of ['village', 'town'] as const) {
      const threshold = level === 'village' ? policy.cluster.villageCases : policy.cluster.townCases;
      const groups = new Map<string, CaseFact[]>();
      for (const c of recent) {
        const k = `${level === 'village' ? c.villageId : c.townId}|${c.category}`;
        groups.set(k, [...(groups.get(k) ?? []), c]);
      }
      for (const [key, cs] of groups) {
        if (cs.length < threshold) continue;
        const first = cs[0]!;
        const ids = cs.map((c) => c.caseId);
        out.push({
          id: signalId('cluster', key, ids, known),
          kind: 'cluster',
          severity: severityFor(cs.length, threshold, period),
          scope: { level, unitId: level === 'village' ? first.villageId : first.townId, countyId: first.countyId, townId: first.townId },
          summary: `${policy.cluster.days}天内${level === 'village' ? '同一村（社区）' : '同一乡镇'}发生${categoryLabel(first.category)}纠纷${cs.length}件（阈值${threshold}件）`,
          key,
          evidence: evidenceOf(cs),
          sensitivePeriod: period?.name ?? null,
          measure: { value: cs.length, threshold },
        });
      }
    }
    return out;
  },
};

/** The narrowest scope covering some cases. */
function scopeOf(cs: CaseFact[]): SignalScope {
  const first = cs[0]!;
  if (cs.every((c) => c.villageId === first.villageId))
    return { level: 'village', unitId: first.villageId, countyId: first.countyId, townId: first.townId };
  if (cs.every((c) => c.townId === first.townId))
    return { level: 'town', unitId: first.townId, countyId: first.countyId, townId: first.townId };
  return { level: 'county', unitId: first.countyId, countyId: first.countyId, townId: null };
}

/** Months back from `now` (calendar months, local dates). */
function monthsBefore(now: Date, months: number): number {
  const d = new Date(now.getTime());
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.getTime();
}

/** 重复当事人: one person (by phone or ID number hash) in N cases, or N petitions, within 12 months. */
export const repeatPersonRule: SignalRule = {
  kind: 'repeat_person',
  evaluate({ now, policy, persons, known, period }) {
    const from = monthsBefore(now, policy.repeat.months);
    const out: SignalDraft[] = [];
    const seen = new Set<string>();
    const knownHere = [...known];
    for (const p of persons) {
      const cs = uniqueCases(p.cases).filter((c) => c.createdAt.getTime() > from && c.createdAt.getTime() <= now.getTime());
      const petitions = cs.filter((c) => c.petition);
      const byPetitions = petitions.length >= policy.repeat.petitionCases;
      const byCases = cs.length >= policy.repeat.cases;
      if (!byPetitions && !byCases) continue;
      const ids = cs.map((c) => c.caseId).sort();
      // The same person found by phone and by ID number (or two parties of the same cases): one signal.
      const setKey = ids.join(',');
      if (seen.has(setKey)) continue;
      seen.add(setKey);
      const threshold = byPetitions ? policy.repeat.petitionCases : policy.repeat.cases;
      const value = byPetitions ? petitions.length : cs.length;
      const id = signalId('repeat_person', 'person', ids, knownHere);
      knownHere.push({ id, kind: 'repeat_person', key: 'person', caseIds: ids });
      out.push({
        id,
        kind: 'repeat_person',
        severity: severityFor(value, threshold, period, byPetitions ? 'medium' : 'low'),
        scope: scopeOf(cs),
        summary: byPetitions
          ? `同一当事人${policy.repeat.months}个月内信访${petitions.length}次（阈值${threshold}次）`
          : `同一当事人${policy.repeat.months}个月内涉及${cs.length}件案件（阈值${threshold}件）`,
        key: 'person',
        evidence: evidenceOf(cs),
        sensitivePeriod: period?.name ?? null,
        measure: { value, threshold },
      });
    }
    return out;
  },
};

/** Two titles are about one subject: same category, and at least half their words (two or more) shared. */
export function sameSubject(a: CaseFact, b: CaseFact): boolean {
  if (a.category !== b.category || a.townId !== b.townId) return false;
  const sa = new Set(a.tokens);
  const shared = b.tokens.filter((t) => sa.has(t)).length;
  const union = new Set([...a.tokens, ...b.tokens]).size;
  return shared >= 2 && union > 0 && shared / union >= 0.5;
}

/** Alike cases of a window, grouped (single linkage, oldest first so the grouping is stable). */
function subjectGroups(cs: CaseFact[]): CaseFact[][] {
  const sorted = [...cs].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.caseId.localeCompare(b.caseId));
  const parent = sorted.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let i = 0; i < sorted.length; i++)
    for (let j = i + 1; j < sorted.length; j++) if (sameSubject(sorted[i]!, sorted[j]!)) parent[find(j)] = find(i);
  const groups = new Map<number, CaseFact[]>();
  for (const [i, c] of sorted.entries()) groups.set(find(i), [...(groups.get(find(i)) ?? []), c]);
  return [...groups.values()];
}

/** 同一事项: N alike cases in one town within D days (several cases on one subject). */
export const sameSubjectRule: SignalRule = {
  kind: 'same_subject',
  evaluate({ now, policy, cases, known, period }) {
    const from = now.getTime() - policy.group.days * DAY;
    const recent = uniqueCases(cases).filter((c) => c.createdAt.getTime() > from && c.createdAt.getTime() <= now.getTime());
    const out: SignalDraft[] = [];
    for (const g of subjectGroups(recent)) {
      if (g.length < policy.group.subjectCases) continue;
      const first = g[0]!;
      const key = `${first.townId}|${first.category}`;
      const threshold = policy.group.subjectCases;
      out.push({
        id: signalId(
          'same_subject',
          key,
          g.map((c) => c.caseId),
          known,
        ),
        kind: 'same_subject',
        severity: severityFor(g.length, threshold, period, g.some((c) => c.group) ? 'medium' : 'low'),
        scope: scopeOf(g),
        summary: `${policy.group.days}天内同一事项（${categoryLabel(first.category)}）反映${g.length}件（阈值${threshold}件）`,
        key,
        evidence: evidenceOf(g),
        sensitivePeriod: period?.name ?? null,
        measure: { value: g.length, threshold },
      });
    }
    return out;
  },
};

/** 群体规模上升: a group case whose headcount rose, or alike group cases whose headcount grows. */
export const groupGrowthRule: SignalRule = {
  kind: 'group_growth',
  evaluate({ now, policy, cases, known, period }) {
    const from = now.getTime() - policy.group.days * DAY;
    const recent = uniqueCases(cases).filter((c) => c.createdAt.getTime() > from && c.createdAt.getTime() <= now.getTime());
    const threshold = policy.group.growth;
    const out: SignalDraft[] = [];
    const push = (g: CaseFact[], before: number, after: number, key: string) =>
      out.push({
        id: signalId(
          'group_growth',
          key,
          g.map((c) => c.caseId),
          known,
        ),
        kind: 'group_growth',
        severity: severityFor(after - before, threshold, period, 'medium'),
        scope: scopeOf(g),
        summary: `群体性纠纷涉及人数由${before}人增至${after}人（增幅阈值${threshold}人）`,
        key,
        evidence: evidenceOf(g),
        sensitivePeriod: period?.name ?? null,
        measure: { value: after - before, threshold },
      });
    const inGroups = new Set<string>();
    for (const g of subjectGroups(recent.filter((c) => c.group && c.groupSize !== null))) {
      if (g.length < 2) continue;
      const firstSize = g[0]!.groupSize!;
      const maxLater = Math.max(...g.slice(1).map((c) => c.groupSize!));
      if (maxLater - firstSize >= threshold) {
        push(g, firstSize, maxLater, `${g[0]!.townId}|${g[0]!.category}`);
        for (const c of g) inGroups.add(c.caseId);
      }
    }
    for (const c of recent) {
      if (inGroups.has(c.caseId) || !c.group || c.groupSize === null || c.previousGroupSize === null) continue;
      if (c.groupSize - c.previousGroupSize >= threshold) push([c], c.previousGroupSize, c.groupSize, `case|${c.caseId}`);
    }
    return out;
  },
};

/** 红色案件无进展: open red cases without a step by a person for N days. */
export const redStaleRule: SignalRule = {
  kind: 'red_stale',
  evaluate({ now, policy, redCases, known, period }) {
    const threshold = policy.redStale.days;
    const out: SignalDraft[] = [];
    for (const c of uniqueCases(redCases)) {
      if (!c.open || !c.red) continue;
      const idle = Math.floor((now.getTime() - c.lastProgressAt.getTime()) / DAY);
      if (idle < threshold) continue;
      // One signal per stretch without progress: a step and a new stretch make a new one.
      const key = `${c.caseId}|${localDate(c.lastProgressAt)}`;
      out.push({
        id: signalId('red_stale', key, [c.caseId], known),
        kind: 'red_stale',
        severity: severityFor(idle, threshold, period, 'medium'),
        scope: {
          level: c.tier === 'county' || c.tier === 'city' ? 'county' : 'town',
          unitId: c.tier === 'county' || c.tier === 'city' ? c.countyId : c.townId,
          countyId: c.countyId,
          townId: c.townId,
        },
        summary: `红色（疑难）案件已${idle}天无进展（阈值${threshold}天）`,
        key,
        evidence: evidenceOf([c]),
        sensitivePeriod: period?.name ?? null,
        measure: { value: idle, threshold },
      });
    }
    return out;
  },
};

const itemEvidence = (is: ItemFact[]): RecordEvidence[] =>
  [...is]
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.itemId.localeCompare(b.itemId))
    .map((i) => ({ source: 'item', recordId: i.itemId, title: i.title, at: i.createdAt, townId: i.townId, villageId: i.villageId }));
const uniqueItems = (is: ItemFact[]): ItemFact[] => [...new Map(is.map((i) => [i.itemId, i])).values()];

/** 聚集 (排查): N items of one kind (安全隐患, 治安问题, 群众诉求) in one village or town within D days. */
export const itemClusterRule: SignalRule = {
  kind: 'cluster',
  evaluate({ now, policy, items = [], known, period }) {
    const from = now.getTime() - policy.cluster.days * DAY;
    const recent = uniqueItems(items).filter((i) => i.createdAt.getTime() > from && i.createdAt.getTime() <= now.getTime());
    const out: SignalDraft[] = [];
    for (const level of ['village', 'town'] as const) {
      const threshold = level === 'village' ? policy.cluster.villageItems : policy.cluster.townItems;
      const groups = new Map<string, ItemFact[]>();
      for (const i of recent) {
        const k = `${level === 'village' ? i.villageId : i.townId}|item:${i.kind}`;
        groups.set(k, [...(groups.get(k) ?? []), i]);
      }
      for (const [key, is] of groups) {
        if (is.length < threshold) continue;
        const first = is[0]!;
        out.push({
          id: signalId(
            'cluster',
            key,
            is.map((i) => `item:${i.itemId}`),
            known,
          ),
          kind: 'cluster',
          severity: severityFor(is.length, threshold, period),
          scope: { level, unitId: level === 'village' ? first.villageId : first.townId, countyId: first.countyId, townId: first.townId },
          summary: `${policy.cluster.days}天内${level === 'village' ? '同一村（社区）' : '同一乡镇'}排查发现${ITEM_KIND_ZH[first.kind]}${is.length}件（阈值${threshold}件）`,
          key,
          evidence: itemEvidence(is),
          sensitivePeriod: period?.name ?? null,
          measure: { value: is.length, threshold },
        });
      }
    }
    return out;
  },
};

/** 隐患逾期: a hazard past its rectification limit and not rectified (one signal per limit missed). */
export const hazardOverdueRule: SignalRule = {
  kind: 'hazard',
  evaluate({ now, items = [], known, period }) {
    const out: SignalDraft[] = [];
    for (const i of uniqueItems(items)) {
      if (i.kind !== 'hazard' || !i.overdue || !i.dueAt || i.dueAt > now) continue;
      const key = `${i.itemId}|${i.dueAt.getTime()}`;
      const days = Math.floor((now.getTime() - i.dueAt.getTime()) / DAY);
      out.push({
        id: signalId('hazard', key, [`item:${i.itemId}`], known),
        kind: 'hazard',
        severity: severityFor(0, 1, period, 'medium'),
        scope: { level: 'village', unitId: i.villageId, countyId: i.countyId, townId: i.townId },
        summary: `安全隐患超过整改期限未整改${days > 0 ? `（已逾期${days}天）` : ''}`,
        key,
        evidence: itemEvidence([i]),
        sensitivePeriod: period?.name ?? null,
        measure: { value: days, threshold: 0 },
      });
    }
    return out;
  },
};

const RISK_RANK: Record<RiskLevel, number> = { green: 0, yellow: 1, red: 2 };
const RISK_SHORT: Record<RiskLevel, string> = { green: '绿色', yellow: '黄色', red: '红色' };

/**
 * 重点人员/部位: a risk level that rose (or a record first seen at red), and a visit overdue. One
 * signal per rise and per missed due date; the evidence names the record by its register label.
 */
export const keyPersonRule: SignalRule = {
  kind: 'key_person',
  evaluate({ keyPersons = [], known, period }) {
    const out: SignalDraft[] = [];
    for (const k of keyPersons) {
      if (!k.active) continue;
      const ref = `key_person:${k.id}`;
      const evidence: RecordEvidence[] = [
        { source: 'key_person', recordId: k.id, title: k.label, at: k.changedAt, townId: k.townId, villageId: k.villageId },
      ];
      const scope: SignalScope = { level: 'village', unitId: k.villageId, countyId: k.countyId, townId: k.townId };
      const before = k.previousRisk ?? 'green';
      if (RISK_RANK[k.risk] > RISK_RANK[before] && (k.previousRisk !== null || k.risk === 'red')) {
        const key = `${k.id}|risk:${k.risk}|${k.changedAt.getTime()}`;
        out.push({
          id: signalId('key_person', key, [ref], known),
          kind: 'key_person',
          severity: severityFor(0, 1, period, k.risk === 'red' ? 'high' : 'medium'),
          scope,
          summary:
            k.previousRisk === null
              ? `新登记${RISK_SHORT[k.risk]}风险重点对象`
              : `重点对象风险等级由${RISK_SHORT[before]}升为${RISK_SHORT[k.risk]}`,
          key,
          evidence,
          sensitivePeriod: period?.name ?? null,
          measure: { value: RISK_RANK[k.risk], threshold: RISK_RANK[before] + 1 },
        });
      }
      if (k.overdue) {
        const key = `${k.id}|visit|${k.dueAt.getTime()}`;
        out.push({
          id: signalId('key_person', key, [ref], known),
          kind: 'key_person',
          severity: severityFor(0, 1, period, k.risk === 'red' ? 'high' : k.risk === 'yellow' ? 'medium' : 'low'),
          scope,
          summary: `${RISK_SHORT[k.risk]}风险重点对象走访逾期`,
          key,
          evidence,
          sensitivePeriod: period?.name ?? null,
          measure: { value: 1, threshold: 1 },
        });
      }
    }
    return out;
  },
};

/** The rules in force. */
export const SIGNAL_RULES: SignalRule[] = [
  clusterRule,
  repeatPersonRule,
  sameSubjectRule,
  groupGrowthRule,
  redStaleRule,
  itemClusterRule,
  hazardOverdueRule,
  keyPersonRule,
];

/** Every signal the data warrants now, by every rule, thresholds tightened in a sensitive period. */
export function evaluateSignals(ctx: SignalContext, rules: SignalRule[] = SIGNAL_RULES): SignalDraft[] {
  const { policy, period } = effectivePolicy(ctx.policy, ctx.now);
  const seen = new Set<string>();
  const out: SignalDraft[] = [];
  for (const r of rules)
    for (const s of r.evaluate({ ...ctx, policy, period, base: ctx.policy })) {
      if (seen.has(s.id)) continue;
      seen.add(s.id);
      out.push(s);
    }
  return out;
}

// ── 重访 / 越级访 from the person hashes ─────────────────────────────────────────────────────

const TIER_RANK: Record<Tier, number> = { grid: 0, village: 1, town: 2, county: 3, city: 4 };

/**
 * What one new petition is, from the person's earlier cases (any of their hashes): 重访 when the
 * person petitioned before within `months`; 越级访 when it is received above the town while an
 * earlier petition of theirs is still open at a lower tier (going over the head of the level
 * handling it).
 */
export function classifyPetition(
  c: Pick<CaseFact, 'caseId' | 'createdAt' | 'tier'>,
  earlier: Pick<CaseFact, 'caseId' | 'createdAt' | 'petition' | 'open' | 'tier'>[],
  months = 12,
): { repeat: boolean; skipLevel: boolean } {
  const from = monthsBefore(c.createdAt, months);
  const prior = earlier.filter(
    (e) => e.caseId !== c.caseId && e.petition && e.createdAt.getTime() > from && e.createdAt.getTime() < c.createdAt.getTime(),
  );
  return {
    repeat: prior.length > 0,
    skipLevel: TIER_RANK[c.tier] >= TIER_RANK.county && prior.some((e) => e.open && TIER_RANK[e.tier] < TIER_RANK[c.tier]),
  };
}

/** Days in the window a scope aggregate must keep (the longest of the rules' windows). */
export const scopeWindowDays = (p: SignalPolicy): number => Math.max(p.cluster.days, p.group.days);

/** The local date `n` days before `now` (for trimming aggregates). */
export const daysBefore = (now: Date, n: number): string => addDays(localDate(now), -n);

// ── Stored signals and their handling ─────────────────────────────────────────────────────

/** signals/{id}: a raised signal, readable by staff of its scope; every field server-owned. */
export const SignalDoc = z.strictObject({
  id: z.string(),
  kind: z.enum(SIGNAL_KINDS),
  severity: z.enum(SEVERITIES),
  scope: SignalScope,
  /** For the rules: the units whose staff may read it (the scope and the units above it). */
  units: z.array(z.string()),
  summary: z.string(),
  evidence: z.array(Evidence).max(200),
  sensitivePeriod: z.string().nullable(),
  measure: z.strictObject({ value: z.number(), threshold: z.number() }),
  state: z.enum(SIGNAL_STATES),
  /** Who handled it and how (names and titles, no account IDs shown). */
  handling: z
    .strictObject({
      by: z.string(),
      byName: z.string().nullable(),
      at: z.date(),
      reason: z.string().nullable(),
      analysisId: z.string().nullable(),
    })
    .nullable(),
  raisedAt: z.date(),
  updatedAt: z.date(),
  /** Raised again with new evidence after it was handled. */
  reopenedAt: z.date().nullable(),
  /** 预警提示单 issued from it (domain/notices.ts): their numbers, for the signal's card. */
  notices: z
    .array(z.strictObject({ id: z.string(), number: z.string() }))
    .max(50)
    .default([]),
});
export type SignalDoc = z.infer<typeof SignalDoc>;

/** The units above and at a scope (the rules let their staff read the signal). */
export function scopeUnits(s: SignalScope): string[] {
  return [...new Set([s.countyId, s.townId, s.unitId].filter((x): x is string => !!x))];
}

/**
 * The stored signal after a run: a new one opens; a known one takes the new evidence and severity
 * and keeps its handling — unless the evidence has cases it did not have when it was acknowledged
 * or dismissed, which opens it again (a signal is never silent about something new).
 */
export function mergeSignal(prev: SignalDoc | null, d: SignalDraft, now: Date): { doc: SignalDoc; changed: boolean; reopened: boolean } {
  const base = {
    id: d.id,
    kind: d.kind,
    severity: d.severity,
    scope: d.scope,
    units: scopeUnits(d.scope),
    summary: d.summary,
    evidence: d.evidence.slice(-200),
    sensitivePeriod: d.sensitivePeriod,
    measure: d.measure,
  };
  if (!prev)
    return {
      doc: { ...base, state: 'open', handling: null, raisedAt: now, updatedAt: now, reopenedAt: null, notices: [] },
      changed: true,
      reopened: false,
    };
  const before = new Set(prev.evidence.map(evidenceRef));
  const fresh = d.evidence.some((e) => !before.has(evidenceRef(e)));
  const reopen = fresh && (prev.state === 'acknowledged' || prev.state === 'dismissed');
  const sameContent =
    !fresh &&
    prev.severity === d.severity &&
    prev.summary === d.summary &&
    prev.evidence.length === d.evidence.length &&
    prev.measure.value === d.measure.value;
  if (sameContent) return { doc: prev, changed: false, reopened: false };
  return {
    doc: {
      ...base,
      state: reopen ? 'open' : prev.state,
      handling: reopen ? null : prev.handling,
      raisedAt: prev.raisedAt,
      updatedAt: now,
      reopenedAt: reopen ? now : prev.reopenedAt,
      notices: prev.notices ?? [],
    },
    changed: true,
    reopened: reopen,
  };
}

/** Who reads and handles signals: town and county staff and leaders of a unit the signal belongs to. */
export const SIGNAL_ROLES = ['town_staff', 'county_staff', 'leader'] as const;
export function canSeeSignal(claims: Pick<Claims, 'r' | 'u'>, s: Pick<SignalDoc, 'units'>): boolean {
  return (SIGNAL_ROLES as readonly string[]).includes(claims.r) && s.units.includes(claims.u);
}

/**
 * `handleSignal`: acknowledge (知悉), or dismiss with a reason (排除). Taking a signal into a 研判
 * (state `in_analysis`) comes with the 研判 callables.
 */
export const HandleSignalInput = z.discriminatedUnion('action', [
  z.strictObject({ signalId: z.string().min(1).max(80), action: z.literal('acknowledge') }),
  z.strictObject({
    signalId: z.string().min(1).max(80),
    action: z.literal('dismiss'),
    reason: z.string().trim().min(2, '请填写排除理由').max(500),
  }),
  /** 纳入研判: into a draft meeting of the caller's unit (meetings/{meetingId}); state `in_analysis`. */
  z.strictObject({
    signalId: z.string().min(1).max(80),
    action: z.literal('judge'),
    meetingId: z.string().min(1).max(80),
  }),
]);
export type HandleSignalInput = z.infer<typeof HandleSignalInput>;

/** The state a handling leads to; refuses what the state does not allow. */
export function handleSignal(s: SignalDoc, input: HandleSignalInput | { action: 'analyse' }): SignalState {
  if (input.action === 'judge' && s.state === 'in_analysis' && s.handling?.analysisId !== input.meetingId)
    throw new GuardError('failed-precondition', '该信号已纳入其他研判', `signal ${s.id} is in analysis ${s.handling?.analysisId}`);
  if (s.state === 'in_analysis') throw new GuardError('failed-precondition', '该信号已纳入研判', `signal ${s.id} is already in analysis`);
  if (input.action === 'acknowledge') {
    if (s.state !== 'open') throw new GuardError('failed-precondition', '该信号已处理', `signal ${s.id} is ${s.state}`);
    return 'acknowledged';
  }
  if (input.action === 'dismiss') {
    if (s.state === 'dismissed') throw new GuardError('failed-precondition', '该信号已排除', `signal ${s.id} is dismissed`);
    return 'dismissed';
  }
  return 'in_analysis';
}

// ── Aggregates the job keeps (server-only) ────────────────────────────────────────────────

const Known = z.strictObject({ id: z.string(), kind: z.enum(SIGNAL_KINDS), key: z.string(), caseIds: z.array(z.string()) });

/** signalTowns/{townId}: the town's recent case facts (the longest rule window) and its known signals. */
export const SignalTownDoc = z.strictObject({
  townId: z.string(),
  countyId: z.string(),
  facts: z.array(CaseFact),
  /** The town's recent 排查 items of the kinds clusters count (the cluster window). */
  items: z.array(ItemFact).default([]),
  /** Each key person's or place's risk level as the job last saw it (a rise is a signal). */
  keyPersonRisk: z.record(z.string(), z.enum(['green', 'yellow', 'red'])).default({}),
  known: z.array(Known),
  updatedAt: z.date(),
});
export type SignalTownDoc = z.infer<typeof SignalTownDoc>;

/** signalPersons/{hash}: one keyed hash's cases within the repeat window (the ID is the hash: never a plain value). */
export const SignalPersonDoc = z.strictObject({
  countyId: z.string(),
  facts: z.array(CaseFact),
  known: z.array(Known),
  updatedAt: z.date(),
});
export type SignalPersonDoc = z.infer<typeof SignalPersonDoc>;

/** signalRed/{countyId}: the county's open red cases with their last step by a person. */
export const SignalRedDoc = z.strictObject({ countyId: z.string(), facts: z.array(CaseFact), known: z.array(Known), updatedAt: z.date() });
export type SignalRedDoc = z.infer<typeof SignalRedDoc>;

/** signalCases/{caseId}: which person hashes a case was filed under (read when the case changes again). */
export const SignalCaseDoc = z.strictObject({ caseId: z.string(), countyId: z.string(), townId: z.string(), persons: z.array(z.string()) });
export type SignalCaseDoc = z.infer<typeof SignalCaseDoc>;

/** The streams of changes the job reads, each with its cursor (signalCursor/{stream}). */
export const SIGNAL_STREAMS = ['cases', 'items', 'keyPersons'] as const;
export type SignalStream = (typeof SIGNAL_STREAMS)[number];

/** signalCursor/{stream}: where the last run stopped in that stream (the last change it read). */
export const SignalCursorDoc = z.strictObject({
  updatedAt: z.date(),
  /** The ID of the last document read (a case, a patrol item or a key person, by stream). */
  caseId: z.string(),
  runAt: z.date(),
  /** The last run's reads and changes (the benchmark and operations read them). */
  lastRun: z.strictObject({ changed: z.number(), reads: z.number(), raised: z.number(), updated: z.number() }),
});
export type SignalCursorDoc = z.infer<typeof SignalCursorDoc>;

/** signalFigures/{unitId}_{YYYY-MM}: signals raised and handled, petitions and their 重访/越级访 found by hashes. */
export const SIGNAL_FIGURES = ['raised', 'handled', 'petitions', 'repeatVisits', 'skipLevelVisits'] as const;
export type SignalFigure = (typeof SIGNAL_FIGURES)[number];
export const SignalFiguresDoc = z.object({
  unitId: z.string(),
  month: z.string(),
  raised: z.number().default(0),
  handled: z.number().default(0),
  petitions: z.number().default(0),
  repeatVisits: z.number().default(0),
  skipLevelVisits: z.number().default(0),
});
export type SignalFiguresDoc = z.infer<typeof SignalFiguresDoc>;
export const signalFiguresId = (unitId: string, month: string) => `${unitId}_${month}`;

/** The references a town aggregate holds (its cases and items): known signals sharing none are dropped. */
export const townRefs = (t: Pick<SignalTownDoc, 'facts' | 'items'>): Set<string> =>
  new Set([...t.facts.map((f) => f.caseId), ...t.items.map((i) => `item:${i.itemId}`)]);

/** Known signals after a run: the drafts' (replacing), and the older ones that still have a case in `caseIds`. */
export function nextKnown(prev: KnownSignal[], drafts: SignalDraft[], caseIds: Set<string>): KnownSignal[] {
  const m = new Map(prev.filter((k) => k.caseIds.some((c) => caseIds.has(c))).map((k) => [k.id, k]));
  for (const d of drafts) m.set(d.id, { id: d.id, kind: d.kind, key: d.key, caseIds: d.evidence.map(evidenceRef) });
  return [...m.values()];
}

/** 重访率: repeat visits over petitions (null without petitions). */
export const repeatRate = (f: Pick<SignalFiguresDoc, 'petitions' | 'repeatVisits'>): number | null =>
  f.petitions > 0 ? f.repeatVisits / f.petitions : null;

const KIND_ZH: Record<SignalKind, string> = {
  cluster: '矛盾聚集',
  repeat_person: '重复当事人',
  same_subject: '同一事项多发',
  group_growth: '群体规模上升',
  red_stale: '红色案件无进展',
  key_person: '重点人员/部位',
  hazard: '安全隐患',
};
export const signalKindLabel = (k: SignalKind): string => KIND_ZH[k];

/** The alert to the scope's staff when a signal is raised or opened again (no personal data: the summary and case numbers). */
export function signalAlert(s: SignalDoc, reopened: boolean, now: Date): AlertDoc {
  return {
    id: `signal-${s.id}-${reopened ? `r${now.getTime()}` : 'raised'}`,
    countyId: s.scope.countyId,
    caseId: null,
    kind: 'signal_raised',
    severity: s.severity === 'high' ? 'critical' : s.severity === 'medium' ? 'warning' : 'info',
    recipientUnit: s.scope.level === 'village' ? (s.scope.townId ?? s.scope.unitId) : s.scope.unitId,
    recipientUid: null,
    recipientDept: null,
    title: `【风险信号】${KIND_ZH[s.kind]}${reopened ? '（有新情况）' : ''}`,
    // The newest cases first: on a signal opened again, the case that reopened it is named.
    body: `${s.summary}${s.sensitivePeriod ? `（${s.sensitivePeriod}期间）` : ''}。${s.evidence.every((e) => 'caseId' in e) ? '涉及案件' : '涉及'}（最新在前）：${[
      ...s.evidence,
    ]
      .sort((a, b) => b.at.getTime() - a.at.getTime())
      .slice(0, 5)
      .map(evidenceLabel)
      .join('、')}${s.evidence.length > 5 ? ` 等${s.evidence.length}件` : ''}`,
    createdAt: now,
    readBy: [],
  };
}
