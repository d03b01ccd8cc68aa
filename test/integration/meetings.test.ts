// 研判 and meetings against the emulators: the town drafts a 研判 with participants from the
// directory and a department, taking a cluster signal into it (the signal goes in_analysis); the
// server drafts the agenda (a new red case raises its count; no party data anywhere); versions are
// compared and request IDs make resends harmless; the close records minutes and decisions, each a
// task with an owner and a limit; the owner replies, others may not; the sweep warns once, breaches
// once (督办 to the issuer and the county). Refusals for the wrong people,
// kinds, owners, dates and states.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { doc, getDoc } from 'firebase/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../functions/src/domain';
import { sweepMeetingTasks } from '../../functions/src/lib/meeting-sweep';
import { type Client, adminDb, callError, closeAdmin, requestId, signInAs } from '../helpers/emulator';

const run = promisify(execFile);
let town: Client, town2: Client, county: Client, village: Client, village2: Client, police: Client, justice: Client, grid: Client;
const stamp = String(Date.now()).slice(-6);
const GRID = '621126100005001';
const PARTY = '研判测试人';
const PHONE = `139${stamp}77`;
const caseIds: string[] = [];
let signalId = '';
const today = localDate(new Date());

type Meeting = {
  id: string;
  version: number;
  state: string;
  signalIds: string[];
  participants: { id: string; name: string; title: string | null; unitName: string; present: boolean | null }[];
  agenda: { openSignals: number; overdueCases: number; redCases: number; items: { kind: string; ref: string }[] };
  decisions: { taskId: string }[];
};
type Task = {
  id: string;
  state: string;
  supervised: boolean;
  warnedAt: unknown;
  breachedAt: unknown;
  dueAt: { toDate(): Date };
  warnAt: { toDate(): Date };
  repliedLate: boolean | null;
  units: string[];
};
const meeting = async (id: string) => (await adminDb().collection('meetings').doc(id).get()).data() as Meeting;
const task = async (id: string) => (await adminDb().collection('meetingTasks').doc(id).get()).data() as Task;
const alertIds = async (taskId: string) =>
  (
    await adminDb()
      .collection('alerts')
      .where('kind', 'in', ['meeting_task_assigned', 'meeting_task_warning', 'meeting_task_breach', 'meeting_task_replied'])
      .get()
  ).docs
    .map((d) => d.id)
    .filter((id) => id.startsWith(`mt-${taskId}-`))
    .sort();

beforeAll(async () => {
  [town, town2, county, village, village2, police, justice, grid] = await Promise.all(
    ['town', 'town2', 'county', 'village', 'village2', 'police', 'justice', 'grid'].map(signInAs),
  );
  for (let i = 0; i < 3; i++) {
    const { caseId } = await town.call<{ caseId: string }>('reportCase', {
      requestId: requestId(),
      gridId: GRID,
      category: 'consumer',
      title: `预付卡商家跑路${stamp}第${i}起`,
      description: '村民反映预付卡无法退款',
      parties: [{ role: 'applicant', name: PARTY, phone: PHONE, idNumber: null, address: null }],
    });
    caseIds.push(caseId);
  }
  await run(process.execPath, ['bin/fengqiao.mjs', 'signals', 'run', '--at', new Date(Date.now() + 60_000).toISOString()], {
    env: { ...process.env, METADATA_SERVER_DETECTION: 'none' },
  });
  const sigs = await adminDb().collection('signals').get();
  signalId = sigs.docs
    .map((d) => d.data() as { id: string; kind: string; evidence: { caseId: string }[] })
    .find((s) => s.kind === 'cluster' && caseIds.every((c) => s.evidence.some((e) => e.caseId === c)))!.id;
}, 180_000);
afterAll(closeAdmin);

let m1 = '';
let m1Request = '';
let m2 = '';
let deptTask = '';
let villageTask = '';

describe('saveMeeting', () => {
  it('the town drafts a 研判: participants by name, the signal taken in first on the agenda and in_analysis', async () => {
    m1Request = requestId();
    const input = {
      requestId: m1Request,
      kind: 'topical',
      title: `预付卡纠纷专题研判${stamp}`,
      date: today,
      participants: [
        { kind: 'staff', id: town.uid },
        { kind: 'staff', id: village.uid },
        { kind: 'department', id: '621126-police-minyang' },
      ],
      signalIds: [signalId],
    };
    const r = await town.call<{ meetingId: string; created: boolean; version: number; signalIds: string[] }>('saveMeeting', input);
    expect(r).toMatchObject({ created: true, version: 0, signalIds: [signalId] });
    m1 = r.meetingId;
    const m = await meeting(m1);
    expect(m.state).toBe('draft');
    expect(m.participants.map((p) => [p.name, p.unitName])).toEqual([
      ['张伟', '岷阳镇'],
      ['杨军', '城郊村'],
      ['岷阳派出所', '岷阳派出所'],
    ]);
    expect(m.participants[0]!.title).toBe('岷阳镇综治中心主任');
    expect(m.agenda.items[0]).toMatchObject({ kind: 'signal', ref: signalId });
    expect(m.agenda.openSignals).toBeGreaterThanOrEqual(0);
    const s = (await adminDb().collection('signals').doc(signalId).get()).data()!;
    expect(s.state).toBe('in_analysis');
    expect(s.handling.analysisId).toBe(m1);
    expect(s.handling.byName).toBe('张伟');
    // A resend of the same request changes nothing.
    const again = await town.call<{ created: boolean; version: number }>('saveMeeting', input);
    expect(again).toMatchObject({ created: false, version: 0 });
    expect((await meeting(m1)).version).toBe(0);
  });

  it('redrafts the agenda on an update (a new red case counts), compare-and-set on the version, no party data', async () => {
    const before = (await meeting(m1)).agenda.redCases;
    await town.call('reportCase', {
      requestId: requestId(),
      gridId: GRID,
      category: 'consumer',
      caseClass: 'difficult',
      title: `预付卡群体退款${stamp}`,
      description: '多名村民反映预付卡无法退款，情绪激动',
      parties: [{ role: 'applicant', name: PARTY, phone: PHONE, idNumber: null, address: null }],
    });
    const upd = {
      requestId: requestId(),
      meetingId: m1,
      version: 0,
      kind: 'topical',
      title: `预付卡纠纷专题研判${stamp}`,
      date: today,
      participants: [
        { kind: 'staff', id: town.uid },
        { kind: 'department', id: '621126-police-minyang' },
      ],
    };
    const r = await town.call<{ version: number; created: boolean; signalIds: string[] }>('saveMeeting', upd);
    expect(r).toMatchObject({ version: 1, created: false, signalIds: [signalId] });
    const m = await meeting(m1);
    expect(m.agenda.redCases).toBe(before + 1);
    expect(m.participants).toHaveLength(2);
    const text = JSON.stringify(m);
    expect(text).not.toContain(PARTY);
    expect(text).not.toContain(PHONE);
    // The same version again: someone else changed it in between.
    expect(await callError(town, 'saveMeeting', { ...upd, requestId: requestId() })).toMatchObject({ code: 'aborted' });
  });

  it('who reads a meeting: the town and the county, not another town (rules)', async () => {
    expect((await getDoc(doc(town.db, 'meetings', m1))).exists()).toBe(true);
    expect((await getDoc(doc(county.db, 'meetings', m1))).exists()).toBe(true);
    await expect(getDoc(doc(town2.db, 'meetings', m1))).rejects.toThrow();
    await expect(getDoc(doc(police.db, 'meetings', m1))).rejects.toThrow();
  });

  it('refuses villages, kinds of the other level, the county editing a town draft, unknown people, a signal in another 研判', async () => {
    const base = { requestId: requestId(), kind: 'topical', title: '研判', date: today, participants: [] };
    expect(await callError(village, 'saveMeeting', base)).toMatchObject({ code: 'permission-denied' });
    expect(await callError(grid, 'saveMeeting', base)).toMatchObject({ code: 'permission-denied' });
    expect(await callError(town, 'saveMeeting', { ...base, kind: 'joint' })).toMatchObject({
      code: 'invalid-argument',
      message: expect.stringContaining('联席会议由县级召开'),
    });
    expect(await callError(county, 'saveMeeting', { ...base, kind: 'town_weekly' })).toMatchObject({ code: 'invalid-argument' });
    expect(await callError(county, 'saveMeeting', { ...base, meetingId: m1, version: 1 })).toMatchObject({ code: 'permission-denied' });
    expect(await callError(town, 'saveMeeting', { ...base, meetingId: m1 })).toMatchObject({ code: 'invalid-argument' });
    expect(await callError(town, 'saveMeeting', { ...base, participants: [{ kind: 'staff', id: 'no-such-uid-000' }] })).toMatchObject({
      code: 'invalid-argument',
      message: expect.stringContaining('参会人员或部门不存在或不在本县'),
    });
    expect(await callError(town, 'saveMeeting', { ...base, signalIds: ['cluster-000000000000000000000000'] })).toMatchObject({
      code: 'not-found',
    });
    // A weekly meeting of the same town: the signal is in the first 研判 already.
    const r = await town.call<{ meetingId: string }>('saveMeeting', {
      ...base,
      requestId: requestId(),
      kind: 'town_weekly',
      title: `第${stamp}周综治例会`,
      participants: [
        { kind: 'staff', id: town.uid },
        { kind: 'staff', id: village.uid },
      ],
    });
    m2 = r.meetingId;
    expect(await callError(town, 'handleSignal', { signalId, action: 'judge', meetingId: m2 })).toMatchObject({
      code: 'failed-precondition',
      message: expect.stringContaining('该信号已纳入其他研判'),
    });
    // Judging into the meeting it is in already: nothing changes.
    expect(await town.call('handleSignal', { signalId, action: 'judge', meetingId: m1 })).toEqual({ signalId, state: 'in_analysis' });
    expect(await callError(town2, 'handleSignal', { signalId, action: 'judge', meetingId: m1 })).toMatchObject({ code: 'not-found' });
  });
});

describe('closeMeeting', () => {
  it('refuses owners outside the area, past dates, a regular meeting without attendance', async () => {
    const base = { requestId: requestId(), meetingId: m1, version: 1, minutes: '研判纪要', present: [] };
    const dec = (owner: { kind: string; id: string }, dueDate = addDays(today, 3)) => ({ text: '约谈商家', owner, dueDate });
    expect(await callError(town, 'closeMeeting', { ...base, decisions: [dec({ kind: 'unit', id: '621126101' })] })).toMatchObject({
      code: 'invalid-argument',
    });
    expect(
      await callError(town, 'closeMeeting', { ...base, decisions: [dec({ kind: 'department', id: '621126-no-such-dept' })] }),
    ).toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('承办部门不存在或不在本县') });
    expect(
      await callError(town, 'closeMeeting', { ...base, decisions: [dec({ kind: 'unit', id: '621126100001' }, addDays(today, -1))] }),
    ).toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('办理期限不能早于今天') });
    expect(await callError(county, 'closeMeeting', { ...base, decisions: [] })).toMatchObject({ code: 'permission-denied' });
    expect(await callError(town, 'closeMeeting', { ...base, meetingId: m2, version: 0, decisions: [] })).toMatchObject({
      code: 'invalid-argument',
      message: expect.stringContaining('请登记出席情况'),
    });
    expect((await meeting(m1)).state).toBe('draft');
  });

  it('records minutes and decisions; each decision a task with its owner alerted; a resend is harmless', async () => {
    const input = {
      requestId: requestId(),
      meetingId: m1,
      version: 1,
      minutes: `研判认为预付卡纠纷有聚集风险，联系人${PHONE}。`,
      decisions: [
        { text: '约谈商家负责人，督促退款', owner: { kind: 'department', id: '621126-police-minyang' }, dueDate: addDays(today, 5) },
        { text: '逐户登记受损村民，做好稳控', owner: { kind: 'unit', id: '621126100001' }, dueDate: today },
      ],
    };
    const r = await town.call<{ closed: boolean; taskIds: string[] }>('closeMeeting', input);
    expect(r.closed).toBe(true);
    expect(r.taskIds).toEqual([`${m1}-01`, `${m1}-02`]);
    [deptTask, villageTask] = r.taskIds as [string, string];
    expect(await town.call('closeMeeting', input)).toEqual({ meetingId: m1, closed: false, taskIds: r.taskIds });
    const m = await meeting(m1);
    expect(m.state).toBe('closed');
    expect(JSON.stringify(m)).not.toContain(PHONE);
    expect(m.decisions.map((d) => d.taskId)).toEqual(r.taskIds);
    const t = await task(deptTask);
    expect(t).toMatchObject({ state: 'open', supervised: false, units: ['621126100', '621126'] });
    expect(await alertIds(deptTask)).toEqual([`mt-${deptTask}-assigned-d621126-police-minyang`]);
    expect(await alertIds(villageTask)).toEqual([`mt-${villageTask}-assigned-u621126100001`]);
    // Closed: no more edits.
    expect(
      await callError(town, 'saveMeeting', {
        requestId: requestId(),
        meetingId: m1,
        version: 2,
        kind: 'topical',
        title: 'x',
        date: today,
        participants: [],
      }),
    ).toMatchObject({ code: 'failed-precondition' });
  });

  it('a weekly meeting records attendance', async () => {
    await town.call('closeMeeting', {
      requestId: requestId(),
      meetingId: m2,
      version: 0,
      minutes: '例会通报本周矛盾纠纷排查情况',
      present: [town.uid],
      decisions: [],
    });
    expect((await meeting(m2)).participants.map((p) => p.present)).toEqual([true, false]);
  });
});

describe('tasks', () => {
  it('the owning department reads and replies once; the issuer and other departments may not', async () => {
    expect((await getDoc(doc(police.db, 'meetingTasks', deptTask))).exists()).toBe(true);
    await expect(getDoc(doc(justice.db, 'meetingTasks', deptTask))).rejects.toThrow();
    await expect(getDoc(doc(village2.db, 'meetingTasks', villageTask))).rejects.toThrow();
    expect(await callError(justice, 'replyMeetingTask', { requestId: requestId(), taskId: deptTask, reply: '已办' })).toMatchObject({
      code: 'not-found',
    });
    expect(await callError(town, 'replyMeetingTask', { requestId: requestId(), taskId: deptTask, reply: '已办' })).toMatchObject({
      code: 'permission-denied',
    });
    const req = { requestId: requestId(), taskId: deptTask, reply: '已约谈商家负责人，承诺一周内退款' };
    expect(await police.call('replyMeetingTask', req)).toEqual({ taskId: deptTask, state: 'replied', late: false });
    expect(await police.call('replyMeetingTask', req)).toEqual({ taskId: deptTask, state: 'replied', late: false });
    expect(await callError(police, 'replyMeetingTask', { ...req, requestId: requestId() })).toMatchObject({
      code: 'failed-precondition',
      message: expect.stringContaining('该任务已答复'),
    });
    expect(await alertIds(deptTask)).toContain(`mt-${deptTask}-replied-u621126100`);
  });

  it('the sweep warns once, breaches once (督办 to the owner, the town and the county); a reply afterwards keeps the 督办 on record', async () => {
    const t0 = await task(villageTask);
    const warnAt = new Date(t0.warnAt.toDate().getTime() + 1000);
    const w = await sweepMeetingTasks(adminDb(), warnAt);
    expect(w.taskWarnings).toBeGreaterThanOrEqual(1);
    expect((await task(villageTask)).warnedAt).not.toBeNull();
    expect(await alertIds(villageTask)).toContain(`mt-${villageTask}-warning-u621126100001`);
    const again = await sweepMeetingTasks(adminDb(), warnAt);
    expect(again.taskWarnings).toBe(0);

    const due = new Date(t0.dueAt.toDate().getTime() + 1000);
    await sweepMeetingTasks(adminDb(), due);
    const b = await task(villageTask);
    expect(b.supervised).toBe(true);
    expect(b.breachedAt).not.toBeNull();
    const ids = await alertIds(villageTask);
    for (const u of ['621126100001', '621126100', '621126']) expect(ids).toContain(`mt-${villageTask}-breach-u${u}`);
    const count = ids.length;
    expect((await sweepMeetingTasks(adminDb(), new Date(due.getTime() + 60_000))).taskBreaches).toBe(0);
    expect(await alertIds(villageTask)).toHaveLength(count);
    // The replied department task never breaches.
    expect((await task(deptTask)).supervised).toBe(false);

    const r = await village.call<{ late: boolean }>('replyMeetingTask', {
      requestId: requestId(),
      taskId: villageTask,
      reply: '已逐户登记',
    });
    // The reply comes before the real limit (the sweep ran ahead in time): recorded on time.
    expect(r.late).toBe(false);
    const done = await task(villageTask);
    expect(done.state).toBe('replied');
    expect(done.supervised).toBe(true); // 督办 stays on the record
  });
});
