// rethrow's mapping: every known failure becomes a 4xx-class HttpsError with a Chinese message;
// only unknown errors (true bugs) are left for `internal`.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CalendarRangeError, GuardError, RosterError } from '../../functions/src/domain';
import { isContention, toHttpsError } from '../../functions/src/lib/errors';

const HAN = /\p{Script=Han}/u;
const cases: [string, unknown, string][] = [
  ['GuardError', new GuardError('failed-precondition', '案件已被他人更新', 'version conflict'), 'failed-precondition'],
  ['a missing calendar year', new CalendarRangeError(2027, [2004, 2026]), 'failed-precondition'],
  ['roster generation', new RosterError('no duty leader can take 2026-10-01'), 'failed-precondition'],
  ['zod', z.strictObject({ a: z.string() }).safeParse({ a: 1 }).error, 'invalid-argument'],
  ['Firestore ABORTED (10)', Object.assign(new Error('10 ABORTED: Transaction lock timeout'), { code: 10 }), 'aborted'],
  ['Firestore FAILED_PRECONDITION (9)', Object.assign(new Error('9 FAILED_PRECONDITION'), { code: 9 }), 'failed-precondition'],
  ['Firestore DEADLINE_EXCEEDED (4)', Object.assign(new Error('4 DEADLINE_EXCEEDED'), { code: 4 }), 'deadline-exceeded'],
  ['Firestore NOT_FOUND (5)', Object.assign(new Error('5 NOT_FOUND'), { code: 5 }), 'not-found'],
  ['Firestore ALREADY_EXISTS (6)', Object.assign(new Error('6 ALREADY_EXISTS'), { code: 6 }), 'already-exists'],
  [
    'Firestore INVALID_ARGUMENT (3, an oversized document)',
    Object.assign(new Error('3 INVALID_ARGUMENT: Document exceeds maximum size'), { code: 3 }),
    'invalid-argument',
  ],
  ['Firestore UNAVAILABLE (14)', Object.assign(new Error('14 UNAVAILABLE'), { code: 14 }), 'unavailable'],
  [
    'the Firestore SDK refusing a path',
    new Error('Value for argument "documentPath" must point to a document, but was "a/b".'),
    'invalid-argument',
  ],
  ['Auth: unknown uid', { errorInfo: { code: 'auth/user-not-found', message: 'x' }, code: 'auth/user-not-found' }, 'not-found'],
  ['Auth: email exists', { errorInfo: { code: 'auth/email-already-exists', message: 'x' } }, 'already-exists'],
  ['Auth: invalid email', { errorInfo: { code: 'auth/invalid-email', message: 'x' } }, 'invalid-argument'],
  ['Auth: invalid password', { errorInfo: { code: 'auth/invalid-password', message: 'x' } }, 'invalid-argument'],
  ['Auth: something new', { errorInfo: { code: 'auth/some-new-code', message: 'x' } }, 'failed-precondition'],
];

describe('toHttpsError', () => {
  it.each(cases)('%s', (_what, e, code) => {
    const h = toHttpsError(e);
    expect(h?.code).toBe(code);
    expect(h?.message).toMatch(HAN);
  });
  it('names the missing calendar year', () => {
    expect(toHttpsError(new CalendarRangeError(2027, [2004, 2026]))?.message).toContain('2027');
  });
  it('leaves true bugs alone', () => {
    expect(toHttpsError(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBeNull();
    expect(toHttpsError(new Error('something else'))).toBeNull();
  });
  it('GuardError details for callers carry no user IDs', () => {
    const h = toHttpsError(new GuardError('permission-denied', '无权', 'actor Xk3pQ9rT2vLm8nB4cD6fG1hJ0kA2 may not suspend'));
    expect(JSON.stringify(h?.details)).not.toContain('Xk3pQ9rT2vLm8nB4cD6fG1hJ0kA2');
  });
  it('recognises contention', () => {
    expect(isContention(Object.assign(new Error('10 ABORTED: Transaction lock timeout'), { code: 10 }))).toBe(true);
    expect(isContention(new Error('other'))).toBe(false);
  });
});
