import { describe, expect, it } from 'vitest';
import {
  CLAIMS_MAX_BYTES,
  ProfileError,
  claimsForProfile,
  claimsSize,
  guardUserUpsert,
  sameClaims,
  type UserProfile,
} from '../../functions/src/domain';

const profile = (p: Partial<UserProfile>): UserProfile => ({
  uid: 'u1',
  displayName: '周强',
  email: 'a@b.cn',
  phone: null,
  title: null,
  role: 'grid_worker',
  scopeId: '621126100001001',
  active: true,
  ...p,
});

describe('claims from a profile', () => {
  it('gives a grid worker the whole chain, compactly', () => {
    const c = claimsForProfile(profile({}))!;
    expect(c).toEqual({ r: 'grid_worker', u: '621126100001001', c: '621126', t: '621126100', v: '621126100001', g: '621126100001001' });
    expect(claimsSize(c)).toBeLessThan(CLAIMS_MAX_BYTES / 5);
  });

  it('scopes a county leader without town claims and a town leader with one', () => {
    expect(claimsForProfile(profile({ role: 'leader', scopeId: '621126' }))).toEqual({ r: 'leader', u: '621126', c: '621126' });
    expect(claimsForProfile(profile({ role: 'leader', scopeId: '621126100' }))).toEqual({
      r: 'leader',
      u: '621126100',
      c: '621126',
      t: '621126100',
    });
  });

  it('ties a department officer to an existing department', () => {
    const dept = { id: '621126-police-minyang', countyId: '621126', townId: '621126100' };
    expect(claimsForProfile(profile({ role: 'department_officer', scopeId: dept.id }), dept)).toEqual({
      r: 'department_officer',
      u: dept.id,
      c: '621126',
      t: '621126100',
      d: dept.id,
    });
    expect(() => claimsForProfile(profile({ role: 'department_officer', scopeId: dept.id }), null)).toThrow(ProfileError);
  });

  it.each([
    ['grid_worker', '621126100001'],
    ['village_staff', '621126100'],
    ['admin', '621126100'],
    ['county_staff', '621126100001001'],
  ] as const)('refuses role %s with scope %s', (role, scopeId) => {
    expect(() => claimsForProfile(profile({ role, scopeId }))).toThrow(ProfileError);
  });

  it('grants nothing to an inactive profile', () => {
    expect(claimsForProfile(profile({ active: false }))).toBeNull();
  });

  it('compares claims ignoring unrelated token fields', () => {
    const c = claimsForProfile(profile({}))!;
    expect(sameClaims({ ...c }, c)).toBe(true);
    expect(sameClaims({ ...c, g: '621126100001002' }, c)).toBe(false);
    expect(sameClaims(undefined, null)).toBe(true);
  });
});

describe('who may change a user', () => {
  const admin = { r: 'admin' as const, u: '621126', c: '621126' };
  const input = {
    email: 'x@y.cn',
    displayName: 'x',
    phone: null,
    title: null,
    role: 'village_staff' as const,
    scopeId: '621126100001',
    active: true,
  };

  it('lets an administrator manage users in the county', () => {
    expect(() => guardUserUpsert(admin, 'admin1', null, input)).not.toThrow();
  });
  it('refuses non-administrators', () => {
    expect(() => guardUserUpsert({ r: 'county_staff', u: '621126', c: '621126' }, 'x', null, input)).toThrow(/只有管理员/);
  });
  it('refuses another county', () => {
    expect(() => guardUserUpsert(admin, 'admin1', null, { ...input, scopeId: '620102001001' })).toThrow(/本县/);
  });
  it("refuses changing one's own role or scope", () => {
    const self = profile({ uid: 'admin1', role: 'admin', scopeId: '621126' });
    expect(() => guardUserUpsert(admin, 'admin1', self, { ...input, uid: 'admin1', role: 'admin', scopeId: '621127' })).toThrow();
    expect(() => guardUserUpsert(admin, 'admin1', self, { ...input, uid: 'admin1', role: 'county_staff', scopeId: '621126' })).toThrow(
      /自己/,
    );
    expect(() =>
      guardUserUpsert(admin, 'admin1', self, { ...input, uid: 'admin1', role: 'admin', scopeId: '621126', displayName: '新名字' }),
    ).not.toThrow();
  });
});
