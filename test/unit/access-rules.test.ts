// Who may do what besides reading cases (domain/access.ts): the functions and the console call
// these same rules, so they are pinned here role by role.
import { describe, expect, it } from 'vitest';
import {
  type Claims,
  ROLES,
  effectiveDays,
  hasCaseBoard,
  mayBeAssigned,
  mayLogVisit,
  mayManageRoster,
  mayPublishTypicalCase,
  mayRecordWalkIn,
  mayReportForUnit,
  mayRequestRosterChange,
  publishedDays,
  seesOwnUnit,
  seesUnit,
} from '../../functions/src/domain';

const TOWN = '621126100';
const unitOf: Record<Claims['r'], string> = {
  grid_worker: `${TOWN}001001`,
  village_staff: `${TOWN}001`,
  town_staff: TOWN,
  county_staff: '621126',
  leader: TOWN,
  mediator: TOWN,
  department_officer: '621126',
  resident: '621126',
  admin: '621126',
  city_staff: '6211',
  province_staff: '62',
} as Record<Claims['r'], string>;
const as = (r: Claims['r'], u = unitOf[r]): Claims => (/^\d{2}(\d{2})?$/.test(u) ? ({ r, u } as Claims) : { r, u, c: '621126' });
const who = (rule: (c: Claims) => boolean) => ROLES.filter((r) => rule(as(r)));

describe('who may do what', () => {
  it('sees a unit: its own staff and leaders, those above it, administrators', () => {
    expect(seesUnit(as('town_staff'), TOWN)).toBe(true);
    expect(seesUnit(as('town_staff'), `${TOWN}001`)).toBe(true);
    expect(seesUnit(as('village_staff'), TOWN)).toBe(false);
    expect(seesUnit(as('town_staff'), '621126101')).toBe(false);
    expect(seesUnit(as('mediator'), TOWN)).toBe(false);
    expect(who(seesOwnUnit).sort()).toEqual([
      'admin',
      'city_staff',
      'county_staff',
      'grid_worker',
      'leader',
      'province_staff',
      'town_staff',
      'village_staff',
    ]);
  });
  it('boards, report form, typical cases, roster changes, visits', () => {
    expect(who(hasCaseBoard).sort()).toEqual([
      'city_staff',
      'county_staff',
      'grid_worker',
      'leader',
      'mediator',
      'province_staff',
      'town_staff',
      'village_staff',
    ]);
    expect(who(mayReportForUnit).sort()).toEqual(['county_staff', 'grid_worker', 'leader', 'town_staff', 'village_staff']);
    expect(who(mayPublishTypicalCase).sort()).toEqual(['county_staff', 'leader', 'town_staff']);
    expect(who(mayRequestRosterChange)).toEqual(['leader']);
    expect(who(mayLogVisit)).toEqual(['leader']);
  });
  it('walk-ins: staff and leaders of that town or county center only', () => {
    expect(who((c) => mayRecordWalkIn(c)).sort()).toEqual(['county_staff', 'leader', 'town_staff']);
    expect(mayRecordWalkIn(as('town_staff'), '621126101')).toBe(false);
    expect(mayRecordWalkIn(as('leader', `${TOWN}001`))).toBe(false);
  });
  it('rosters are managed by administrators of the county', () => {
    expect(mayManageRoster(as('admin'), TOWN)).toBe(true);
    expect(mayManageRoster(as('admin'), '621127100')).toBe(false);
    expect(mayManageRoster(as('leader'), TOWN)).toBe(false);
  });
  it('who may be named on a case', () => {
    expect(mayBeAssigned('handler', 'mediator')).toBe(true);
    expect(mayBeAssigned('mediator', 'county_staff')).toBe(false);
    expect(mayBeAssigned('leader', 'leader')).toBe(true);
    expect(mayBeAssigned('leader', 'town_staff')).toBe(false);
  });
});

describe('city and province (issue 16)', () => {
  it('a city sees its counties and everything under them, never another city or the province', () => {
    expect(seesUnit(as('city_staff'), '621126')).toBe(true);
    expect(seesUnit(as('city_staff'), '621123100')).toBe(true);
    expect(seesUnit(as('city_staff'), '6211')).toBe(true);
    expect(seesUnit(as('city_staff'), '620102')).toBe(false);
    expect(seesUnit(as('city_staff'), '62')).toBe(false);
    expect(seesUnit(as('province_staff'), '620102')).toBe(true);
    expect(seesUnit(as('province_staff'), '630102')).toBe(false);
  });
  it('a county sees neither a sibling county nor its city', () => {
    expect(seesUnit(as('county_staff'), '621123')).toBe(false);
    expect(seesUnit(as('admin'), '621123100')).toBe(false);
    expect(seesUnit(as('admin'), '6211')).toBe(false);
  });
  it('the city and province centers report no cases themselves and record no walk-ins', () => {
    expect(mayReportForUnit(as('city_staff'))).toBe(false);
    expect(mayReportForUnit(as('leader', '6211'))).toBe(false);
    expect(mayRecordWalkIn(as('leader', '6211'))).toBe(false);
  });
});

describe('effectiveDays', () => {
  const day = (date: string, uid: string) => ({ date, kind: 'weekday' as const, uid, holiday: null });
  const versions = [{ to: '2026-10-02', assignments: [day('2026-09-30', 'a'), day('2026-10-01', 'b'), day('2026-10-02', 'a')] }];
  const at = (s: string) => new Date(s);
  it('applies approved changes in the order they were decided, and only approved ones', () => {
    const changes = [
      { status: 'approved', decidedAt: at('2026-09-20T02:00:00Z'), effect: [{ date: '2026-10-01', fromUid: 'a', toUid: 'c' }] },
      { status: 'approved', decidedAt: at('2026-09-10T02:00:00Z'), effect: [{ date: '2026-10-01', fromUid: 'b', toUid: 'a' }] },
      { status: 'rejected', decidedAt: at('2026-09-25T02:00:00Z'), effect: [{ date: '2026-10-02', fromUid: 'a', toUid: 'x' }] },
      { status: 'requested', decidedAt: null, effect: [] },
    ];
    expect(effectiveDays(versions, changes, '2026-10-01', '2026-10-31').map((a) => [a.date, a.uid])).toEqual([
      ['2026-10-01', 'c'],
      ['2026-10-02', 'a'],
    ]);
    expect(publishedDays(versions, '2026-10-01', '2026-10-31').map((a) => a.uid)).toEqual(['b', 'a']);
    expect(publishedDays(versions, '2026-10-03', '2026-10-31')).toEqual([]);
  });
});
