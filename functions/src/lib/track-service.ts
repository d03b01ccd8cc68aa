/**
 * `trackCase` (一案一码): a petitioner who came in person has no account the case knows. They scan
 * the receipt's QR code, sign in with their phone number and SMS code (a resident account,
 * `registerResident`), and the tracking page asks to link the case. The server compares the
 * account's verified phone number with the case's applicants as keyed hashes — the same HMAC the
 * search index stores (lib/search-index.ts `searchDocFor`), computed here from the private parties
 * document restricted to applicants, so a respondent cannot follow a complaint about them — and
 * on a match sets the case's `residentUid` and writes the resident's view `requests/{caseId}`
 * (domain/alerts.ts `residentView`, masked as for a resident's own report). From then on the
 * case's events keep that view current (lib/side-effects.ts), as for any resident's case.
 *
 * No match and no such case get one refusal (code, Chinese and English alike), so the answer
 * reveals neither whether the case exists nor who its parties are. Failed attempts are counted
 * per account and day (`trackAttempts/{uid}`, server-only); past TRACK_FAILURES_PER_DAY the
 * account is refused until the next day, before anything about the case is read.
 */
import type { Auth } from 'firebase-admin/auth';
import type { Firestore } from 'firebase-admin/firestore';
import { logger } from 'firebase-functions';
import { DateTime } from 'luxon';
import { type Claims, TRACK_FAILURES_PER_DAY, TRACK_REFUSAL, failuresToday, mobileFromE164, normalisePhone, residentView } from '../domain';
import { refs } from './db';
import { fail } from './errors';
import { eventsBySeq } from './queries';
import { hashTerm, searchDocFor } from './search-index';

type Outcome = 'linked' | 'already' | 'refused' | 'taken';

export async function trackCase(
  db: Firestore,
  auth: Auth,
  uid: string,
  claims: Claims,
  caseId: string,
  now: Date,
): Promise<{ caseId: string; created: boolean }> {
  if (claims.r !== 'resident') {
    fail('failed-precondition', '只有居民账号可以凭回执关联案件；工作人员请在案件详情中查看', `trackCase by a ${claims.r}`);
  }
  const mobile = mobileFromE164((await auth.getUser(uid)).phoneNumber);
  const phone = mobile ? normalisePhone(mobile) : null;
  if (!phone) {
    fail('failed-precondition', '请用登记时留下的手机号和短信验证码登录后再查看', 'trackCase: the account has no verified mobile number');
  }
  const r = refs(db);
  const day = DateTime.fromJSDate(now, { zone: 'Asia/Shanghai' }).toISODate()!;
  if (failuresToday((await r.trackAttempts(uid).get()).data(), day) >= TRACK_FAILURES_PER_DAY) {
    fail(
      'resource-exhausted',
      '今天未能关联的次数过多，请明天再试，或凭回执到受理窗口咨询',
      `trackCase: ${TRACK_FAILURES_PER_DAY} failed links today`,
    );
  }
  const phoneKey = hashTerm(`phone:${phone}`);

  const outcome = await db.runTransaction<Outcome>(async (tx) => {
    const c = (await tx.get(r.case(caseId))).data();
    if (!c) return 'refused';
    const current = (await tx.get(r.request(caseId))).data();
    if (c.residentUid === uid) {
      // Already linked (or the resident's own report): make sure the view is there and current.
      if (current?.residentUid === uid && current.version >= c.version) return 'already';
      const events = (await tx.get(eventsBySeq(db, caseId))).docs.map((d) => d.data());
      tx.set(r.request(caseId), residentView(c, events)!);
      return 'already';
    }
    const p = (await tx.get(r.casePrivate(caseId))).data();
    const applicants = p?.parties.filter((x) => x.role === 'applicant') ?? [];
    const keys = searchDocFor({ caseId, countyId: c.countyId, parties: applicants }).keys;
    if (!keys.includes(phoneKey)) return 'refused';
    // Another applicant's account holds the case (one account follows a case).
    if (c.residentUid) return 'taken';
    const linked = { ...c, residentUid: uid };
    const events = (await tx.get(eventsBySeq(db, caseId))).docs.map((d) => d.data());
    tx.update(r.case(caseId), { residentUid: uid });
    tx.set(r.request(caseId), residentView(linked, events)!);
    return 'linked';
  });

  if (outcome === 'refused') {
    await db.runTransaction(async (tx) => {
      const before = (await tx.get(r.trackAttempts(uid))).data();
      tx.set(r.trackAttempts(uid), { uid, day, failures: failuresToday(before, day) + 1, updatedAt: now });
    });
    logger.info('trackCase refused', { caseId, uid });
    // One answer for "no such case" and "not an applicant's number" (the English too).
    fail('permission-denied', TRACK_REFUSAL, 'trackCase: no case with this number for this phone');
  }
  if (outcome === 'taken') {
    fail(
      'failed-precondition',
      '本案已由另一位申请人的账号关联，请凭回执到受理窗口咨询办理进度',
      'trackCase: the case follows another resident account',
    );
  }
  if (outcome === 'linked') logger.info('trackCase linked', { caseId, uid });
  return { caseId, created: outcome === 'linked' };
}
