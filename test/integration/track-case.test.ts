// 一案一码 (trackCase): a petitioner who came in person scans the receipt, signs in with the phone
// number they gave (the Auth emulator's phone auth, the code read as the SMS shows it), registers
// as a resident, and the case is linked to that account — the resident's view requests/{caseId},
// masked like a resident's own report, kept current by later events. Any other phone, the
// respondent's included, and a case number that does not exist get one and the same refusal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRACK_FAILURES_PER_DAY, TRACK_REFUSAL } from '../../functions/src/domain';
import {
  type Client,
  FUNCTIONS_ORIGIN,
  PROJECT_ID,
  REGION,
  adminDb,
  callError,
  closeAdmin,
  eventually,
  requestId,
  signInAs,
} from '../helpers/emulator';

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

const callUrl = (name: string) => `${FUNCTIONS_ORIGIN}/${PROJECT_ID}/${REGION}/${name}`;
type Answer = { result?: unknown; error?: { status: string; message: string; details?: unknown } };
const call = (name: string, data: unknown, token: string) => post<Answer>(callUrl(name), { data }, token).then((r) => r.json);

/** A phone account, signed in by SMS code and registered as a resident; its token carries the claims. */
async function phoneResident(mobile: string, name: string): Promise<{ uid: string; token: string }> {
  const sent = await post<{ sessionInfo: string }>(`${IDT}/accounts:sendVerificationCode?key=demo-api-key`, {
    phoneNumber: `+86${mobile}`,
    recaptchaToken: 'emulator',
  });
  expect(sent.status).toBe(200);
  const codes = (await (await fetch(`http://${AUTH}/emulator/v1/projects/${PROJECT_ID}/verificationCodes`)).json()) as {
    verificationCodes: { sessionInfo: string; code: string }[];
  };
  const code = codes.verificationCodes.find((c) => c.sessionInfo === sent.json.sessionInfo)!.code;
  const signed = await post<{ idToken: string; localId: string; refreshToken: string }>(
    `${IDT}/accounts:signInWithPhoneNumber?key=demo-api-key`,
    { sessionInfo: sent.json.sessionInfo, code },
  );
  expect(signed.status).toBe(200);
  const reg = await call('registerResident', { displayName: name, countyId: '621126' }, signed.json.idToken);
  expect(reg.error).toBeUndefined();
  // A fresh token carries the resident's claims.
  const res = await fetch(`http://${AUTH}/securetoken.googleapis.com/v1/token?key=demo-api-key`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `grant_type=refresh_token&refresh_token=${encodeURIComponent(signed.json.refreshToken)}`,
  });
  const fresh = (await res.json()) as { id_token: string };
  return { uid: signed.json.localId, token: fresh.id_token };
}

const tail = () => String(Date.now()).slice(-8);
const applicantPhone = `139${tail()}`;
const respondentPhone = `135${tail()}`;
const otherPhone = `136${tail()}`;
let town: Client;
let caseId: string;

beforeAll(async () => {
  town = await signInAs('town');
  // A walk-in: the petitioner has no account; the respondent's phone is on the case too.
  const res = await town.call<{ caseId: string }>('recordWalkIn', {
    requestId: requestId(),
    unitId: '621126100',
    gridId: '621126100001001',
    category: 'labour',
    caseClass: 'general',
    title: `欠薪来访（联系电话${applicantPhone}）`,
    description: '工人来访反映工地拖欠工资',
    petitioners: [
      { role: 'applicant', name: '孙来访', phone: applicantPhone, idNumber: null, address: null },
      { role: 'respondent', name: '钱老板', phone: respondentPhone, idNumber: null, address: null },
    ],
    groupSize: null,
    repeat: false,
    skipLevel: false,
  });
  caseId = res.caseId;
});
afterAll(closeAdmin);

describe('trackCase (一案一码)', () => {
  it('links a walk-in to the resident whose verified phone is the applicant’s: the masked view, in their list, once', async () => {
    const me = await phoneResident(applicantPhone, '孙来访');
    const first = await call('trackCase', { caseId }, me.token);
    expect(first.error).toBeUndefined();
    expect(first.result).toEqual({ caseId, created: true });
    const c = (await adminDb().doc(`cases/${caseId}`).get()).data()!;
    expect(c.residentUid).toBe(me.uid);
    const view = (await adminDb().doc(`requests/${caseId}`).get()).data()!;
    expect(view).toMatchObject({ caseId, residentUid: me.uid, countyId: '621126', state: c.state, tier: c.tier, version: c.version });
    expect(Object.keys(view).sort()).toEqual(
      [
        'caseId',
        'residentUid',
        'countyId',
        'title',
        'category',
        'state',
        'tier',
        'version',
        'outcome',
        'resolutionNote',
        'satisfaction',
        'createdAt',
        'updatedAt',
        'steps',
      ].sort(),
    );
    // Masked as for a resident's own report: no phone number in the title, no parties at all.
    expect(view.title).not.toContain(applicantPhone);
    expect(JSON.stringify(view)).not.toContain('钱老板');
    expect(view.steps.map((s: { action: string }) => s.action)).toEqual(['report']);

    // Again (a second scan): nothing new, same answer shape.
    expect((await call('trackCase', { caseId }, me.token)).result).toEqual({ caseId, created: false });

    // From then on the case's events keep the view current, as for any resident's case.
    await town.call('caseAction', { caseId, expectedVersion: c.version, command: { action: 'accept' } });
    const after = await eventually(async () => {
      const v = (await adminDb().doc(`requests/${caseId}`).get()).data();
      return v?.state === 'accepted' ? v : null;
    });
    expect(after.steps.map((s: { action: string }) => s.action)).toEqual(['report', 'accept']);
    expect(after.residentUid).toBe(me.uid);
  });

  it('refuses another phone, the respondent’s and an unknown case number with one and the same answer', async () => {
    const other = await phoneResident(otherPhone, '周路人');
    const respondent = await phoneResident(respondentPhone, '钱老板');
    const answers = [
      await call('trackCase', { caseId }, other.token),
      await call('trackCase', { caseId }, respondent.token),
      await call('trackCase', { caseId: '621126-NoSuchCase001' }, other.token),
    ];
    for (const a of answers) {
      expect(a.result).toBeUndefined();
      expect(a.error?.status).toBe('PERMISSION_DENIED');
      expect(a.error?.message).toBe(TRACK_REFUSAL);
    }
    // Not a word more in one than in another (details included).
    expect(new Set(answers.map((a) => JSON.stringify(a.error))).size).toBe(1);
    expect(JSON.stringify(answers)).not.toMatch(/孙来访|钱老板|139|135/);
    // Nothing was linked or written for them.
    expect((await adminDb().doc(`cases/${caseId}`).get()).get('residentUid')).not.toBe(other.uid);
    const views = await adminDb().collection('requests').where('residentUid', 'in', [other.uid, respondent.uid]).get();
    expect(views.size).toBe(0);
    // Each refusal counted, per account and Shanghai day.
    expect((await adminDb().doc(`trackAttempts/${other.uid}`).get()).get('failures')).toBe(2);
  });

  it(`past ${TRACK_FAILURES_PER_DAY} failed links in a day an account is refused before the case is looked at; the next day counts anew`, async () => {
    const prober = await phoneResident(`137${tail()}`, '吴试探');
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const ref = adminDb().doc(`trackAttempts/${prober.uid}`);
    await ref.set({ uid: prober.uid, day, failures: TRACK_FAILURES_PER_DAY, updatedAt: new Date() });
    const blocked = await call('trackCase', { caseId }, prober.token);
    expect(blocked.error?.status).toBe('RESOURCE_EXHAUSTED');
    expect(blocked.error?.message).toMatch(/次数过多.*明天再试/);
    await ref.set({ uid: prober.uid, day: '2000-01-01', failures: TRACK_FAILURES_PER_DAY, updatedAt: new Date() });
    const nextDay = await call('trackCase', { caseId }, prober.token);
    expect(nextDay.error?.status).toBe('PERMISSION_DENIED');
    expect((await ref.get()).data()).toMatchObject({ day, failures: 1 });
  });

  it('refuses staff, a resident without a verified phone, a malformed number and anyone signed out, in Chinese', async () => {
    const staff = await callError(town, 'trackCase', { caseId });
    expect(staff.code).toBe('failed-precondition');
    expect(staff.message).toContain('只有居民账号');
    const emailResident = await signInAs('resident');
    const noPhone = await callError(emailResident, 'trackCase', { caseId });
    expect(noPhone.code).toBe('failed-precondition');
    expect(noPhone.message).toContain('手机号');
    const bad = await callError(emailResident, 'trackCase', { caseId: '../cases' });
    expect(bad.code).toBe('invalid-argument');
    expect(bad.message).toContain('案件编号格式不正确');
    const anon = await post<Answer>(callUrl('trackCase'), { data: { caseId } });
    expect(anon.json.error?.status).toBe('UNAUTHENTICATED');
    expect((await adminDb().doc(`cases/${caseId}`).get()).get('residentUid')).not.toBe(emailResident.uid);
  });
});
