/**
 * `fengqiao seed --counties 3` (issue 16): 定西市 6211 of 甘肃省 62 with three counties — 岷县
 * 621126 (the demo county, seeded as before) plus 渭源县 621123 and 漳县 621125 — and the city and
 * province centers with their staff, leaders and administrators. The county codes are real; the
 * towns, villages and grids of the two added counties are schematic (two towns, three villages
 * each, two grids per village) and they get fewer cases than 岷县 (the demo seed's patrols, duty
 * rosters and mediation registry stay 岷县's only), so a city view has three counties to compare
 * without tripling the seed time.
 */
import type { Auth } from 'firebase-admin/auth';
import type { Firestore } from 'firebase-admin/firestore';
import type { DepartmentDoc, GridDoc, RegionDoc, Role } from '../domain';
import { defaultPolicy, directoryOf } from '../domain';
import { refs } from '../lib/db';
import { syncProfile, upsertUser } from '../lib/users-service';
import { DEMO_COUNTY, DEMO_PASSWORD, type DemoAccount } from './demo-county';

export const DEMO_PROVINCE = { id: '62', name: '甘肃省' };
export const DEMO_CITY = { id: '6211', name: '定西市' };

interface ExtraCounty {
  id: string;
  name: string;
  /** Key prefix of its demo accounts (wy-county@demo.fengqiao.cn, …). */
  key: string;
  towns: { code: string; name: string; villages: string[] }[];
}

/** The two counties added next to 岷县 (real county codes of 定西市; towns and below schematic). */
export const EXTRA_COUNTIES: ExtraCounty[] = [
  {
    id: '621123',
    name: '渭源县',
    key: 'wy',
    towns: [
      { code: '621123100', name: '清源镇', villages: ['城关社区', '北寨村', '河里庄村'] },
      { code: '621123101', name: '莲峰镇', villages: ['莲峰村', '南川村', '秦家村'] },
    ],
  },
  {
    id: '621125',
    name: '漳县',
    key: 'zx',
    towns: [
      { code: '621125100', name: '武阳镇', villages: ['城关社区', '三池村', '东泉村'] },
      { code: '621125101', name: '三岔镇', villages: ['三岔村', '吉川村', '钟楼村'] },
    ],
  },
];

/** The counties `--counties 3` seeds, 岷县 first: the per-county loop of the seed runs over these. */
export const CITY_COUNTIES: { id: string; name: string }[] = [DEMO_COUNTY, ...EXTRA_COUNTIES.map(({ id, name }) => ({ id, name }))];

const GRIDS_PER_VILLAGE = 2;

/** regions/62 and regions/6211 (tiers-design.md: countyId and townId null). */
export function upperRegions(): RegionDoc[] {
  return [
    { id: DEMO_PROVINCE.id, level: 'province', name: DEMO_PROVINCE.name, parentId: null, countyId: null, townId: null },
    { id: DEMO_CITY.id, level: 'city', name: DEMO_CITY.name, parentId: DEMO_PROVINCE.id, countyId: null, townId: null },
  ];
}

const villageId = (town: string, i: number) => `${town}${String(i + 1).padStart(3, '0')}`;

export function extraCountyRegions(c: ExtraCounty): RegionDoc[] {
  const out: RegionDoc[] = [{ id: c.id, level: 'county', name: c.name, parentId: DEMO_CITY.id, countyId: c.id, townId: null }];
  for (const t of c.towns) {
    out.push({ id: t.code, level: 'town', name: t.name, parentId: c.id, countyId: c.id, townId: t.code });
    t.villages.forEach((v, i) => {
      out.push({ id: villageId(t.code, i), level: 'village', name: v, parentId: t.code, countyId: c.id, townId: t.code });
    });
  }
  return out;
}

export function extraCountyGrids(c: ExtraCounty): GridDoc[] {
  const out: GridDoc[] = [];
  for (const t of c.towns)
    t.villages.forEach((v, i) => {
      for (let g = 1; g <= GRIDS_PER_VILLAGE; g++)
        out.push({
          id: `${villageId(t.code, i)}${String(g).padStart(3, '0')}`,
          name: `${v}第${g}网格`,
          countyId: c.id,
          townId: t.code,
          villageId: villageId(t.code, i),
          households: 110 + ((i * 29 + g * 13) % 80),
        });
    });
  return out;
}

export function extraCountyDepartments(c: ExtraCounty): DepartmentDoc[] {
  const seat = c.towns[0]!;
  return [
    { id: `${c.id}-police-seat`, name: `${seat.name}派出所`, kind: 'police', countyId: c.id, townId: seat.code },
    { id: `${c.id}-justice-seat`, name: `${seat.name}司法所`, kind: 'justice', countyId: c.id, townId: seat.code },
    { id: `${c.id}-petition`, name: '县信访局', kind: 'petition', countyId: c.id, townId: null },
    { id: `${c.id}-hrss`, name: '县人社局', kind: 'hrss', countyId: c.id, townId: null },
  ];
}

const acct = (key: string, displayName: string, title: string, role: Role, scopeId: string, label: string): DemoAccount => ({
  key,
  email: `${key}@demo.fengqiao.cn`,
  password: DEMO_PASSWORD,
  displayName,
  title,
  role,
  scopeId,
  label,
});

/** The city and province centers' accounts (README "Demo logins"). */
export const UPPER_ACCOUNTS: DemoAccount[] = [
  acct('city', '牛建华', '定西市综治中心主任', 'city_staff', DEMO_CITY.id, '市综治中心 · 定西市'),
  acct('city-leader', '包文杰', '定西市委政法委书记', 'leader', DEMO_CITY.id, '市领导 · 定西市'),
  acct('city-admin', '魏晓燕', '定西市综治中心管理员', 'admin', DEMO_CITY.id, '管理员 · 定西市'),
  acct('province', '苏振东', '甘肃省综治中心处长', 'province_staff', DEMO_PROVINCE.id, '省综治中心 · 甘肃省'),
  acct('province-leader', '田立新', '甘肃省委政法委副书记', 'leader', DEMO_PROVINCE.id, '省领导 · 甘肃省'),
  acct('province-admin', '罗佳', '甘肃省综治中心管理员', 'admin', DEMO_PROVINCE.id, '管理员 · 甘肃省'),
];

const NAMES: Record<string, [string, string, string, string, string]> = {
  wy: ['陈国栋', '张海燕', '王志强', '李建平', '刘晓红'],
  zx: ['杨永福', '赵丽萍', '孙德胜', '马俊', '周雪梅'],
};

/** Per added county: its center, leader, administrator, the seat town's center and a grid worker. */
export function extraCountyAccounts(c: ExtraCounty): DemoAccount[] {
  const [county, admin, leader, town, grid] = NAMES[c.key]!;
  const seat = c.towns[0]!;
  const firstGrid = `${villageId(seat.code, 0)}001`;
  return [
    acct(`${c.key}-county`, county, `${c.name}综治中心主任`, 'county_staff', c.id, `县综治中心 · ${c.name}`),
    acct(`${c.key}-admin`, admin, `${c.name}综治中心管理员`, 'admin', c.id, `管理员 · ${c.name}`),
    acct(`${c.key}-leader`, leader, `${c.name}县委副书记`, 'leader', c.id, `县领导 · ${c.name}`),
    acct(`${c.key}-town`, town, `${seat.name}综治中心主任`, 'town_staff', seat.code, `镇综治中心 · ${seat.name}`),
    acct(`${c.key}-grid`, grid, `${seat.villages[0]}第1网格网格员`, 'grid_worker', firstGrid, `网格员 · ${seat.villages[0]}第1网格`),
  ];
}

/** Every account `--counties 3` adds to the demo county's (DEMO_ACCOUNTS). */
export const TIER_ACCOUNTS: DemoAccount[] = [...UPPER_ACCOUNTS, ...EXTRA_COUNTIES.flatMap(extraCountyAccounts)];

/** The province, the city, and the parent of 岷县's region document (its city). */
export async function seedUpperOrg(db: Firestore): Promise<void> {
  const r = refs(db);
  const w = db.bulkWriter();
  for (const x of upperRegions()) void w.set(r.region(x.id), x);
  await w.close();
}

/** One added county's org and default deadline policy (岷县's come from the demo seed). */
export async function seedExtraCountyOrg(db: Firestore, c: ExtraCounty): Promise<void> {
  const r = refs(db);
  const w = db.bulkWriter();
  for (const x of extraCountyRegions(c)) void w.set(r.region(x.id), x);
  void w.set(r.directory(c.id), directoryOf(c.id, extraCountyGrids(c), extraCountyDepartments(c), [], new Date()));
  for (const x of extraCountyGrids(c)) void w.set(r.grid(x.id), x);
  for (const x of extraCountyDepartments(c)) void w.set(r.department(x.id), x);
  void w.set(r.policy(c.id), defaultPolicy(c.id));
  await w.close();
}

/** Accounts through the same path as every profile (upsertUser + syncProfile: claims and directory). */
export async function seedAccounts(db: Firestore, auth: Auth, accounts: DemoAccount[]): Promise<Record<string, string>> {
  const uids: Record<string, string> = {};
  for (const a of accounts) {
    const { uid } = await upsertUser(
      db,
      auth,
      {
        email: a.email,
        password: a.password,
        displayName: a.displayName,
        phone: null,
        title: a.title,
        role: a.role,
        scopeId: a.scopeId,
        active: true,
      },
      'cli',
    );
    await syncProfile(db, auth, uid);
    uids[a.key] = uid;
  }
  return uids;
}

/**
 * The city and province above 岷县, and the two added counties with their users: everything of
 * `--counties 3` but the cases (the CLI adds those per county). Idempotent.
 */
export async function seedCityOfThree(db: Firestore, auth: Auth | null): Promise<Record<string, string>> {
  await seedUpperOrg(db);
  for (const c of EXTRA_COUNTIES) await seedExtraCountyOrg(db, c);
  return auth ? seedAccounts(db, auth, TIER_ACCOUNTS) : {};
}
