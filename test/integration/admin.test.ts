// Administrators maintain their county's grids, departments and deadline policy; nobody else,
// and not another county's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../functions/src/domain';
import { type Client, adminDb, callError, closeAdmin, signInAs } from '../helpers/emulator';

let admin: Client, county: Client;
beforeAll(async () => {
  [admin, county] = await Promise.all([signInAs('admin'), signInAs('county')]);
});
afterAll(closeAdmin);

describe('administration callables', () => {
  it('saves a grid under an existing village of the county', async () => {
    await admin.call('saveGrid', { id: '621126100001099', name: '城郊村第99网格', villageId: '621126100001', households: 88 });
    expect((await adminDb().doc('grids/621126100001099').get()).data()).toMatchObject({
      countyId: '621126',
      townId: '621126100',
      villageId: '621126100001',
      households: 88,
    });
    expect((await callError(admin, 'saveGrid', { id: '621126100002099', name: 'x', villageId: '621126100001' })).code).toBe(
      'invalid-argument',
    );
    expect((await callError(admin, 'saveGrid', { id: '620102001001001', name: 'x', villageId: '620102001001' })).code).toBe(
      'permission-denied',
    );
    expect((await callError(county, 'saveGrid', { id: '621126100001098', name: 'x', villageId: '621126100001' })).code).toBe(
      'permission-denied',
    );
  });

  it('saves a department', async () => {
    await admin.call('saveDepartment', { id: '621126-market-minyang', name: '岷阳市场监管所', kind: 'other', townId: '621126100' });
    expect((await adminDb().doc('departments/621126-market-minyang').get()).data()).toMatchObject({
      countyId: '621126',
      townId: '621126100',
    });
    expect((await callError(county, 'saveDepartment', { id: '621126-x-y', name: 'x', kind: 'other', townId: null })).code).toBe(
      'permission-denied',
    );
  });

  it('saves a deadline policy that new clocks then use', async () => {
    const p = defaultPolicy('621126');
    await admin.call('savePolicy', { ...p, deptCheckIn: { amount: 2, unit: 'working_days' } });
    expect((await adminDb().doc('policies/621126').get()).get('deptCheckIn')).toEqual({ amount: 2, unit: 'working_days' });
    expect((await callError(admin, 'savePolicy', { ...defaultPolicy('620102') })).code).toBe('permission-denied');
    expect((await callError(county, 'savePolicy', p)).code).toBe('permission-denied');
    await admin.call('savePolicy', p); // restore the defaults for the other tests
  });
});
