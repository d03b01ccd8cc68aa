// The legal chain (issue 13): 诉调/警调/访调对接, 信访 复查/复核, 一站式转介, 分流率.
import { describe, expect, it } from 'vitest';
import { fromSource } from '../../functions/src/cli/calendar-sources';
import {
  type CaseCommand,
  type CaseDoc,
  type Claims,
  GuardError,
  ReportCaseInput,
  WorkCalendar,
  allowedActions,
  applyCommand,
  caseAccess,
  canReadCase,
  defaultPolicy,
  diversionRate,
  fireDueClocks,
  planReport,
  statsDelta,
  withClocks,
  withStatsFacts,
} from '../../functions/src/domain';
import { actorOf, draft, townStaff } from '../helpers/cases';

const cal = new WorkCalendar([2025, 2026].map((y) => fromSource('chinese-days', y)!));
const policy = defaultPolicy('621126');
const COURT = '621126-court-minyang';
const courtOfficer: Claims = { r: 'department_officer', u: COURT, c: '621126', d: COURT };
const otherOfficer: Claims = { r: 'department_officer', u: '621126-police-a', c: '621126', d: '621126-police-a' };

function report(over: object, at: string): CaseDoc {
  const plan = planReport(ReportCaseInput.parse(draft(over)), 'case-1', actorOf(townStaff), townStaff, new Date(at));
  return withClocks(null, plan.caseDoc, plan.event, policy, cal);
}
function act(c: CaseDoc, cmd: CaseCommand, who: Claims, at: string): CaseDoc {
  const t = applyCommand(c, cmd, actorOf(who), who, new Date(at));
  const next = withClocks(c, t.next, t.event, policy, cal);
  return { ...next, ...caseAccess(next) };
}
function refused(f: () => unknown): GuardError {
  try {
    f();
  } catch (e) {
    if (e instanceof GuardError) return e;
    throw e;
  }
  throw new Error('not refused');
}
const event = (c: CaseDoc, cmd: CaseCommand, who: Claims, at: string) => {
  const t = applyCommand(c, cmd, actorOf(who), who, new Date(at));
  return withStatsFacts(withClocks(c, t.next, t.event, policy, cal), t.event, cal);
};
const ORIGIN: CaseCommand = {
  action: 'record_origin',
  kind: 'court',
  departmentId: COURT,
  ref: '(2026)甘1126民诉前调112号',
  referredOn: '2026-03-02',
};

describe('诉调对接: a court referral', () => {
  it('records the court, its reference and date; the court officer reads the case, others do not', () => {
    let c = act(report({ source: 'court_referral' }, '2026-03-02T01:00:00Z'), { action: 'accept' }, townStaff, '2026-03-02T02:00:00Z');
    expect(canReadCase(courtOfficer, 'uid-court', caseAccess(c))).toBe(false);
    c = act(c, ORIGIN, townStaff, '2026-03-02T03:00:00Z');
    expect(c.origin).toMatchObject({
      kind: 'court',
      departmentId: COURT,
      ref: '(2026)甘1126民诉前调112号',
      referredOn: '2026-03-02',
      result: null,
    });
    expect(c.accessDepartments).toContain(COURT);
    expect(canReadCase(courtOfficer, 'uid-court', caseAccess(c))).toBe(true);
    expect(canReadCase(otherOfficer, 'uid-police', caseAccess(c))).toBe(false);
  });

  it('the 30-day limit (特邀调解规定 art. 27) counts calendar days and ends off a rest day', () => {
    // Reported Mon 2 Mar 2026: +30 → Wed 1 Apr.
    const c = report({ source: 'court_referral' }, '2026-03-02T01:00:00Z');
    expect(c.clocks.find((k) => k.kind === 'court_mediation')!.dueAt!.toISOString()).toBe('2026-04-01T16:00:00.000Z');
    // Fri 4 Sep 2026 + 30 → Sun 4 Oct (国庆, off 1–7 Oct) → Thu 8 Oct.
    const d = report({ source: 'court_referral' }, '2026-09-04T01:00:00Z');
    expect(d.clocks.find((k) => k.kind === 'court_mediation')!.dueAt!.toISOString()).toBe('2026-10-08T16:00:00.000Z');
  });

  it('a referral registered another way starts the limit when its court is recorded, once', () => {
    let c = act(report({ source: 'walk_in' }, '2026-03-02T01:00:00Z'), { action: 'accept' }, townStaff, '2026-03-02T02:00:00Z');
    expect(c.clocks.some((k) => k.kind === 'court_mediation')).toBe(false);
    c = act(c, ORIGIN, townStaff, '2026-03-03T03:00:00Z');
    expect(c.clocks.filter((k) => k.kind === 'court_mediation')).toHaveLength(1);
    expect(c.clocks.find((k) => k.kind === 'court_mediation')!.dueAt!.toISOString()).toBe('2026-04-02T16:00:00.000Z');
  });

  it('the result goes back once, only a court result for a court, and meets the limit', () => {
    let c = act(report({ source: 'court_referral' }, '2026-03-02T01:00:00Z'), { action: 'accept' }, townStaff, '2026-03-02T02:00:00Z');
    c = act(c, ORIGIN, townStaff, '2026-03-02T03:00:00Z');
    expect(
      refused(() =>
        act(c, { action: 'report_back', result: 'mediated', note: '已化解', followUpRef: null }, townStaff, '2026-03-10T01:00:00Z'),
      ).userMessage,
    ).toContain('法院诉前委派的反馈结果只能是');
    const e = event(
      c,
      { action: 'report_back', result: 'failed_filing', note: '调解不成，退回立案', followUpRef: null },
      townStaff,
      '2026-03-10T01:00:00Z',
    );
    expect(statsDelta(e)).toMatchObject({ 'referralResults.failed_filing': 1 });
    c = act(
      c,
      { action: 'report_back', result: 'failed_filing', note: '调解不成，退回立案', followUpRef: null },
      townStaff,
      '2026-03-10T01:00:00Z',
    );
    expect(c.origin!.result).toMatchObject({ result: 'failed_filing', note: '调解不成，退回立案' });
    expect(c.clocks.find((k) => k.kind === 'court_mediation')!.state).toBe('met');
    expect(
      refused(() =>
        act(c, { action: 'report_back', result: 'mediated_withdrawal', note: 'x', followUpRef: null }, townStaff, '2026-03-11T01:00:00Z'),
      ).userMessage,
    ).toBe('已向委派方反馈过结果');
    expect(refused(() => act(c, ORIGIN, townStaff, '2026-03-11T01:00:00Z')).userMessage).toContain('不能再修改委派来源');
  });

  it('without an origin nothing can be reported back; a referral date in the future is refused', () => {
    const c = act(report({}, '2026-03-02T01:00:00Z'), { action: 'accept' }, townStaff, '2026-03-02T02:00:00Z');
    expect(
      refused(() => act(c, { action: 'report_back', result: 'mediated', note: 'x', followUpRef: null }, townStaff, '2026-03-10T01:00:00Z'))
        .userMessage,
    ).toContain('没有登记委派来源');
    expect(
      refused(() => act(c, { ...ORIGIN, referredOn: '2026-03-05' } as CaseCommand, townStaff, '2026-03-02T03:00:00Z')).userMessage,
    ).toBe('委派日期不能晚于今天');
  });

  it('counts the court referral per court for 分流率 and police referrals by kind', () => {
    const c = act(report({}, '2026-03-02T01:00:00Z'), { action: 'accept' }, townStaff, '2026-03-02T02:00:00Z');
    expect(statsDelta(event(c, ORIGIN, townStaff, '2026-03-02T03:00:00Z'))).toEqual({
      'referredIn.court': 1,
      [`courtReferredBy.${COURT}`]: 1,
    });
    const police: CaseCommand = {
      action: 'record_origin',
      kind: 'police',
      departmentId: '621126-police-a',
      ref: 'JQ2026-1',
      referredOn: '2026-03-01',
    };
    expect(statsDelta(event(c, police, townStaff, '2026-03-02T03:00:00Z'))).toEqual({ 'referredIn.police': 1 });
    // The police station reads the case it referred.
    expect(canReadCase(otherOfficer, 'u', caseAccess(act(c, police, townStaff, '2026-03-02T03:00:00Z')))).toBe(true);
  });
});

describe('移送法院: the other way', () => {
  it('a case not accepted with referral to the court, or not settled, is sent to a named court; the court then reads it', () => {
    let c = act(
      report({}, '2026-03-02T01:00:00Z'),
      { action: 'not_accept', reason: '属诉讼事项', referral: 'court' },
      townStaff,
      '2026-03-02T02:00:00Z',
    );
    c = act(c, { action: 'send_to_court', departmentId: COURT, note: '移送立案材料一套' }, townStaff, '2026-03-03T02:00:00Z');
    expect(c.sentToCourt).toMatchObject({ departmentId: COURT, note: '移送立案材料一套' });
    expect(c.accessDepartments).toContain(COURT);
    expect(
      refused(() => act(c, { action: 'send_to_court', departmentId: COURT, note: 'x' }, townStaff, '2026-03-03T03:00:00Z')).userMessage,
    ).toBe('该案件已移送法院');
  });
  it('a case explained and resolved is not sent to court', () => {
    let c = act(report({}, '2026-03-02T01:00:00Z'), { action: 'accept' }, townStaff, '2026-03-02T02:00:00Z');
    c = act(c, { action: 'resolve', outcome: 'explained', note: '已解释' }, townStaff, '2026-03-03T02:00:00Z');
    expect(
      refused(() => act(c, { action: 'send_to_court', departmentId: COURT, note: 'x' }, townStaff, '2026-03-03T03:00:00Z')).userMessage,
    ).toContain('只有调解不成引导诉讼');
  });
});

describe('信访 复查 and 复核 (信访工作条例 arts. 35–36)', () => {
  /** A 信访 answered (resolved) on `answerAt`. */
  function answered(answerAt: string): CaseDoc {
    let c = act(report({ source: 'letter' }, '2026-01-05T01:00:00Z'), { action: 'accept' }, townStaff, '2026-01-05T02:00:00Z');
    c = act(c, { action: 'resolve', outcome: 'explained', note: '已书面答复' }, townStaff, answerAt);
    return c;
  }
  const REVIEW: CaseCommand = { action: 'request_review', stage: 'review', body: '县信访联席办', note: '信访人不服处理意见' };

  it('the request window is 30 days from the written answer, moved off a rest day', () => {
    // Answered Fri 4 Sep 2026: +30 → Sun 4 Oct (国庆, off 1–7 Oct) → Thu 8 Oct, 24:00.
    const c = answered('2026-09-04T02:00:00Z');
    expect(c.petitionReview!.requestBy!.toISOString()).toBe('2026-10-08T16:00:00.000Z');
    expect(allowedActions(townStaff, 'u', c, new Date('2026-10-08T15:59:00Z'))).toContain('request_review');
    expect(allowedActions(townStaff, 'u', c, new Date('2026-10-08T16:00:00Z'))).not.toContain('request_review');
    const e = refused(() => act(c, REVIEW, townStaff, '2026-10-08T16:00:00Z'));
    expect(e.code).toBe('failed-precondition');
    expect(e.userMessage).toBe('已超过复查申请期限：应自书面答复之日起30日内提出（截至2026年10月8日），信访人逾期未提出的不再受理');
  });

  it('复查 decided within 30 days, then 复核 within 30 days of the decision, then nothing more', () => {
    let c = answered('2026-03-02T02:00:00Z');
    expect(refused(() => act(c, { ...REVIEW, stage: 'recheck' } as CaseCommand, townStaff, '2026-03-10T02:00:00Z')).userMessage).toContain(
      '请先申请复查',
    );
    c = act(c, REVIEW, townStaff, '2026-03-10T02:00:00Z');
    const k = c.clocks.find((x) => x.kind === 'petition_review')!;
    expect(k).toMatchObject({ subject: 'review', state: 'running' });
    expect(k.dueAt!.toISOString()).toBe('2026-04-09T16:00:00.000Z'); // Tue 10 Mar + 30 → Thu 9 Apr
    expect(refused(() => act(c, REVIEW, townStaff, '2026-03-11T02:00:00Z')).userMessage).toBe('复查（复核）申请正在办理中');
    // Closing the case does not stop the 复查 clock.
    c = act(c, { action: 'close' }, townStaff, '2026-03-12T02:00:00Z');
    expect(c.clocks.find((x) => x.kind === 'petition_review')!.state).toBe('running');
    const decided = event(
      c,
      { action: 'decide_review', outcome: 'changed', opinion: '部分变更处理意见' },
      townStaff,
      '2026-03-20T02:00:00Z',
    );
    expect(statsDelta(decided)).toMatchObject({ 'petitionReviewOutcomes.review_changed': 1 });
    c = act(c, { action: 'decide_review', outcome: 'changed', opinion: '部分变更处理意见' }, townStaff, '2026-03-20T02:00:00Z');
    expect(c.petitionReview!.review).toMatchObject({ outcome: 'changed', opinion: '部分变更处理意见' });
    expect(c.clocks.find((x) => x.kind === 'petition_review')!.state).toBe('met');
    // Fri 20 Mar + 30 → Sun 19 Apr (调休: a working day in 2026? no — 19 Apr is an ordinary Sunday) → Mon 20 Apr.
    expect(c.petitionReview!.requestBy!.toISOString()).toBe('2026-04-20T16:00:00.000Z');
    expect(refused(() => act(c, REVIEW, townStaff, '2026-03-21T02:00:00Z')).userMessage).toBe('复查意见已作出，请申请复核');
    c = act(c, { ...REVIEW, stage: 'recheck', body: '市信访局' } as CaseCommand, townStaff, '2026-04-01T02:00:00Z');
    expect(c.clocks.find((x) => x.kind === 'petition_review' && x.subject === 'recheck')!.dueAt!.toISOString()).toBe(
      '2026-05-06T16:00:00.000Z',
    ); // 1 May 劳动节 → 6 May
    c = act(c, { action: 'decide_review', outcome: 'upheld', opinion: '维持复查意见' }, townStaff, '2026-04-20T02:00:00Z');
    expect(c.petitionReview!.recheck).toMatchObject({ outcome: 'upheld' });
    expect(refused(() => act(c, { ...REVIEW, stage: 'recheck' } as CaseCommand, townStaff, '2026-04-21T02:00:00Z')).userMessage).toContain(
      '不能再就同一事项',
    );
  });

  it('the sweep warns and breaches the 复查 clock like others', () => {
    let c = act(answered('2026-03-02T02:00:00Z'), REVIEW, townStaff, '2026-03-10T02:00:00Z');
    const warn = fireDueClocks(c.clocks, new Date('2026-04-09T00:00:00Z'), policy, cal, c);
    const mine = (f: { fired: { clock: { kind: string }; phase: string }[] }) =>
      f.fired.filter((x) => x.clock.kind === 'petition_review').map((x) => x.phase);
    expect(mine(warn)).toEqual(['warning']);
    c = { ...c, clocks: warn.clocks };
    const breach = fireDueClocks(c.clocks, new Date('2026-04-09T16:00:00Z'), policy, cal, c);
    expect(mine(breach)).toEqual(['breach']);
  });

  it('only 信访 can ask for 复查, and only after the answer', () => {
    let c = act(report({}, '2026-03-02T01:00:00Z'), { action: 'accept' }, townStaff, '2026-03-02T02:00:00Z');
    c = act(c, { action: 'resolve', outcome: 'explained', note: '已解释' }, townStaff, '2026-03-03T02:00:00Z');
    expect(refused(() => act(c, REVIEW, townStaff, '2026-03-04T02:00:00Z')).userMessage).toBe('只有信访事项可以申请复查、复核');
    const p = act(report({ source: 'letter' }, '2026-01-05T01:00:00Z'), { action: 'accept' }, townStaff, '2026-01-05T02:00:00Z');
    expect(refused(() => act(p, REVIEW, townStaff, '2026-01-06T02:00:00Z')).code).toBe('failed-precondition');
  });
});

describe('一站式转介', () => {
  it('refers to 法律援助 and records the result once; both are counted', () => {
    let c = act(report({}, '2026-03-02T01:00:00Z'), { action: 'accept' }, townStaff, '2026-03-02T02:00:00Z');
    const refer: CaseCommand = { action: 'refer_service', service: 'legal_aid', note: '申请人经济困难，需法律援助' };
    expect(statsDelta(event(c, refer, townStaff, '2026-03-02T03:00:00Z'))).toMatchObject({ 'serviceReferrals.legal_aid': 1 });
    c = act(c, refer, townStaff, '2026-03-02T03:00:00Z');
    const id = c.serviceReferrals[0]!.id;
    expect(c.serviceReferrals[0]).toMatchObject({ service: 'legal_aid', state: 'open', id: `case-1-r${c.version}` });
    const done: CaseCommand = { action: 'record_service_result', referralId: id, result: 'served', note: '法律援助中心已指派律师' };
    expect(statsDelta(event(c, done, townStaff, '2026-03-05T03:00:00Z'))).toMatchObject({ 'serviceResults.served': 1 });
    c = act(c, done, townStaff, '2026-03-05T03:00:00Z');
    expect(c.serviceReferrals[0]).toMatchObject({ state: 'done', result: 'served', resultNote: '法律援助中心已指派律师' });
    expect(refused(() => act(c, done, townStaff, '2026-03-06T03:00:00Z')).userMessage).toBe('该转介已记录结果');
    expect(refused(() => act(c, { ...done, referralId: 'nope-1' } as CaseCommand, townStaff, '2026-03-06T03:00:00Z')).userMessage).toBe(
      '转介记录不存在',
    );
  });
});

describe('分流率 from the court filing input', () => {
  it('is referrals ÷ the court’s incoming disputes, over courts with an input', () => {
    const r = diversionRate({ 'c-1': 105, 'c-2': 7 }, [
      { courtId: 'c-1', courtName: '甲法院', incoming: 266 },
      { courtId: 'c-3', courtName: '丙法院', incoming: 0 },
    ]);
    expect(r.referred).toBe(105);
    expect(r.incoming).toBe(266);
    expect(r.rate!.toFixed(3)).toBe('0.395');
    expect(r.rows[1]!.rate).toBeNull();
    expect(diversionRate({ 'c-1': 3 }, []).rate).toBeNull();
  });
});
