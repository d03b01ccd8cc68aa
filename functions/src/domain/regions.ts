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

export const RegionDoc = z.strictObject({
  id: regionCode,
  level: z.enum(['county', 'town', 'village']),
  name: z.string().min(1).max(40),
  parentId: z.string().nullable(),
  countyId: countyCode,
  townId: townCode.nullable(),
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
