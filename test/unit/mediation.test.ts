// The mediation chain's pure domain: the 司法确认 clock from the agreement's effective date, the 履行
// tasks, the sweep's firings and alerts, the registry's figures and guards, and the agreement's
// .docx (unzipped: its XML names the parties and the agreed items).
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { fromSource } from '../../functions/src/cli/calendar-sources';
import {
  type AgreementDoc,
  type MediationDoc,
  GuardError,
  SaveMediationAgreementInput,
  SaveMediationOrgInput,
  SaveMediatorInput,
  WorkCalendar,
  agreementLines,
  checkAgreement,
  checkJudicialRecord,
  CaseCommand,
  RecordJudicialConfirmationInput,
  emptyMediation,
  figureDelta,
  figureRates,
  fireMediation,
  guardMediationOrg,
  guardMediator,
  judicialClock,
  matchesMediator,
  mediationAlerts,
  mediationSweepAt,
  performanceTasks,
  sessionId,
} from '../../functions/src/domain';
import { agreementDocx } from '../../functions/src/lib/agreement-docx';

const cal = new WorkCalendar([2025, 2026].map((y) => fromSource('chinese-days', y)!));
const bj = (s: string) => new Date(`${s}+08:00`);
const admin = { r: 'admin', u: '621126', c: '621126' };

describe('司法确认 application clock (人民调解法 art. 33; 民法典 arts. 201, 203)', () => {
  it('counts 30 days from the day after the effective date, ending at 24:00 of the last day', () => {
    const j = judicialClock('2026-03-02', cal);
    expect(j.lastDay).toBe('2026-04-01');
    expect(j.dueAt).toEqual(bj('2026-04-02T00:00:00'));
    expect(j.warnAt).toEqual(bj('2026-03-30T00:00:00')); // 72 hours before
    expect(j.state).toBe('running');
    expect(j.calendarGap).toBe(false);
  });
  it('moves a last day on a weekend or a holiday to the next working day', () => {
    expect(judicialClock('2026-06-04', cal).lastDay).toBe('2026-07-06'); // 7/4 is a Saturday
    expect(judicialClock('2026-09-05', cal).lastDay).toBe('2026-10-08'); // 10/5 is 国庆
    expect(judicialClock('2026-01-24', cal).lastDay).toBe('2026-02-24'); // 2/23 is the last day of 春节
  });
  it('flags a last day in a year whose calendar is not loaded, and fills it in once it is', () => {
    const j = judicialClock('2026-12-10', cal);
    expect(j).toMatchObject({ lastDay: null, dueAt: null, calendarGap: true, state: 'running' });
    const m: MediationDoc = { ...mediation('2026-12-10', []), judicial: j };
    const now = bj('2026-12-11T00:00:00');
    expect(mediationSweepAt(m, now)!.getTime()).toBe(now.getTime() + 6 * 3_600_000);
    const later = new WorkCalendar([...[2025, 2026].map((y) => fromSource('chinese-days', y)!), { year: 2027, offDays: {}, workdays: {} }]);
    const { next } = fireMediation(m, now, later);
    expect(next.judicial).toMatchObject({ lastDay: '2027-01-11', calendarGap: false }); // 1/9 is a Saturday
  });
});

function agreement(
  effectiveDate: string,
  items = [{ content: '被申请人赔偿申请人医疗费3000元', method: '银行转账', dueDate: '2026-10-20' }],
): AgreementDoc {
  return {
    number: '岷调协〔2026〕15号',
    orgId: '621126-med-cj',
    orgName: '城郊村人民调解委员会',
    orgKind: 'village_committee',
    mediatorName: '王金花',
    parties: [
      { role: 'applicant', name: '张三丰', idNumber: '620121199001011234', phone: '13812345678', address: '岷阳镇城郊村3社' },
      { role: 'respondent', name: '李四', idNumber: null, phone: '13987654321', address: null },
    ],
    facts: '双方因宅基地边界发生争执。\n申请人要求赔偿。',
    items,
    effectiveDate,
    recordedAt: bj('2026-10-09T10:00:00'),
    recordedBy: 'uid-1',
  };
}
function mediation(effectiveDate: string, items?: AgreementDoc['items']): MediationDoc {
  const a = agreement(effectiveDate, items);
  const m = { ...emptyMediation('621126-case1', '621126', bj('2026-10-09T10:00:00')), agreement: a, status: 'succeeded' as const };
  const next = { ...m, judicial: judicialClock(effectiveDate, cal), tasks: performanceTasks(a.items) };
  return { ...next, sweepAt: mediationSweepAt(next, bj('2026-10-09T10:00:00')) };
}

describe('the sweep on a mediation (pure)', () => {
  it('warns once, breaches once, whatever the case does', () => {
    let m = mediation('2026-09-05', []);
    expect(m.sweepAt).toEqual(bj('2026-10-06T00:00:00')); // 72 h before 10/9 00:00
    let r = fireMediation(m, bj('2026-10-06T00:05:00'), cal);
    expect(r.fired).toEqual([{ what: 'judicial', id: 'judicial', phase: 'warning', dueLabel: '2026-10-08' }]);
    m = r.next;
    expect(fireMediation(m, bj('2026-10-06T00:10:00'), cal).fired).toEqual([]);
    r = fireMediation(m, bj('2026-10-09T00:00:00'), cal);
    expect(r.fired.map((f) => f.phase)).toEqual(['breach']);
    expect(r.next.judicial!.state).toBe('breached');
    expect(r.next.sweepAt).toBeNull();
    expect(fireMediation(r.next, bj('2026-10-10T00:00:00'), cal).fired).toEqual([]);
  });
  it('opens each performance task on its date and marks it overdue after it, until a result is recorded', () => {
    const items = [
      { content: '赔偿1000元', method: '现金', dueDate: '2026-10-20' },
      { content: '恢复界桩', method: '当面', dueDate: '2026-10-25' },
    ];
    let m = mediation('2026-10-09', items);
    expect(m.tasks.map((t) => [t.id, t.dueDate])).toEqual([
      ['perf-1', '2026-10-20'],
      ['perf-2', '2026-10-25'],
    ]);
    expect(m.sweepAt).toEqual(bj('2026-10-20T00:00:00'));
    let r = fireMediation(m, bj('2026-10-20T08:00:00'), cal);
    expect(r.fired.map((f) => [f.id, f.phase])).toEqual([['perf-1', 'open']]);
    m = r.next;
    m = { ...m, tasks: m.tasks.map((t) => (t.id === 'perf-1' ? { ...t, result: 'performed' as const } : t)) };
    r = fireMediation(m, bj('2026-10-26T00:00:00'), cal);
    expect(r.fired.map((f) => [f.id, f.phase])).toEqual([
      ['perf-2', 'open'],
      ['perf-2', 'breach'],
    ]);
  });
  it('alerts the handler (or the unit) and a linked mediator, with IDs that repeat', () => {
    const c = { id: '621126-case1', countyId: '621126', title: '张三丰与李四宅基地纠纷', unitId: '621126100001', handlerUid: 'h1' };
    const f = { what: 'judicial' as const, id: 'judicial', phase: 'warning' as const, dueLabel: '2026-10-08' };
    const a = mediationAlerts(c, 'm1', f, bj('2026-10-06T00:00:00'));
    expect(a.map((x) => [x.id, x.recipientUid])).toEqual([
      ['621126-case1-mediation-judicial-warning-ph1', 'h1'],
      ['621126-case1-mediation-judicial-warning-pm1', 'm1'],
    ]);
    expect(mediationAlerts(c, 'm1', f, bj('2026-10-07T00:00:00')).map((x) => x.id)).toEqual(a.map((x) => x.id));
    const toUnit = mediationAlerts({ ...c, handlerUid: null }, null, f, bj('2026-10-06T00:00:00'));
    expect(toUnit.map((x) => x.recipientUnit)).toEqual(['621126100001']);
    expect(a[0]!.body).toContain('司法确认申请期限即将届满');
  });
});

describe('registry', () => {
  it('figures move by exact deltas: assigned, succeeded, failed, rated, reassigned', () => {
    expect(figureDelta(null, { status: 'open', satisfaction: null })).toMatchObject({ open: 1 });
    expect(figureDelta({ status: 'open', satisfaction: null }, { status: 'succeeded', satisfaction: null })).toMatchObject({
      open: -1,
      succeeded: 1,
    });
    expect(figureDelta({ status: 'succeeded', satisfaction: null }, { status: 'succeeded', satisfaction: 'basically_satisfied' })).toEqual({
      open: 0,
      succeeded: 0,
      failed: 0,
      rated: 1,
      satisfied: 1,
    });
    expect(figureDelta({ status: 'failed', satisfaction: 'unsatisfied' }, { status: 'reassigned', satisfaction: null })).toEqual({
      open: 0,
      succeeded: 0,
      failed: -1,
      rated: -1,
      satisfied: 0,
    });
    expect(figureRates({ open: 2, succeeded: 3, failed: 1, rated: 4, satisfied: 3 })).toEqual({
      successRate: 0.75,
      satisfactionRate: 0.75,
    });
    expect(figureRates({ open: 2, succeeded: 0, failed: 0, rated: 0, satisfied: 0 })).toEqual({
      successRate: null,
      satisfactionRate: null,
    });
  });
  it('guards: administrators of the county; committees sit in a village or town; professional ones name their field', () => {
    const o = SaveMediationOrgInput.parse({
      id: '621126-med-cj',
      name: '城郊村人民调解委员会',
      kind: 'village_committee',
      unitId: '621126100001',
    });
    expect(() => guardMediationOrg(admin, o)).not.toThrow();
    expect(() => guardMediationOrg({ ...admin, r: 'county_staff' }, o)).toThrow(GuardError);
    expect(() => guardMediationOrg({ ...admin, c: '620102' }, o)).toThrow('只能管理本县');
    expect(() => guardMediationOrg(admin, { ...o, unitId: '621126100' })).toThrow('村（社区）调委会');
    expect(() => guardMediationOrg(admin, { ...o, kind: 'professional', unitId: '621126' })).toThrow('行业领域');
    expect(() => guardMediationOrg(admin, { ...o, kind: 'professional', unitId: '621126', field: 'traffic' })).not.toThrow();
    const m = SaveMediatorInput.parse({
      id: '621126-wang',
      orgId: '621126-med-cj',
      name: '王金花',
      title: '金牌调解员',
      specialties: ['family'],
    });
    expect(m.uid).toBeNull();
    expect(() => guardMediator(admin, m)).not.toThrow();
    expect(() => guardMediator(admin, { ...m, orgId: '620102-med-x' })).toThrow('所属调解组织不在本县');
    expect(() => guardMediator(admin, { ...m, units: ['620102100'] })).toThrow('服务地区不在本县');
    expect(SaveMediatorInput.safeParse({ ...m, specialties: ['astrology'] }).success).toBe(false);
  });
  it('the picker finds a mediator by name, organisation, title or specialty (Chinese or code)', () => {
    const m = { name: '王金花', orgName: '城郊村人民调解委员会', title: '金牌调解员', specialties: ['family' as const], area: '城郊村' };
    for (const q of ['王', '城郊', '金牌', '婚姻', 'family', '王 婚姻', '']) expect(matchesMediator(m, q)).toBe(true);
    for (const q of ['李', '交通', '王 交通']) expect(matchesMediator(m, q)).toBe(false);
  });
  it('assign_mediator takes a staff account or a registry mediator', () => {
    expect(CaseCommand.safeParse({ action: 'assign_mediator', mediatorUid: 'u1' }).success).toBe(true);
    expect(CaseCommand.safeParse({ action: 'assign_mediator', mediatorId: '621126-wang' }).success).toBe(true);
    expect(CaseCommand.safeParse({ action: 'assign_mediator', mediatorId: 'wang' }).success).toBe(false);
  });
});

describe('agreement and records', () => {
  it('items are due on or after the effective date; a 司法确认 names its court, a ruling its date', () => {
    const a = SaveMediationAgreementInput.parse({
      caseId: '621126-case1',
      orgId: '621126-med-cj',
      number: '岷调协〔2026〕15号',
      facts: '事实',
      items: [{ content: '赔偿', method: '转账', dueDate: '2026-10-01' }],
      effectiveDate: '2026-10-09',
    });
    expect(() => checkAgreement(a)).toThrow('履行期限不能早于协议生效日期');
    expect(() => checkAgreement({ ...a, effectiveDate: '2026-09-30' })).not.toThrow();
    const j = RecordJudicialConfirmationInput.parse({ caseId: '621126-case1', courtId: '621126-court-minyang', appliedOn: '2026-10-12' });
    expect(() => checkJudicialRecord(j, '2026-10-09')).not.toThrow();
    expect(() => checkJudicialRecord({ ...j, courtId: null }, '2026-10-09')).toThrow('法院');
    expect(() => checkJudicialRecord(j, '2026-10-13')).toThrow('申请日期不能早于');
    expect(() => checkJudicialRecord({ ...j, ruling: 'confirmed' }, '2026-10-09')).toThrow('同时填写');
    expect(() => checkJudicialRecord({ ...j, ruling: 'confirmed', ruledOn: '2026-10-11' }, '2026-10-09')).toThrow('裁定日期');
    expect(() => checkJudicialRecord({ ...j, kind: 'notarization', courtId: null, notaryName: '岷县公证处' }, '2026-10-09')).not.toThrow();
  });
  it('session IDs are the minute in Beijing time', () => {
    expect(sessionId(new Date('2026-10-10T06:30:45Z'))).toBe('s-202610101430');
  });
  it('the document has the standard layout: title, parties, facts, items with how and by when, signatures, committee, date', () => {
    const lines = agreementLines(agreement('2026-10-09'));
    const text = lines.map((l) => l.text);
    expect(lines[0]).toEqual({ kind: 'title', text: '人民调解协议书' });
    expect(text).toContain('编号：岷调协〔2026〕15号');
    expect(text).toContain('申请人：张三丰，身份证号码：620121199001011234，联系电话：13812345678，住址：岷阳镇城郊村3社');
    expect(text).toContain('被申请人：李四，联系电话：13987654321');
    expect(text).toContain('双方因宅基地边界发生争执。');
    expect(text).toContain('一、被申请人赔偿申请人医疗费3000元。履行方式：银行转账；履行期限：2026年10月20日前。');
    expect(text.filter((t) => t.includes('（签名盖章或按指印）'))).toHaveLength(2);
    expect(text).toContain('人民调解员（签名）：王金花　　________');
    expect(text).toContain('城郊村人民调解委员会（印）');
    expect(text.at(-1)).toBe('生效日期：2026年10月9日');
  });
  it('the .docx is a zip whose document.xml holds the parties and the items (escaped), A4', async () => {
    const a = agreement('2026-10-09', [
      { content: '赔偿<3000>元 & 道歉', method: '转账', dueDate: '2026-10-20' },
      { content: '恢复界桩', method: '当面', dueDate: '2026-10-25' },
    ]);
    const buf = await agreementDocx(a);
    const zip = await JSZip.loadAsync(buf);
    expect(Object.keys(zip.files).sort()).toEqual(['[Content_Types].xml', '_rels/', '_rels/.rels', 'word/', 'word/document.xml']);
    const xml = await zip.file('word/document.xml')!.async('string');
    for (const s of [
      '人民调解协议书',
      '张三丰',
      '620121199001011234',
      '李四',
      '赔偿&lt;3000&gt;元 &amp; 道歉',
      '二、恢复界桩',
      '2026年10月25日前',
      '城郊村人民调解委员会（印）',
      '生效日期：2026年10月9日',
    ])
      expect(xml).toContain(s);
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"/>');
    expect(await zip.file('[Content_Types].xml')!.async('string')).toContain('wordprocessingml.document.main+xml');
    // The same agreement gives the same bytes.
    expect((await agreementDocx(a)).equals(buf)).toBe(true);
  });
});
