import { describe, expect, it } from 'vitest';
import {
  type CaseFact,
  DeadlinePolicy,
  type SignalContext,
  type SignalDoc,
  classifyPetition,
  defaultPolicy,
  defaultSignalPolicy,
  effectivePolicy,
  evidenceRef,
  type ItemFact,
  type KeyPersonFact,
  signalAlert,
  evaluateSignals,
  handleSignal,
  mergeSignal,
  personTerms,
  signalId,
  titleWords,
} from '../../functions/src/domain';
import { DEV_SEARCH_KEY } from '../../functions/src/lib/search-index';
import { personHashes } from '../../functions/src/lib/signal-hash';

const NOW = new Date('2026-05-20T04:00:00Z'); // 12:00 in 固阳
const day = (n: number) => new Date(NOW.getTime() - n * 86_400_000);
const V1 = '150222100001';
const V2 = '150222100002';
const T1 = '150222100';
const T2 = '150222101';

let seq = 0;
function fact(p: Partial<CaseFact> = {}): CaseFact {
  seq++;
  const title = p.title ?? `案件${seq}`;
  const villageId = p.villageId ?? V1;
  return {
    caseId: p.caseId ?? `150222-C${String(seq).padStart(5, '0')}`,
    title,
    category: 'neighbour',
    countyId: '150222',
    townId: villageId.slice(0, 9),
    villageId,
    createdAt: day(1),
    open: true,
    tier: 'village',
    group: false,
    groupSize: null,
    previousGroupSize: null,
    petition: false,
    red: false,
    lastProgressAt: p.createdAt ?? day(1),
    tokens: titleWords(title),
    ...p,
  };
}

const ctx = (p: Partial<SignalContext>): SignalContext => ({
  now: NOW,
  policy: defaultSignalPolicy(),
  cases: [],
  persons: [],
  redCases: [],
  known: [],
  ...p,
});
const kinds = (ss: { kind: string }[]) => ss.map((s) => s.kind).sort();

describe('cluster rule', () => {
  it('fires for N cases of one category in one village within D days, with the cases as evidence', () => {
    const cs = [fact({ createdAt: day(1) }), fact({ createdAt: day(3) }), fact({ createdAt: day(6) })];
    const out = evaluateSignals(ctx({ cases: cs }));
    expect(kinds(out)).toEqual(['cluster']);
    const [s] = out;
    expect(s!.scope).toMatchObject({ level: 'village', unitId: V1, townId: T1 });
    expect(s!.evidence.map(evidenceRef)).toEqual([cs[2]!.caseId, cs[1]!.caseId, cs[0]!.caseId]);
    expect(s!.measure).toEqual({ value: 3, threshold: 3 });
    expect(s!.summary).toContain('邻里');
  });

  it('does not fire below N, outside the window, across categories or across villages', () => {
    const none = [
      [fact(), fact()],
      [fact({ createdAt: day(1) }), fact({ createdAt: day(3) }), fact({ createdAt: day(8) })],
      [fact(), fact(), fact({ category: 'labour' })],
      [fact(), fact(), fact({ villageId: V2 })],
      // in the future of `now` (a clock running behind): not counted
      [fact(), fact(), fact({ createdAt: new Date(NOW.getTime() + 3_600_000) })],
    ];
    for (const cs of none) expect(evaluateSignals(ctx({ cases: cs })).filter((s) => s.kind === 'cluster')).toEqual([]);
  });

  it('fires at town level when N town cases are spread over villages', () => {
    const cs = [1, 2, 3, 4, 5].map((i) => fact({ villageId: i % 2 ? V1 : V2, title: `不同标题${i}号` }));
    const out = evaluateSignals(ctx({ cases: cs })).filter((s) => s.kind === 'cluster');
    expect(out.map((s) => s.scope.level).sort()).toEqual(['town', 'village']); // V1 has 3
    expect(out.find((s) => s.scope.level === 'town')!.evidence).toHaveLength(5);
  });

  it('keeps one ID while the cluster grows (re-running raises nothing new)', () => {
    const cs = [fact(), fact(), fact()];
    const a = evaluateSignals(ctx({ cases: cs }));
    expect(evaluateSignals(ctx({ cases: cs }))).toEqual(a);
    const known = a.map((s) => ({ id: s.id, kind: s.kind, key: s.key, caseIds: s.evidence.map(evidenceRef) }));
    // The first case leaves the window; a new one comes: still the same signal.
    const later = new Date(NOW.getTime() + 2 * 86_400_000);
    const grown = evaluateSignals(ctx({ now: later, known, cases: [...cs.slice(1), fact({ createdAt: NOW })] }));
    expect(grown.find((s) => s.kind === 'cluster')!.id).toBe(a[0]!.id);
  });
});

describe('person keys', () => {
  it('normalises spellings of phones and ID numbers, and never uses names', () => {
    const a = personTerms([{ phone: '+86 138-0000-1111', idNumber: '15022219800101123x' }]);
    const b = personTerms([{ phone: '13800001111', idNumber: '15022219800101123X' }]);
    expect(a).toEqual(b);
    expect(a).toEqual(['person-id:15022219800101123X', 'person-phone:13800001111']);
    expect(personTerms([{ phone: null, idNumber: null }])).toEqual([]);
  });

  it('hashes with the key: no plain value, different keys give different hashes, spellings the same hash', () => {
    const h1 = personHashes([{ phone: '138 0000 1111', idNumber: null }], DEV_SEARCH_KEY);
    const h2 = personHashes([{ phone: '0086-13800001111', idNumber: null }], DEV_SEARCH_KEY);
    const h3 = personHashes([{ phone: '13800001111', idNumber: null }], 'another-key-of-16-chars');
    expect(h1).toEqual(h2);
    expect(h1[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(h1[0]).not.toContain('13800001111');
    expect(h3).not.toEqual(h1);
  });
});

describe('repeat person rule', () => {
  it('fires for one person in N cases within 12 months, evidence without personal data', () => {
    const cs = [fact({ createdAt: day(300) }), fact({ createdAt: day(100), villageId: V2 }), fact({ createdAt: day(2) })];
    const out = evaluateSignals(ctx({ persons: [{ ref: 'h1', cases: cs }] }));
    const s = out.find((x) => x.kind === 'repeat_person')!;
    expect(s.scope).toMatchObject({ level: 'town', unitId: T1 });
    expect(s.evidence).toHaveLength(3);
    expect(JSON.stringify(s)).not.toContain('h1');
    expect(Object.keys(s.evidence[0]!).sort()).toEqual(['at', 'caseId', 'category', 'title', 'townId', 'villageId']);
  });

  it('fires for two petitions (重访) but not for two ordinary cases', () => {
    const two = [fact({ petition: true, createdAt: day(40) }), fact({ petition: true, createdAt: day(1) })];
    expect(kinds(evaluateSignals(ctx({ persons: [{ ref: 'h', cases: two }] })))).toEqual(['repeat_person']);
    const plain = [fact({ createdAt: day(40) }), fact({ createdAt: day(1), villageId: V2 })];
    expect(evaluateSignals(ctx({ persons: [{ ref: 'h', cases: plain }] }))).toEqual([]);
  });

  it('does not count cases older than 12 months, nor one case found twice', () => {
    const old = [
      fact({ createdAt: day(400) }),
      fact({ createdAt: day(380), villageId: V2 }),
      fact({ createdAt: day(2), villageId: '150222101001' }),
    ];
    expect(evaluateSignals(ctx({ persons: [{ ref: 'h', cases: old }] }))).toEqual([]);
    const c = fact({ petition: true });
    expect(evaluateSignals(ctx({ persons: [{ ref: 'h', cases: [c, c] }] }))).toEqual([]);
  });

  it('one person found by phone and by ID number is one signal', () => {
    const cs = [fact({ petition: true, createdAt: day(10) }), fact({ petition: true, createdAt: day(1) })];
    const out = evaluateSignals(
      ctx({
        persons: [
          { ref: 'phone', cases: cs },
          { ref: 'id', cases: cs },
        ],
      }),
    );
    expect(out).toHaveLength(1);
  });
});

describe('same subject and group growth', () => {
  it('several alike cases in a town within 30 days are one subject', () => {
    const cs = [
      fact({ title: '某小区业主反映物业费上涨', category: 'property_mgmt', createdAt: day(20) }),
      fact({ title: '小区业主反映物业费上涨问题', category: 'property_mgmt', createdAt: day(10), villageId: V2 }),
      fact({ title: '业主反映物业费上涨', category: 'property_mgmt', createdAt: day(1) }),
    ];
    const out = evaluateSignals(ctx({ cases: cs }));
    expect(kinds(out)).toEqual(['same_subject']);
    expect(out[0]!.scope.level).toBe('town');
  });

  it('unlike titles, another category or another town are not one subject', () => {
    const a = [
      fact({ title: '物业费上涨', category: 'property_mgmt' }),
      fact({ title: '电梯停运维修', category: 'property_mgmt', villageId: V2 }),
      fact({ title: '楼道堆放杂物', category: 'property_mgmt', villageId: V2 }),
    ];
    expect(evaluateSignals(ctx({ cases: a }))).toEqual([]);
    const b = [
      fact({ title: '物业费上涨', category: 'property_mgmt' }),
      fact({ title: '物业费上涨', category: 'consumer', villageId: V2 }),
      fact({ title: '物业费上涨', category: 'property_mgmt', villageId: `${T2}001` }),
    ];
    expect(evaluateSignals(ctx({ cases: b }))).toEqual([]);
  });

  it('group growth: alike group cases whose headcount rises, or a case whose headcount rose', () => {
    const g = [
      fact({ title: '工地拖欠农民工工资', category: 'labour', group: true, groupSize: 8, createdAt: day(12) }),
      fact({ title: '工地拖欠农民工工资', category: 'labour', group: true, groupSize: 20, createdAt: day(2), villageId: V2 }),
    ];
    const out = evaluateSignals(ctx({ cases: g }));
    const s = out.find((x) => x.kind === 'group_growth')!;
    expect(s.summary).toContain('由8人增至20人');
    expect(s.severity).toBe('high'); // growth 12 ≥ 2 × 5
    const one = fact({ group: true, groupSize: 15, previousGroupSize: 9 });
    expect(kinds(evaluateSignals(ctx({ cases: [one] })))).toEqual(['group_growth']);
  });

  it('no growth when the headcount falls, rises less than the threshold, or the cases are not groups', () => {
    const fall = [
      fact({ title: '工地拖欠工资', category: 'labour', group: true, groupSize: 20, createdAt: day(12) }),
      fact({ title: '工地拖欠工资', category: 'labour', group: true, groupSize: 8, createdAt: day(2), villageId: V2 }),
    ];
    expect(evaluateSignals(ctx({ cases: fall }))).toEqual([]);
    expect(evaluateSignals(ctx({ cases: [fact({ group: true, groupSize: 12, previousGroupSize: 9 })] }))).toEqual([]);
    expect(evaluateSignals(ctx({ cases: [fact({ group: false, groupSize: 30, previousGroupSize: 3 })] }))).toEqual([]);
  });
});

describe('red cases without progress', () => {
  it('fires after N days without a step, not before, not for closed or non-red cases', () => {
    const stale = fact({ red: true, lastProgressAt: day(6), tier: 'town' });
    const out = evaluateSignals(ctx({ redCases: [stale] }));
    expect(kinds(out)).toEqual(['red_stale']);
    expect(out[0]!.scope).toMatchObject({ level: 'town', unitId: T1 });
    expect(evaluateSignals(ctx({ redCases: [fact({ red: true, lastProgressAt: day(4) })] }))).toEqual([]);
    expect(evaluateSignals(ctx({ redCases: [fact({ red: true, open: false, lastProgressAt: day(30) })] }))).toEqual([]);
    expect(evaluateSignals(ctx({ redCases: [fact({ red: false, lastProgressAt: day(30) })] }))).toEqual([]);
  });

  it('a new stretch without progress is a new signal; the same stretch keeps its ID', () => {
    const c = fact({ red: true, lastProgressAt: day(6) });
    const a = evaluateSignals(ctx({ redCases: [c] }))[0]!;
    const b = evaluateSignals(ctx({ now: new Date(NOW.getTime() + 86_400_000), redCases: [c] }))[0]!;
    expect(b.id).toBe(a.id);
    const c2 = { ...c, lastProgressAt: day(1) };
    const later = new Date(NOW.getTime() + 6 * 86_400_000);
    expect(evaluateSignals(ctx({ now: later, redCases: [c2] }))[0]!.id).not.toBe(a.id);
  });
});

describe('sensitive periods', () => {
  const policy = {
    ...defaultSignalPolicy(),
    sensitive: { factor: 0.6, periods: [{ name: '全国两会', from: '2026-05-18', to: '2026-05-25' }] },
  };

  it('tighten thresholds and raise severity inside the period', () => {
    expect(effectivePolicy(policy, NOW).policy.cluster.villageCases).toBe(2);
    const cs = [fact(), fact()];
    expect(evaluateSignals(ctx({ cases: cs }))).toEqual([]);
    const out = evaluateSignals(ctx({ policy, cases: cs }));
    expect(out[0]).toMatchObject({ kind: 'cluster', sensitivePeriod: '全国两会', severity: 'medium' });
  });

  it('do nothing outside the period (dates are local: 05-17 24:00 Asia/Shanghai is before)', () => {
    const before = new Date('2026-05-17T15:59:00Z'); // 23:59 on 05-17 local
    const cs = [fact({ createdAt: new Date(before.getTime() - 3_600_000) }), fact({ createdAt: new Date(before.getTime() - 7_200_000) })];
    expect(evaluateSignals(ctx({ now: before, policy, cases: cs }))).toEqual([]);
    expect(effectivePolicy(policy, new Date('2026-05-17T16:00:00Z')).period?.name).toBe('全国两会');
  });

  it('is part of the county policy: defaults when absent, refused when the range is inverted', () => {
    const p = defaultPolicy('150222');
    const { signals: _omit, ...without } = p;
    expect(DeadlinePolicy.parse(without).signals).toEqual(defaultSignalPolicy());
    const bad = {
      ...p,
      signals: { ...p.signals, sensitive: { factor: 0.5, periods: [{ name: '国庆', from: '2026-10-07', to: '2026-10-01' }] } },
    };
    expect(DeadlinePolicy.safeParse(bad).success).toBe(false);
    const tooLow = { ...p, signals: { ...p.signals, cluster: { villageCases: 1, townCases: 5, days: 7 } } };
    expect(DeadlinePolicy.safeParse(tooLow).success).toBe(false);
  });
});

describe('ids, merging and handling', () => {
  it('IDs are deterministic and do not carry the key', () => {
    expect(signalId('repeat_person', 'person', ['b', 'a'], [])).toBe(signalId('repeat_person', 'person', ['a', 'b'], []));
    expect(signalId('cluster', 'x', ['a'], [])).not.toBe(signalId('cluster', 'y', ['a'], []));
    expect(signalId('cluster', 'x', ['a'], [])).toMatch(/^cluster-[0-9a-f]{24}$/);
  });

  const draft = () => evaluateSignals(ctx({ cases: [fact(), fact(), fact()] }))[0]!;

  it('a re-run of the same signal changes nothing; new evidence reopens a dismissed one', () => {
    const d = draft();
    const first = mergeSignal(null, d, NOW);
    expect(first.doc.state).toBe('open');
    expect(mergeSignal(first.doc, d, NOW).changed).toBe(false);
    const dismissed: SignalDoc = {
      ...first.doc,
      state: 'dismissed',
      handling: { by: 'u', byName: '王', at: NOW, reason: '已核实', analysisId: null },
    };
    expect(mergeSignal(dismissed, d, NOW).changed).toBe(false);
    const more = { ...d, evidence: [...d.evidence, { ...d.evidence[0]!, caseId: 'new-case' }], measure: { value: 4, threshold: 3 } };
    const m = mergeSignal(dismissed, more, NOW);
    expect(m).toMatchObject({ changed: true, reopened: true });
    expect(m.doc.state).toBe('open');
    expect(m.doc.units).toEqual(['150222', T1, V1]);
  });

  it('handling: acknowledge once, dismiss, analyse; nothing after analysis', () => {
    const doc = mergeSignal(null, draft(), NOW).doc;
    expect(handleSignal(doc, { signalId: doc.id, action: 'acknowledge' })).toBe('acknowledged');
    const ack = { ...doc, state: 'acknowledged' as const };
    expect(() => handleSignal(ack, { signalId: doc.id, action: 'acknowledge' })).toThrow('该信号已处理');
    expect(handleSignal(ack, { signalId: doc.id, action: 'dismiss', reason: '误报' })).toBe('dismissed');
    expect(handleSignal(ack, { action: 'analyse' })).toBe('in_analysis');
    const ana = { ...doc, state: 'in_analysis' as const };
    expect(() => handleSignal(ana, { signalId: doc.id, action: 'dismiss', reason: '误报' })).toThrow('已纳入研判');
  });
});

describe('重访 and 越级访 from the person hashes', () => {
  it('a petition after an earlier one within 12 months is 重访; above the town while a lower one is open, 越级访', () => {
    const earlier = fact({ petition: true, createdAt: day(60), tier: 'town', open: true });
    const now = { caseId: 'x', createdAt: NOW, tier: 'county' as const };
    expect(classifyPetition(now, [earlier])).toEqual({ repeat: true, skipLevel: true });
    expect(classifyPetition(now, [{ ...earlier, open: false }])).toEqual({ repeat: true, skipLevel: false });
    expect(classifyPetition({ ...now, tier: 'town' }, [earlier])).toEqual({ repeat: true, skipLevel: false });
    expect(classifyPetition(now, [{ ...earlier, createdAt: day(400) }])).toEqual({ repeat: false, skipLevel: false });
    expect(classifyPetition(now, [{ ...earlier, petition: false }])).toEqual({ repeat: false, skipLevel: false });
  });
});

// ── 排查 items and key persons ───────────────────────────────────────────────────────────────

let itemSeq = 0;
function item(p: Partial<ItemFact> = {}): ItemFact {
  itemSeq++;
  const villageId = p.villageId ?? V1;
  return {
    itemId: `item${String(itemSeq).padStart(4, '0')}`,
    kind: 'security',
    title: `村口路灯损坏${itemSeq}`,
    countyId: '150222',
    townId: villageId.slice(0, 9),
    villageId,
    createdAt: day(1),
    overdue: false,
    dueAt: null,
    ...p,
  };
}
function kp(p: Partial<KeyPersonFact> = {}): KeyPersonFact {
  return {
    id: 'kp000001',
    label: '重点人员（社区矫正，一网格，编号KP0001）',
    countyId: '150222',
    townId: T1,
    villageId: V1,
    risk: 'yellow',
    previousRisk: 'green',
    changedAt: day(0),
    active: true,
    overdue: false,
    dueAt: day(-3),
    ...p,
  };
}

describe('item clusters (排查)', () => {
  it('raises a village cluster at the policy count of one kind, with the items as evidence and no case', () => {
    const is = [item(), item(), item()];
    const out = evaluateSignals(ctx({ items: is }));
    const s = out.find((x) => x.kind === 'cluster' && x.scope.level === 'village');
    expect(s).toBeDefined();
    expect(s!.summary).toContain('治安问题3件');
    expect(s!.evidence.map(evidenceRef)).toEqual(is.map((i) => `item:${i.itemId}`));
    expect(s!.evidence.every((e) => !('caseId' in e))).toBe(true);
  });
  it('does not fire below the count, across kinds, across villages, or outside the window', () => {
    expect(evaluateSignals(ctx({ items: [item(), item()] }))).toEqual([]);
    expect(evaluateSignals(ctx({ items: [item(), item(), item({ kind: 'demand' })] }))).toEqual([]);
    expect(evaluateSignals(ctx({ items: [item(), item(), item({ villageId: V2 })] }))).toEqual([]);
    expect(evaluateSignals(ctx({ items: [item(), item(), item({ createdAt: day(8) })] }))).toEqual([]);
  });
  it('a growing cluster keeps its ID (continuity through known signals)', () => {
    const is = [item(), item(), item()];
    const a = evaluateSignals(ctx({ items: is })).find((x) => x.scope.level === 'village')!;
    const known = [{ id: a.id, kind: a.kind, key: a.key, caseIds: a.evidence.map(evidenceRef) }];
    const b = evaluateSignals(ctx({ items: [...is, item()], known })).find((x) => x.scope.level === 'village')!;
    expect(b.id).toBe(a.id);
    expect(b.evidence).toHaveLength(4);
  });
  it('a sensitive period tightens the item threshold', () => {
    const policy = {
      ...defaultSignalPolicy(),
      sensitive: { factor: 0.6, periods: [{ name: '两会', from: '2026-05-19', to: '2026-05-21' }] },
    };
    const out = evaluateSignals(ctx({ policy, items: [item(), item()] }));
    expect(out.some((x) => x.kind === 'cluster' && x.sensitivePeriod === '两会')).toBe(true);
  });
});

describe('hazards overdue', () => {
  it('raises one signal per missed limit of an unrectified hazard', () => {
    const h = item({ kind: 'hazard', overdue: true, dueAt: day(2) });
    const a = evaluateSignals(ctx({ items: [h] }));
    expect(a).toHaveLength(1);
    expect(a[0]!.kind).toBe('hazard');
    expect(a[0]!.summary).toContain('已逾期2天');
    expect(evaluateSignals(ctx({ items: [h] }))[0]!.id).toBe(a[0]!.id);
    const again = evaluateSignals(ctx({ items: [{ ...h, dueAt: day(1) }] }));
    expect(again[0]!.id).not.toBe(a[0]!.id);
  });
  it('does not fire for a hazard within its limit, rectified (not overdue), or another kind', () => {
    expect(evaluateSignals(ctx({ items: [item({ kind: 'hazard', overdue: false, dueAt: day(-2) })] }))).toEqual([]);
    expect(evaluateSignals(ctx({ items: [item({ kind: 'hazard', overdue: false, dueAt: day(2) })] }))).toEqual([]);
    expect(evaluateSignals(ctx({ items: [item({ kind: 'security', overdue: true, dueAt: day(2) })] }))).toEqual([]);
  });
});

describe('key persons', () => {
  it('raises when the risk level rises, severity by the new level', () => {
    const y = evaluateSignals(ctx({ keyPersons: [kp()] }));
    expect(y).toHaveLength(1);
    expect(y[0]!).toMatchObject({ kind: 'key_person', severity: 'medium', summary: '重点对象风险等级由绿色升为黄色' });
    const r = evaluateSignals(ctx({ keyPersons: [kp({ previousRisk: 'yellow', risk: 'red' })] }));
    expect(r[0]!.severity).toBe('high');
    expect(r[0]!.evidence[0]).toMatchObject({
      source: 'key_person',
      recordId: 'kp000001',
      title: '重点人员（社区矫正，一网格，编号KP0001）',
    });
  });
  it('raises for a record first seen at red, not for one first seen at yellow or green', () => {
    expect(evaluateSignals(ctx({ keyPersons: [kp({ previousRisk: null, risk: 'red' })] }))[0]!.summary).toBe('新登记红色风险重点对象');
    expect(evaluateSignals(ctx({ keyPersons: [kp({ previousRisk: null, risk: 'yellow' })] }))).toEqual([]);
    expect(evaluateSignals(ctx({ keyPersons: [kp({ previousRisk: null, risk: 'green' })] }))).toEqual([]);
  });
  it('does not fire when the level falls or stays, or on an archived record', () => {
    expect(evaluateSignals(ctx({ keyPersons: [kp({ previousRisk: 'red', risk: 'yellow' })] }))).toEqual([]);
    expect(evaluateSignals(ctx({ keyPersons: [kp({ previousRisk: 'yellow', risk: 'yellow' })] }))).toEqual([]);
    expect(evaluateSignals(ctx({ keyPersons: [kp({ active: false, previousRisk: 'green', risk: 'red', overdue: true })] }))).toEqual([]);
  });
  it('raises once per missed visit, severity by the risk level', () => {
    const o = kp({ previousRisk: 'yellow', risk: 'yellow', overdue: true, dueAt: day(1) });
    const a = evaluateSignals(ctx({ keyPersons: [o] }));
    expect(a).toHaveLength(1);
    expect(a[0]!).toMatchObject({ severity: 'medium', summary: '黄色风险重点对象走访逾期' });
    expect(evaluateSignals(ctx({ keyPersons: [{ ...o, changedAt: day(0.5) }] }))[0]!.id).toBe(a[0]!.id);
    expect(evaluateSignals(ctx({ keyPersons: [{ ...o, dueAt: day(0.2) }] }))[0]!.id).not.toBe(a[0]!.id);
  });
  it("the alert names records by their register label, never a person's name", () => {
    const d = evaluateSignals(ctx({ keyPersons: [kp({ previousRisk: 'yellow', risk: 'red' })] }))[0]!;
    const m = mergeSignal(null, d, NOW).doc;
    const alert = signalAlert(m, false, NOW);
    expect(alert.title).toBe('【风险信号】重点人员/部位');
    expect(alert.body).toContain('重点人员（社区矫正，一网格，编号KP0001）');
    expect(alert.body).not.toContain('涉及案件');
  });
});
