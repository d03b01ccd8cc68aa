// The mediation chain through the emulators: the registry kept by an administrator (and refused
// to others), a registry mediator assigned with `assign_mediator` (his account then reads the case),
// sessions stored masked, the 人民调解协议书 with its 司法确认 clock from the effective date, the
// sweep's alerts (deterministic, once) after the case is archived, the 司法确认 record, 履行 with a
// reopen, the .docx, and the registry's figures moving with each step.
import JSZip from 'jszip';
import { collection, doc, getDoc, getDocs } from 'firebase/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepMediations } from '../../functions/src/lib/mediation-sweep';
import { type Client, adminDb, callError, closeAdmin, requestId, signInAs } from '../helpers/emulator';

const GRID = '621126100001001';
let admin: Client, village: Client, grid: Client, grid2: Client, mediator: Client;
const rid = requestId().toLowerCase();
const ORG = `621126-it-${rid}`.slice(0, 47);
const MED = `621126-itm-${rid}`.slice(0, 47);
const MED2 = `621126-itn-${rid}`.slice(0, 47);
let caseId = '';

const figures = async (col: string, id: string) => (await adminDb().doc(`${col}/${id}`).get()).get('figures');
const act = async (command: Record<string, unknown>) => {
  const v = (await adminDb().doc(`cases/${caseId}`).get()).get('version');
  return village.call<{ state: string }>('caseAction', { caseId, expectedVersion: v, command });
};

beforeAll(async () => {
  [admin, village, grid, grid2, mediator] = await Promise.all(['admin', 'village', 'grid', 'grid2', 'mediator'].map(signInAs));
});
afterAll(async () => {
  const db = adminDb();
  await Promise.all([db.doc(`mediationOrgs/${ORG}`).delete(), db.doc(`mediators/${MED}`).delete(), db.doc(`mediators/${MED2}`).delete()]);
  await closeAdmin();
});

describe('registry (saveMediationOrg, saveMediator)', () => {
  it('an administrator keeps it; figures are the server’s', async () => {
    const o = { id: ORG, name: '测试村人民调解委员会', kind: 'village_committee', unitId: '621126100001', area: '村委会调解室' };
    expect(await admin.call('saveMediationOrg', o)).toEqual({ id: ORG, created: true });
    expect(await admin.call('saveMediationOrg', { ...o, name: '测试村调委会' })).toEqual({ id: ORG, created: false });
    await admin.call('saveMediator', {
      id: MED,
      orgId: ORG,
      name: '朱德明',
      title: '金牌调解员',
      specialties: ['family', 'neighbour'],
      units: ['621126100001'],
      uid: mediator.uid,
    });
    await admin.call('saveMediator', { id: MED2, orgId: ORG, name: '李桂兰', specialties: ['property'] });
    const m = (await adminDb().doc(`mediators/${MED}`).get()).data()!;
    expect(m).toMatchObject({ orgName: '测试村调委会', orgKind: 'village_committee', uid: mediator.uid, countyId: '621126' });
    expect(m.figures).toEqual({ open: 0, succeeded: 0, failed: 0, rated: 0, satisfied: 0 });
    // Renaming the organisation renames it on its mediators.
    await admin.call('saveMediationOrg', { ...o, name: '测试村人民调解委员会' });
    expect((await adminDb().doc(`mediators/${MED}`).get()).get('orgName')).toBe('测试村人民调解委员会');
    // Staff read it through the rules.
    expect((await getDoc(doc(village.db, `mediators/${MED}`))).get('name')).toBe('朱德明');
  }, 180_000);
  it('refuses others, other counties, and malformed entries in plain Chinese', async () => {
    const o = { id: ORG, name: 'x', kind: 'village_committee', unitId: '621126100001' };
    expect(await callError(village, 'saveMediationOrg', o)).toMatchObject({
      code: 'permission-denied',
      message: expect.stringContaining('只有管理员可以维护调解组织名录'),
    });
    expect(await callError(admin, 'saveMediationOrg', { ...o, id: '621127-it-x' })).toMatchObject({ code: 'permission-denied' });
    expect(await callError(admin, 'saveMediationOrg', { ...o, kind: 'professional', unitId: '621126' })).toMatchObject({
      code: 'invalid-argument',
      message: expect.stringContaining('行业性专业性调解组织须选择行业领域'),
    });
    expect(await callError(admin, 'saveMediator', { id: MED2, orgId: '621126-no-such-org', name: '某' })).toMatchObject({
      code: 'invalid-argument',
      message: expect.stringContaining('所属调解组织不存在'),
    });
    expect(await callError(admin, 'saveMediator', { id: MED2, orgId: ORG, name: '某', uid: grid.uid })).toMatchObject({
      code: 'invalid-argument',
    });
  }, 180_000);
});

describe('a case mediated from the registry to performance', () => {
  it('assign_mediator with a registry mediator: the linked account reads the case; figures count it', async () => {
    const res = await grid.call<{ caseId: string }>('reportCase', {
      requestId: requestId(),
      gridId: GRID,
      category: 'housing_land',
      title: '宅基地边界纠纷',
      description: '张三丰与李四因宅基地边界发生争执',
      parties: [
        { role: 'applicant', name: '张三丰', phone: '13812345678', idNumber: null, address: '城郊村3社' },
        { role: 'respondent', name: '李四', phone: null, idNumber: null, address: null },
      ],
      gridAction: { kind: 'escalate', reason: '需要村调委会调解' },
    });
    caseId = res.caseId;
    await act({ action: 'accept' });
    expect(
      await callError(village, 'caseAction', {
        caseId,
        expectedVersion: 3,
        command: { action: 'assign_mediator', mediatorId: '621126-no-such' },
      }),
    ).toMatchObject({
      code: 'invalid-argument',
      message: expect.stringContaining('所选调解员不存在或不在本县范围内'),
    });
    await act({ action: 'assign_mediator', mediatorId: MED });
    const c = (await adminDb().doc(`cases/${caseId}`).get()).data()!;
    expect(c.mediatorUids).toContain(mediator.uid);
    expect((await adminDb().doc(`mediations/${caseId}`).get()).data()).toMatchObject({ mediatorId: MED, orgId: ORG, status: 'open' });
    expect(await figures('mediators', MED)).toMatchObject({ open: 1 });
    expect(await figures('mediationOrgs', ORG)).toMatchObject({ open: 1 });
    expect((await getDoc(doc(mediator.db, `mediations/${caseId}`))).get('mediatorName')).toBe('朱德明');
    // Reassigned to another registry mediator: the first one's open case moves with it.
    await act({ action: 'assign_mediator', mediatorId: MED2 });
    expect(await figures('mediators', MED)).toMatchObject({ open: 0 });
    expect(await figures('mediators', MED2)).toMatchObject({ open: 1 });
    expect(await figures('mediationOrgs', ORG)).toMatchObject({ open: 1 });
    await act({ action: 'assign_mediator', mediatorId: MED });
  }, 180_000);

  it('sessions: stored masked, once per minute, readable by the case’s readers only', async () => {
    const s = {
      caseId,
      at: '2026-09-01T14:30:00+08:00',
      place: '城郊村调解室',
      attendees: '张三丰、李四、村调委会杨军',
      summary: '张三丰（电话13812345678）同意退让0.5米',
    };
    expect(await mediator.call('recordMediationSession', s)).toEqual({ sessionId: 's-202609011430', created: true });
    expect(await mediator.call('recordMediationSession', s)).toEqual({ sessionId: 's-202609011430', created: false });
    const stored = (await getDocs(collection(mediator.db, `cases/${caseId}/sessions`))).docs.map((d) => d.data());
    expect(stored).toHaveLength(1);
    expect(stored[0]!.summary).not.toContain('13812345678');
    expect(stored[0]!.summary).not.toContain('张三丰');
    expect(stored[0]!.mediatorName).toBe('朱德明');
    await expect(getDocs(collection(grid2.db, `cases/${caseId}/sessions`))).rejects.toThrow();
    expect(await callError(grid2, 'recordMediationSession', s)).toMatchObject({ code: 'not-found' });
  }, 180_000);

  it('the agreement: parties from the case, 30 days from the effective date, one task per item; figures count the success', async () => {
    const input = {
      caseId,
      orgId: ORG,
      number: '岷调协〔2026〕88号',
      facts: '双方因宅基地边界发生争执。',
      items: [
        { content: '李四拆除越界围墙', method: '自行拆除', dueDate: '2026-09-20' },
        { content: '张三丰补偿李四500元', method: '现金', dueDate: '2026-09-30' },
      ],
      effectiveDate: '2026-09-05',
    };
    expect(
      await callError(village, 'saveMediationAgreement', { ...input, items: [{ ...input.items[0], dueDate: '2026-09-01' }] }),
    ).toMatchObject({
      code: 'invalid-argument',
      message: expect.stringContaining('履行期限不能早于协议生效日期'),
    });
    expect(await village.call('saveMediationAgreement', input)).toEqual({
      caseId,
      lastDay: '2026-10-08', // 10/5 falls in 国庆: the next working day
      tasks: [
        { id: 'perf-1', dueDate: '2026-09-20' },
        { id: 'perf-2', dueDate: '2026-09-30' },
      ],
    });
    const m = (await getDoc(doc(village.db, `mediations/${caseId}`))).data()!;
    expect(m.agreement.parties.map((p: { name: string }) => p.name)).toEqual(['张三丰', '李四']);
    expect(m.status).toBe('succeeded');
    expect(await figures('mediators', MED)).toMatchObject({ open: 0, succeeded: 1 });
    expect(await figures('mediationOrgs', ORG)).toMatchObject({ open: 0, succeeded: 1 });
  }, 180_000);

  it('the case is resolved, rated and archived; the clock and the tasks run on; the sweep alerts once', async () => {
    await act({ action: 'resolve', outcome: 'mediated_agreement', note: '达成调解协议' });
    await act({ action: 'callback', satisfaction: 'satisfied', note: '满意' });
    expect(await figures('mediators', MED)).toMatchObject({ rated: 1, satisfied: 1 });
    await act({ action: 'close', note: '归档' });
    const at = new Date('2026-10-09T00:00:01+08:00');
    await sweepMediations(adminDb(), at);
    await sweepMediations(adminDb(), at);
    const alerts = (await adminDb().collection('alerts').where('caseId', '==', caseId).get()).docs.map((d) => d.id);
    const mine = alerts.filter((id) => id.includes('-mediation-')).sort();
    for (const k of ['judicial-breach', 'perf-1-open', 'perf-1-breach', 'perf-2-open', 'perf-2-breach'])
      expect(mine.filter((id) => id.includes(`-mediation-${k}-`)).length).toBeGreaterThan(0);
    // To the case's unit (no named handler) and the mediator's account: nothing twice.
    expect(mine.filter((id) => id.endsWith(`-p${mediator.uid}`))).toHaveLength(5);
    expect(new Set(mine).size).toBe(mine.length);
    const m = (await adminDb().doc(`mediations/${caseId}`).get()).data()!;
    expect(m.judicial.state).toBe('breached');
    expect(m.sweepAt).toBeNull();
  }, 180_000);

  it('司法确认 recorded after closing (late: the breach stands); a court must be a court', async () => {
    const j = { caseId, courtId: '621126-court-minyang', appliedOn: '2026-10-12' };
    expect(await callError(village, 'recordJudicialConfirmation', { ...j, courtId: '621126-police-minyang' })).toMatchObject({
      code: 'invalid-argument',
      message: expect.stringContaining('所选法院不存在'),
    });
    expect(await village.call('recordJudicialConfirmation', j)).toEqual({ caseId, clock: 'breached', onTime: false });
    await village.call('recordJudicialConfirmation', { ...j, ruling: 'confirmed', ruledOn: '2026-10-20' });
    const m = (await adminDb().doc(`mediations/${caseId}`).get()).data()!;
    expect(m.judicialRecord).toEqual({
      kind: 'judicial_confirmation',
      courtId: '621126-court-minyang',
      bodyName: '岷阳人民法庭',
      appliedOn: '2026-10-12',
      ruling: 'confirmed',
      ruledOn: '2026-10-20',
    });
    expect(
      await callError(village, 'saveMediationAgreement', {
        caseId,
        orgId: ORG,
        number: 'x',
        facts: 'x',
        items: [{ content: 'x', method: 'x', dueDate: '2026-12-01' }],
        effectiveDate: '2026-11-01',
      }),
    ).toMatchObject({
      code: 'failed-precondition',
    });
  }, 180_000);

  it('履行: performed is recorded; not performed reopens the archived case; the same answer again changes nothing', async () => {
    expect(await village.call('recordPerformance', { caseId, taskId: 'perf-1', performed: true })).toEqual({
      caseId,
      taskId: 'perf-1',
      reopened: false,
    });
    expect(await callError(village, 'recordPerformance', { caseId, taskId: 'perf-2', performed: false })).toMatchObject({
      code: 'invalid-argument',
    });
    expect(
      await village.call('recordPerformance', { caseId, taskId: 'perf-2', performed: false, followUp: 'reopen', note: '未付款' }),
    ).toEqual({
      caseId,
      taskId: 'perf-2',
      reopened: true,
    });
    expect((await adminDb().doc(`cases/${caseId}`).get()).get('state')).toBe('in_progress');
    expect(
      await village.call('recordPerformance', { caseId, taskId: 'perf-2', performed: false, followUp: 'reopen', note: '未付款' }),
    ).toMatchObject({ reopened: false });
    expect(await callError(village, 'recordPerformance', { caseId, taskId: 'perf-1', performed: false, followUp: 'court' })).toMatchObject({
      code: 'failed-precondition',
      message: expect.stringContaining('该履行情况已登记'),
    });
    const tasks = (await adminDb().doc(`mediations/${caseId}`).get()).get('tasks');
    expect(tasks.map((t: { result: string; followUp: string | null }) => [t.result, t.followUp])).toEqual([
      ['performed', null],
      ['not_performed', 'reopened'],
    ]);
  }, 180_000);

  it('the .docx names the parties and the items; others cannot have it', async () => {
    const f = await village.call<{ filename: string; mimeType: string; base64: string }>('exportMediationAgreement', { caseId });
    expect(f.filename).toBe('人民调解协议书-岷调协〔2026〕88号.docx');
    const xml = await (await JSZip.loadAsync(Buffer.from(f.base64, 'base64'))).file('word/document.xml')!.async('string');
    for (const s of ['张三丰', '李四', '李四拆除越界围墙', '2026年9月30日前', '测试村人民调解委员会（印）', '生效日期：2026年9月5日'])
      expect(xml).toContain(s);
    expect(await callError(grid2, 'exportMediationAgreement', { caseId })).toMatchObject({ code: 'not-found' });
  }, 180_000);
  it('an agreement on a case with no registry mediator counts for the organisation it is made in', async () => {
    const res = await grid.call<{ caseId: string }>('reportCase', {
      requestId: requestId(),
      gridId: GRID,
      category: 'neighbour',
      title: '排水沟纠纷',
      description: '两户因排水沟发生争执',
      parties: [{ role: 'applicant', name: '王五', phone: null, idNumber: null, address: null }],
      gridAction: { kind: 'escalate', reason: '需要调解' },
    });
    await village.call('caseAction', { caseId: res.caseId, expectedVersion: 2, command: { action: 'accept' } });
    const before = await figures('mediationOrgs', ORG);
    await village.call('saveMediationAgreement', {
      caseId: res.caseId,
      orgId: ORG,
      number: '岷调协〔2026〕89号',
      facts: '排水沟堵塞。',
      items: [{ content: '共同疏通排水沟', method: '共同出工', dueDate: '2026-12-20' }],
      effectiveDate: '2026-12-01',
    });
    expect((await adminDb().doc(`mediations/${res.caseId}`).get()).data()).toMatchObject({
      mediatorId: null,
      orgId: ORG,
      status: 'succeeded',
    });
    expect(await figures('mediationOrgs', ORG)).toMatchObject({ succeeded: before.succeeded + 1, open: before.open });
  }, 180_000);
});
