// 督办 alerts say who supervised at which level (issue 16): 市级督办 when the case's city did,
// plain 督办 when the county or the deadline sweep did; the robot's message carries the same
// words, and neither holds the parties' personal data.
import { describe, expect, it } from 'vitest';
import { type CaseEvent, alertsForEvent, supervisionLabel, webhookPayload } from '../../functions/src/domain';
import { countyStaff, reported } from '../helpers/cases';

const at = new Date('2026-11-02T02:00:00Z');
const c = {
  ...reported({ title: '张三与李四征地补偿纠纷 电话13812345678', category: 'expropriation' }, countyStaff),
  id: '621126-sUp3rv1s3d0k',
  tier: 'county' as const,
  unitId: '621126',
  leaderUid: 'leader-1',
};
const supervise = (unitId: string, role: string): CaseEvent =>
  ({
    seq: 4,
    scope: { countyId: c.countyId, townId: c.townId, villageId: c.villageId, gridId: c.gridId },
    at,
    actor: { uid: `u-${unitId}`, role, unitId, name: '王市长' },
    from: { state: 'accepted', tier: 'county' },
    to: { state: 'accepted', tier: 'county' },
    reason: '群众多次反映，请县里限期办结',
    action: 'supervise',
    data: { overdue: false },
  }) as unknown as CaseEvent;

describe('督办 alerts name the level that supervised', () => {
  it('the level from the unit: a city, a province, a county or the sweep', () => {
    expect(supervisionLabel('6211')).toBe('市级督办');
    expect(supervisionLabel('62')).toBe('省级督办');
    expect(supervisionLabel('621126')).toBe('督办');
    expect(supervisionLabel('system')).toBe('督办');
  });

  it("the city's 督办 says 市级督办 to the county and to the leader in charge, without personal data", () => {
    const alerts = alertsForEvent(c, supervise('6211', 'leader'));
    expect(alerts.map((a) => [a.recipientUnit ?? a.recipientUid, a.title])).toEqual([
      ['621126', '【征地拆迁】案件已转市级督办'],
      ['leader-1', '【征地拆迁】您包案的案件已转市级督办'],
    ]);
    for (const a of alerts) {
      expect(a.body).toMatch(/^(您包案的)?案件已转市级督办：“.+”（编号 sUp3rv1s3d0k）$/);
      for (const secret of ['13812345678', '王市长', 'u-6211']) expect(JSON.stringify(a)).not.toContain(secret);
      // The group robots' messages carry the same words.
      for (const kind of ['wecom', 'dingtalk'] as const) {
        const text = JSON.stringify(webhookPayload(kind, a));
        expect(text).toContain('市级督办');
        expect(text).not.toContain('13812345678');
      }
    }
  });

  it("the county's own 督办 and the sweep's stay plain 督办", () => {
    expect(alertsForEvent(c, supervise('621126', 'county_staff'))[0]!.title).toBe('【征地拆迁】案件已转督办');
    expect(alertsForEvent(c, supervise('system', 'system'))[0]!.title).toBe('【征地拆迁】案件已转督办');
  });
});
