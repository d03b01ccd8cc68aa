import { onCall } from 'firebase-functions/v2/https';
import {
  type Actor,
  CALLABLES,
  type CallableInput,
  type CallableName,
  type CallablePayload,
  type CallableResult,
  type Claims,
} from '../domain';
import { type Caller, fail, parse, requireActor, rethrow } from './errors';
import { callableOptions } from './options';

/** Who is calling: the signed-in, active caller `requireActor` found. */
export interface CallContext {
  claims: Claims;
  actor: Actor;
  uid: string;
  caller: Caller;
}

/**
 * One callable, the same way every time: the caller must be signed in with a role and an active
 * profile (`requireActor`); the payload must pass the schema of `name` in the domain's table
 * (`CALLABLES`, strict: unknown fields are refused) before anything is read; any failure of the
 * handler becomes an HttpsError with a Chinese message (`rethrow`: `internal` only for true bugs).
 * Options come from lib/options.ts. Export it under the same name from functions/src/index.ts.
 */
export function defineCallable<N extends CallableName>(
  name: N,
  handler: (input: CallablePayload<N>, ctx: CallContext) => Promise<CallableResult<N>>,
) {
  const schema = CALLABLES[name];
  return onCall<CallableInput<N>, Promise<CallableResult<N>>>(callableOptions(name), async (req) => {
    const ctx = await requireActor(req);
    const input = parse(schema, req.data) as CallablePayload<N>;
    try {
      return await handler(input, ctx);
    } catch (e) {
      rethrow(e, ctx.caller);
    }
  });
}

/**
 * A callable for someone signed in who has no role yet (a resident registering after phone
 * sign-in): signed in is all it asks; the payload passes its schema like every callable's.
 */
export function defineSignedInCallable<N extends CallableName>(
  name: N,
  handler: (input: CallablePayload<N>, ctx: { uid: string }) => Promise<CallableResult<N>>,
) {
  const schema = CALLABLES[name];
  return onCall<CallableInput<N>, Promise<CallableResult<N>>>(callableOptions(name), async (req) => {
    if (!req.auth) fail('unauthenticated', '请先登录', 'no auth context');
    const input = parse(schema, req.data) as CallablePayload<N>;
    try {
      return await handler(input, { uid: req.auth.uid });
    } catch (e) {
      rethrow(e);
    }
  });
}
