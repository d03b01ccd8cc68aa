// exportMeetings against the emulators: the town holds a 综治例会 (a staff member and a department,
// attendance, a decision for a village) and the CSV of its year lists it — kind, participants by
// name, title and unit, attendance, agenda, minutes, the decision with owner, limit and its task's
// state — and never an account ID; a meeting dated another year is left out; the county's export
// holds only the county's own meetings; villages and grid workers are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../functions/src/domain';
import { type Client, callError, closeAdmin, requestId, signInAs } from '../helpers/emulator';

let town: Client, county: Client, village: Client, grid: Client;
const stamp = String(Date.now()).slice(-6);
const today = localDate(new Date());
const year = Number(today.slice(0, 4));
const TITLE = `第${stamp}次综治例会`;
const OLD = `上年度例会${stamp}`;
type Exported = { filename: string; mimeType: string; base64: string; rows: number };
const csvOf = (f: Exported) => Buffer.from(f.base64, 'base64').toString('utf8');

beforeAll(async () => {
  [town, county, village, grid] = await Promise.all(['town', 'county', 'village', 'grid'].map(signInAs));
  const m = await town.call<{ meetingId: string; version: number }>('saveMeeting', {
    requestId: requestId(),
    kind: 'town_weekly',
    title: TITLE,
    date: today,
    participants: [
      { kind: 'staff', id: town.uid },
      { kind: 'staff', id: village.uid },
      { kind: 'department', id: '621126-police-minyang' },
    ],
  });
  await town.call('closeMeeting', {
    requestId: requestId(),
    meetingId: m.meetingId,
    version: m.version,
    minutes: `例会通报本周矛盾纠纷排查情况${stamp}，电话13912345678的反映人已回访。`,
    present: [town.uid, '621126-police-minyang'],
    decisions: [{ text: `城郊村牵头调处土地边界纠纷${stamp}`, owner: { kind: 'unit', id: '621126100001' }, dueDate: addDays(today, 5) }],
  });
  await town.call('saveMeeting', {
    requestId: requestId(),
    kind: 'topical',
    title: OLD,
    date: `${year - 1}-12-30`,
    participants: [{ kind: 'staff', id: town.uid }],
  });
}, 120_000);
afterAll(closeAdmin);

describe('exportMeetings', () => {
  it("the town's year as CSV: kind, participants, attendance, minutes, decision with owner, limit and state", async () => {
    const f = await town.call<Exported>('exportMeetings', { year });
    expect(f.filename).toBe(`研判会议记录_岷阳镇_${year}.csv`);
    expect(f.mimeType).toBe('text/csv;charset=utf-8');
    const csv = csvOf(f);
    // A BOM first, so spreadsheet programs read UTF-8.
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [head, ...rest] = csv.slice(1).split('\r\n');
    expect(head).toBe(
      '日期,会议类型,会议名称,召开单位,状态,参会人员,出席情况,议题,纳入研判的风险信号,会议纪要,决定事项,交办任务办理情况,记录人',
    );
    expect(f.rows).toBeGreaterThanOrEqual(1);
    // Rows end in CRLF; the lists inside a cell break with LF.
    const row = rest.find((r) => r.includes(TITLE))!;
    expect(row.startsWith(`${today},综治例会,${TITLE},岷阳镇,已结束,`)).toBe(true);
    expect(row).toContain('综治例会');
    expect(row).toContain('张伟 · 岷阳镇综治中心主任 · 岷阳镇');
    expect(row).toContain('岷阳派出所');
    expect(row).toContain('出席2人，缺席1人（杨军）');
    expect(row).toContain(`城郊村牵头调处土地边界纠纷${stamp}（承办：城郊村；期限：${addDays(today, 5)}）`);
    expect(row).toContain('城郊村：办理中');
    // The minutes as every reader sees them (masked), and no account ID anywhere.
    expect(csv).not.toContain('13912345678');
    expect(csv).not.toContain(town.uid);
    expect(csv).not.toContain(village.uid);
    // Another year's meeting is not in this year's file, but in its own.
    expect(csv).not.toContain(OLD);
    expect(csvOf(await town.call<Exported>('exportMeetings', { year: year - 1 }))).toContain(OLD);
  });

  it("the county's file holds the county's own meetings only; villages and grid workers are refused", async () => {
    const f = await county.call<Exported>('exportMeetings', { year });
    expect(f.filename).toBe(`研判会议记录_岷县_${year}.csv`);
    expect(csvOf(f)).not.toContain(TITLE);
    expect(await callError(village, 'exportMeetings', { year })).toMatchObject({
      code: 'permission-denied',
      message: expect.stringContaining('只有乡镇、县综治中心工作人员和领导可以导出会议记录'),
    });
    expect((await callError(grid, 'exportMeetings', { year })).code).toBe('permission-denied');
    expect((await callError(town, 'exportMeetings', { year: 1999 })).code).toBe('invalid-argument');
  });
});
