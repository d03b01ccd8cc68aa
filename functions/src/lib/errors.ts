import { logger } from 'firebase-functions';
import { HttpsError, type CallableRequest, type FunctionsErrorCode } from 'firebase-functions/v2/https';
import { z } from 'zod';
import {
  type Actor,
  CalendarRangeError,
  type Claims,
  GuardError,
  ProfileError,
  ROLES,
  zhErrorMap,
  RosterError,
  describeIssues,
  fieldLabel,
  findMalformedText,
  findProtoKey,
  redactIds,
} from '../domain';

export { redactIds };

// Every zod issue the functions word themselves (a handler's own `.parse`, a converter) is plain
// Chinese too; `parse` below passes the same map explicitly.
z.config({ localeError: zhErrorMap });
import { db } from './admin';
import { uncheckedRefs } from './db';

/**
 * Errors users see are Chinese (the HttpsError message); logs and codes are English
 * (details.en carries the English sentence for clients that log). User IDs in the English
 * sentence stay in the server log: non-administrators receive it with IDs replaced by `<id>`.
 */

const FULL_EN = Symbol('fullEn');
type TaggedError = HttpsError & { [FULL_EN]?: string };

export function fail(code: FunctionsErrorCode, zh: string, en: string, extra?: Record<string, unknown>): never {
  logger.warn(en, extra);
  const e = new HttpsError(code, zh, { ...extra, en: redactIds(en) }) as TaggedError;
  e[FULL_EN] = en;
  throw e;
}

/** Validates a payload; bad input is `invalid-argument` with field-level issues, nothing written. */
export function parse<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const bad = findMalformedText(data);
  if (bad) {
    const path = bad.join('.');
    fail(
      'invalid-argument',
      `提交的内容有误：${fieldLabel(bad)}：含有无法识别的字符（不完整的Unicode编码）`,
      'payload has a lone surrogate',
      { fields: [{ path, message: '含有无法识别的字符' }] },
    );
  }
  // Issues a schema does not word itself are worded in plain Chinese (domain/zod-zh.ts).
  const r = schema.safeParse(data, { error: zhErrorMap });
  if (r.success) return r.data;
  return failZod(r.error);
}

function failZod(err: z.ZodError): never {
  const fields = err.issues.map((i) => ({ path: i.path.map(String).join('.'), label: fieldLabel(i.path), message: i.message }));
  return fail(
    'invalid-argument',
    `提交的内容有误：${describeIssues(err.issues)}`,
    `payload failed validation at ${fields.map((f) => f.path || '(root)').join(', ')}`,
    { fields },
  );
}

/** Firestore / gRPC status codes (numeric) → callable codes with a Chinese message. */
const GRPC: Record<number, [FunctionsErrorCode, string]> = {
  1: ['cancelled', '请求已取消，请重试'],
  3: ['invalid-argument', '提交的内容过大或含有不被接受的内容'],
  4: ['deadline-exceeded', '服务器处理超时，请稍后重试'],
  5: ['not-found', '要处理的数据不存在'],
  6: ['already-exists', '该数据已存在'],
  7: ['permission-denied', '没有权限执行此操作'],
  8: ['resource-exhausted', '请求过于频繁或数据量过大，请稍后重试'],
  9: ['failed-precondition', '当前状态不允许此操作，请刷新后重试'],
  10: ['aborted', '同时提交的操作过多，本次未保存，请稍后重试'],
  11: ['out-of-range', '提交的内容超出允许范围'],
  14: ['unavailable', '服务暂时不可用，本次未保存，请稍后重试'],
  16: ['unauthenticated', '请先登录'],
};

/** Firebase Auth error codes → callable codes with a Chinese message. */
const AUTH: Record<string, [FunctionsErrorCode, string]> = {
  'auth/user-not-found': ['not-found', '用户不存在'],
  'auth/email-already-exists': ['already-exists', '该邮箱已被其他账号使用'],
  'auth/uid-already-exists': ['already-exists', '该用户编号已被使用'],
  'auth/phone-number-already-exists': ['already-exists', '该手机号已被其他账号使用'],
  'auth/invalid-email': ['invalid-argument', '邮箱格式不正确'],
  'auth/invalid-password': ['invalid-argument', '密码不符合要求（至少8位）'],
  'auth/invalid-uid': ['invalid-argument', '用户编号格式不正确'],
  'auth/invalid-display-name': ['invalid-argument', '姓名格式不正确'],
  'auth/invalid-phone-number': ['invalid-argument', '手机号格式不正确'],
  'auth/invalid-argument': ['invalid-argument', '提交的账号信息不正确'],
  'auth/invalid-disabled-field': ['invalid-argument', '启用状态不正确'],
  'auth/claims-too-large': ['invalid-argument', '账号权限信息过大'],
  'auth/too-many-requests': ['resource-exhausted', '操作过于频繁，请稍后重试'],
  'auth/quota-exceeded': ['resource-exhausted', '操作过于频繁，请稍后重试'],
  'auth/internal-error': ['unavailable', '认证服务暂时不可用，请稍后重试'],
  'auth/network-request-failed': ['unavailable', '认证服务暂时不可用，请稍后重试'],
};

/** Messages of the Firestore SDK's own argument checks (a path or value it refuses before sending). */
const FIRESTORE_ARGUMENT =
  /^(Value for argument|Path must|Document path|Collection path|Cannot use|Argument ".*" is not a valid|Invalid (document|collection|path|use))/;

/** The callable error a known failure maps to, or null for a true bug. */
export function toHttpsError(e: unknown): HttpsError | null {
  if (e instanceof HttpsError) return e;
  if (e instanceof GuardError) {
    const h = new HttpsError(e.code, e.userMessage, { en: redactIds(e.logMessage) }) as TaggedError;
    h[FULL_EN] = e.logMessage;
    return h;
  }
  if (e instanceof CalendarRangeError) {
    const loaded = e.covered ? `（已导入：${e.covered[0]}–${e.covered[1]}年）` : '（尚未导入任何年份）';
    return new HttpsError('failed-precondition', `尚未导入${e.year}年的工作日历（节假日安排）${loaded}，请管理员导入后再试`, {
      en: e.message,
      year: e.year,
    });
  }
  if (e instanceof RosterError)
    return new HttpsError('failed-precondition', '无法生成值班安排：可排班的领导不足或与限制冲突，请调整值班轮次', {
      en: redactIds(e.message),
    });
  if (e instanceof ProfileError) return new HttpsError('invalid-argument', '角色与管辖范围不匹配', { en: redactIds(e.message) });
  if (e instanceof z.ZodError || (e as { name?: string })?.name === 'ZodError') {
    const issues = (e as z.ZodError).issues ?? [];
    const fields = issues.map((i) => ({ path: i.path.map(String).join('.'), label: fieldLabel(i.path), message: i.message }));
    return new HttpsError('invalid-argument', `提交的内容有误：${describeIssues(issues)}`, { en: 'value failed validation', fields });
  }
  const err = e as { code?: unknown; errorInfo?: { code?: string }; message?: unknown } | null;
  const authCode =
    typeof err?.errorInfo?.code === 'string'
      ? err.errorInfo.code
      : typeof err?.code === 'string' && err.code.startsWith('auth/')
        ? err.code
        : null;
  if (authCode) {
    const [code, zh] = AUTH[authCode] ?? ['failed-precondition', '账号操作未能完成，请检查输入后重试'];
    return new HttpsError(code, zh, { en: `auth error ${authCode}` });
  }
  if (typeof err?.code === 'number' && Object.hasOwn(GRPC, err.code)) {
    const [code, zh] = GRPC[err.code]!;
    return new HttpsError(code, zh, { en: `firestore error ${err.code}` });
  }
  if (typeof err?.message === 'string' && FIRESTORE_ARGUMENT.test(err.message)) {
    return new HttpsError('invalid-argument', '提交的编号或内容不能用于保存', { en: 'firestore refused an argument' });
  }
  if (typeof err?.message === 'string' && /transaction.*(lock|contention|too much)|lock timeout/i.test(err.message)) {
    return new HttpsError('aborted', GRPC[10]![1], { en: 'transaction contention' });
  }
  return null;
}

/** The signed-in caller, for what an error may say back to them. */
export interface Caller {
  uid: string;
  claims: Claims;
}

/**
 * Rethrows any failure as an HttpsError with the right code and a Chinese message; `internal`
 * only for true bugs. Administrators get details.en with IDs; everyone else without.
 */
export function rethrow(e: unknown, caller?: Caller): never {
  const h = toHttpsError(e);
  if (!h) {
    logger.error('unexpected error', e);
    throw new HttpsError('internal', '服务器内部错误，请稍后重试', { en: 'internal error' });
  }
  const full = (h as TaggedError)[FULL_EN];
  if (!(e instanceof HttpsError)) logger.warn(full ?? (e as Error)?.message ?? String(e), { code: h.code });
  const details = (h.details ?? {}) as Record<string, unknown>;
  if (caller?.claims.r === 'admin' && full) throw new HttpsError(h.code, h.message, { ...details, en: full });
  if (caller && typeof details.en === 'string')
    throw new HttpsError(h.code, h.message, { ...details, en: redactIds(details.en, [caller.uid]) });
  throw h;
}

/** gRPC ABORTED or the emulator's lock timeout: the transaction lost a race and may be retried. */
export function isContention(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown } | null;
  return (
    err?.code === 10 ||
    (typeof err?.message === 'string' && /transaction.*(lock|contention|too much)|lock timeout|ABORTED/i.test(err.message))
  );
}

/**
 * Runs `fn`, retrying a few times with jitter when its transaction loses to a concurrent one
 * (Firestore already retries inside runTransaction; this covers bursts of identical requests).
 * Still losing: `aborted` with a Chinese "please retry".
 */
export async function retryOnContention<T>(fn: () => Promise<T>, attempts = 6): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (!isContention(e)) throw e;
      if (i >= attempts) throw new GuardError('aborted', GRPC[10]![1], `transaction contention after ${attempts} attempts`);
      await new Promise((r) => setTimeout(r, Math.min(2000, 50 * 2 ** i) * (0.5 + Math.random())));
    }
  }
}

const ClaimsSchema = z.object({
  r: z.enum(ROLES),
  u: z.string(),
  /** Absent for city and province users (they belong to no county): read as ''. */
  c: z.string().default(''),
  t: z.string().optional(),
  v: z.string().optional(),
  g: z.string().optional(),
  d: z.string().optional(),
});

/**
 * The signed-in caller with a role; unauthenticated or role-less callers are refused, and so is
 * a caller whose profile (users/{uid}) is missing or deactivated — at once, whatever their ID
 * token still says.
 */
export async function requireActor(req: CallableRequest): Promise<{ claims: Claims; actor: Actor; uid: string; caller: Caller }> {
  if (!req.auth) fail('unauthenticated', '请先登录', 'no auth context');
  const uid = req.auth.uid;
  const parsed = ClaimsSchema.safeParse(req.auth.token);
  if (!parsed.success) {
    logger.warn('caller has no role claims', { uid });
    fail('permission-denied', '您的账号尚未分配角色，请联系管理员', 'caller has no role claims');
  }
  const claims = parsed.data as Claims;
  let profile: FirebaseFirestore.DocumentData | undefined;
  try {
    profile = (await uncheckedRefs(db).user(uid).get()).data();
  } catch (e) {
    rethrow(e);
  }
  if (profile?.active !== true) {
    logger.warn('caller profile missing or inactive', { uid });
    fail('permission-denied', '您的账号已停用或不存在，请联系管理员', 'caller profile missing or inactive');
  }
  // The payload as sent (before the SDK copies it into plain objects, which drops `__proto__`
  // keys silently): a payload with such a key is refused, never accepted without it.
  const raw = (req.rawRequest?.body as { data?: unknown } | undefined)?.data;
  const proto = findProtoKey(raw);
  if (proto) {
    const path = proto.join('.');
    fail('invalid-argument', `提交的内容有误：${fieldLabel(proto.slice(0, -1))}：含有不允许的字段名`, 'payload has a __proto__ key', {
      fields: [{ path, message: '不允许的字段名' }],
    });
  }
  const name = typeof req.auth.token.name === 'string' ? req.auth.token.name : null;
  return { claims, uid, caller: { uid, claims }, actor: { uid, role: claims.r, unitId: claims.u, name } };
}
