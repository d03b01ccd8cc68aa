import { defineSecret } from 'firebase-functions/params';
import { logger } from 'firebase-functions';
import { onRequest } from 'firebase-functions/v2/https';
import { GuardError, IntakePayload, IntakeSourceDoc, docIdProblem, findMalformedText, mapIntake, own } from '../domain';
import { reportCaseTx } from '../lib/case-service';
import { db } from '../lib/admin';
import { uncheckedRefs } from '../lib/db';
import { parseKeys, verify } from '../lib/hmac';
import { caseIdFor } from '../lib/ids';
import { SEARCH_SECRET_NAME, http } from '../lib/options';
import { retryOnContention, toHttpsError } from '../lib/errors';

/** Per-source HMAC keys, stored in Secret Manager (functions/.secret.local in the emulator). */
export const INTAKE_HMAC_KEYS = defineSecret('INTAKE_HMAC_KEYS');

/**
 * External intake (警情推送, 12345, 法院诉前委派, 信访系统): POST a JSON case, signed per source.
 * 201 created, 200 already received (same idempotency key), 400 with field errors, 401 bad
 * signature or stale timestamp, 403 unknown or inactive source, 503 (Retry-After) on contention.
 * Nothing is written unless the answer is 201.
 */
export const intake = onRequest({ ...http, secrets: [INTAKE_HMAC_KEYS, SEARCH_SECRET_NAME] }, async (req, res) => {
  if (req.method !== 'POST') {
    res.status(405).set('Allow', 'POST').json({ error: 'method not allowed' });
    return;
  }
  const sourceId = String(req.get('X-Fengqiao-Source') ?? '');
  const raw = req.rawBody?.toString('utf8') ?? '';
  // An unknown source (no key configured; or an ID that cannot even name a document) is 403,
  // like a configured but inactive one; a known source with a bad signature or stale timestamp is 401.
  const key = docIdProblem(sourceId) ? undefined : own(parseKeys(INTAKE_HMAC_KEYS.value()), sourceId);
  if (typeof key !== 'string' || !key) {
    logger.warn('intake refused: unknown source', { sourceId: sourceId.slice(0, 100) });
    res.status(403).json({ error: 'source is not configured or not active' });
    return;
  }
  const why = verify(key, req.get('X-Fengqiao-Timestamp'), req.get('X-Fengqiao-Signature'), raw, Math.floor(Date.now() / 1000));
  if (why) {
    logger.warn('intake refused', { sourceId, why });
    res.status(401).json({ error: why });
    return;
  }
  try {
    const srcSnap = await uncheckedRefs(db).intakeSource(sourceId).get();
    const src = srcSnap.exists ? IntakeSourceDoc.safeParse(srcSnap.data()) : null;
    if (!src?.success || !src.data.active) {
      res.status(403).json({ error: `source ${sourceId} is not configured or not active` });
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      res.status(400).json({ error: 'body is not JSON', fields: [] });
      return;
    }
    const bad = findMalformedText(body);
    if (bad) {
      res
        .status(400)
        .json({ error: 'invalid payload', fields: [{ path: bad.join('.'), message: 'lone surrogate (not well-formed Unicode)' }] });
      return;
    }
    const parsed = IntakePayload.safeParse(body);
    if (!parsed.success) {
      res.status(400).json({
        error: 'invalid payload',
        fields: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
      });
      return;
    }
    const mapped = mapIntake(src.data, parsed.data);
    if (!mapped.ok) {
      res.status(400).json({ error: 'invalid payload', fields: mapped.fields });
      return;
    }
    const caseId = caseIdFor(src.data.countyId, `intake:${sourceId}`, parsed.data.idempotencyKey);
    const actor = { uid: `intake:${sourceId}`, role: 'system' as const, unitId: src.data.countyId, name: src.data.name };
    const reporter = { system: true as const, startTier: src.data.startTier, externalRef: parsed.data.externalId };
    const { created } = await retryOnContention(() => reportCaseTx(db, caseId, mapped.input, actor, reporter, () => new Date()));
    res.status(created ? 201 : 200).json({ caseId, created });
  } catch (e) {
    if (e instanceof GuardError && e.code === 'invalid-argument') {
      res.status(400).json({ error: e.logMessage, fields: [{ path: 'region', message: e.logMessage }] });
      return;
    }
    const h = toHttpsError(e);
    if (!h) {
      logger.error('intake failed', e);
      res.status(500).json({ error: 'internal error' });
      return;
    }
    logger.warn('intake refused', { sourceId, code: h.code, en: (h.details as { en?: string } | undefined)?.en });
    const status = h.httpErrorCode.status;
    if (status === 503 || h.code === 'aborted') res.set('Retry-After', '2');
    res.status(h.code === 'aborted' ? 503 : status).json({
      error: (h.details as { en?: string } | undefined)?.en ?? h.code,
      fields: (h.details as { fields?: unknown } | undefined)?.fields ?? [],
    });
  }
});
