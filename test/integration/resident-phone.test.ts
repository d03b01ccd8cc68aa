// A resident signs in with a phone number and an SMS code (the Auth emulator's phone auth; the
// code is read from its verificationCodes endpoint, as a person reads the SMS), registers with
// `registerResident`, and gets the same resident profile and claims as an account an
// administrator creates — and nothing more: staff accounts cannot turn themselves into residents.
import { afterAll, describe, expect, it } from 'vitest';
import { FUNCTIONS_ORIGIN, PROJECT_ID, REGION, adminAuth, adminDb, closeAdmin, signInAs } from '../helpers/emulator';

const AUTH = process.env.FIREBASE_AUTH_EMULATOR_HOST!;
const IDT = `http://${AUTH}/identitytoolkit.googleapis.com/v1`;

async function post<T>(url: string, body: unknown, token?: string): Promise<{ status: number; json: T }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as T };
}

/** Phone sign-in against the Auth emulator: send a code, read it as the SMS would show it, confirm it. */
async function phoneSignIn(phone: string): Promise<{ idToken: string; uid: string; refreshToken: string }> {
  const sent = await post<{ sessionInfo: string }>(`${IDT}/accounts:sendVerificationCode?key=demo-api-key`, {
    phoneNumber: phone,
    recaptchaToken: 'emulator',
  });
  expect(sent.status).toBe(200);
  const codes = (await (await fetch(`http://${AUTH}/emulator/v1/projects/${PROJECT_ID}/verificationCodes`)).json()) as {
    verificationCodes: { phoneNumber: string; sessionInfo: string; code: string }[];
  };
  const code = codes.verificationCodes.find((c) => c.sessionInfo === sent.json.sessionInfo)!.code;
  const signed = await post<{ idToken: string; localId: string; refreshToken: string }>(
    `${IDT}/accounts:signInWithPhoneNumber?key=demo-api-key`,
    { sessionInfo: sent.json.sessionInfo, code },
  );
  expect(signed.status).toBe(200);
  return { idToken: signed.json.idToken, uid: signed.json.localId, refreshToken: signed.json.refreshToken };
}

const callUrl = (name: string) => `${FUNCTIONS_ORIGIN}/${PROJECT_ID}/${REGION}/${name}`;
const call = (name: string, data: unknown, token: string) =>
  post<{ result?: unknown; error?: { status: string; message: string } }>(callUrl(name), { data }, token).then((r) => r.json);

afterAll(closeAdmin);

describe('registerResident (phone sign-in)', () => {
  const phone = `+86137${String(Date.now()).slice(-8)}`;

  it('gives a phone account the profile and claims of a resident, once', async () => {
    const { idToken, uid } = await phoneSignIn(phone);
    // Signed in, no role yet: callables that need one refuse.
    const before = await call('searchCases', { query: '排水沟' }, idToken);
    expect(before.error?.status).toBe('PERMISSION_DENIED');

    const res = await call('registerResident', { displayName: ' 胡小英 ', countyId: '621126' }, idToken);
    expect(res.error).toBeUndefined();
    expect(res.result).toEqual({ uid, created: true });
    const claims = (await adminAuth().getUser(uid)).customClaims;
    expect(claims).toEqual({ r: 'resident', u: '621126', c: '621126' });
    const profile = (await adminDb().doc(`users/${uid}`).get()).data()!;
    expect(profile).toMatchObject({
      role: 'resident',
      scopeId: '621126',
      countyId: '621126',
      displayName: '胡小英',
      phone: phone.slice(3),
      active: true,
    });

    // The same as an administrator's resident account (the demo resident, made by e-mail).
    const demo = await signInAs('resident');
    expect((await adminAuth().getUser(demo.uid)).customClaims).toEqual(claims);

    // Again: nothing new.
    expect((await call('registerResident', { displayName: '胡小英', countyId: '621126' }, idToken)).result).toEqual({
      uid,
      created: false,
    });
  });

  it('refuses an account without a verified phone, staff, a blank name and an unknown county, in Chinese', async () => {
    const staff = await signInAs('village');
    const staffToken = await (await import('firebase/auth')).getAuth(staff.app).currentUser!.getIdToken();
    const s = await call('registerResident', { displayName: '杨军' }, staffToken);
    expect(s.error?.status).toBe('FAILED_PRECONDITION');
    expect(s.error?.message).toMatch(/手机号/);
    expect((await adminAuth().getUser(staff.uid)).customClaims?.r).toBe('village_staff');

    const { idToken } = await phoneSignIn(`+86136${String(Date.now()).slice(-8)}`);
    const blank = await call('registerResident', { displayName: '  ' }, idToken);
    expect(blank.error?.status).toBe('INVALID_ARGUMENT');
    expect(blank.error?.message).toMatch(/请填写姓名/);
    const county = await call('registerResident', { displayName: '某人', countyId: '999999' }, idToken);
    expect(county.error?.status).toBe('INVALID_ARGUMENT');
    expect(county.error?.message).toMatch(/县（区）不存在/);
    const anon = await post<{ error?: { status: string } }>(callUrl('registerResident'), { data: { displayName: '某人' } });
    expect(anon.json.error?.status).toBe('UNAUTHENTICATED');
  });
});
