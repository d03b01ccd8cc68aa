import type { z } from 'zod';

/**
 * Validation messages in plain Chinese (zh-CN), for every issue a schema does not word itself.
 * The domain's schemas word their own messages where they know better ('请填写原因'); everything
 * else — a missing field, a wrong type, a bad format — is worded here from the issue's code, never
 * with the validator's own terms (string, undefined, regex). The functions pass it to every parse
 * of a callable's payload (lib/errors.ts `parse`); the console installs it as zod's locale in
 * zh-CN (web/src/i18n). `describeIssues` adds the field's label for a message shown apart from
 * its field ("来访时间：日期时间格式不正确").
 */

type Issue = z.core.$ZodRawIssue | z.core.$ZodIssue;

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

const FORMAT: Record<string, string> = {
  datetime: '日期时间格式不正确',
  date: '日期格式不正确（应为“年-月-日”）',
  time: '时间格式不正确',
  email: '邮箱格式不正确',
  url: '网址格式不正确',
};

/** The Chinese message for one issue (zod's error-map shape: a string). */
export function zhIssueMessage(iss: Issue): string {
  const input = (iss as { input?: unknown }).input;
  switch (iss.code) {
    case 'invalid_type':
      return isBlank(input) ? '不能为空' : '格式不正确';
    case 'too_small': {
      const min = Number(iss.minimum);
      if (iss.origin === 'string') return min <= 1 ? '不能为空' : `至少${min}个字`;
      if (iss.origin === 'array' || iss.origin === 'set') return min <= 1 ? '至少填写一项' : `至少填写${min}项`;
      if (iss.origin === 'number' || iss.origin === 'int' || iss.origin === 'bigint')
        return iss.inclusive === false ? `应大于${min}` : `不能小于${min}`;
      return '内容太少';
    }
    case 'too_big': {
      const max = Number(iss.maximum);
      if (iss.origin === 'string') return `不能超过${max}字`;
      if (iss.origin === 'array' || iss.origin === 'set') return `最多${max}项`;
      if (iss.origin === 'number' || iss.origin === 'int' || iss.origin === 'bigint')
        return iss.inclusive === false ? `应小于${max}` : `不能大于${max}`;
      if (iss.origin === 'file') return '文件过大';
      return '内容过多';
    }
    case 'invalid_format':
      return FORMAT[(iss as { format?: string }).format ?? ''] ?? '格式不正确';
    case 'not_multiple_of':
      return '数值不正确';
    case 'invalid_value':
      return isBlank(input) ? '请选择' : '不是可选的值，请从列表中选择';
    case 'unrecognized_keys':
      return '含有不应提交的内容';
    case 'invalid_key':
    case 'invalid_element':
    case 'invalid_union':
      return isBlank(input) ? '不能为空' : '格式不正确';
    default:
      return '内容不正确';
  }
}

/** zod's error map in Chinese: `schema.safeParse(x, { error: zhErrorMap })` or `z.config({ localeError: zhErrorMap })`. */
export const zhErrorMap = (iss: z.core.$ZodRawIssue): string => zhIssueMessage(iss);

/**
 * What users call the fields the callables take (the last named segment of an issue's path).
 * A field not listed here is named "提交的内容" — never by its key.
 */
export const FIELD_LABELS: Record<string, string> = {
  requestId: '请求编号',
  gridId: '网格',
  unitId: '单位',
  countyId: '县（区）',
  townId: '乡镇（街道）',
  villageId: '村（社区）',
  villageIds: '联系村（社区）',
  category: '纠纷类别',
  caseClass: '案件分类',
  source: '来源',
  title: '标题',
  description: '情况描述',
  flags: '案件标记',
  groupSize: '涉及人数',
  parties: '当事人',
  petitioners: '来访人',
  role: '身份',
  name: '姓名',
  phone: '电话',
  idNumber: '身份证号',
  address: '地址',
  receivedAt: '来访时间',
  repeat: '重复访',
  skipLevel: '越级访',
  caseId: '案件编号',
  expectedVersion: '案件版本',
  command: '操作',
  action: '操作',
  note: '说明',
  reason: '原因',
  referral: '分流去向',
  duplicateOf: '原案件',
  handlerUid: '承办人',
  mediatorUid: '调解员',
  leaderUid: '包案领导',
  leaderName: '领导姓名',
  departmentIds: '部门',
  departmentId: '部门',
  instructions: '派单要求',
  feedback: '反馈',
  summary: '调解情况',
  agreementReached: '是否达成协议',
  team: '工作专班',
  plan: '化解方案',
  dueDate: '期限',
  progress: '进展',
  outcome: '办结方式',
  satisfaction: '满意度',
  instruction: '批示内容',
  assignments: '交办单位',
  supervisionId: '督办件',
  reply: '答复',
  petitionerReply: '答复信访人',
  result: '回头看结果',
  approvedBy: '批准人',
  petitionerNotified: '已告知信访人',
  gridAction: '网格员处理方式',
  kind: '类型',
  dates: '日期',
  date: '日期',
  withUid: '对方领导',
  withDate: '对方日期',
  changeId: '申请',
  approve: '审批结果',
  from: '开始日期',
  to: '结束日期',
  weekday: '接访领导轮次',
  duty: '值班领导轮次',
  uid: '领导',
  neverWeekdays: '不排班的星期',
  handoff: '交接班时间',
  visitWeekday: '联值走访日',
  unitName: '单位名称',
  found: '走访发现',
  openCase: '登记案件',
  years: '年份',
  year: '年份',
  offDays: '放假日期',
  workdays: '调休上班日期',
  email: '邮箱',
  password: '密码',
  displayName: '姓名',
  active: '启用状态',
  month: '月份',
  period: '期间',
};

const ORDINAL_OF: Record<string, string> = { parties: '当事人', petitioners: '来访人', assignments: '交办单位' };

/** The label of an issue's path: "来访人2·电话", "来访时间"; "提交的内容" when unnamed. */
export function fieldLabel(path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  let last: string | null = null;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const next = path[i + 1];
    if (typeof seg === 'string' && typeof next === 'number' && ORDINAL_OF[seg]) {
      parts.push(`${ORDINAL_OF[seg]}${next + 1}`);
      last = null;
      i++;
    } else if (typeof seg === 'string' && Object.hasOwn(FIELD_LABELS, seg)) last = FIELD_LABELS[seg]!;
  }
  if (last) parts.push(last);
  return parts.length ? parts.join('·') : '提交的内容';
}

/** Issues as users read them apart from the form: "标题：至少2个字；来访时间：日期时间格式不正确". */
export function describeIssues(issues: readonly z.core.$ZodIssue[], max = 5): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const i of issues) {
    const line = `${fieldLabel(i.path)}：${i.message}`;
    if (seen.has(line)) continue;
    seen.add(line);
    out.push(line);
    if (out.length >= max) break;
  }
  return out.join('；') || '格式不正确';
}
