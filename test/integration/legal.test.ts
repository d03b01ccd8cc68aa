// The legal chain (issue 13) through the emulators: a court's referral recorded and its result sent
// back, read by the court's officer and nobody else; the other way (移送法院); 信访 复查 and 复核;
// one-stop referrals; the courts' filing input for 分流率 — with every refusal in plain Chinese.
import { collection, doc, getDoc, getDocs, orderBy, query, where } from 'firebase/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, adminDb, callError, closeAdmin, requestId, signInAs } from '../helpers/emulator';

const GRID = '621126100001001';
const COURT = '621126-court-minyang';
const MACHINE = /string|undefined|expected|received|Invalid|无效输入|期望|实际接收/;
const report = (over: Record<string, unknown> = {}) => ({
  requestId: requestId(),
  gridId: GRID,
  category: 'contract',
  title: '买卖合同货款纠纷',
  description: '双方因货款支付发生争议，法院诉前委派调解',
  parties: [{ role: 'applicant', name: '韩梅梅', phone: '13912345678', idNumber: null, address: null }],
  ...over,
});
const version = async (caseId: string) => (await adminDb().doc(`cases/${caseId}`).get()).get('version') as number;

let town: Client, court: Client, police: Client, admin: Client, village: Client;
const act = (who: Client, caseId: string, command: Record<string, unknown>) =>
  version(caseId).then((v) => who.call<{ state: string; version: number }>('caseAction', { caseId, expectedVersion: v, command }));
const refuse = (who: Client, caseId: string, command: Record<string, unknown>) =>
  version(caseId).then((v) => callError(who, 'caseAction', { caseId, expectedVersion: v, command }));

beforeAll(async () => {
  [town, court, police, admin, village] = await Promise.all(['town', 'court', 'police', 'admin', 'village'].map(signInAs));
});
afterAll(async () => {
  await adminDb().doc(`courtFilings/${COURT}_2026-03`).delete();
  await closeAdmin();
});

describe('诉调对接: the court refers, the center reports back', () => {
  let caseId: string;
  it('the court reads nothing before its referral is recorded, then the case, its parties and its list', async () => {
    caseId = (await town.call<{ caseId: string }>('reportCase', report({ source: 'court_referral' }))).caseId;
    await act(town, caseId, { action: 'accept' });
    await expect(getDoc(doc(court.db, `cases/${caseId}`))).rejects.toThrow();
    await act(town, caseId, {
      action: 'record_origin',
      kind: 'court',
      departmentId: COURT,
      ref: '(2026)甘1126民诉前调112号',
      referredOn: '2026-03-02',
    });
    const c = (await getDoc(doc(court.db, `cases/${caseId}`))).data()!;
    expect(c.origin).toMatchObject({ kind: 'court', departmentId: COURT, ref: '(2026)甘1126民诉前调112号', result: null });
    expect((await getDoc(doc(court.db, `cases/${caseId}/private/parties`))).data()!.parties[0].name).toBe('韩梅梅');
    const list = await getDocs(
      query(
        collection(court.db, 'cases'),
        where('accessDepartments', 'array-contains', COURT),
        where('origin.departmentId', '==', COURT),
        orderBy('updatedAt', 'desc'),
      ),
    );
    expect(list.docs.map((d) => d.id)).toContain(caseId);
    // Another department reads neither the case nor its parties.
    await expect(getDoc(doc(police.db, `cases/${caseId}`))).rejects.toThrow();
    await expect(getDoc(doc(police.db, `cases/${caseId}/private/parties`))).rejects.toThrow();
  });

  it('a referrer of the wrong kind, or the court acting on the case, is refused in Chinese', async () => {
    const e = await refuse(town, caseId, {
      action: 'record_origin',
      kind: 'court',
      departmentId: '621126-police-minyang',
      ref: 'x',
      referredOn: '2026-03-02',
    });
    expect(e.code).toBe('invalid-argument');
    expect(e.message).toContain('所选法院不存在或不在本县范围内');
    const e2 = await refuse(court, caseId, { action: 'report_back', result: 'failed_filing', note: '法院自行反馈', followUpRef: null });
    expect(e2.code).toBe('permission-denied');
    expect(e2.message).not.toMatch(MACHINE);
  });

  it('the result goes back once; the court sees it with the date', async () => {
    await act(town, caseId, { action: 'resolve', outcome: 'mediated_agreement', note: '双方达成调解协议' });
    const res = await act(town, caseId, {
      action: 'report_back',
      result: 'mediated_confirmation',
      note: '已达成调解协议，当事人申请司法确认',
      followUpRef: null,
    });
    expect(res.state).toBe('resolved');
    const c = (await getDoc(doc(court.db, `cases/${caseId}`))).data()!;
    expect(c.origin.result).toMatchObject({ result: 'mediated_confirmation' });
    expect(c.origin.result.returnedAt).toBeTruthy();
    expect(c.clocks.find((k: { kind: string }) => k.kind === 'court_mediation').state).toBe('met');
    const again = await refuse(town, caseId, { action: 'report_back', result: 'failed_filing', note: 'x', followUpRef: null });
    expect(again.code).toBe('failed-precondition');
    expect(again.message).toContain('已向委派方反馈过结果');
  });
});

describe('移送法院: the other way', () => {
  it('a case not accepted for the court is sent to a named court, which then reads it', async () => {
    const { caseId } = await town.call<{ caseId: string }>('reportCase', report({ title: '民间借贷纠纷' }));
    await act(town, caseId, { action: 'not_accept', reason: '属于诉讼事项，引导起诉', referral: 'court' });
    await act(town, caseId, { action: 'send_to_court', departmentId: COURT, note: '移送起诉材料一套' });
    const c = (await getDoc(doc(court.db, `cases/${caseId}`))).data()!;
    expect(c.sentToCourt).toMatchObject({ departmentId: COURT, note: '移送起诉材料一套' });
    const e = await refuse(town, caseId, { action: 'send_to_court', departmentId: COURT, note: 'x' });
    expect(e.code).toBe('failed-precondition');
    expect(e.message).toContain('该案件已移送法院');
  });
});

describe('信访 复查 and 复核', () => {
  it('registered after the answer, decided, then 复核, then no more; the clock runs and is met', async () => {
    const { caseId } = await town.call<{ caseId: string }>('reportCase', report({ source: 'letter', title: '来信反映征地补偿问题' }));
    await act(town, caseId, { action: 'accept' });
    const early = await refuse(town, caseId, { action: 'request_review', stage: 'review', body: '岷县信访局' });
    expect(early.code).toBe('failed-precondition');
    await act(town, caseId, { action: 'resolve', outcome: 'explained', note: '已书面答复信访人' });
    const answered = (await adminDb().doc(`cases/${caseId}`).get()).data()!;
    expect(answered.petitionReview.requestBy).toBeTruthy();
    await act(town, caseId, { action: 'request_review', stage: 'review', body: '岷县信访局', note: '信访人不服' });
    let c = (await adminDb().doc(`cases/${caseId}`).get()).data()!;
    expect(c.clocks.find((k: { kind: string }) => k.kind === 'petition_review')).toMatchObject({ subject: 'review', state: 'running' });
    expect(c.sweepAt).toBeTruthy();
    await act(town, caseId, { action: 'decide_review', outcome: 'changed', opinion: '变更原处理意见第二项' });
    await act(town, caseId, { action: 'request_review', stage: 'recheck', body: '定西市信访局' });
    await act(town, caseId, { action: 'decide_review', outcome: 'upheld', opinion: '维持复查意见' });
    c = (await adminDb().doc(`cases/${caseId}`).get()).data()!;
    expect(c.petitionReview.review).toMatchObject({ outcome: 'changed' });
    expect(c.petitionReview.recheck).toMatchObject({ outcome: 'upheld', body: '定西市信访局' });
    const done = await refuse(town, caseId, { action: 'request_review', stage: 'recheck', body: 'x' });
    expect(done.message).toContain('复核意见已作出，信访人不能再就同一事项申请复查、复核');
    const events = (await adminDb().collection(`cases/${caseId}/events`).orderBy('seq').get()).docs.map((d) => d.get('action'));
    expect(events.slice(-4)).toEqual(['request_review', 'decide_review', 'request_review', 'decide_review']);
  });
});

describe('一站式转介', () => {
  it('reception refers a person to 法律援助 and records the result', async () => {
    const { caseId } = await town.call<{ caseId: string }>('reportCase', report({ title: '劳务费纠纷' }));
    await act(town, caseId, { action: 'accept' });
    await act(town, caseId, { action: 'refer_service', service: 'legal_aid', note: '申请人经济困难，转介法律援助中心' });
    let c = (await adminDb().doc(`cases/${caseId}`).get()).data()!;
    const id = c.serviceReferrals[0].id;
    await act(town, caseId, { action: 'record_service_result', referralId: id, result: 'served', note: '已指派律师' });
    c = (await adminDb().doc(`cases/${caseId}`).get()).data()!;
    expect(c.serviceReferrals[0]).toMatchObject({ service: 'legal_aid', state: 'done', result: 'served' });
    const again = await refuse(town, caseId, { action: 'record_service_result', referralId: id, result: 'served', note: 'x' });
    expect(again.message).toContain('该转介已记录结果');
  });
});

describe('saveCourtFiling (分流率 input)', () => {
  const input = { courtId: COURT, month: '2026-03', incoming: 266, filed: 161 };
  it('an administrator and the court enter it; the last entry stands', async () => {
    expect(await admin.call('saveCourtFiling', input)).toEqual({ courtId: COURT, month: '2026-03' });
    await court.call('saveCourtFiling', { ...input, incoming: 270, filed: null });
    const d = (await adminDb().doc(`courtFilings/${COURT}_2026-03`).get()).data()!;
    expect(d).toMatchObject({ courtId: COURT, courtName: '岷阳人民法庭', countyId: '621126', incoming: 270, filed: null });
    // The court reads its own figures.
    expect((await getDoc(doc(court.db, `courtFilings/${COURT}_2026-03`))).data()!.incoming).toBe(270);
  });
  it('others are refused in Chinese; a department that is no court, a bad month or count too', async () => {
    for (const who of [village, police]) {
      const e = await callError(who, 'saveCourtFiling', input);
      expect(e.code).toBe('permission-denied');
      expect(e.message).toContain('只有本县管理员或该法院的工作人员可以填报收案数');
    }
    const notCourt = await callError(admin, 'saveCourtFiling', { ...input, courtId: '621126-police-minyang' });
    expect(notCourt.code).toBe('invalid-argument');
    expect(notCourt.message).toContain('所选单位不是法院');
    for (const bad of [
      { ...input, month: '2026-13' },
      { ...input, incoming: -1 },
      { ...input, incoming: 1.5 },
    ]) {
      const e = await callError(admin, 'saveCourtFiling', bad);
      expect(e.code).toBe('invalid-argument');
      expect(e.message).not.toMatch(MACHINE);
    }
  });
});
