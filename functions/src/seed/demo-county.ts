/**
 * The demo county (岷县, 621126), as pure data: regions, grids, departments and one account per
 * role. No Firebase imports, so the console's sign-in page can list the accounts too.
 * 岷阳镇 has 23 villages and 81 grids, as in the seed document.
 */
import type { DepartmentDoc, GridDoc, IntakeSourceDoc, MediationOrgDoc, MediatorDoc, RegionDoc, Role } from '../domain';

export const DEMO_COUNTY = { id: '621126', name: '岷县' };
export const DEMO_PASSWORD = 'Fengqiao@2026';

const TOWNS: { code: string; name: string; villages: string[]; gridsPerVillage: number[] }[] = [
  {
    code: '621126100',
    name: '岷阳镇',
    villages: [
      '城郊村',
      '东街社区',
      '西街社区',
      '南街社区',
      '北街社区',
      '十里村',
      '红崖村',
      '西城村',
      '锁龙村',
      '二郎山村',
      '东关村',
      '西关村',
      '大东沟村',
      '牛蹄湾村',
      '上川村',
      '下川村',
      '金童村',
      '松林村',
      '马莲滩村',
      '河南村',
      '河北村',
      '团结社区',
      '和平社区',
    ],
    // 81 grids over 23 villages: the town's four street communities have 6, the rest 3 or 4.
    gridsPerVillage: [5, 6, 6, 6, 6, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2],
  },
  {
    code: '621126101',
    name: '蒲麻镇',
    villages: ['蒲麻村', '砂子村', '大族村', '元山坪村', '火烧沟村', '林家沟村'],
    gridsPerVillage: [3, 3, 3, 3, 3, 3],
  },
  {
    code: '621126102',
    name: '西寨镇',
    villages: ['西寨村', '冷地村', '山庄村', '扎马村', '马烨仓村', '温家沟村'],
    gridsPerVillage: [3, 3, 3, 3, 3, 3],
  },
  { code: '621126103', name: '梅川镇', villages: ['梅川村', '杏林村', '永星村', '茶固村', '下寨村'], gridsPerVillage: [3, 3, 3, 3, 3] },
];

export function demoRegions(): RegionDoc[] {
  const out: RegionDoc[] = [
    // Its parent is its city, 定西市 6211 (regions/6211 is written by `seed --counties 3`).
    { id: DEMO_COUNTY.id, level: 'county', name: DEMO_COUNTY.name, parentId: '6211', countyId: DEMO_COUNTY.id, townId: null },
  ];
  for (const t of TOWNS) {
    out.push({ id: t.code, level: 'town', name: t.name, parentId: DEMO_COUNTY.id, countyId: DEMO_COUNTY.id, townId: t.code });
    t.villages.forEach((v, i) => {
      out.push({
        id: `${t.code}${String(i + 1).padStart(3, '0')}`,
        level: 'village',
        name: v,
        parentId: t.code,
        countyId: DEMO_COUNTY.id,
        townId: t.code,
      });
    });
  }
  return out;
}

export function demoGrids(): GridDoc[] {
  const out: GridDoc[] = [];
  for (const t of TOWNS) {
    t.villages.forEach((v, i) => {
      const villageId = `${t.code}${String(i + 1).padStart(3, '0')}`;
      for (let g = 1; g <= t.gridsPerVillage[i]!; g++) {
        out.push({
          id: `${villageId}${String(g).padStart(3, '0')}`,
          name: `${v}第${g}网格`,
          countyId: DEMO_COUNTY.id,
          townId: t.code,
          villageId,
          households: 120 + ((i * 37 + g * 11) % 90),
        });
      }
    });
  }
  return out;
}

export function demoDepartments(): DepartmentDoc[] {
  const c = DEMO_COUNTY.id;
  return [
    { id: `${c}-police-minyang`, name: '岷阳派出所', kind: 'police', countyId: c, townId: '621126100' },
    { id: `${c}-justice-minyang`, name: '岷阳司法所', kind: 'justice', countyId: c, townId: '621126100' },
    { id: `${c}-court-minyang`, name: '岷阳人民法庭', kind: 'court', countyId: c, townId: '621126100' },
    { id: `${c}-hrss-minyang`, name: '岷阳人社所', kind: 'hrss', countyId: c, townId: '621126100' },
    { id: `${c}-civil-minyang`, name: '岷阳民政所', kind: 'civil', countyId: c, townId: '621126100' },
    { id: `${c}-police-puma`, name: '蒲麻派出所', kind: 'police', countyId: c, townId: '621126101' },
    { id: `${c}-justice-puma`, name: '蒲麻司法所', kind: 'justice', countyId: c, townId: '621126101' },
    { id: `${c}-petition`, name: '县信访局', kind: 'petition', countyId: c, townId: null },
    { id: `${c}-hrss`, name: '县人社局', kind: 'hrss', countyId: c, townId: null },
    { id: `${c}-civil`, name: '县民政局', kind: 'civil', countyId: c, townId: null },
    { id: `${c}-natres`, name: '县自然资源局', kind: 'natres', countyId: c, townId: null },
  ];
}

export interface DemoAccount {
  key: string;
  email: string;
  password: string;
  displayName: string;
  title: string;
  role: Role;
  scopeId: string;
  /** What the account is for, in Chinese, for the README and the sign-in page. */
  label: string;
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

export const DEMO_ACCOUNTS: DemoAccount[] = [
  acct('admin', '王建国', '县综治中心管理员', 'admin', '621126', '管理员 · 岷县'),
  acct('county', '李明', '县综治中心主任', 'county_staff', '621126', '县综治中心 · 岷县'),
  acct('county-leader', '赵志刚', '县委副书记', 'leader', '621126', '县领导 · 岷县'),
  acct('town', '张伟', '岷阳镇综治中心主任', 'town_staff', '621126100', '镇综治中心 · 岷阳镇'),
  acct('town-leader', '刘芳', '岷阳镇党委书记', 'leader', '621126100', '镇领导 · 岷阳镇'),
  acct('town2', '陈静', '蒲麻镇综治中心主任', 'town_staff', '621126101', '镇综治中心 · 蒲麻镇'),
  acct('village', '杨军', '城郊村调解委员会主任', 'village_staff', '621126100001', '村综治中心 · 城郊村'),
  acct('village2', '黄丽', '东街社区综治专干', 'village_staff', '621126100002', '社区综治中心 · 东街社区'),
  acct('grid', '周强', '城郊村第1网格网格员', 'grid_worker', '621126100001001', '网格员 · 城郊村第1网格'),
  acct('grid2', '吴敏', '东街社区第1网格网格员', 'grid_worker', '621126100002001', '网格员 · 东街社区第1网格'),
  acct('police', '孙浩', '岷阳派出所民警', 'department_officer', '621126-police-minyang', '部门 · 岷阳派出所'),
  acct('justice', '马丽', '岷阳司法所所长', 'department_officer', '621126-justice-minyang', '部门 · 岷阳司法所'),
  acct('mediator', '朱德明', '金牌调解员', 'mediator', '621126100', '调解员 · 岷阳镇调解工作室'),
  acct('resident', '胡秀英', '群众', 'resident', '621126', '群众 · 岷县'),
  acct('court', '何静', '岷阳人民法庭法官助理', 'department_officer', '621126-court-minyang', '部门 · 岷阳人民法庭'),
];

/** External systems allowed to post cases to the demo county (keys: functions/.secret.local). */
export function demoIntakeSources(): IntakeSourceDoc[] {
  const c = DEMO_COUNTY.id;
  const regionMap = { 'MY-CJ-01': '621126100001001', 'MY-DJ-01': '621126100002001', 'PM-01': '621126101001001' };
  const categoryMap = {
    '0101': 'neighbour',
    '0102': 'marriage_family',
    '0201': 'labour',
    '0301': 'traffic',
    '0401': 'housing_land',
    '0501': 'property_mgmt',
  } as const;
  return [
    {
      id: `police-${c}`,
      name: '公安警情推送',
      countyId: c,
      source: 'police_alert',
      startTier: 'village',
      categoryMap,
      regionMap,
      active: true,
    },
    {
      id: `hotline-${c}`,
      name: '12345热线',
      countyId: c,
      source: 'hotline_12345',
      startTier: 'village',
      categoryMap,
      regionMap,
      active: true,
    },
    {
      id: `court-${c}`,
      name: '法院诉前委派',
      countyId: c,
      source: 'court_referral',
      startTier: 'town',
      categoryMap,
      regionMap,
      active: true,
    },
    { id: `petition-${c}`, name: '信访信息系统', countyId: c, source: 'petition', startTier: 'town', categoryMap, regionMap, active: true },
  ];
}

/** The demo county's mediation registry (人民调解组织名录): committees, a professional body, a studio. */
export function demoMediationOrgs(): Omit<MediationOrgDoc, 'updatedAt'>[] {
  const c = DEMO_COUNTY.id;
  const zero = { open: 0, succeeded: 0, failed: 0, rated: 0, satisfied: 0 };
  return [
    {
      id: `${c}-med-chengjiao`,
      countyId: c,
      name: '城郊村人民调解委员会',
      kind: 'village_committee',
      field: null,
      unitId: '621126100001',
      area: '城郊村村委会二楼调解室',
      active: true,
      figures: zero,
    },
    {
      id: `${c}-med-minyang`,
      countyId: c,
      name: '岷阳镇人民调解委员会',
      kind: 'town_committee',
      field: null,
      unitId: '621126100',
      area: '岷阳镇综治中心调处室',
      active: true,
      figures: zero,
    },
    {
      id: `${c}-med-traffic`,
      countyId: c,
      name: '岷县道路交通事故纠纷人民调解委员会',
      kind: 'professional',
      field: 'traffic',
      unitId: c,
      area: '县交警大队事故处理中心',
      active: true,
      figures: zero,
    },
    {
      id: `${c}-med-studio-zhu`,
      countyId: c,
      name: '老朱调解工作室',
      kind: 'studio',
      field: null,
      unitId: '621126100',
      area: '岷阳镇综治中心',
      active: true,
      figures: zero,
    },
  ];
}

/** Mediators; 朱德明 (mediator@…) is linked to his console account, so he sees the cases he mediates. */
export function demoMediators(uids: Record<string, string>): Omit<MediatorDoc, 'updatedAt'>[] {
  const c = DEMO_COUNTY.id;
  const zero = { open: 0, succeeded: 0, failed: 0, rated: 0, satisfied: 0 };
  const orgs = Object.fromEntries(demoMediationOrgs().map((o) => [o.id, o]));
  const m = (
    id: string,
    orgId: string,
    name: string,
    title: string,
    specialties: MediatorDoc['specialties'],
    units: string[],
    uid: string | null,
  ) => ({
    id: `${c}-${id}`,
    orgId: `${c}-${orgId}`,
    orgName: orgs[`${c}-${orgId}`]!.name,
    orgKind: orgs[`${c}-${orgId}`]!.kind,
    countyId: c,
    name,
    title,
    specialties,
    units,
    area: '',
    uid,
    active: true,
    figures: zero,
  });
  return [
    m('zhu-deming', 'med-studio-zhu', '朱德明', '金牌调解员', ['family', 'neighbour', 'land'], ['621126100'], uids.mediator ?? null),
    m('yang-jun', 'med-chengjiao', '杨军', '人民调解委员会主任', ['neighbour', 'land'], ['621126100001'], null),
    m('li-guilan', 'med-minyang', '李桂兰', '人民调解员', ['family', 'property'], ['621126100', '621126100002'], null),
    m('ma-wenhua', 'med-traffic', '马文华', '首席调解员', ['traffic'], [c], null),
  ];
}
