// City and province tiers (issue 16): codes above the county, upper-tier claims, who manages
// whom, and the case tier `city` (上报市级, 市级受理/办理/退回, 市级督办).
import { describe, expect, it } from 'vitest';
import {
  type CaseDoc,
  type Claims,
  GuardError,
  ProfileError,
  RegionDoc,
  adminManages,
  allowedActions,
  anyLevelOf,
  anyParentOf,
  applyCommand,
  canReadCase,
  caseAccess,
  claimsForProfile,
  countyOfScope,
  defaultPolicy,
  DeadlinePolicy,
  guardPasswordReset,
  guardUserUpsert,
  scopeLevelOf,
  seesCase,
  type UserProfile,
} from '../../functions/src/domain';
import { actorOf, countyStaff, reported } from '../helpers/cases';

const at = new Date('2026-03-03T02:00:00Z');
const profile = (p: Partial<UserProfile>): UserProfile => ({
  uid: 'u1',
  displayName: '周强',
  email: 'a@b.cn',
  phone: null,
  title: null,
  role: 'city_staff',
  scopeId: '6211',
  active: true,
  ...p,
});
const cityStaff = { r: 'city_staff', u: '6211' } as Claims;
const cityLeader = { r: 'leader', u: '6211' } as Claims;
const otherCity = { r: 'city_staff', u: '6201' } as Claims;
const province = { r: 'province_staff', u: '62' } as Claims;
const cityAdmin = { r: 'admin', u: '6211' } as Claims;
const provinceAdmin = { r: 'admin', u: '62' } as Claims;
const countyAdmin: Claims = { r: 'admin', u: '621126', c: '621126' };
const siblingCountyStaff: Claims = { r: 'county_staff', u: '621123', c: '621123' };

describe('codes above the county', () => {
  it('nest by prefix: province 2, city 4, county 6 digits', () => {
    expect(anyLevelOf('62')).toBe('province');
    expect(anyLevelOf('6211')).toBe('city');
    expect(anyLevelOf('621126')).toBe('county');
    expect(anyParentOf('621126')).toBe('6211');
    expect(anyParentOf('6211')).toBe('62');
    expect(anyParentOf('62')).toBeNull();
    expect(anyParentOf('621126100')).toBe('621126');
    expect(() => anyLevelOf('621')).toThrow();
  });
  it('region documents: a city or province has no county, a county and below always one', () => {
    expect(RegionDoc.safeParse({ id: '6211', level: 'city', name: '定西市', parentId: '62', countyId: null, townId: null }).success).toBe(
      true,
    );
    expect(RegionDoc.safeParse({ id: '62', level: 'province', name: '甘肃省', parentId: null, countyId: null, townId: null }).success).toBe(
      true,
    );
    expect(
      RegionDoc.safeParse({ id: '6211', level: 'city', name: '定西市', parentId: '62', countyId: '621126', townId: null }).success,
    ).toBe(false);
    expect(
      RegionDoc.safeParse({ id: '621126', level: 'county', name: '岷县', parentId: '6211', countyId: null, townId: null }).success,
    ).toBe(false);
    expect(
      RegionDoc.safeParse({ id: '621126', level: 'county', name: '岷县', parentId: '6211', countyId: '621126', townId: null }).success,
    ).toBe(true);
  });
});

describe('upper-tier claims', () => {
  it('a city or province user has { r, u } and no county', () => {
    expect(claimsForProfile(profile({}))).toEqual({ r: 'city_staff', u: '6211' });
    expect(claimsForProfile(profile({ role: 'province_staff', scopeId: '62' }))).toEqual({ r: 'province_staff', u: '62' });
    expect(claimsForProfile(profile({ role: 'leader', scopeId: '6211' }))).toEqual({ r: 'leader', u: '6211' });
    expect(claimsForProfile(profile({ role: 'admin', scopeId: '62' }))).toEqual({ r: 'admin', u: '62' });
    expect(scopeLevelOf(cityStaff)).toBe('city');
    expect(scopeLevelOf(province)).toBe('province');
    expect(scopeLevelOf(countyAdmin)).toBe('county');
  });
  it.each([
    ['city_staff', '62'],
    ['city_staff', '621126'],
    ['province_staff', '6211'],
    ['county_staff', '6211'],
    ['grid_worker', '6211'],
    ['mediator', '6211'],
    ['resident', '62'],
  ] as const)('refuses role %s with scope %s', (role, scopeId) => {
    expect(() => claimsForProfile(profile({ role, scopeId }))).toThrow(ProfileError);
  });
  it('stores a city user under the city code (users/{uid}.countyId)', () => {
    expect(countyOfScope('6211')).toBe('6211');
    expect(countyOfScope('62')).toBe('62');
    expect(countyOfScope('621126100')).toBe('621126');
  });
});

describe('who manages whom', () => {
  const input = (scopeId: string, role: UserProfile['role'] = 'county_staff') => ({
    email: 'x@y.cn',
    displayName: 'x',
    phone: null,
    title: null,
    role,
    scopeId,
    active: true,
  });
  const refused = (actor: Claims, scopeId: string, role?: UserProfile['role']) => {
    try {
      guardUserUpsert(actor, 'admin-uid', null, input(scopeId, role));
    } catch (e) {
      expect(e).toBeInstanceOf(GuardError);
      expect((e as GuardError).code).toBe('permission-denied');
      return true;
    }
    return false;
  };
  it('a county administrator: own county only — not a sibling county, not the city', () => {
    expect(refused(countyAdmin, '621126')).toBe(false);
    expect(refused(countyAdmin, '621123')).toBe(true);
    expect(refused(countyAdmin, '621123100', 'town_staff')).toBe(true);
    expect(refused(countyAdmin, '6211', 'city_staff')).toBe(true);
    expect(refused(countyAdmin, '62', 'province_staff')).toBe(true);
  });
  it('a city administrator: the city center and its counties, never another city or the province', () => {
    expect(refused(cityAdmin, '6211', 'city_staff')).toBe(false);
    expect(refused(cityAdmin, '621123', 'admin')).toBe(false);
    expect(refused(cityAdmin, '621126100', 'town_staff')).toBe(false);
    expect(refused(cityAdmin, '6201', 'city_staff')).toBe(true);
    expect(refused(cityAdmin, '620102', 'county_staff')).toBe(true);
    expect(refused(cityAdmin, '62', 'province_staff')).toBe(true);
  });
  it('a province administrator: the whole province', () => {
    expect(refused(provinceAdmin, '62', 'province_staff')).toBe(false);
    expect(refused(provinceAdmin, '6201', 'leader')).toBe(false);
    expect(refused(provinceAdmin, '630102', 'county_staff')).toBe(true);
  });
  it('password resets follow the same areas', () => {
    const target = { uid: 't', role: 'county_staff' as const, countyId: '621123' };
    expect(adminManages(countyAdmin, '621123')).toBe(false);
    expect(() => guardPasswordReset(countyAdmin, 'a', target)).toThrow(GuardError);
    expect(() => guardPasswordReset(cityAdmin, 'a', target)).not.toThrow();
    expect(() => guardPasswordReset(cityAdmin, 'a', { ...target, countyId: '6201' })).toThrow(GuardError);
  });
});

describe('the city tier of a case', () => {
  const countyCase = (): CaseDoc => {
    const c = { ...reported({}, countyStaff), state: 'accepted' as const };
    return { ...c, ...caseAccess(c) };
  };
  const escalated = () => {
    const { next } = applyCommand(
      countyCase(),
      { action: 'escalate', reason: '涉及跨县，需市级协调' },
      actorOf(countyStaff),
      countyStaff,
      at,
    );
    return { ...next, ...caseAccess(next) };
  };

  it('the county center escalates to its city (上报市级); the city then reads it, a sibling city does not', () => {
    const c = escalated();
    expect(c).toMatchObject({ tier: 'city', unitId: '6211', state: 'reported' });
    expect(c.accessUnits).toContain('6211');
    expect(canReadCase(cityStaff, 'x', c)).toBe(true);
    expect(canReadCase(otherCity, 'x', c)).toBe(false);
    expect(canReadCase(province, 'x', c)).toBe(false);
    expect(canReadCase(siblingCountyStaff, 'x', c)).toBe(false);
    expect(canReadCase(countyStaff, 'x', c)).toBe(true); // the county still follows its case
  });

  it('the sweep never escalates a county case to the city', () => {
    const sys = { uid: 'system:sweep', role: 'system' as const, unitId: 'system', name: null };
    expect(() => applyCommand(countyCase(), { action: 'escalate', reason: '逾期' }, sys, 'system', at)).toThrow(/县综治中心决定/);
  });

  it('the city accepts, handles and resolves; or sends it back to the county', () => {
    const c = escalated();
    expect(allowedActions(cityStaff, 'c1', c)).toEqual(expect.arrayContaining(['accept', 'return', 'not_accept']));
    expect(allowedActions(otherCity, 'c2', c)).toEqual([]);
    const accepted = applyCommand(c, { action: 'accept' }, actorOf(cityStaff), cityStaff, at).next;
    expect(accepted.state).toBe('accepted');
    const done = applyCommand(
      accepted,
      { action: 'resolve', outcome: 'mediated_agreement', note: '市级协调化解' },
      actorOf(cityStaff),
      cityStaff,
      at,
    );
    expect(done.next.state).toBe('resolved');
    const back = applyCommand(c, { action: 'return', reason: '属县级职责' }, actorOf(cityStaff), cityStaff, at).next;
    expect(back).toMatchObject({ tier: 'county', unitId: '621126' });
    expect(() => applyCommand(c, { action: 'accept' }, actorOf(otherCity), otherCity, at)).toThrow(/不存在或您无权查看/);
  });

  it('市级督办: the city supervises a county case and then reads it; another city cannot', () => {
    const c = countyCase();
    expect(canReadCase(cityStaff, 'x', c)).toBe(false);
    expect(seesCase(cityStaff, 'x', c, 'supervise')).toBe(true);
    expect(seesCase(cityStaff, 'x', c, 'accept')).toBe(false);
    const sup = applyCommand(c, { action: 'supervise', reason: '群众反映强烈，市级督办' }, actorOf(cityLeader), cityLeader, at).next;
    expect(sup).toMatchObject({ supervised: true, supervisedByCity: true, tier: 'county' });
    expect(canReadCase(cityStaff, 'x', { ...sup, ...caseAccess(sup) })).toBe(true);
    expect(() => applyCommand(c, { action: 'supervise', reason: 'x' }, actorOf(otherCity), otherCity, at)).toThrow(/不存在或您无权查看/);
    expect(() => applyCommand(c, { action: 'supervise', reason: 'x' }, actorOf(province), province, at)).toThrow(GuardError);
    // Already supervised by the county (or the sweep): the city may still 督办, once.
    const byCounty = { ...c, supervised: true };
    expect(
      applyCommand(byCounty, { action: 'supervise', reason: '市级督办' }, actorOf(cityStaff), cityStaff, at).next.supervisedByCity,
    ).toBe(true);
    expect(() => applyCommand(sup, { action: 'supervise', reason: 'x' }, actorOf(cityStaff), cityStaff, at)).toThrow(/市级已督办/);
  });

  it('the city tier has a limit in every county policy, default 30 calendar days, for older policies too', () => {
    expect(defaultPolicy('621126').tier.city.general).toEqual({ amount: 30, unit: 'calendar_days' });
    const old = defaultPolicy('621126') as unknown as { tier: Record<string, unknown>; warnHoursBefore: Record<string, unknown> };
    delete old.tier.city;
    delete old.warnHoursBefore.city;
    const parsed = DeadlinePolicy.parse(old);
    expect(parsed.tier.city.difficult).toEqual({ amount: 30, unit: 'calendar_days' });
    expect(parsed.warnHoursBefore.city).toBe(72);
  });
});
