// 案件查询 against the emulators: searchCases finds a case by its number, by title words and by a
// party's name or phone — only for those who read the case; the keyed hashes it matches are in
// the server-only caseSearch collection (no client reads them, no personal data in clear); and
// `fengqiao search verify|rebuild` rebuilds what an older case lacks.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { collection, doc, getDoc, getDocs, query, where } from 'firebase/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseSummary } from '../../functions/src/domain';
import { type Client, adminDb, callError, closeAdmin, requestId, signInAs } from '../helpers/emulator';

const run = promisify(execFile);
const cli = (...args: string[]) =>
  run(process.execPath, ['bin/fengqiao.mjs', ...args], { env: { ...process.env, METADATA_SERVER_DETECTION: 'none' } }).then(
    (x) => ({ code: 0, out: x.stdout }),
    (e) => ({ code: e.code as number, out: e.stdout as string }),
  );

let grid: Client, village: Client, grid2: Client, town2: Client, county: Client, resident: Client;
// A phone and a name no other test uses.
const phone = `139${String(Date.now()).slice(-8)}`;
const name = `查${String.fromCharCode(0x4e00 + (Date.now() % 5000))}${String.fromCharCode(0x4e00 + ((Date.now() >> 4) % 5000))}`;
const word = `检索${String.fromCharCode(0x4e00 + ((Date.now() >> 8) % 5000))}`;
let caseId = '';

const search = (c: Client, q: string) => c.call<{ cases: CaseSummary[] }>('searchCases', { query: q }).then((r) => r.cases);
const ids = (cases: CaseSummary[]) => cases.map((c) => c.id);
const denied = (p: Promise<unknown>) =>
  p.then(
    () => false,
    (e: { code?: string }) => e.code === 'permission-denied',
  );

beforeAll(async () => {
  [grid, village, grid2, town2, county, resident] = await Promise.all(
    ['grid', 'village', 'grid2', 'town2', 'county', 'resident'].map(signInAs),
  );
  ({ caseId } = await grid.call<{ caseId: string }>('reportCase', {
    requestId: requestId(),
    gridId: '621126100001001',
    category: 'neighbour',
    title: `${word}排水沟纠纷`,
    description: '两户因排水沟堵塞发生争执，需调解',
    parties: [{ role: 'applicant', name, phone, idNumber: null, address: '城郊村3号' }],
  }));
}, 60_000);
afterAll(closeAdmin);

describe('searchCases', () => {
  it("finds the case by a party's phone in any spelling, and by name, for those who handle it", async () => {
    for (const q of [phone, `+86 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`, name]) {
      const found = await search(grid, q);
      expect(ids(found), q).toContain(caseId);
      expect(found.find((c) => c.id === caseId)!.matched).toContain('party');
    }
    expect(ids(await search(village, phone))).toContain(caseId);
  });

  it('finds it by title words and by case number, with the unit that handles it by name', async () => {
    const byWord = await search(village, word);
    expect(ids(byWord)).toContain(caseId);
    const hit = byWord.find((c) => c.id === caseId)!;
    expect(hit).toMatchObject({ state: 'reported', tier: 'grid', unitName: '城郊村第1网格', matched: ['title'] });
    expect(ids(await search(grid, caseId))).toEqual([caseId]);
  });

  it("never shows the case to those without a relation: another town, another grid, the county above the case's tier", async () => {
    for (const c of [town2, grid2, county]) {
      expect(ids(await search(c, phone))).not.toContain(caseId);
      expect(ids(await search(c, word))).not.toContain(caseId);
      expect(ids(await search(c, caseId))).toEqual([]);
    }
  });

  it('answers with no personal data', async () => {
    const found = await search(grid, phone);
    expect(JSON.stringify(found)).not.toContain(phone);
    expect(JSON.stringify(found)).not.toContain(name);
  });

  it('refuses empty and too short queries in Chinese, and residents', async () => {
    for (const q of ['', ' ', '查']) {
      const e = await callError(grid, 'searchCases', { query: q });
      expect(e.code).toBe('invalid-argument');
      expect(e.message).toMatch(/请至少输入2个字/);
    }
    // A resident reads no cases: nothing is found, whatever is asked.
    expect(ids(await search(resident, phone))).toEqual([]);
  });
});

describe('the keyed hashes', () => {
  it('are stored server-side only, as hashes: no client reads or queries them', async () => {
    const stored = (await adminDb().doc(`caseSearch/${caseId}`).get()).data()!;
    expect(stored.keys.length).toBe(2);
    expect(JSON.stringify(stored)).not.toContain(phone);
    expect(JSON.stringify(stored)).not.toContain(name);
    for (const c of [grid, village, county]) {
      expect(await denied(getDoc(doc(c.db, 'caseSearch', caseId)))).toBe(true);
      expect(await denied(getDocs(query(collection(c.db, 'caseSearch'), where('countyId', '==', '621126'))))).toBe(true);
    }
    // The case's own tokens are of its masked title only.
    const tokens = (await adminDb().doc(`cases/${caseId}`).get()).get('searchTokens') as string[];
    expect(tokens).toContain('排水');
    expect(tokens.join(' ')).not.toContain(phone.slice(-4));
  });
});

describe('fengqiao search verify | rebuild', () => {
  it('finds a case without search data and rebuilds it', async () => {
    // As a case written before search: no tokens, no hashes.
    await adminDb().doc(`cases/${caseId}`).update({ searchTokens: [] });
    await adminDb().doc(`caseSearch/${caseId}`).delete();
    expect(ids(await search(grid, phone))).not.toContain(caseId);
    const before = await cli('search', 'verify', '--county', '621126');
    expect(before.code).toBe(1);
    const seen = JSON.parse(before.out);
    expect(seen.staleTokens).toBeGreaterThanOrEqual(1);
    expect(seen.staleKeys).toBeGreaterThanOrEqual(1);
    const fixed = JSON.parse((await cli('search', 'rebuild', '--county', '621126')).out);
    expect(fixed.repaired).toBeGreaterThanOrEqual(2);
    const after = JSON.parse((await cli('search', 'verify', '--county', '621126')).out);
    expect(after).toMatchObject({ staleTokens: 0, staleKeys: 0 });
    expect(ids(await search(grid, phone))).toContain(caseId);
    expect(ids(await search(grid, word))).toContain(caseId);
  });
});
