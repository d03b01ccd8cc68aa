import { logger } from 'firebase-functions';
import { HttpsError, type CallableRequest } from 'firebase-functions/v2/https';
import { z } from 'zod';
import { type Actor, type Claims, GuardError, ROLES } from '../domain';

/**
 * Errors users see are Chinese (the HttpsError message); logs and codes are English
 * (details.en carries the English sentence for clients that log).
 */
export function fail(code: ConstructorParameters<typeof HttpsError>[0], zh: string, en: string, extra?: Record<string, unknown>): never {
  logger.warn(en, extra);
  throw new HttpsError(code, zh, { en, ...extra });
}

/** Validates a payload; bad input is `invalid-argument` with field-level issues, nothing written. */
export function parse<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const fields = r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  return fail('invalid-argument', `提交的内容有误：${fields.map((f) => (f.path ? `${f.path}：` : '') + f.message).slice(0, 5).join('；')}`, 'payload failed validation', { fields });
}

export function rethrow(e: unknown): never {
  if (e instanceof HttpsError) throw e;
  if (e instanceof GuardError) fail(e.code, e.userMessage, e.logMessage);
  logger.error('unexpected error', e);
  throw new HttpsError('internal', '服务器内部错误，请稍后重试', { en: 'internal error' });
}

const ClaimsSchema = z.object({
  r: z.enum(ROLES),
  u: z.string(),
  c: z.string(),
  t: z.string().optional(),
  v: z.string().optional(),
  g: z.string().optional(),
  d: z.string().optional(),
});

/** The signed-in caller with a role; unauthenticated or role-less callers are refused. */
export function requireActor(req: CallableRequest): { claims: Claims; actor: Actor } {
  if (!req.auth) fail('unauthenticated', '请先登录', 'no auth context');
  const parsed = ClaimsSchema.safeParse(req.auth.token);
  if (!parsed.success) fail('permission-denied', '您的账号尚未分配角色，请联系管理员', `uid ${req.auth.uid} has no role claims`);
  const claims = parsed.data as Claims;
  const name = typeof req.auth.token.name === 'string' ? req.auth.token.name : null;
  return { claims, actor: { uid: req.auth.uid, role: claims.r, unitId: claims.u, name } };
}
