import { z } from 'zod';

/**
 * Places and their codes (统计用区划代码): county 6 digits, town 9 = county + 3, village 12 =
 * town + 3, grid 15 = village + 3. Codes are globally unique, so a longer code implies its chain.
 */
export const LEVELS = ['county', 'town', 'village', 'grid'] as const;
export type Level = (typeof LEVELS)[number];

const CODE_LENGTH: Record<Level, number> = { county: 6, town: 9, village: 12, grid: 15 };

export const countyCode = z.string().regex(/^\d{6}$/, '县级区划代码应为6位数字');
export const townCode = z.string().regex(/^\d{9}$/, '乡镇区划代码应为9位数字');
export const villageCode = z.string().regex(/^\d{12}$/, '村（社区）区划代码应为12位数字');
export const gridCode = z.string().regex(/^\d{15}$/, '网格编码应为15位数字');
export const regionCode = z.string().regex(/^(\d{6}|\d{9}|\d{12}|\d{15})$/, '区划代码应为6/9/12/15位数字');

/**
 * Above the county (issue 16): province 2 digits (62 甘肃省), city 4 (6211 定西市). Kept apart
 * from `Level` on purpose: `Level` (county and below) keys many maps — query scopes, geo
 * tolerances, patrol units — that have no meaning above a county; `AreaLevel` is the tier of the
 * city and province centers, `AnyLevel` either.
 */
export const AREA_LEVELS = ['province', 'city'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];
export type AnyLevel = AreaLevel | Level;
/** Every level, widest first. */
export const ALL_LEVELS: readonly AnyLevel[] = ['province', 'city', ...LEVELS];
const AREA_CODE_LENGTH: Record<AreaLevel, number> = { province: 2, city: 4 };
export const AREA_LEVEL_ZH: Record<AreaLevel, string> = { province: '省', city: '市（州）' };

export const provinceCode = z.string().regex(/^\d{2}$/, '省级区划代码应为2位数字');
export const cityCode = z.string().regex(/^\d{4}$/, '市级区划代码应为4位数字');
/** A city or province code. */
export const areaCode = z.string().regex(/^(\d{2}|\d{4})$/, '省、市区划代码应为2或4位数字');
/** Any region code, province to grid. */
export const anyRegionCode = z.string().regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12}|\d{15})$/, '区划代码应为2/4/6/9/12/15位数字');

export const isAreaCode = (code: string): boolean => /^(\d{2}|\d{4})$/.test(code);

/** The level of a city or province code. */
export function areaLevelOf(code: string): AreaLevel {
  const level = AREA_LEVELS.find((l) => AREA_CODE_LENGTH[l] === code.length && /^\d+$/.test(code));
  if (!level) throw new Error(`not a city or province code: ${code}`);
  return level;
}

/** The level of any code, province to grid. */
export const anyLevelOf = (code: string): AnyLevel => (isAreaCode(code) ? areaLevelOf(code) : levelOf(code));

/** A county's city (4 digits) and province (2 digits): its code's prefixes. */
export const cityOf = (code: string): string => code.slice(0, 4);
export const provinceOf = (code: string): string => code.slice(0, 2);

/** The parent of any code: province → null, city → province, county → city, below as `parentOf`. */
export function anyParentOf(code: string): string | null {
  const level = anyLevelOf(code);
  if (level === 'province') return null;
  if (level === 'city') return code.slice(0, 2);
  if (level === 'county') return code.slice(0, 4);
  return parentOf(code);
}

/** True when `outer` (any level) is `inner` or one of its ancestors (both codes, any level). */
export const coversAny = (outer: string, inner: string): boolean => /^\d+$/.test(outer) && inner.startsWith(outer);

export function levelOf(code: string): Level {
  const level = LEVELS.find((l) => CODE_LENGTH[l] === code.length && /^\d+$/.test(code));
  if (!level) throw new Error(`not a region code: ${code}`);
  return level;
}

export interface RegionChain {
  countyId: string;
  townId: string | null;
  villageId: string | null;
  gridId: string | null;
}

/** The whole chain above (and including) a code. */
export function chainOf(code: string): RegionChain {
  const level = levelOf(code);
  return {
    countyId: code.slice(0, 6),
    townId: level === 'county' ? null : code.slice(0, 9),
    villageId: level === 'county' || level === 'town' ? null : code.slice(0, 12),
    gridId: level === 'grid' ? code : null,
  };
}

export function parentOf(code: string): string | null {
  const level = levelOf(code);
  return level === 'county' ? null : code.slice(0, CODE_LENGTH[LEVELS[LEVELS.indexOf(level) - 1]]);
}

/** True when `outer` is `inner` or one of its ancestors. */
export function covers(outer: string, inner: string): boolean {
  return inner.startsWith(outer) && CODE_LENGTH[levelOf(outer)] <= inner.length;
}

/**
 * regions/{code}. A county's parentId is its city (4 digits) when the city is known (seeded),
 * else null (a single county deployed alone). A city or province (issue 16) has countyId and
 * townId null: regions/6211 {level:'city', parentId:'62'}, regions/62 {level:'province', parentId:null}.
 */
export const RegionDoc = z
  .strictObject({
    id: anyRegionCode,
    level: z.enum(['province', 'city', 'county', 'town', 'village']),
    name: z.string().min(1).max(40),
    parentId: z.string().nullable(),
    countyId: countyCode.nullable(),
    townId: townCode.nullable(),
  })
  .refine((r) => (r.level === 'province' || r.level === 'city') === (r.countyId === null), {
    message: '省、市区划不属于任何县；县及以下区划须有所属县',
    path: ['countyId'],
  });
export type RegionDoc = z.infer<typeof RegionDoc>;

export const GridDoc = z.strictObject({
  id: gridCode,
  name: z.string().min(1).max(40),
  countyId: countyCode,
  townId: townCode,
  villageId: villageCode,
  households: z.number().int().nonnegative().nullable(),
});
export type GridDoc = z.infer<typeof GridDoc>;

/** Departments (部门): 派出所, 司法所, 法庭, 信访办, 人社所, 民政所, … IDs are `${countyId}-${slug}`. */
export const DEPARTMENT_KINDS = ['police', 'justice', 'court', 'petition', 'hrss', 'civil', 'natres', 'other'] as const;
export const DepartmentDoc = z.strictObject({
  id: z.string().regex(/^\d{6}-[a-z0-9-]{2,40}$/, '部门编号格式应为 县代码-英文标识'),
  name: z.string().min(1).max(40),
  kind: z.enum(DEPARTMENT_KINDS),
  countyId: countyCode,
  townId: townCode.nullable(),
});
export type DepartmentDoc = z.infer<typeof DepartmentDoc>;
