// 预警提示单 (domain/notices.ts): numbering without gaps, the recipient's and the issuer's actions,
// the clocks warned and breached once each (breach → 督办), the alerts and the figures.
import { describe, expect, it } from 'vitest';
import {
  type Claims,
  DeadlinePolicy,
  GuardError,
  IssueNoticeInput,
  type NoticeDoc,
  type NoticeActionInput,
  applyNoticeAction,
  canIssueNotice,
  canReadNotice,
  defaultNoticePolicy,
  defaultPolicy,
  newNotice,
  nextNoticeNumber,
  noticeClockAlerts,
  noticeFigureDelta,
  noticeIssuedAlert,
  noticeNumber,
  noticeRow,
  noticeYear,
  recipientInScope,
  sweepNotice,
} from '../../functions/src/domain';

const C = '621126',
  T = '621126100',
  T2 = '621126101',
  D = '621126-police-minyang';
const H = 3_600_000;
const at = new Date('2026-05-20T02:00:00Z'); // 10:00 local
const p = defaultNoticePolicy();
const county: Claims = { r: 'county_staff', u: C, c: C };
const town: Claims = { r: 'town_staff', u: T, c: C, t: T };
const town2: Claims = { r: 'town_staff', u: T2, c: C, t: T2 };
const police: Claims = { r: 'department_officer', u: D, c: C, d: D, t: T };
const grid: Claims = { r: 'grid_worker', u: '621126100001001', c: C, t: T };

const make = (over: Partial<Parameters<typeof newNotice>[0]> = {}): NoticeDoc =>
  newNotice(
    {
      id: `${C}-req12345678`,
      countyId: C,
      requestId: 'req12345678',
      year: 2026,
      seq: 12,
      number: noticeNumber(2026, 12),
      issuer: { unitId: C, unitName: '岷县综治中心', uid: 'u1', name: '李明' },
      recipient: { kind: 'department', id: D, name: '岷阳派出所', townId: T },
      source: { kind: 'direct', signalId: null, meetingId: null },
      risk: '城郊村劳资纠纷聚集，联系人13812345678',
      measures: '三日内约谈用工单位',
      limitDays: 7,
      signHours: 24,
      now: at,
      ...over,
    },
    p,
  );
const act = (n: NoticeDoc, input: NoticeActionInput, claims: Claims, now = new Date(at.getTime() + H)) =>
  applyNoticeAction(n, input, claims, '某人', now, p);
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof GuardError) return e.code;
    throw e;
  }
  return 'ok';
};

describe('numbering', () => {
  it('numbers 1, 2, 3… per unit and year, and starts again in a new year or for another unit', () => {
    let c = nextNoticeNumber(null, C, 2026);
    expect(c).toMatchObject({ seq: 1, number: '〔2026〕1号' });
    const seen = [c.seq];
    for (let i = 0; i < 11; i++) {
      c = nextNoticeNumber(c.counter, C, 2026);
      seen.push(c.seq);
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(c.number).toBe('〔2026〕12号');
    expect(nextNoticeNumber(c.counter, C, 2027).seq).toBe(1);
    expect(nextNoticeNumber(c.counter, T, 2026).seq).toBe(1);
  });
  it('takes the year in Asia/Shanghai (31 Dec 17:00 UTC is already the new year)', () => {
    expect(noticeYear(new Date('2026-12-31T15:59:00Z'))).toBe(2026);
    expect(noticeYear(new Date('2026-12-31T16:00:00Z'))).toBe(2027);
  });
});

describe('input and scope', () => {
  const ok = { requestId: 'req12345678', recipient: { kind: 'town', id: T }, risk: '风险', measures: '措施' };
  it('accepts a direct notice, one from a signal or from a meeting, not both', () => {
    expect(IssueNoticeInput.safeParse(ok).success).toBe(true);
    expect(IssueNoticeInput.safeParse({ ...ok, meetingId: 'm1' }).success).toBe(true);
    expect(IssueNoticeInput.safeParse({ ...ok, meetingId: '  ' }).success).toBe(false);
    expect(IssueNoticeInput.safeParse({ ...ok, signalId: 's', meetingId: 'm' }).success).toBe(false);
    expect(IssueNoticeInput.safeParse({ ...ok, risk: ' ' }).success).toBe(false);
    expect(IssueNoticeInput.safeParse({ ...ok, limitDays: 0 }).success).toBe(false);
    expect(IssueNoticeInput.safeParse({ ...ok, extra: 1 }).success).toBe(false);
  });
  it('lets town and county staff and leaders issue; a county to its towns and departments, a town to its own departments', () => {
    expect(canIssueNotice(county)).toBe(true);
    expect(canIssueNotice(town)).toBe(true);
    expect(canIssueNotice({ r: 'leader', u: T })).toBe(true);
    expect(canIssueNotice(grid)).toBe(false);
    expect(canIssueNotice(police)).toBe(false);
    expect(recipientInScope(C, { kind: 'town', id: T2, countyId: C, townId: T2 })).toBe(true);
    expect(recipientInScope(C, { kind: 'department', id: D, countyId: C, townId: T })).toBe(true);
    expect(recipientInScope(T, { kind: 'department', id: D, countyId: C, townId: T })).toBe(true);
    expect(recipientInScope(T2, { kind: 'department', id: D, countyId: C, townId: T })).toBe(false);
    expect(recipientInScope(T, { kind: 'town', id: T2, countyId: C, townId: T2 })).toBe(false);
    expect(recipientInScope(C, { kind: 'department', id: 'x', countyId: '621127', townId: null })).toBe(false);
  });
  it('the county policy has notice defaults, older policies get them', () => {
    expect(defaultPolicy(C).notices).toEqual(p);
    const { notices: _n, ...old } = defaultPolicy(C);
    expect(DeadlinePolicy.parse(old).notices).toEqual(p);
  });
});

describe('a new notice', () => {
  it('masks numbers in its texts, starts both clocks and is read by the issuer chain and the recipient', () => {
    const n = make();
    expect(n.risk).not.toContain('13812345678');
    expect(n.sign.dueAt).toEqual(new Date(at.getTime() + 24 * H));
    expect(n.feedback.dueAt).toEqual(new Date('2026-05-27T16:00:00Z')); // 24:00 local of the 7th day
    expect(n.sweepAt).toEqual(new Date(at.getTime() + 20 * H)); // the signing warning, 4 h before
    expect(canReadNotice(county, n)).toBe(true);
    expect(canReadNotice(police, n)).toBe(true);
    expect(canReadNotice(town2, n)).toBe(false);
    expect(canReadNotice(grid, { readers: [grid.u] })).toBe(false);
  });
});

describe('actions', () => {
  it('sign → feedback → close: the recipient signs and reports back, the issuer closes; on time each', () => {
    const s = act(make(), { noticeId: 'x', action: 'sign' }, police);
    expect(s.doc.state).toBe('signed');
    expect(s.effect.signed).toEqual({ onTime: true });
    expect(s.doc.sweepAt).toEqual(new Date(make().feedback.dueAt.getTime() - 24 * H));
    const f = act(s.doc, { noticeId: 'x', action: 'feedback', text: '已约谈，联系电话13812345678' }, police);
    expect(f.doc.state).toBe('answered');
    expect(f.doc.answer).not.toContain('13812345678');
    expect(f.effect.answered).toEqual({ onTime: true });
    expect(f.doc.sweepAt).toBeNull();
    const c = act(f.doc, { noticeId: 'x', action: 'close' }, county);
    expect(c.doc.state).toBe('closed');
    expect(c.doc.history.map((h) => h.action)).toEqual(['issue', 'sign', 'feedback', 'close']);
  });
  it('feedback without signing signs too; late counts as not on time', () => {
    const late = new Date(at.getTime() + 30 * H);
    const f = act(make(), { noticeId: 'x', action: 'feedback', text: '已处置' }, police, late);
    expect(f.effect).toEqual({ signed: { onTime: false }, answered: { onTime: true } });
    expect(noticeFigureDelta({ effect: f.effect })).toEqual(['signed', 'answered', 'answeredOnTime']);
  });
  it('sent back: a new stretch to report again; the second report does not count as a first one', () => {
    const f = act(
      act(make(), { noticeId: 'x', action: 'sign' }, police).doc,
      { noticeId: 'x', action: 'feedback', text: '已处置' },
      police,
    );
    const r = act(f.doc, { noticeId: 'x', action: 'return', reason: '措施不具体' }, county, new Date('2026-05-27T02:00:00Z'));
    expect(r.doc.state).toBe('signed');
    expect(r.doc.returns).toBe(1);
    expect(r.doc.feedback.dueAt).toEqual(new Date('2026-05-30T16:00:00Z'));
    const again = act(r.doc, { noticeId: 'x', action: 'feedback', text: '补充了措施' }, police);
    expect(again.effect.answered).toBeNull();
  });
  it('refuses the wrong side and the wrong state', () => {
    const n = make();
    expect(code(() => act(n, { noticeId: 'x', action: 'sign' }, county))).toBe('permission-denied');
    expect(code(() => act(n, { noticeId: 'x', action: 'sign' }, { ...police, d: 'other', u: 'other' }))).toBe('permission-denied');
    expect(code(() => act(n, { noticeId: 'x', action: 'close' }, police))).toBe('permission-denied');
    expect(code(() => act(n, { noticeId: 'x', action: 'close' }, county))).toBe('failed-precondition');
    const s = act(n, { noticeId: 'x', action: 'sign' }, police).doc;
    expect(code(() => act(s, { noticeId: 'x', action: 'sign' }, police))).toBe('failed-precondition');
    const closed = act(
      act(s, { noticeId: 'x', action: 'feedback', text: '已处置' }, police).doc,
      { noticeId: 'x', action: 'close' },
      county,
    ).doc;
    expect(code(() => act(closed, { noticeId: 'x', action: 'feedback', text: '再报' }, police))).toBe('failed-precondition');
    expect(code(() => act(closed, { noticeId: 'x', action: 'return', reason: '再改' }, county))).toBe('failed-precondition');
  });
  it('a town recipient signs as town staff or leader, not as another town', () => {
    const n = make({ recipient: { kind: 'town', id: T, name: '岷阳镇', townId: T } });
    expect(act(n, { noticeId: 'x', action: 'sign' }, town).doc.state).toBe('signed');
    expect(code(() => act(n, { noticeId: 'x', action: 'sign' }, town2))).toBe('permission-denied');
  });
});

describe('the sweep', () => {
  it('warns then breaches each clock once; a breach puts the notice under 督办', () => {
    let n = make();
    const w = sweepNotice(n, new Date(at.getTime() + 21 * H), p);
    expect(w.fired).toEqual([{ clock: 'sign', phase: 'warning' }]);
    expect(sweepNotice(w.doc, new Date(at.getTime() + 22 * H), p).fired).toEqual([]);
    const b = sweepNotice(w.doc, new Date(at.getTime() + 25 * H), p);
    expect(b.fired).toEqual([{ clock: 'sign', phase: 'breach' }]);
    expect(b.doc.supervised).toBe(true);
    expect(b.doc.sweepAt).toEqual(new Date(n.feedback.dueAt.getTime() - 24 * H));
    expect(sweepNotice(b.doc, new Date(at.getTime() + 26 * H), p).fired).toEqual([]);
    n = b.doc;
    const fb = sweepNotice(n, new Date(n.feedback.dueAt.getTime() + 1), p);
    expect(fb.fired).toEqual([{ clock: 'feedback', phase: 'breach' }]);
    expect(fb.doc.sweepAt).toBeNull();
    expect(fb.doc.history.filter((h) => h.action === 'supervise')).toHaveLength(1);
    expect(noticeFigureDelta({ fired: [...b.fired, ...fb.fired] })).toEqual(['signOverdue', 'feedbackOverdue']);
  });
  it('a signed notice has no signing clock; an answered one none at all', () => {
    const s = act(make(), { noticeId: 'x', action: 'sign' }, police).doc;
    expect(sweepNotice(s, new Date(at.getTime() + 25 * H), p).fired).toEqual([]);
    const f = act(s, { noticeId: 'x', action: 'feedback', text: '已处置' }, police).doc;
    expect(sweepNotice(f, new Date(at.getTime() + 30 * 24 * H), p).fired).toEqual([]);
  });
  it('alerts: a warning to the recipient; a breach to it and the issuer, 督办 to the county; deterministic IDs', () => {
    const n = make({ issuer: { unitId: T, unitName: '岷阳镇综治中心', uid: 'u2', name: '张伟' } });
    const warn = noticeClockAlerts(n, { clock: 'sign', phase: 'warning' }, at, '05-21 10:00');
    expect(warn.map((a) => [a.kind, a.recipientDept ?? a.recipientUnit])).toEqual([['notice_warning', D]]);
    const breach = noticeClockAlerts(n, { clock: 'feedback', phase: 'breach' }, at, '05-27 24:00');
    expect(breach.map((a) => [a.kind, a.recipientDept ?? a.recipientUnit])).toEqual([
      ['notice_breach', D],
      ['notice_breach', T],
      ['notice_supervised', C],
    ]);
    expect(noticeClockAlerts(n, { clock: 'feedback', phase: 'breach' }, new Date(), 'x').map((a) => a.id)).toEqual(breach.map((a) => a.id));
    // Issued by the county: the county gets the 督办 once, not the breach as well.
    const byCounty = noticeClockAlerts(make(), { clock: 'sign', phase: 'breach' }, at, 'x');
    expect(byCounty.map((a) => a.kind)).toEqual(['notice_breach', 'notice_supervised']);
    const issued = noticeIssuedAlert(n, { sign: 'a', feedback: 'b' });
    expect(issued.recipientDept).toBe(D);
    expect(issued.body).not.toContain('13812345678');
  });
});

describe('export row', () => {
  it('has the number, units, masked texts and the on-time answers', () => {
    const f = act(make(), { noticeId: 'x', action: 'feedback', text: '已处置' }, police).doc;
    const row = noticeRow(f, (d) => (d ? d.toISOString().slice(0, 10) : ''));
    expect(row.slice(0, 4)).toEqual(['〔2026〕12号', '岷县综治中心', '岷阳派出所', '直接发出']);
    expect(row.join(',')).not.toContain('13812345678');
    expect(row.slice(-3)).toEqual(['是', '已反馈', '否']);
  });
});
