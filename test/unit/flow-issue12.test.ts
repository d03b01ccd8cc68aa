// Issue 12 (flow): plain-Chinese validation messages, the grid worker's choice at submission,
// 接管 (take-over) in events, clocks and statistics, calendar files, the duty day at a moment.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  CalendarFile,
  ReportCaseInput,
  WalkInInput,
  allowedActions,
  defaultPolicy,
  describeIssues,
  dutyDayAt,
  fieldLabel,
  gridActionCommand,
  planReport,
  statsDelta,
  takeOverOpensAt,
  transition,
  WorkCalendar,
  zhErrorMap,
} from '../../functions/src/domain';
import { parse } from '../../functions/src/lib/errors';
import { actorOf, draft, gridWorker, reported, villageStaff } from '../helpers/cases';

const HAN = /\p{Script=Han}/u;
const MACHINE = /string|number|undefined|null|expected|received|Invalid|无效输入|期望|实际接收|regex|NaN/i;

describe('zh-CN zod messages', () => {
  const S = z.strictObject({
    title: z.string().min(2),
    receivedAt: z.iso.datetime({ offset: true }),
    count: z.number().int().max(3),
    kind: z.enum(['a', 'b']),
    petitioners: z.array(z.strictObject({ phone: z.string().regex(/^1\d{10}$/) })).min(1),
  });
  const bad = [
    {},
    { title: 1, receivedAt: null, count: 'x', kind: 'c', petitioners: [] },
    { title: 'x', receivedAt: '2026-13-01', count: 9, kind: null, petitioners: [{ phone: '12' }], extra: true },
  ];
  it.each(bad)('words every issue in plain Chinese, never in the validator’s terms (%#)', (input) => {
    const r = S.safeParse(input, { error: zhErrorMap });
    expect(r.success).toBe(false);
    for (const iss of r.error!.issues) {
      expect(iss.message).toMatch(HAN);
      expect(iss.message).not.toMatch(MACHINE);
    }
    const text = describeIssues(r.error!.issues);
    expect(text).toMatch(HAN);
    expect(text).not.toMatch(MACHINE);
    expect(text).not.toMatch(/receivedAt|petitioners|title/);
  });
  it('says a missing field is empty and names it', () => {
    const r = WalkInInput.safeParse({ requestId: 'abcdefgh1' }, { error: zhErrorMap });
    expect(describeIssues(r.error!.issues, 20)).toContain('网格：不能为空');
  });
  it('labels nested paths with their ordinal', () => {
    expect(fieldLabel(['petitioners', 1, 'phone'])).toBe('来访人2·电话');
    expect(fieldLabel(['command', 'reason'])).toBe('原因');
    expect(fieldLabel(['someInternalKey'])).toBe('提交的内容');
  });
  it('keeps the schema’s own words where it has them', () => {
    const r = ReportCaseInput.safeParse(draft({ title: 'x' }), { error: zhErrorMap });
    expect(r.error!.issues[0]!.message).toBe('标题至少2个字');
  });
});

describe('walk-in time', () => {
  const base = {
    requestId: 'abcdefgh1',
    unitId: '621126100',
    gridId: '621126100001001',
    category: 'neighbour',
    title: '来访事项',
    description: '来访人反映邻里纠纷',
    petitioners: [{ role: 'applicant', name: '张三', phone: null, idNumber: null, address: null }],
  };
  it.each([undefined, null, '', '  '])('blank (%j) means now', (receivedAt) => {
    const r = WalkInInput.safeParse({ ...base, receivedAt });
    expect(r.success).toBe(true);
    expect(r.data?.receivedAt ?? null).toBeNull();
  });
  it('a real time is kept, a bad one refused in Chinese', () => {
    expect(WalkInInput.parse({ ...base, receivedAt: '2026-03-02T09:30:00+08:00' }).receivedAt).toBe('2026-03-02T09:30:00+08:00');
    const r = WalkInInput.safeParse({ ...base, receivedAt: 'yesterday' }, { error: zhErrorMap });
    expect(describeIssues(r.error!.issues)).toMatch(/^来访时间：/);
  });
});

describe('the duty day at a moment (handoff)', () => {
  const days = [
    { date: '2026-03-01', name: '韩冬' },
    { date: '2026-03-02', name: '谢文' },
  ];
  it('before the handoff it is still the day before; after it, today', () => {
    expect(dutyDayAt(days, new Date('2026-03-02T07:00:00+08:00'), '08:30')?.name).toBe('韩冬');
    expect(dutyDayAt(days, new Date('2026-03-02T08:30:00+08:00'), '08:30')?.name).toBe('谢文');
  });
});

const cal = new WorkCalendar([{ year: 2026, offDays: {}, workdays: {} }]);
const policy = defaultPolicy('621126');
const T0 = new Date('2026-03-02T02:00:00Z'); // Monday 10:00 in Beijing

describe("the grid worker's choice at submission", () => {
  const input = (gridAction: unknown) => ReportCaseInput.parse(draft({ gridAction } as never));
  it('就地化解 resolves with a grid outcome; 上报 escalates to the village', () => {
    const c = planReport(input(null), 'case-1', actorOf(gridWorker), gridWorker, T0).caseDoc;
    const r = gridActionCommand(input({ kind: 'resolve', outcome: 'solved_on_spot', note: '当场调解' }), c);
    expect(r).toEqual({ action: 'resolve', outcome: 'solved_on_spot', note: '当场调解' });
    const e = gridActionCommand(input({ kind: 'escalate' }), c);
    expect(e).toEqual({ action: 'escalate', reason: '网格员登记时上报村（社区）' });
    expect(transition(c, e!, actorOf(gridWorker), gridWorker, T0, policy, cal, null).next).toMatchObject({
      tier: 'village',
      state: 'reported',
    });
  });
  it('only outcomes allowed at the grid', () => {
    expect(
      ReportCaseInput.safeParse(draft({ gridAction: { kind: 'resolve', outcome: 'mediated_agreement', note: 'x' } } as never)).success,
    ).toBe(false);
  });
  it('is refused on a case that starts above the grid', () => {
    const c = planReport(input(null), 'case-1', actorOf(villageStaff), villageStaff, T0).caseDoc;
    expect(() => gridActionCommand(input({ kind: 'escalate' }), c)).toThrow(/直接由上级受理/);
  });
});

describe('接管 (take_over)', () => {
  it('computes the window from the clock', () => {
    const warnAt = new Date('2026-03-03T02:00:00Z');
    const k = {
      id: 'tier:grid:1',
      kind: 'tier' as const,
      subject: 'grid',
      startedAt: T0,
      dueAt: new Date('2026-03-03T06:00:00Z'),
      warnAt,
      state: 'running' as const,
      remainingMs: null,
      warnedAt: null,
      breachedAt: null,
      endedAt: null,
      calendarGap: false,
    };
    const c = { ...reported({}, gridWorker, T0), clocks: [k] };
    expect(takeOverOpensAt(c)).toEqual(warnAt);
    expect(allowedActions(villageStaff, 'v1', c, new Date('2026-03-03T01:59:00Z'))).not.toContain('take_over');
    expect(allowedActions(villageStaff, 'v1', c, new Date('2026-03-03T02:00:00Z'))).toContain('take_over');
    expect(allowedActions(gridWorker, 'uid-grid_worker', c, new Date('2026-03-03T02:00:00Z'))).not.toContain('take_over');
    const late = new Date('2026-03-03T07:00:00Z');
    const t = transition(c, { action: 'take_over' }, actorOf(villageStaff, 'v1'), villageStaff, late, policy, cal, null);
    expect(t.next).toMatchObject({ tier: 'village', unitId: '621126100001', state: 'accepted', acceptedAt: late });
    expect(t.event).toMatchObject({ action: 'take_over', data: { overdue: true, firstAccept: true } });
    // The grid worker's clock stops; the village's starts.
    expect(t.next.clocks.find((x) => x.subject === 'grid')?.state).toBe('stopped');
    expect(t.next.clocks.find((x) => x.subject === 'village')?.state).toBe('running');
    expect(statsDelta(t.event)).toEqual({ accepted: 1, takenOver: 1, overdue: 1 });
    const early = transition(c, { action: 'take_over' }, actorOf(villageStaff, 'v1'), villageStaff, warnAt, policy, cal, null);
    expect(statsDelta(early.event)).toEqual({ accepted: 1, takenOver: 1 });
  });
});

describe('calendar files (the CLI and the importCalendar callable)', () => {
  it('takes one year or several', () => {
    expect(CalendarFile.parse({ year: 2027, offDays: { '2027-01-01': '元旦' }, workdays: {} })).toHaveLength(1);
    expect(
      CalendarFile.parse([
        { year: 2027, offDays: {}, workdays: {} },
        { year: 2028, offDays: {}, workdays: { '2028-01-29': '春节' } },
      ]).map((y) => y.year),
    ).toEqual([2027, 2028]);
  });
  it.each([
    [{ year: 2027, offDays: { '2028-01-01': '元旦' }, workdays: {} }, '不属于2027年'],
    [{ year: 2027, offDays: { '2027-02-30': '春节' }, workdays: {} }, '不是有效日期'],
    [{ year: 2027, offDays: { '2027-01-01': 'x' }, workdays: { '2027-01-01': 'x' } }, '既放假又上班'],
    [
      [
        { year: 2027, offDays: {}, workdays: {} },
        { year: 2027, offDays: {}, workdays: {} },
      ],
      '出现了两次',
    ],
    [{ year: '2027', offDays: {} }, '年份'],
  ])('refuses a bad file in Chinese (%#)', (file, words) => {
    const r = CalendarFile.safeParse(file, { error: zhErrorMap });
    expect(r.success).toBe(false);
    const text = describeIssues(r.error!.issues, 10);
    expect(text).toContain(words);
    expect(text).not.toMatch(MACHINE);
  });
});

describe("the functions' parse: plain Chinese with field labels", () => {
  it('names the field by its label and says what is wrong, never the validator’s terms', () => {
    let err: { code?: string; message?: string; details?: { fields?: { path: string; label: string }[] } } = {};
    try {
      parse(WalkInInput, { requestId: 'abcdefgh1', unitId: '621126100', receivedAt: 42, petitioners: [{}] });
    } catch (e) {
      err = e as typeof err;
    }
    expect(err.code).toBe('invalid-argument');
    expect(err.message).toMatch(/^提交的内容有误：/);
    expect(err.message).toContain('来访时间：格式不正确');
    expect(err.message).not.toMatch(MACHINE);
    expect(err.details?.fields?.find((f) => f.path === 'receivedAt')?.label).toBe('来访时间');
  });
});
