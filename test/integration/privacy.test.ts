// Personal data in free text (issue 10): cases whose parties have names, phones and ID numbers,
// and whose title, description and notes carry them in odd spellings, driven through accept,
// mediation, escalation, dispatch, feedback, resolution, 回访 and 归档. None of the parties'
// names, phones or ID numbers (compared on digits, in any spelling) may reach a reader who does
// not handle the case: the case document and its events, the ledger (xlsx cells and CSV) of a
// county reader, the monthly report, the published typical case, alerts, robot payloads in the
// outbox, and the resident's view of their request. And a formula in a title stays text.
import ExcelJS from 'exceljs';
import { doc, getDoc } from 'firebase/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CaseCommand, type Claims, ReportCaseInput, canReadParties } from '../../functions/src/domain';
import { applyCaseCommand, reportCaseTx } from '../../functions/src/lib/case-service';
import { clearConfigCache } from '../../functions/src/lib/config';
import { ledgerFile } from '../../functions/src/lib/exports';
import { rollupMonth } from '../../functions/src/lib/rollup';
import { fanOutCaseEvent } from '../../functions/src/lib/side-effects';
import { refs } from '../../functions/src/lib/db';
import { type Client, adminDb, closeAdmin, eventually, requestId, signInAs } from '../helpers/emulator';

const V = '621126100017'; // 金童村: a village no other test reports into
const G = `${V}001`;
const TOWN = '621126100';
const POLICE = '621126-police-minyang';
const village: Claims = { r: 'village_staff', u: V, c: '621126', t: TOWN, v: V };
const town: Claims = { r: 'town_staff', u: TOWN, c: '621126', t: TOWN };
const police: Claims = { r: 'department_officer', u: POLICE, c: '621126', t: TOWN, d: POLICE };
const actor = (c: Claims, uid: string) => ({ uid, role: c.r, unitId: c.u, name: null });
const at = (s: string) => () => new Date(`${s}+08:00`);
const HOOK = 't-privacy';

const P1 = '621126-privacy-P1';
const P2 = '621126-privacy-P2';
const PARTIES = [
  { role: 'applicant' as const, name: '胡建国', phone: '13812345678', idNumber: '62112619800101123X', address: '岷阳镇金童村3社12号' },
  { role: 'respondent' as const, name: '李秀英', phone: '13987654321', idNumber: '621126197512030028', address: null },
];
const NAMES = ['胡建国', '李秀英'];
const DIGITS = ['13812345678', '13987654321', '62112619800101123X', '621126197512030028'];
const FORMULA = '=HYPERLINK("http://x.invalid/?"&A1,"详情")';

const digitsOf = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[^0-9Xx]/g, '')
    .toUpperCase();
/** Every string inside a value (documents, payloads, rows). */
const strings = (v: unknown): string[] =>
  typeof v === 'string'
    ? [v]
    : Array.isArray(v)
      ? v.flatMap(strings)
      : v && typeof v === 'object' && !(v instanceof Date) && !('toMillis' in v)
        ? Object.values(v).flatMap(strings)
        : [];
/** The personal data found in a value: names as written, numbers on digits (so any spelling). */
function leaks(v: unknown, names = NAMES, digits = DIGITS): string[] {
  const found = new Set<string>();
  for (const s of strings(v)) {
    for (const n of names) if (s.includes(n)) found.add(`${n} in ${JSON.stringify(s)}`);
    for (const d of digits) if (digitsOf(s).includes(d)) found.add(`${d} in ${JSON.stringify(s)}`);
  }
  return [...found];
}

let county: Client, townClient: Client, resident: Client;

async function act(id: string, when: string, cmd: CaseCommand, by: Claims, uid: string) {
  const v = (await adminDb().doc(`cases/${id}`).get()).get('version');
  return applyCaseCommand(adminDb(), id, v, cmd, actor(by, uid), by, at(when));
}

beforeAll(async () => {
  clearConfigCache();
  [county, townClient, resident] = await Promise.all([signInAs('county'), signInAs('town'), signInAs('resident')]);
  for (const id of [P1, P2]) await adminDb().recursiveDelete(adminDb().doc(`cases/${id}`));
  // A robot for the village and the town, so that every alert also becomes a robot message.
  for (const unitId of [V, TOWN, POLICE]) {
    await adminDb()
      .doc(`webhooks/${HOOK}-${unitId}`)
      .set({
        id: `${HOOK}-${unitId}`,
        countyId: '621126',
        unitId,
        kind: 'wecom',
        url: 'http://127.0.0.1:9/privacy',
        secret: null,
        minSeverity: 'info',
        active: true,
      });
  }
  // Commands write on each event the robots its alerts go to, from the county's directory, which
  // the webhooks' trigger keeps (domain/directory.ts): wait until it has these.
  await eventually(async () => {
    const robots = (await adminDb().doc('directories/621126').get()).get('robots') ?? {};
    return [V, TOWN, POLICE].every((u) => `${HOOK}-${u}` in robots);
  });
  clearConfigCache();

  const input = ReportCaseInput.parse({
    requestId: 'privacy-P1-xxxx',
    gridId: G,
    category: 'housing_land',
    title: '胡建国与李秀英宅基地纠纷 138-1234-5678',
    description:
      '胡建国（+86 138 1234 5678，身份证621126 19800101 123X）住岷阳镇金童村3社12号，反映李秀英（１３９８７６５４３２１）占用其宅基地，李秀英身份证号621126-19751203-0028。',
    parties: PARTIES,
    address: '岷阳镇金童村3社12号',
  });
  await reportCaseTx(adminDb(), P1, input, actor(village, 'u-privacy-village'), village, at('2026-02-02T09:00:00'));
  await act(
    P1,
    '2026-02-02T10:00:00',
    { action: 'accept', note: '已电话（0086-139 8765 4321）通知李秀英，胡建国同意调解' },
    village,
    'u-privacy-village',
  );
  await act(
    P1,
    '2026-02-03T10:00:00',
    {
      action: 'record_mediation',
      summary: '胡建国要求李秀英拆除围墙，李秀英（(+86)13987654321）不同意，调解未果',
      agreementReached: false,
    },
    village,
    'u-privacy-village',
  );
  await act(
    P1,
    '2026-02-03T15:00:00',
    { action: 'escalate', reason: '胡建国情绪激动，电话138 1234 5678多次来电，本级无法化解' },
    village,
    'u-privacy-village',
  );
  await act(P1, '2026-02-04T09:00:00', { action: 'accept', note: '受理，核对胡建国身份证62112619800101123x' }, town, 'u-privacy-town');
  await act(
    P1,
    '2026-02-04T10:00:00',
    { action: 'dispatch', departmentIds: [POLICE], emergency: false, instructions: '请约谈李秀英（139.8765.4321），了解胡建国所述情况' },
    town,
    'u-privacy-town',
  );
  await act(P1, '2026-02-04T11:00:00', { action: 'check_in', departmentId: POLICE }, police, 'u-privacy-police');
  await act(
    P1,
    '2026-02-05T11:00:00',
    {
      action: 'department_feedback',
      departmentId: POLICE,
      feedback: '已约谈李秀英，其身份证621126197512030028，承诺拆除围墙；胡建国无异议',
    },
    police,
    'u-privacy-police',
  );
  await act(
    P1,
    '2026-02-06T15:00:00',
    {
      action: 'resolve',
      outcome: 'mediated_agreement',
      note: '胡建国与李秀英签订调解协议，李秀英于2026年3月1日前拆除围墙并赔偿12000元，胡建国电话+8613812345678',
    },
    town,
    'u-privacy-town',
  );
  await act(
    P1,
    '2026-02-09T10:00:00',
    { action: 'callback', satisfaction: 'satisfied', note: '回访胡建国（138-1234-5678），满意' },
    town,
    'u-privacy-town',
  );
  await act(P1, '2026-02-10T10:00:00', { action: 'close', note: '归档，李秀英已履行' }, town, 'u-privacy-town');

  const formula = ReportCaseInput.parse({
    requestId: 'privacy-P2-xxxx',
    gridId: G,
    category: 'neighbour',
    title: FORMULA,
    description: '一条以公式开头的标题，来自群众随手报',
    parties: [{ role: 'applicant', name: '钱某某', phone: null, idNumber: null, address: null }],
  });
  await reportCaseTx(adminDb(), P2, formula, actor(village, 'u-privacy-village'), village, at('2026-02-12T09:00:00'));
  // Leaves no clock running (other files sweep later instants).
  await act(P2, '2026-02-12T10:00:00', { action: 'not_accept', reason: '不属于调解范围', referral: 'other' }, village, 'u-privacy-village');

  // What the trigger does after each event (here with the robots just configured).
  for (const d of (await adminDb().collection(`cases/${P1}/events`).get()).docs)
    await fanOutCaseEvent(adminDb(), P1, (await refs(adminDb()).caseEvent(P1, Number(d.id)).get()).data()!);
  await rollupMonth(adminDb(), '2026-02');
}, 120_000);

afterAll(async () => {
  for (const unitId of [V, TOWN, POLICE]) await adminDb().doc(`webhooks/${HOOK}-${unitId}`).set({ active: false }, { merge: true });
  for (const d of (await adminDb().collection('outbox').get()).docs) if (String(d.get('webhookId')).startsWith(HOOK)) await d.ref.delete();
  await closeAdmin();
});

describe('the case itself', () => {
  it('the case document and its events carry no personal data; the private part keeps the originals', async () => {
    const c = (await adminDb().doc(`cases/${P1}`).get()).data()!;
    expect(c.state).toBe('closed');
    expect(c.title).toBe('胡**与李**宅基地纠纷 138****5678');
    expect(leaks(c)).toEqual([]);
    const events = (await adminDb().collection(`cases/${P1}/events`).get()).docs.map((d) => d.data());
    expect(events).toHaveLength(11);
    expect(leaks(events)).toEqual([]);
    expect(events.find((e) => e.action === 'record_mediation')!.data.summary).toBe(
      '胡**要求李**拆除围墙，李**（139****4321）不同意，调解未果',
    );
    const p = (await adminDb().doc(`cases/${P1}/private/parties`).get()).data()!;
    expect(p.title).toBe('胡建国与李秀英宅基地纠纷 138-1234-5678');
    expect(p.description).toContain('胡建国（+86 138 1234 5678');
    // The county does not handle it (it stayed at the town): it reads neither the case nor the parties.
    expect(canReadParties({ r: 'county_staff', u: '621126', c: '621126' }, county.uid, c as never)).toBe(false);
    await expect(getDoc(doc(county.db, `cases/${P1}/private/parties`))).rejects.toMatchObject({ code: 'permission-denied' });
  });
});

async function readXlsx(b64: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(b64, 'base64') as unknown as ArrayBuffer);
  return wb;
}

describe('ledgers (台账) of a county reader who does not handle the cases', () => {
  it('xlsx: no cell holds a name, phone or ID number of a case the reader does not handle', async () => {
    const x = await county.call<{ base64: string }>('exportLedger', { unitId: V, from: '2026-02-01', to: '2026-02-28', format: 'xlsx' });
    const ws = (await readXlsx(x.base64)).getWorksheet('台账')!;
    const rows: { id: string; cells: unknown[] }[] = [];
    ws.eachRow((row, n) => n > 1 && rows.push({ id: String(row.getCell(2).value), cells: (row.values as unknown[]).slice(1) }));
    const mine = rows.find((r) => r.id === P1)!;
    expect(mine.cells[6]).toBe('胡**与李**宅基地纠纷 138****5678');
    expect(mine.cells[18]).toContain('胡**与李**签订调解协议');
    expect(leaks(mine.cells)).toEqual([]);
    // Every other case in the ledger the county does not handle: its own parties do not appear either.
    for (const r of rows) {
      // The relation is recorded on the case (domain/access.ts); the private part holds the parties.
      const c = (await adminDb().doc(`cases/${r.id}`).get()).data()!;
      if (c.accessUnits.includes('621126')) continue;
      const p = (await adminDb().doc(`cases/${r.id}/private/parties`).get()).data()!;
      const names = (p.parties as { name: string }[]).map((x) => x.name).filter((n) => n.length >= 2);
      const digits = (p.parties as { phone: string | null; idNumber: string | null }[])
        .flatMap((x) => [x.phone, x.idNumber])
        .filter((d): d is string => !!d)
        .map((d) => d.toUpperCase());
      expect(leaks(r.cells, names, digits), r.id).toEqual([]);
    }
  });

  it('csv: the same, line by line', async () => {
    const x = await county.call<{ base64: string }>('exportLedger', { unitId: V, from: '2026-02-01', to: '2026-02-28', format: 'csv' });
    const csv = Buffer.from(x.base64, 'base64').toString('utf8');
    const line = csv.split('\r\n').find((l) => l.includes(P1))!;
    expect(line).toContain('胡**与李**宅基地纠纷 138****5678');
    expect(leaks(line.split(','))).toEqual([]);
    expect(leaks(csv.split(/[,\r\n]/))).toEqual([]);
  });

  it('the handler (the town) sees the parties and the original title in its ledger', async () => {
    const f = await ledgerFile(
      adminDb(),
      { claims: town, uid: 'u-privacy-town' },
      { unitId: V, from: '2026-02-01', to: '2026-02-28', format: 'csv' },
    );
    const line = f.content
      .toString('utf8')
      .split('\r\n')
      .find((l) => l.includes(P1))!;
    expect(line).toContain('胡建国与李秀英宅基地纠纷 138-1234-5678');
    expect(line).toContain('13812345678');
  });
});

describe('formula injection', () => {
  it('a title starting with = reaches the CSV ledger as text', async () => {
    const x = await county.call<{ base64: string }>('exportLedger', { unitId: V, from: '2026-02-01', to: '2026-02-28', format: 'csv' });
    const csv = Buffer.from(x.base64, 'base64').toString('utf8');
    const line = csv.split('\r\n').find((l) => l.includes(P2))!;
    expect(line).toContain(`"'=HYPERLINK(""http://x.invalid/?""&A1,""详情"")"`);
    // No cell of the file starts with a formula character.
    for (const l of csv.replace(/^\uFEFF/, '').split('\r\n'))
      for (const cell of l.split(',')) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('and the xlsx ledger as a string cell, not a formula', async () => {
    const x = await county.call<{ base64: string }>('exportLedger', { unitId: V, from: '2026-02-01', to: '2026-02-28', format: 'xlsx' });
    const ws = (await readXlsx(x.base64)).getWorksheet('台账')!;
    let found = 0;
    ws.eachRow((row) => {
      row.eachCell((cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        expect(cell.formula).toBeUndefined();
        if (typeof cell.value === 'string') expect(cell.value).not.toMatch(/^[=+\-@\t\r]/);
        if (cell.value === `'${FORMULA}`) {
          expect(cell.type).toBe(ExcelJS.ValueType.String);
          found++;
        }
      });
    });
    expect(found).toBe(1);
  });
});

describe('published and derived documents', () => {
  it('the monthly report holds no personal data', async () => {
    const r = await county.call<{ base64: string }>('exportMonthlyReport', { unitId: V, month: '2026-02' });
    const wb = await readXlsx(r.base64);
    const values = wb.worksheets.flatMap((ws) => ws.getSheetValues().flatMap((row) => (Array.isArray(row) ? row : [])));
    expect(values.length).toBeGreaterThan(10);
    expect(leaks(values.map((v) => String(v ?? '')))).toEqual([]);
  });

  it('the typical case (readable county-wide, residents included) holds no personal data', async () => {
    await townClient.call('publishTypicalCase', {
      caseId: P1,
      title: '胡建国与李秀英宅基地纠纷调解案',
      lesson: '镇综治中心吹哨、派出所报到，胡某与李某握手言和；联系人电话 139 8765 4321',
    });
    const t = (await getDoc(doc(resident.db, `typicalCases/${P1}`))).data()!;
    expect(t.title).toBe('当事人甲与当事人乙宅基地纠纷调解案');
    expect(leaks(t)).toEqual([]);
    expect(t.summary).not.toContain('金童村3社12号');
  });

  it("alerts and the robots' messages in the outbox hold no personal data", async () => {
    const alerts = (await adminDb().collection('alerts').where('caseId', '==', P1).get()).docs.map((d) => d.data());
    expect(alerts.map((a) => a.kind)).toEqual(
      expect.arrayContaining(['case_reported', 'case_escalated', 'case_dispatched', 'department_feedback']),
    );
    expect(leaks(alerts)).toEqual([]);
    const outbox = (await adminDb().collection('outbox').get()).docs.map((d) => d.data()).filter((o) => String(o.alertId).startsWith(P1));
    expect(outbox.length).toBeGreaterThanOrEqual(4);
    expect(leaks(outbox.map((o) => o.payload))).toEqual([]);
  });
});

describe("a resident's request", () => {
  it("the case shows the resident reporter masked, and the resident's view holds no personal data", async () => {
    const { caseId } = await resident.call<{ caseId: string }>('reportCase', {
      requestId: requestId(),
      gridId: G,
      category: 'neighbour',
      source: 'resident_app',
      title: '胡秀英反映邻居李秀英噪音扰民 137 1234 5678',
      description: '本人胡秀英（+86 137-1234-5678，身份证62112619900212004X）反映邻居李秀英夜间施工噪音扰民。',
      parties: [
        { role: 'applicant', name: '胡秀英', phone: '13712345678', idNumber: '62112619900212004X', address: '岷阳镇金童村1社5号' },
        { role: 'respondent', name: '李秀英', phone: null, idNumber: null, address: null },
      ],
    });
    const names = ['胡秀英', '李秀英'];
    const digits = ['13712345678', '62112619900212004X'];
    const c = (await adminDb().doc(`cases/${caseId}`).get()).data()!;
    expect(c.reporter.name).toBe('胡**');
    expect(c.partiesMasked[0].name).toBe('胡**');
    expect(leaks(c, names, digits)).toEqual([]);
    // not_accept: terminal, so no clock is left running for other files' sweeps.
    await applyCaseCommand(
      adminDb(),
      caseId,
      c.version,
      { action: 'not_accept', reason: '已联系胡秀英（137 1234 5678），属法院受理范围', referral: 'court' },
      actor(village, 'u-privacy-village'),
      village,
      () => new Date(),
    );
    const view = await eventually(async () => {
      const s = await getDoc(doc(resident.db, `requests/${caseId}`));
      return s.exists() && s.get('version') >= 2 ? s.data() : null;
    });
    expect(view.title).toBe('胡**反映邻居李**噪音扰民 137****5678');
    expect(leaks(view, names, digits)).toEqual([]);
    const events = (await adminDb().collection(`cases/${caseId}/events`).get()).docs.map((d) => d.data());
    expect(leaks(events, names, digits)).toEqual([]);
  });
});

describe('the mask seal (issue 17): text is masked from the case alone', () => {
  // A command that brings text masks it with the case's sealed parties (lib/mask-seal.ts), so the
  // parties' document is not read; without a seal that opens, it is read, and masks the same.
  const names = ['郑海涛'];
  const digits = ['13611112222', '621126198803030031'];
  const reason = '已联系郑海涛（136 1111 2222，身份证621126198803030031），住岷阳镇金童村5社9号，属法院受理范围';
  const ZHENG = {
    role: 'applicant' as const,
    name: '郑海涛',
    phone: '13611112222',
    idNumber: '621126198803030031',
    address: '岷阳镇金童村5社9号',
  };
  async function reportOne(
    id: string,
    party: { role: 'applicant'; name: string; phone: string | null; idNumber: string | null; address: string | null } = ZHENG,
  ) {
    await adminDb().recursiveDelete(adminDb().doc(`cases/${id}`));
    const input = ReportCaseInput.parse({
      requestId: `${id}-xxxx`,
      gridId: G,
      category: 'contract',
      title: '合同纠纷',
      description: '买卖合同欠款',
      parties: [party],
    });
    await reportCaseTx(adminDb(), id, input, actor(village, 'u-privacy-village'), village, at('2026-02-13T09:00:00'));
    return (await adminDb().doc(`cases/${id}`).get()).data()!;
  }
  async function notAccept(id: string, text = reason) {
    const v = (await adminDb().doc(`cases/${id}`).get()).get('version');
    // not_accept: terminal, so no clock is left running for other files' sweeps.
    await applyCaseCommand(
      adminDb(),
      id,
      v,
      { action: 'not_accept', reason: text, referral: 'court' },
      actor(village, 'u-privacy-village'),
      village,
      at('2026-02-13T10:00:00'),
    );
    const c = (await adminDb().doc(`cases/${id}`).get()).data()!;
    const events = (await adminDb().collection(`cases/${id}/events`).get()).docs.map((d) => d.data());
    const stored = events.find((e) => e.action === 'not_accept')!.reason as string;
    expect(c.referral.note).toBe(stored);
    return { c, events, stored };
  }

  it('a new case carries its parties sealed: ciphertext only, and it masks without the parties document', async () => {
    const id = '621126-privacy-S1';
    const c = await reportOne(id);
    expect(c.maskSeal).toMatchObject({ k: expect.any(String), v: expect.any(String) });
    expect(leaks(c, [...names, '金童村5社9号'], digits)).toEqual([]);
    // Gone, the parties' document cannot be what masks the reason below.
    await adminDb().doc(`cases/${id}/private/parties`).delete();
    const { c: after, events, stored } = await notAccept(id);
    expect(stored).toBe('已联系郑**（136****2222，身份证6211**********0031），住岷阳镇金童村***，属法院受理范围');
    expect(leaks([after, events], names, digits)).toEqual([]);
    expect(after.maskSeal).toEqual(c.maskSeal); // carried unchanged through the command
  });

  it('a case without a seal (an earlier release) reads its parties and masks the same', async () => {
    const id = '621126-privacy-S2';
    await reportOne(id);
    await adminDb().doc(`cases/${id}`).update({ maskSeal: null });
    const { events, stored } = await notAccept(id);
    expect(stored).toBe('已联系郑**（136****2222，身份证6211**********0031），住岷阳镇金童村***，属法院受理范围');
    expect(leaks(events, names, digits)).toEqual([]);
  });

  it('a seal copied from another case does not open there: its own parties are read instead', async () => {
    const id = '621126-privacy-S3';
    await reportOne(id, { role: 'applicant', name: '吴志军', phone: '13633334444', idNumber: null, address: null });
    // S1's seal (郑海涛) on S3: were it opened, 吴志军 would go unmasked.
    const foreign = (await adminDb().doc('cases/621126-privacy-S1').get()).get('maskSeal');
    await adminDb().doc(`cases/${id}`).update({ maskSeal: foreign });
    const { stored } = await notAccept(id, '已联系吴志军（13633334444），属法院受理范围');
    expect(stored).toBe('已联系吴**（136****4444），属法院受理范围');
  });
});
