// `fengqiao notices list|show` against the emulators: the town sends two notices to the justice
// office (one with short limits, one the office signs); the CLI lists them for the office with
// their state and limits, filters by state and by what is overdue as of a later moment, and shows
// one in full by ID and by its number; a list without --county is refused.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, closeAdmin, requestId, signInAs } from '../helpers/emulator';

const C = '621126';
const DEPT = '621126-justice-minyang';
const TOWN = '621126100';
let town: Client, justice: Client;
type Issued = { noticeId: string; number: string };
let short: Issued, signed: Issued;
const stamp = String(Date.now()).slice(-6);
const cli = (...args: string[]) => spawnSync('node', ['bin/fengqiao.mjs', 'notices', ...args], { encoding: 'utf8' });
type Row = { id: string; number: string; state: string; recipient: string; issuer: string; overdue: string[]; signedAt: string | null };

beforeAll(async () => {
  [town, justice] = await Promise.all(['town', 'justice'].map(signInAs));
  const issue = (risk: string, limitDays: number, signHours: number) =>
    town.call<Issued>('issueNotice', {
      requestId: requestId(),
      recipient: { kind: 'department', id: DEPT },
      risk,
      measures: '组织调解，及时反馈',
      limitDays,
      signHours,
    });
  short = await issue(`宅基地纠纷激化风险${stamp}`, 1, 2);
  signed = await issue(`婚姻家庭纠纷风险${stamp}`, 10, 24);
  await justice.call('noticeAction', { noticeId: signed.noticeId, action: 'sign' });
}, 120_000);
afterAll(closeAdmin);

describe('fengqiao notices', () => {
  it("lists the office's notices with state and limits; --state and --overdue filter", () => {
    const all = cli('list', '--county', C, '--unit', DEPT, '--json');
    expect(all.status, all.stderr).toBe(0);
    const rows = JSON.parse(all.stdout) as Row[];
    const a = rows.find((r) => r.id === short.noticeId)!;
    const b = rows.find((r) => r.id === signed.noticeId)!;
    expect(a).toMatchObject({ number: short.number, state: 'issued', recipient: '岷阳司法所', issuer: '岷阳镇综治中心', overdue: [] });
    expect(b).toMatchObject({ number: signed.number, state: 'signed' });
    expect(b.signedAt).not.toBeNull();
    expect(rows.every((r) => r.recipient === '岷阳司法所' || r.issuer.startsWith('岷阳司法所'))).toBe(true);

    const s = JSON.parse(cli('list', '--county', C, '--unit', DEPT, '--state', 'signed', '--json').stdout) as Row[];
    expect(s.map((r) => r.id)).toContain(signed.noticeId);
    expect(s.map((r) => r.id)).not.toContain(short.noticeId);

    // Three days on, the short one has run out of both limits; the signed one has not.
    const later = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const late = JSON.parse(cli('list', '--county', C, '--unit', DEPT, '--overdue', '--at', later, '--json').stdout) as Row[];
    expect(late.find((r) => r.id === short.noticeId)?.overdue).toEqual(['签收逾期', '反馈逾期']);
    expect(late.map((r) => r.id)).not.toContain(signed.noticeId);
    expect(JSON.parse(cli('list', '--county', C, '--unit', DEPT, '--overdue', '--json').stdout).map((r: Row) => r.id)).not.toContain(
      short.noticeId,
    );

    // The plain listing: one line each, with the number and the limits.
    const text = cli('list', '--county', C, '--unit', DEPT);
    const line = text.stdout.split('\n').find((l) => l.includes(short.noticeId))!;
    expect(line).toContain(`${short.number}  岷阳镇综治中心  → 岷阳司法所  待签收  签收时限 `);
  });

  it('shows one notice in full, by ID and by number; refuses a list without --county', () => {
    const byId = cli('show', short.noticeId);
    expect(byId.status, byId.stderr).toBe(0);
    expect(byId.stdout).toContain(`预警提示单 ${short.number}（待签收）`);
    expect(byId.stdout).toContain(`风险描述：宅基地纠纷激化风险${stamp}`);
    expect(byId.stdout).toContain('签收：未签收');
    expect(byId.stdout).toMatch(/发出 {2}张伟/);

    const byNumber = JSON.parse(cli('show', signed.number, '--county', C, '--unit', TOWN, '--json').stdout) as {
      id: string;
      signedBy: string;
      history: { action: string }[];
    };
    expect(byNumber.id).toBe(signed.noticeId);
    expect(byNumber.signedBy).toContain('马丽');
    expect(byNumber.history.map((h) => h.action)).toEqual(['issue', 'sign']);

    const bad = cli('list');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--county is required');
    expect(cli('show', '〔2026〕999999号', '--county', C, '--unit', TOWN).status).toBe(1);
  });
});
