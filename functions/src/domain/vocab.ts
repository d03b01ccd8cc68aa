/**
 * The case vocabulary as plain constants: tiers, classes, categories, sources, party roles, the
 * grid worker's outcomes, and the rule for the lowest tier. No zod, no luxon: the phone's report
 * form (web/src/phone/) imports this file alone (`@domain/vocab`) and stays small; the schemas in
 * case-model.ts are built from the same arrays.
 */

/**
 * Tiers, lowest first (网格 → 村 → 镇 → 县 → 市). A case is handled at the lowest that can. The
 * city tier (issue 16) is reached only by the county center's 上报市级 (escalate from county);
 * no case starts there and the deadline sweep never escalates into it.
 */
export const TIERS = ['grid', 'village', 'town', 'county', 'city'] as const;
export type Tier = (typeof TIERS)[number];

/** 三级分类三色管理: 一般/复杂/疑难 → blue/orange/red. */
export const CASE_CLASSES = ['general', 'complex', 'difficult'] as const;
export type CaseClass = (typeof CASE_CLASSES)[number];
export const COLOUR_OF: Record<CaseClass, 'blue' | 'orange' | 'red'> = {
  general: 'blue',
  complex: 'orange',
  difficult: 'red',
};

/** 纠纷类型. */
export const CATEGORIES = [
  'marriage_family', // 婚姻家庭
  'neighbour', // 邻里
  'housing_land', // 房屋宅基地
  'contract', // 合同
  'business', // 生产经营
  'damages', // 损害赔偿
  'forest_land', // 山林土地
  'expropriation', // 征地拆迁
  'environment', // 环境污染
  'labour', // 劳动争议 (incl. 拖欠农民工工资)
  'medical', // 医疗
  'traffic', // 道路交通事故
  'property_mgmt', // 物业
  'consumer', // 消费
  'village_affairs', // 村务管理
  'other', // 其他
] as const;
export type Category = (typeof CATEGORIES)[number];

/** 来源: intake channels. */
export const SOURCES = [
  'grid_patrol', // 网格员巡查
  'resident_app', // 群众随手报
  'walk_in', // 来访
  'letter', // 来信
  'phone', // 来电
  'department', // 部门反馈
  'police_alert', // 警情推送
  'court_referral', // 法院诉前委派
  'hotline_12345', // 12345
  'petition', // 信访
  'leader_visit', // 领导联值走访
] as const;
export type Source = (typeof SOURCES)[number];

export const PARTY_ROLES = ['applicant', 'respondent', 'other'] as const;

/** What a grid worker may resolve a case with on the spot (the machine's guard on `resolve` from 待受理). */
export const GRID_OUTCOMES = ['solved_on_spot', 'explained', 'withdrawn'] as const;

/** What minimumTier reads of a case. */
export interface TierInputs {
  caseClass: CaseClass;
  flags: { group: boolean; crossVillage: boolean; crossTown: boolean };
}

/** The lowest tier a case may sit at, from its flags and class (forced start tiers). */
export function minimumTier(c: TierInputs): Tier {
  if (c.caseClass === 'difficult' || c.flags.crossTown) return 'county';
  if (c.flags.crossVillage || c.flags.group) return 'town';
  return 'grid';
}
