// 预警提示单 against the emulators: the county and a town issue notices (numbered per unit and
// year without gaps, also when issued concurrently; a resend answers the same number), the
// recipient department signs and reports back (masked), the issuer sends back and closes; the
// sweep warns and breaches each clock once and puts the notice under 督办 (alerts to the recipient,
// the issuer and the county); a signal shows the notice that handled it; the figures move in the
// same transactions; the wrong role or scope is refused.
import { collection, doc, getDoc, getDocs, query, where } from 'firebase/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepNotices } from '../../functions/src/lib/notice-service';
import { type Client, adminDb, callError, closeAdmin, requestId, signInAs } from '../helpers/emulator';

const C = '621126',
  T = '621126100',
  D = '621126-police-minyang';
const H = 3_600_000;
type Issued = { noticeId: string; number: string; created: boolean; signDueAt: string; feedbackDueAt: string };
type Acted = { noticeId: string; state: string; version: number; onTime: boolean | null };
let county: Client, town: Client, town2: Client, police: Client, justice: Client, grid: Client;
const month = () => new Date(Date.now() + 8 * H).toISOString().slice(0, 7);
const year = () => Number(new Date(Date.now() + 8 * H).toISOString().slice(0, 4));
const stored = async (id: string) => (await adminDb().collection('notices').doc(id).get()).data()!;
const figures = async (unit: string) => (await adminDb().collection('noticeFigures').doc(`${unit}_${month()}`).get()).data() ?? {};
const issueInput = () => ({
  requestId: requestId(),
  recipient: { kind: 'department', id: D },
  risk: '城郊村劳资纠纷聚集，工人情绪激动',
  measures: '约谈用工单位，三日内摸清欠薪底数',
});
const issue = (c: Client, over: Record<string, unknown> = {}) => c.call<Issued>('issueNotice', { ...issueInput(), ...over });

beforeAll(async () => {
  [county, town, town2, police, justice, grid] = await Promise.all(['county', 'town', 'town2', 'police', 'justice', 'grid'].map(signInAs));
}, 60_000);
afterAll(closeAdmin);

describe('issuing', () => {
  it('the county issues to a department: a number of its year, the recipient alerted and reading it; a resend answers the same', async () => {
    const before = await figures(C);
    const rid = requestId();
    const a = await issue(county, { requestId: rid, limitDays: 5, signHours: 12 });
    expect(a.created).toBe(true);
    expect(a.number).toMatch(new RegExp(`^〔${year()}〕\\d+号$`));
    expect(new Date(a.signDueAt).getTime() - Date.now()).toBeGreaterThan(11 * H);
    const again = await issue(county, { requestId: rid, limitDays: 5, signHours: 12 });
    expect(again).toEqual({ ...a, created: false });
    const n = await stored(a.noticeId);
    expect(n).toMatchObject({
      state: 'issued',
      issuer: { unitId: C, unitName: '岷县综治中心', name: '李明' },
      recipient: { kind: 'department', id: D, name: '岷阳派出所' },
    });
    expect(n.readers).toEqual([C, D]);
    // The station's officer reads it by their department; another station does not.
    const mine = await getDocs(query(collection(police.db, 'notices'), where('readers', 'array-contains', D)));
    expect(mine.docs.map((d) => d.id)).toContain(a.noticeId);
    await expect(getDoc(doc(justice.db, 'notices', a.noticeId))).rejects.toThrow();
    const alerts = await adminDb().collection('alerts').where('kind', '==', 'notice_issued').where('recipientDept', '==', D).get();
    expect(alerts.docs.some((d) => String(d.data().title).includes(a.number))).toBe(true);
    expect(((await figures(C)).issued ?? 0) - (before.issued ?? 0)).toBeGreaterThanOrEqual(1);
  });

  it('numbers per unit and year without gaps or duplicates, also when issued at once', async () => {
    const got = await Promise.all(Array.from({ length: 6 }, () => issue(town)));
    const seqs = got.map((g) => Number(/〕(\d+)号/.exec(g.number)![1]));
    expect(new Set(seqs).size).toBe(6);
    // All of the town's notices of the year: exactly 1..last, whoever else issued meanwhile.
    const all = await adminDb().collection('notices').where('issuer.unitId', '==', T).where('year', '==', year()).get();
    const every = all.docs.map((d) => d.data().seq as number).sort((a, b) => a - b);
    const counter = (await adminDb().collection('noticeCounters').doc(`${T}_${year()}`).get()).data()!;
    expect(every).toEqual(Array.from({ length: counter.last }, (_, i) => i + 1));
    expect(every).toEqual(expect.arrayContaining(seqs));
  });

  it('from a 研判 meeting: the meeting is recorded as the source; an unknown meeting is refused', async () => {
    const { meetingId } = await town.call<{ meetingId: string }>('saveMeeting', {
      requestId: requestId(),
      kind: 'topical',
      title: '劳资纠纷专题研判',
      date: new Date(Date.now() + 8 * H).toISOString().slice(0, 10),
      participants: [],
    });
    const a = await issue(town, { meetingId });
    expect((await stored(a.noticeId)).source).toEqual({ kind: 'meeting', signalId: null, meetingId });
    // A meeting that does not exist (or that the caller's unit does not see) is not a source.
    expect(await callError(town, 'issueNotice', { ...issueInput(), meetingId: 'meeting-20260520' })).toMatchObject({ code: 'not-found' });
  });

  it('from a signal: the signal shows it was handled by the notice, and counts as handled', async () => {
    const id = `cluster-notice${requestId()}`.slice(0, 40);
    const now = new Date();
    await adminDb()
      .collection('signals')
      .doc(id)
      .set({
        id,
        kind: 'cluster',
        severity: 'medium',
        scope: { level: 'town', unitId: T, countyId: C, townId: T },
        units: [C, T],
        summary: '7天内同一乡镇发生劳动争议纠纷5件（阈值5件）',
        evidence: [],
        sensitivePeriod: null,
        measure: { value: 5, threshold: 5 },
        state: 'open',
        handling: null,
        raisedAt: now,
        updatedAt: now,
        reopenedAt: null,
      });
    const handled = (await adminDb().collection('signalFigures').doc(`${T}_${month()}`).get()).data()?.handled ?? 0;
    expect(
      (
        await callError(town2, 'issueNotice', {
          requestId: requestId(),
          recipient: { kind: 'department', id: '621126-police-puma' },
          risk: '风险',
          measures: '措施',
          signalId: id,
        })
      ).code,
    ).toBe('not-found');
    const a = await issue(town, { signalId: id });
    expect((await stored(a.noticeId)).source).toEqual({ kind: 'signal', signalId: id, meetingId: null });
    const s = (await adminDb().collection('signals').doc(id).get()).data()!;
    expect(s.state).toBe('acknowledged');
    expect(s.notices).toEqual([{ id: a.noticeId, number: a.number }]);
    expect(s.handling.reason).toContain(a.number);
    expect((await adminDb().collection('signalFigures').doc(`${T}_${month()}`).get()).data()!.handled).toBe(handled + 1);
  });

  it('refuses the wrong role and scope, and bad input', async () => {
    expect(
      (await callError(grid, 'issueNotice', { requestId: requestId(), recipient: { kind: 'town', id: T }, risk: '风险', measures: '措施' }))
        .code,
    ).toBe('permission-denied');
    expect(
      (
        await callError(police, 'issueNotice', {
          requestId: requestId(),
          recipient: { kind: 'town', id: T },
          risk: '风险',
          measures: '措施',
        })
      ).code,
    ).toBe('permission-denied');
    // A town sends to its own departments only: not to another town's station, not to a town.
    const other = await callError(town2, 'issueNotice', {
      requestId: requestId(),
      recipient: { kind: 'department', id: D },
      risk: '风险',
      measures: '措施',
    });
    expect(other.code).toBe('permission-denied');
    expect(other.message).toContain('辖区');
    expect(
      (
        await callError(town, 'issueNotice', {
          requestId: requestId(),
          recipient: { kind: 'town', id: '621126101' },
          risk: '风险',
          measures: '措施',
        })
      ).code,
    ).toBe('permission-denied');
    expect(
      (
        await callError(county, 'issueNotice', {
          requestId: requestId(),
          recipient: { kind: 'department', id: '621126-nosuch' },
          risk: '风险',
          measures: '措施',
        })
      ).code,
    ).toBe('invalid-argument');
    expect(
      (await callError(county, 'issueNotice', { requestId: requestId(), recipient: { kind: 'town', id: T }, risk: '', measures: '措施' }))
        .code,
    ).toBe('invalid-argument');
    expect(
      (
        await callError(county, 'issueNotice', {
          requestId: requestId(),
          recipient: { kind: 'town', id: T },
          risk: '风险',
          measures: '措施',
          meetingId: '',
        })
      ).code,
    ).toBe('invalid-argument');
    expect(
      (
        await callError(county, 'issueNotice', {
          requestId: requestId(),
          recipient: { kind: 'town', id: T },
          risk: '风险',
          measures: '措施',
          signalId: 'cluster-nosuch',
        })
      ).code,
    ).toBe('not-found');
  });
});

describe('signing, feedback, closing', () => {
  it('the station signs on time and reports back (masked); the county sends back, the station reports again, the county closes', async () => {
    const before = await figures(C);
    const a = await issue(county);
    // Another department, a grid worker: not found; the issuer cannot sign for the recipient.
    expect((await callError(justice, 'noticeAction', { noticeId: a.noticeId, action: 'sign' })).code).toBe('not-found');
    expect((await callError(grid, 'noticeAction', { noticeId: a.noticeId, action: 'sign' })).code).toBe('not-found');
    expect((await callError(county, 'noticeAction', { noticeId: a.noticeId, action: 'sign' })).code).toBe('permission-denied');
    expect((await callError(county, 'noticeAction', { noticeId: a.noticeId, action: 'close' })).code).toBe('failed-precondition');
    expect(await police.call<Acted>('noticeAction', { noticeId: a.noticeId, action: 'sign' })).toMatchObject({
      state: 'signed',
      onTime: true,
    });
    expect((await callError(police, 'noticeAction', { noticeId: a.noticeId, action: 'sign' })).code).toBe('failed-precondition');
    const phone = '13912345678';
    expect(
      await police.call<Acted>('noticeAction', { noticeId: a.noticeId, action: 'feedback', text: `已约谈用工单位，负责人电话${phone}` }),
    ).toMatchObject({
      state: 'answered',
      onTime: true,
    });
    const seen = (await getDoc(doc(county.db, 'notices', a.noticeId))).data()!;
    expect(seen.answer).toContain('已约谈用工单位');
    expect(seen.answer).not.toContain(phone);
    expect(JSON.stringify(await stored(a.noticeId))).not.toContain(phone);
    const answered = await adminDb().collection('alerts').where('kind', '==', 'notice_answered').where('recipientUnit', '==', C).get();
    expect(answered.docs.some((d) => String(d.data().body).includes(a.number))).toBe(true);
    expect((await callError(police, 'noticeAction', { noticeId: a.noticeId, action: 'close' })).code).toBe('permission-denied');
    expect(await county.call<Acted>('noticeAction', { noticeId: a.noticeId, action: 'return', reason: '措施不够具体' })).toMatchObject({
      state: 'signed',
    });
    expect(
      await police.call<Acted>('noticeAction', { noticeId: a.noticeId, action: 'feedback', text: '已补充：分三批结清' }),
    ).toMatchObject({
      state: 'answered',
      onTime: null,
    });
    expect(await county.call<Acted>('noticeAction', { noticeId: a.noticeId, action: 'close' })).toMatchObject({ state: 'closed' });
    expect((await callError(police, 'noticeAction', { noticeId: a.noticeId, action: 'feedback', text: '再报' })).code).toBe(
      'failed-precondition',
    );
    const n = await stored(a.noticeId);
    expect(n.history.map((h: { action: string }) => h.action)).toEqual(['issue', 'sign', 'feedback', 'return', 'feedback', 'close']);
    expect(n.history[1].byName).toBe('孙浩');
    const after = await figures(C);
    for (const k of ['signed', 'signedOnTime', 'answered', 'answeredOnTime'])
      expect((after[k] ?? 0) - (before[k] ?? 0), k).toBeGreaterThanOrEqual(1);
  });
});

describe('the clocks in the sweep', () => {
  it('warns and breaches the signing limit once; the breach goes to 督办 with alerts to the station, the town and the county', async () => {
    const a = await issue(town, { signHours: 1 });
    const issuedAt = (await stored(a.noticeId)).issuedAt.toDate().getTime();
    const w = await sweepNotices(adminDb(), new Date(issuedAt + 0.9 * H));
    expect(w.noticeWarnings).toBeGreaterThanOrEqual(1);
    expect((await stored(a.noticeId)).sign).toMatchObject({ warned: true, breached: false });
    const before = await figures(T);
    const b = await sweepNotices(adminDb(), new Date(issuedAt + H + 1000));
    expect(b.noticeBreaches).toBeGreaterThanOrEqual(1);
    const n = await stored(a.noticeId);
    expect(n.sign).toMatchObject({ warned: true, breached: true });
    expect(n.supervised).toBe(true);
    expect(n.feedback.breached).toBe(false);
    const alerts = await adminDb().collection('alerts').where('kind', 'in', ['notice_warning', 'notice_breach', 'notice_supervised']).get();
    const mine = alerts.docs.map((d) => d.data()).filter((x) => x.id.includes(a.noticeId));
    expect(mine.map((x) => [x.kind, x.recipientDept ?? x.recipientUnit]).sort()).toEqual(
      [
        ['notice_breach', D],
        ['notice_breach', T],
        ['notice_supervised', C],
        ['notice_warning', D],
      ].sort(),
    );
    expect(((await figures(T)).signOverdue ?? 0) - (before.signOverdue ?? 0)).toBe(1);
    // Once each: the same moment again writes nothing new.
    const version = n.version;
    await sweepNotices(adminDb(), new Date(issuedAt + H + 2000));
    expect((await stored(a.noticeId)).version).toBe(version);
    // Still signed and answered after the 督办 (the sweep ran ahead of the wall clock here: on time by it).
    expect(await police.call<Acted>('noticeAction', { noticeId: a.noticeId, action: 'sign' })).toMatchObject({ state: 'signed' });
    expect((await stored(a.noticeId)).supervised).toBe(true);
  });
});

describe('export', () => {
  it('the county exports its year as CSV with the numbers; a grid worker may not', async () => {
    const a = await issue(county);
    const f = await county.call<{ filename: string; mimeType: string; base64: string; rows: number }>('exportNotices', { year: year() });
    const csv = Buffer.from(f.base64, 'base64').toString('utf8');
    expect(f.filename).toBe(`预警提示单_岷县_${year()}.csv`);
    expect(csv.split('\r\n')[0]).toContain('文号,发文单位,接收单位');
    expect(csv).toContain(a.number);
    expect(f.rows).toBeGreaterThanOrEqual(1);
    expect((await callError(grid, 'exportNotices', { year: year() })).code).toBe('permission-denied');
  });
});
