// Rules for the figures above the county (issue 16): a city's leader (claims { r, u: '6211' }, no
// county) reads the counters and statistics of its city and of the counties under it, and the
// names of its own and those regions — never another city's, never a county outside; a county
// user never reads its city's or another county's figures or a sibling county's region; no
// client writes them.
import { readFileSync } from 'node:fs';
import { assertFails, assertSucceeds, initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { collection, doc, getDoc, getDocs, query, setDoc, where } from 'firebase/firestore';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { upperRegions } from '../helpers/upper-regions';

let env: RulesTestEnvironment;
const cityLeader = { r: 'leader', u: '6211' };
const cityAdmin = { r: 'admin', u: '6211' };
const provinceLeader = { r: 'leader', u: '62' };
const otherCity = { r: 'leader', u: '6201' };
const county = { r: 'county_staff', u: '621126', c: '621126' };
const countyAdmin = { r: 'admin', u: '621126', c: '621126' };
const resident = { r: 'resident', u: '6211' };
const dept = { r: 'department_officer', u: '6211-police', d: '6211-police' };

beforeAll(async () => {
  const [host, port] = process.env.FIRESTORE_EMULATOR_HOST!.split(':');
  env = await initializeTestEnvironment({
    projectId: 'demo-fengqiao-upper-figures',
    firestore: { rules: readFileSync('firestore.rules', 'utf8'), host: host!, port: Number(port) },
  });
  await env.clearFirestore();
  await env.withSecurityRulesDisabled(async (ctx) => {
    const db = ctx.firestore();
    await setDoc(doc(db, 'counters/6211__0'), { unitId: '6211', level: 'city', shard: 0, open: 3, child: { '621126': { open: 3 } } });
    await setDoc(doc(db, 'counters/62__0'), { unitId: '62', level: 'province', shard: 0, open: 4, child: { '6211': { open: 3 } } });
    await setDoc(doc(db, 'counters/621123__0'), { unitId: '621123', level: 'county', shard: 0, open: 1 });
    await setDoc(doc(db, 'counters/620102__0'), { unitId: '620102', level: 'county', shard: 0, open: 1 });
    await setDoc(doc(db, 'statsDays/6211_2026-11-29__0'), { unitId: '6211', level: 'city', shard: 0, period: '2026-11-29', received: 2 });
    for (const r of upperRegions('62', '6211', '6201', '621126', '621123', '620102')) await setDoc(doc(db, `regions/${r.id}`), r);
  });
});
afterAll(async () => env?.cleanup());

const as = (claims: Record<string, string>) => env.authenticatedContext('u1', claims).firestore();
const countersOf = (db: ReturnType<typeof as>, u: string) => query(collection(db, 'counters'), where('unitId', '==', u));

describe('figures and names above the county', () => {
  it("a city's leader and administrator read the city's counters and statistics and its counties' counters", async () => {
    for (const c of [cityLeader, cityAdmin]) {
      await assertSucceeds(getDocs(countersOf(as(c), '6211')));
      await assertSucceeds(getDoc(doc(as(c), 'counters/6211__0')));
      await assertSucceeds(getDocs(countersOf(as(c), '621123')));
      await assertSucceeds(getDoc(doc(as(c), 'statsDays/6211_2026-11-29__0')));
    }
    await assertSucceeds(getDocs(countersOf(as(provinceLeader), '62')));
    await assertSucceeds(getDocs(countersOf(as(provinceLeader), '6211')));
  });

  it("a city never reads another city's or a county outside it; a county never reads its city, its province or a sibling", async () => {
    await assertFails(getDocs(countersOf(as(cityLeader), '620102')));
    await assertFails(getDocs(countersOf(as(cityLeader), '62')));
    await assertFails(getDocs(countersOf(as(otherCity), '6211')));
    for (const c of [county, countyAdmin]) {
      await assertFails(getDocs(countersOf(as(c), '6211')));
      await assertFails(getDoc(doc(as(c), 'counters/62__0')));
      await assertFails(getDocs(countersOf(as(c), '621123')));
      await assertFails(getDoc(doc(as(c), 'statsDays/6211_2026-11-29__0')));
    }
    for (const c of [resident, dept]) await assertFails(getDocs(countersOf(as(c), '6211')));
  });

  it("a city reads its own region and its counties' names (the comparison table), not a county outside", async () => {
    await assertSucceeds(getDoc(doc(as(cityLeader), 'regions/6211')));
    await assertSucceeds(getDocs(query(collection(as(cityLeader), 'regions'), where('parentId', '==', '6211'))));
    await assertSucceeds(getDocs(query(collection(as(provinceLeader), 'regions'), where('parentId', '==', '62'))));
    await assertFails(getDoc(doc(as(cityLeader), 'regions/620102')));
    await assertFails(getDocs(query(collection(as(cityLeader), 'regions'), where('parentId', '==', '6201'))));
    await assertFails(getDoc(doc(as(cityLeader), 'regions/62')));
    // A county user does not gain its city's or a sibling county's region by this rule.
    await assertFails(getDoc(doc(as(county), 'regions/6211')));
    await assertFails(getDoc(doc(as(countyAdmin), 'regions/621123')));
    await assertFails(getDoc(doc(as(resident), 'regions/6211')));
  });

  it('no client writes a city or province counter, statistic or region', async () => {
    for (const c of [cityLeader, cityAdmin, provinceLeader]) {
      await assertFails(setDoc(doc(as(c), 'counters/6211__0'), { open: 0 }, { merge: true }));
      await assertFails(setDoc(doc(as(c), 'statsDays/6211_2026-11-29__0'), { received: 0 }, { merge: true }));
      await assertFails(setDoc(doc(as(c), 'regions/6211'), { name: '改名' }, { merge: true }));
    }
  });
});
