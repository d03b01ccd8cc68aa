// The staff directory entry, the password-reset guard and the texts people read (pure).
import { describe, expect, it } from 'vitest';
import {
  type CaseEvent,
  GuardError,
  ROLES,
  ROLE_LABELS,
  type UserDoc,
  alertsForClock,
  alertsForEvent,
  caseAlertBody,
  caseNo,
  caseTitleForAlert,
  exportFileName,
  guardPasswordReset,
  sameStaffEntry,
  staffEntry,
  staffLabel,
} from '../../functions/src/domain';
import { reported, townStaff } from '../helpers/cases';

const at = new Date('2026-11-02T02:00:00Z');
const profile = (p: Partial<UserDoc> = {}): UserDoc => ({
  uid: 'u1',
  displayName: '张伟',
  email: 'zw@example.cn',
  phone: '13912345678',
  title: '岷阳镇综治中心主任',
  role: 'town_staff',
  scopeId: '621126100',
  active: true,
  countyId: '621126',
  updatedAt: at,
  updatedBy: 'cli',
  ...p,
});

describe('staff directory entry', () => {
  it('carries name, title, role with its Chinese label and unit name — never the phone or e-mail', () => {
    const e = staffEntry(profile(), '岷阳镇', at)!;
    expect(e).toEqual({
      uid: 'u1',
      displayName: '张伟',
      title: '岷阳镇综治中心主任',
      role: 'town_staff',
      roleLabel: '乡镇综治中心',
      unitId: '621126100',
      unitName: '岷阳镇',
      countyId: '621126',
      active: true,
      updatedAt: at,
    });
    expect(JSON.stringify(e)).not.toContain('13912345678');
    expect(JSON.stringify(e)).not.toContain('zw@example.cn');
  });
  it('keeps a disabled user (history still names them) and lists no residents', () => {
    expect(staffEntry(profile({ active: false }), '岷阳镇', at)?.active).toBe(false);
    expect(staffEntry(profile({ role: 'resident', scopeId: '621126' }), '岷县', at)).toBeNull();
  });
  it('says so when the unit has no name, instead of showing its code', () => {
    expect(staffEntry(profile(), null, at)!.unitName).toBe('（单位未登记）');
  });
  it('labels every role in Chinese', () => {
    for (const r of ROLES) expect(ROLE_LABELS[r]).toMatch(/[\u4e00-\u9fa5]/);
  });
  it('compares entries without the time written (a replayed sync writes nothing)', () => {
    const a = staffEntry(profile(), '岷阳镇', at)!;
    expect(sameStaffEntry(a, { ...a, updatedAt: new Date() })).toBe(true);
    expect(sameStaffEntry(a, { ...a, displayName: '张伟伟' })).toBe(false);
    expect(sameStaffEntry(a, null)).toBe(false);
    expect(sameStaffEntry(null, null)).toBe(true);
  });
  it('shows a person as name · title · unit', () => {
    expect(staffLabel({ displayName: '张伟', title: '主任', unitName: '岷阳镇' })).toBe('张伟 · 主任 · 岷阳镇');
    expect(staffLabel({ displayName: '张伟', title: null, unitName: '岷阳镇' })).toBe('张伟 · 岷阳镇');
  });
});

describe('who may reset a password', () => {
  const admin = { r: 'admin' as const, u: '621126', c: '621126' };
  const target = { uid: 'u1', role: 'town_staff' as const, countyId: '621126' };
  const refused = (f: () => void, code: string, message: string) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(GuardError);
      expect((e as GuardError).code).toBe(code);
      expect((e as GuardError).userMessage).toBe(message);
      return;
    }
    throw new Error('not refused');
  };
  it('an administrator, for staff of their county', () => {
    expect(() => guardPasswordReset(admin, 'a1', target)).not.toThrow();
  });
  it('nobody else, nobody outside the county, not their own, not a resident', () => {
    refused(() => guardPasswordReset(townStaff, 'a1', target), 'permission-denied', '只有管理员可以重置密码');
    refused(
      () => guardPasswordReset(admin, 'a1', { ...target, countyId: '620102' }),
      'permission-denied',
      '只能管理本县（区）范围内的用户',
    );
    refused(() => guardPasswordReset(admin, 'u1', target), 'failed-precondition', '不能重置自己的密码');
    refused(
      () => guardPasswordReset(admin, 'a1', { ...target, role: 'resident' }),
      'permission-denied',
      '群众账号的密码由本人找回，管理员不能重置',
    );
    refused(() => guardPasswordReset(admin, 'a1', null), 'not-found', '用户不存在');
  });
});

describe('alert texts name the case by title and number', () => {
  const c = { ...reported({ title: '张三与李四排水沟纠纷 电话13812345678' }), id: '621126-sdAy5c7Q5f3q' };
  const escalate = {
    seq: 3,
    scope: { countyId: c.countyId, townId: c.townId, villageId: c.villageId, gridId: c.gridId },
    at,
    actor: { uid: 'u-v', role: 'village_staff', unitId: c.villageId, name: '杨军' },
    from: { state: 'accepted', tier: 'village' },
    to: { state: 'reported', tier: 'town' },
    reason: '需镇里协调',
    action: 'escalate',
    data: {},
  } as unknown as CaseEvent;

  it('the short case number is the ID without its county prefix', () => {
    expect(caseNo('621126-sdAy5c7Q5f3q')).toBe('sdAy5c7Q5f3q');
    expect(caseNo('other')).toBe('other');
  });
  it('the body quotes the masked title and the number, never the raw ID or a phone', () => {
    const [a] = alertsForEvent({ ...c, unitId: c.townId }, escalate);
    expect(a!.title).toBe('【邻里】下级上报案件待受理');
    expect(a!.body).toMatch(/^下级上报案件待受理：“.+”（编号 sdAy5c7Q5f3q）$/);
    expect(a!.body).not.toContain('621126-sdAy5c7Q5f3q');
    expect(a!.body).not.toContain('13812345678');
    expect(a!.body).toContain('排水沟纠纷');
  });
  it('clock alerts read the same way', () => {
    const [a] = alertsForClock(c, { id: 'k1', kind: 'tier', subject: 'village', dueAt: at }, 'breach', at);
    expect(a!.body).toContain('（编号 sdAy5c7Q5f3q）');
    expect(a!.body).not.toContain('621126-');
  });
  it('long titles are cut short', () => {
    const t = caseTitleForAlert('一'.repeat(40));
    expect([...t]).toHaveLength(24);
    expect(t.endsWith('…')).toBe(true);
    expect(caseAlertBody({ id: '621126-x1', title: '短标题' }, '案件已转督办')).toBe('案件已转督办：“短标题”（编号 x1）');
  });
});

describe('export file names', () => {
  it('name the unit, not its code', () => {
    expect(exportFileName('台账', '岷阳镇', '621126100', ['2026-11-01', '2026-11-30'], 'xlsx')).toBe(
      '台账_岷阳镇_2026-11-01_2026-11-30.xlsx',
    );
    expect(exportFileName('月报', '城郊村', '621126100001', ['2026-11'], 'xlsx')).toBe('月报_城郊村_2026-11.xlsx');
  });
  it('fall back to the code only without a name, and never carry path characters', () => {
    expect(exportFileName('月报', null, '621126100', ['2026-11'], 'xlsx')).toBe('月报_621126100_2026-11.xlsx');
    expect(exportFileName('台账', 'a/b:c', '621126100', ['x'], 'csv')).toBe('台账_a-b-c_x.csv');
  });
});
