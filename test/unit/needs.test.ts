// 需求清单 (domain/needs.ts): who works a need, its states, and when a resend is recognised.
import { describe, expect, it } from 'vitest';
import {
  type Claims,
  NeedActionInput,
  type NeedBlock,
  NeedError,
  alreadyApplied,
  applyNeed,
  mayBeResponsible,
  mayWorkNeed,
  needOf,
  newNeed,
} from '../../functions/src/domain';

const ITEM = { villageId: '621126100001', townId: '621126100' };
const village: Claims = { r: 'village_staff', u: ITEM.villageId, c: '621126', t: ITEM.townId, v: ITEM.villageId };
const town: Claims = { r: 'town_staff', u: ITEM.townId, c: '621126', t: ITEM.townId };
const actor = { uid: 'v1', name: '王村干' };
const now = new Date('2026-05-20T02:00:00Z');
const person = { uid: 'v1', name: '王村干', unitName: '城郊村' };
/** The Chinese message a refused step gives (what the caller reads). */
function refusal(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof NeedError) return e.zh;
    throw e;
  }
  throw new Error('not refused');
}

describe('needs', () => {
  it('an item recorded before the needs list reads as open; only 群众诉求 are needs', () => {
    expect(needOf({ kind: 'demand' })).toEqual(newNeed());
    expect(newNeed().state).toBe('open');
    expect(needOf({ kind: 'hazard' })).toBeNull();
  });

  it('the village and town work a need; not the county, the grid, another village, a department', () => {
    expect(mayWorkNeed(village, ITEM)).toBe(true);
    expect(mayWorkNeed(town, ITEM)).toBe(true);
    expect(mayWorkNeed({ r: 'leader', u: ITEM.townId, c: '621126', t: ITEM.townId }, ITEM)).toBe(true);
    expect(mayWorkNeed({ r: 'county_staff', u: '621126', c: '621126' }, ITEM)).toBe(false);
    expect(mayWorkNeed({ r: 'grid_worker', u: '621126100001001', c: '621126', g: '621126100001001' }, ITEM)).toBe(false);
    expect(mayWorkNeed({ ...village, u: '621126100002', v: '621126100002' }, ITEM)).toBe(false);
    expect(mayWorkNeed({ r: 'town_staff', u: ITEM.townId, c: '621126', d: 'x' }, ITEM)).toBe(false);
  });

  it('a responsible person is an active staff member of the village or town', () => {
    expect(mayBeResponsible({ role: 'village_staff', unitId: ITEM.villageId, active: true }, ITEM)).toBe(true);
    expect(mayBeResponsible({ role: 'leader', unitId: ITEM.townId, active: true }, ITEM)).toBe(true);
    expect(mayBeResponsible({ role: 'village_staff', unitId: ITEM.villageId, active: false }, ITEM)).toBe(false);
    expect(mayBeResponsible({ role: 'grid_worker', unitId: ITEM.villageId, active: true }, ITEM)).toBe(false);
    expect(mayBeResponsible({ role: 'village_staff', unitId: '621126100002', active: true }, ITEM)).toBe(false);
  });

  it('open → in progress → met; closed needs take no step; met needs a responsible first', () => {
    const taken = applyNeed(newNeed(), { action: 'take', responsibleUid: null }, village, ITEM, actor, now, person);
    expect(taken).toMatchObject({ state: 'in_progress', responsibleName: '王村干', responsibleUnitName: '城郊村' });
    expect(refusal(() => applyNeed(newNeed(), { action: 'met', result: '已办' }, village, ITEM, actor, now, null))).toContain('负责人');
    const met = applyNeed(taken, { action: 'met', result: '已修好' }, town, ITEM, actor, now, null);
    expect(met).toMatchObject({ state: 'met', result: '已修好', closedAt: now });
    expect(met.history.map((h) => h.action)).toEqual(['take', 'met']);
    for (const cmd of [{ action: 'unmet', reason: '无' } as const, { action: 'take', responsibleUid: null } as const])
      expect(refusal(() => applyNeed(met, cmd, village, ITEM, actor, now, person))).toContain('已满足');
    const unmet = applyNeed(newNeed(), { action: 'unmet', reason: '不符合政策' }, town, ITEM, actor, now, null);
    expect(unmet).toMatchObject({ state: 'unmet', reason: '不符合政策' });
    expect(refusal(() => applyNeed(newNeed(), { action: 'take', responsibleUid: 'x' }, village, ITEM, actor, now, null))).toContain(
      '负责人',
    );
    const county: Claims = { r: 'county_staff', u: '621126', c: '621126' };
    expect(refusal(() => applyNeed(newNeed(), { action: 'take', responsibleUid: null }, county, ITEM, actor, now, person))).toContain(
      '只有',
    );
  });

  it('a resend of the last step is recognised; anything else is not', () => {
    const taken: NeedBlock = applyNeed(newNeed(), { action: 'take', responsibleUid: null }, village, ITEM, actor, now, person);
    expect(alreadyApplied(taken, 2, 1, { action: 'take', responsibleUid: null }, 'v1')).toBe(true);
    expect(alreadyApplied(taken, 2, 1, { action: 'take', responsibleUid: 'v1' }, 'v1')).toBe(true);
    expect(alreadyApplied(taken, 2, 1, { action: 'take', responsibleUid: 'other' }, 'v1')).toBe(false);
    expect(alreadyApplied(taken, 2, 1, { action: 'take', responsibleUid: null }, 'someone-else')).toBe(false);
    expect(alreadyApplied(taken, 3, 1, { action: 'take', responsibleUid: null }, 'v1')).toBe(false);
    expect(alreadyApplied(taken, 2, 1, { action: 'unmet', reason: 'x' }, 'v1')).toBe(false);
  });

  it('input: reasons and results are required, unknown fields refused', () => {
    expect(NeedActionInput.safeParse({ itemId: 'a', expectedVersion: 1, command: { action: 'unmet', reason: '  ' } }).success).toBe(false);
    expect(NeedActionInput.safeParse({ itemId: 'a', expectedVersion: 1, command: { action: 'met', result: '' } }).success).toBe(false);
    expect(NeedActionInput.parse({ itemId: 'a', expectedVersion: 1, command: { action: 'take' } }).command).toEqual({
      action: 'take',
      responsibleUid: null,
    });
    expect(NeedActionInput.safeParse({ itemId: 'a', expectedVersion: 1, command: { action: 'take' }, x: 1 }).success).toBe(false);
  });
});
