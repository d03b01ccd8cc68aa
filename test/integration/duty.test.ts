// (Uses 蒲麻镇, whose roster the seed leaves alone, so the browser tests keep 岷阳镇's published month.)
// Leaders' petition-reception duty through the emulators: publishing, leave as an override, the
// day-before reminder, walk-ins landing on the right leader (weekday, weekend, holiday, 调休
// Saturday, before the handoff), instructions (批示交办) and replies, the .ics feed, linkage visits.
import { doc, getDoc } from 'firebase/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearConfigCache } from '../../functions/src/lib/config';
import { loadEffectiveDays, rosterTick } from '../../functions/src/lib/roster-service';
import {
  type Client,
  FUNCTIONS_ORIGIN,
  PROJECT_ID,
  REGION,
  adminDb,
  callError,
  closeAdmin,
  requestId,
  signInAs,
  signInWith,
} from '../helpers/emulator';

const T = '621126101'; // 蒲麻镇
let admin: Client, town: Client, townLeader: Client, countyLeader: Client, village: Client, police: Client, resident: Client;
let leaders: { uid: string; name: string; title: string }[] = [];
let dutyLeaders: { uid: string; name: string; title: string }[] = [];

beforeAll(async () => {
  clearConfigCache();
  [admin, town, townLeader, countyLeader, village, police, resident] = await Promise.all(
    ['admin', 'town2', 'town-leader', 'county-leader', 'village', 'police', 'resident'].map(signInAs),
  );
  const mk = async (name: string, title: string) => {
    const email = `leader${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}@test.fengqiao.cn`;
    const { uid } = await admin.call<{ uid: string }>('upsertUser', {
      email,
      password: 'Passw0rd!x',
      displayName: name,
      title,
      role: 'leader',
      scopeId: T,
    });
    return { uid, name, title, email };
  };
  const [b, c, d, e] = await Promise.all([
    mk('王副镇长', '副镇长'),
    mk('李副书记', '党委副书记'),
    mk('赵武装部长', '武装部长'),
    mk('钱人大主席', '人大主席'),
  ]);
  leaders = [{ uid: townLeader.uid, name: '刘芳', title: '镇党委书记' }, b!, c!];
  dutyLeaders = [d!, e!];
  // A fresh roster for the town (earlier runs' versions are cleared so publishing is deterministic).
  for (const sub of ['versions', 'changes'])
    for (const x of (await adminDb().collection(`rosters/${T}/${sub}`).get()).docs) await x.ref.delete();
  await admin.call('saveRoster', {
    unitId: T,
    countyId: '621126',
    unitName: '蒲麻镇',
    handoff: '08:30',
    weekday: leaders.map((l) => ({ uid: l.uid, name: l.name, title: l.title, neverWeekdays: [] })),
    duty: dutyLeaders.map((l) => ({ uid: l.uid, name: l.name, title: l.title, neverWeekdays: [] })),
  });
});
afterAll(closeAdmin);

describe('publishing', () => {
  it('publishes an immutable version; an overlapping period is refused', async () => {
    expect(await admin.call('publishRoster', { unitId: T, from: '2026-09-14', to: '2026-10-14' })).toMatchObject({ days: 31 });
    expect((await callError(admin, 'publishRoster', { unitId: T, from: '2026-10-01', to: '2026-10-31' })).code).toBe('failed-precondition');
    expect((await callError(town, 'publishRoster', { unitId: T, from: '2026-11-01', to: '2026-11-30' })).code).toBe('permission-denied');
    // The town's staff read the published roster (rules), the resident does not.
    await expect(getDoc(doc(town.db, `rosters/${T}/versions/2026-09-14`))).resolves.toBeTruthy();
    await expect(getDoc(doc(resident.db, `rosters/${T}/versions/2026-09-14`))).rejects.toMatchObject({ code: 'permission-denied' });
  });
});

describe('walk-in petitions land on the leader on duty', () => {
  const walkIn = (receivedAt: string) =>
    town.call<{ caseId: string; receivedBy: { uid: string; dutyDate: string } }>('recordWalkIn', {
      requestId: requestId(),
      unitId: T,
      receivedAt,
      gridId: '621126101001001',
      category: 'labour',
      title: '欠薪来访',
      description: '12名工人集体来访反映欠薪',
      petitioners: [{ role: 'applicant', name: '孙来访', phone: '13511112222', idNumber: null, address: null }],
      groupSize: 3,
    });
  const expected = async (date: string) => (await loadEffectiveDays(adminDb(), T, date, date))[0]!;

  it.each([
    ['a weekday (Tue 15 Sep)', '2026-09-15T10:00:00+08:00', '2026-09-15', 'weekday'],
    ['a weekend (Sat 19 Sep)', '2026-09-19T10:00:00+08:00', '2026-09-19', 'duty'],
    ['a holiday (国庆, 2 Oct)', '2026-10-02T10:00:00+08:00', '2026-10-02', 'duty'],
    ['a 调休 Saturday (10 Oct)', '2026-10-10T10:00:00+08:00', '2026-10-10', 'weekday'],
    ['before the handoff (10 Oct 07:00 → 9 Oct)', '2026-10-10T07:00:00+08:00', '2026-10-09', 'weekday'],
  ])('%s', async (_, at, dutyDate, kind) => {
    const e = await expected(dutyDate);
    expect(e.kind).toBe(kind);
    const res = await walkIn(at);
    expect(res.receivedBy).toMatchObject({ uid: e.uid, dutyDate });
    const c = (await adminDb().doc(`cases/${res.caseId}`).get()).data()!;
    expect(c).toMatchObject({
      source: 'walk_in',
      tier: 'town',
      townId: T,
      petition: { channel: 'walk_in', receivedBy: { uid: e.uid, dutyDate } },
    });
    expect(c.createdAt.toDate().toISOString()).toBe(new Date(at).toISOString());
    // The statutory 信访 clocks run: 15 days to decide on acceptance.
    expect(c.clocks.map((k: { kind: string }) => k.kind)).toContain('petition_accept');
  });

  it('a resend with the same requestId (the offline outbox after a lost answer) finds the same case: created once', async () => {
    const body = {
      requestId: requestId(),
      unitId: T,
      receivedAt: '2026-09-15T11:00:00+08:00',
      gridId: '621126101001001',
      category: 'labour',
      title: '重发来访',
      description: '网络中断后重发的来访登记',
      petitioners: [{ role: 'applicant', name: '钱重发', phone: null, idNumber: null, address: null }],
    };
    const a = await town.call<{ caseId: string; created: boolean }>('recordWalkIn', body);
    const b = await town.call<{ caseId: string; created: boolean }>('recordWalkIn', body);
    expect(a.created).toBe(true);
    expect(b).toMatchObject({ caseId: a.caseId, created: false });
    const same = await adminDb().collection('cases').where('title', '==', '重发来访').get();
    expect(same.docs.map((d) => d.id)).toEqual([a.caseId]);
  });

  it('registers a walk-in no published roster covers (无值班领导) and alerts the staff and administrators, once', async () => {
    const input = {
      requestId: requestId(),
      unitId: T,
      receivedAt: '2026-08-01T10:00:00+08:00',
      gridId: '621126101001001',
      category: 'labour',
      title: '无值班来访',
      description: '来访登记测试：当时没有值班表',
      petitioners: [{ role: 'applicant', name: '甲某某', phone: null, idNumber: null, address: null }],
    };
    const res = await town.call<{ caseId: string; created: boolean; receivedBy: unknown; noDutyLeader: boolean }>('recordWalkIn', input);
    expect(res).toMatchObject({ created: true, receivedBy: null, noDutyLeader: true });
    const c = (await adminDb().doc(`cases/${res.caseId}`).get()).data()!;
    expect(c.petition).toMatchObject({ channel: 'walk_in', receivedBy: null, noDutyLeader: true });
    expect(c.clocks.map((k: { kind: string }) => k.kind)).toContain('petition_accept');
    const alerts = async () =>
      (await adminDb().collection('alerts').where('caseId', '==', res.caseId).where('kind', '==', 'no_duty_leader').get()).docs;
    const first = await alerts();
    expect(first.find((d) => d.get('recipientUnit') === T)?.get('severity')).toBe('critical');
    expect(first.some((d) => d.get('recipientUid') === admin.uid)).toBe(true);
    expect(first.every((d) => !String(d.get('body')).includes('甲某某'))).toBe(true);
    // A resend (same requestId) neither makes a second case nor repeats the alerts.
    expect(await town.call('recordWalkIn', input)).toMatchObject({ caseId: res.caseId, created: false });
    expect((await alerts()).length).toBe(first.length);
  });

  it('refuses staff of another unit', async () => {
    expect(
      (
        await callError(village, 'recordWalkIn', {
          requestId: requestId(),
          unitId: T,
          gridId: '621126100001001',
          category: 'labour',
          title: '来访',
          description: '来访登记测试',
          petitioners: [{ role: 'applicant', name: '甲', phone: null, idNumber: null, address: null }],
        })
      ).code,
    ).toBe('permission-denied');
  });
});

describe('instructions (批示交办) and replies', () => {
  it('the receiving leader instructs; each unit replies to the leader and the petitioner; the loop closes', async () => {
    const at = '2026-09-16T10:00:00+08:00';
    const e = (await loadEffectiveDays(adminDb(), T, '2026-09-16', '2026-09-16'))[0]!;
    const { caseId } = await town.call<{ caseId: string }>('recordWalkIn', {
      requestId: requestId(),
      unitId: T,
      receivedAt: at,
      gridId: '621126101001001',
      category: 'neighbour',
      title: '宅基地来访',
      description: '反映邻居占用宅基地',
      petitioners: [{ role: 'applicant', name: '周来访', phone: null, idNumber: null, address: null }],
    });
    const receiver =
      e.uid === townLeader.uid
        ? townLeader
        : await signInWith(leaders.find((l) => l.uid === e.uid)!['email' as never] as string, 'Passw0rd!x');
    const v = async () => (await adminDb().doc(`cases/${caseId}`).get()).get('version') as number;
    // Someone else (not the receiver, not in charge; here with no relation to the town case at all) may not instruct.
    expect(
      (
        await callError(countyLeader, 'caseAction', {
          caseId,
          expectedVersion: await v(),
          command: { action: 'instruct', instruction: 'x', assignments: [{ unitId: '621126100001', dueDate: '2026-12-31' }] },
        })
      ).code,
    ).toBe('not-found');
    await receiver.call('caseAction', {
      caseId,
      expectedVersion: await v(),
      command: {
        action: 'instruct',
        instruction: '请城郊村和派出所联合核实，7日内答复',
        assignments: [
          { unitId: '621126100001', dueDate: '2026-12-31' },
          { unitId: '621126-police-minyang', dueDate: '2026-12-31' },
        ],
      },
    });
    let c = (await adminDb().doc(`cases/${caseId}`).get()).data()!;
    expect(c.supervised).toBe(true);
    expect(c.supervisions.map((s: { assigneeUnit: string; state: string }) => [s.assigneeUnit, s.state])).toEqual([
      ['621126100001', 'open'],
      ['621126-police-minyang', 'open'],
    ]);
    expect(c.clocks.filter((k: { kind: string; state: string }) => k.kind === 'supervision' && k.state === 'running')).toHaveLength(2);
    const [s1, s2] = c.supervisions;
    // A reply needs the answer to the petitioner; the assignee replies, others may not.
    expect(
      (
        await callError(village, 'caseAction', {
          caseId,
          expectedVersion: await v(),
          command: { action: 'reply_supervision', supervisionId: s1.id, reply: '已核实' },
        })
      ).code,
    ).toBe('invalid-argument');
    expect(
      (
        await callError(police, 'caseAction', {
          caseId,
          expectedVersion: await v(),
          command: { action: 'reply_supervision', supervisionId: s1.id, reply: '已核实', petitionerReply: '已告知' },
        })
      ).code,
    ).toBe('permission-denied');
    await village.call('caseAction', {
      caseId,
      expectedVersion: await v(),
      command: {
        action: 'reply_supervision',
        supervisionId: s1.id,
        reply: '已现场核实，系界址误会',
        petitionerReply: '已当面向信访人说明核实结果',
      },
    });
    await police.call('caseAction', {
      caseId,
      expectedVersion: await v(),
      command: { action: 'reply_supervision', supervisionId: s2.id, reply: '未发现违法情形', petitionerReply: '已电话告知' },
    });
    c = (await adminDb().doc(`cases/${caseId}`).get()).data()!;
    expect(c.supervisions.map((s: { state: string }) => s.state)).toEqual(['replied', 'replied']);
    expect(
      c.clocks.filter((k: { kind: string; state: string }) => k.kind === 'supervision').map((k: { state: string }) => k.state),
    ).toEqual(['met', 'met']);
    const events = (await adminDb().collection(`cases/${caseId}/events`).orderBy('seq').get()).docs.map((d) => d.get('action'));
    expect(events).toEqual(['report', 'instruct', 'reply_supervision', 'reply_supervision']);
  });
});

describe('leave, swaps and the reminder', () => {
  it('a leader requests leave for themselves; approval changes only what it must', async () => {
    await admin.call('publishRoster', { unitId: T, from: '2026-12-01', to: '2026-12-31' });
    const before = await loadEffectiveDays(adminDb(), T, '2026-12-01', '2026-12-31');
    const mine = before.filter((a) => a.uid === townLeader.uid);
    const day = mine[1]!.date;
    expect((await callError(countyLeader, 'requestRosterChange', { unitId: T, kind: 'leave', dates: [day], reason: '出差' })).code).toBe(
      'permission-denied',
    );
    expect((await callError(town, 'requestRosterChange', { unitId: T, kind: 'leave', dates: [day], reason: '出差' })).code).toBe(
      'permission-denied',
    );
    const { changeId } = await townLeader.call<{ changeId: string }>('requestRosterChange', {
      unitId: T,
      kind: 'leave',
      dates: [day],
      reason: '赴省里参加培训',
    });
    expect((await callError(townLeader, 'decideRosterChange', { unitId: T, changeId, approve: true })).code).toBe('permission-denied');
    const { effect } = await admin.call<{ effect: { date: string; fromUid: string; toUid: string }[] }>('decideRosterChange', {
      unitId: T,
      changeId,
      approve: true,
    });
    const after = await loadEffectiveDays(adminDb(), T, '2026-12-01', '2026-12-31');
    const changed = after.filter((a, i) => a.uid !== before[i]!.uid).map((a) => a.date);
    expect(changed).toContain(day);
    expect(changed.length).toBeLessThanOrEqual(2);
    expect(after.find((a) => a.date === day)!.uid).not.toBe(townLeader.uid);
    expect(effect.map((x) => x.date).sort()).toEqual(changed.sort());
    expect((await callError(admin, 'decideRosterChange', { unitId: T, changeId, approve: true })).code).toBe('failed-precondition');
  });

  it("reminds tomorrow's leader the day before, once", async () => {
    const tomorrow = (await loadEffectiveDays(adminDb(), T, '2026-12-02', '2026-12-02'))[0]!;
    const r1 = await rosterTick(adminDb(), new Date('2026-12-01T17:00:00+08:00'));
    const id = `duty-${T}-2026-12-02-${tomorrow.uid}`;
    expect(r1.reminded).toContain(id);
    const alert = (await adminDb().doc(`alerts/${id}`).get()).data()!;
    expect(alert).toMatchObject({ kind: 'duty_reminder', recipientUid: tomorrow.uid });
    const r2 = await rosterTick(adminDb(), new Date('2026-12-01T17:05:00+08:00'));
    expect(r2.reminded).not.toContain(id);
    // Ticking "in December" moved every public view's window; tick at the real now to put them back.
    await rosterTick(adminDb(), new Date());
  });

  it('serves the public view and the .ics feed with names and titles only', async () => {
    const pub = await getDoc(doc(resident.db, `publicDuty/${T}`));
    expect(pub.get('unitName')).toBe('蒲麻镇');
    expect(Object.keys(pub.get('days')[0]).sort()).toEqual(['date', 'holiday', 'kind', 'name', 'title']);
    const res = await fetch(`${FUNCTIONS_ORIGIN}/${PROJECT_ID}/${REGION}/rosterIcs?unit=${T}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/calendar');
    const ics = await res.text();
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics).not.toMatch(/@test\.fengqiao|uid:[A-Za-z0-9]{20,}/i);
    expect((await fetch(`${FUNCTIONS_ORIGIN}/${PROJECT_ID}/${REGION}/rosterIcs?unit=x`)).status).toBe(400);
  });
});

describe('linkage (挂点) and Tuesday visits', () => {
  it('logs a visit to a linked village and opens a case from it; other villages are refused', async () => {
    await admin.call('saveLinkage', {
      leaderUid: townLeader.uid,
      leaderName: '刘芳',
      countyId: '621126',
      townId: '621126100',
      villageIds: ['621126100001', '621126100002'],
      visitWeekday: 2,
    });
    const res = await townLeader.call<{ visitId: string; caseId: string }>('logVisit', {
      requestId: requestId(),
      villageId: '621126100001',
      date: '2026-11-17',
      found: '走访发现两户因灌溉用水发生争执',
      openCase: {
        gridId: '621126100001002',
        category: 'neighbour',
        title: '灌溉用水纠纷',
        description: '两户因灌溉用水顺序发生争执',
        parties: [{ role: 'applicant', name: '吴某', phone: null, idNumber: null, address: null }],
      },
    });
    expect((await adminDb().doc(`cases/${res.caseId}`).get()).data()).toMatchObject({ source: 'leader_visit', townId: '621126100' });
    expect((await adminDb().doc(`visits/${res.visitId}`).get()).data()).toMatchObject({ villageId: '621126100001', caseId: res.caseId });
    expect(
      (await callError(townLeader, 'logVisit', { requestId: requestId(), villageId: '621126100003', date: '2026-11-17', found: '走访' }))
        .code,
    ).toBe('permission-denied');
  });
});
