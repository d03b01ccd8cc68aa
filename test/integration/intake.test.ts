// External intake over HTTP through the Functions emulator: signed per source, idempotent,
// mapped to categories and regions, and 400 with field-level errors for bad payloads.
import { afterAll, describe, expect, it } from 'vitest';
import { sign } from '../../functions/src/lib/hmac';
import { localIntakeKeys } from '../../scripts/lib/local-secrets.mjs';
import { FUNCTIONS_ORIGIN, PROJECT_ID, REGION, adminDb, closeAdmin, requestId } from '../helpers/emulator';

const URL = `${FUNCTIONS_ORIGIN}/${PROJECT_ID}/${REGION}/intake`;
const KEYS: Record<string, string> = localIntakeKeys();
afterAll(closeAdmin);

async function post(source: string, body: unknown, opts: { key?: string; ts?: number; raw?: string } = {}) {
  const raw = opts.raw ?? JSON.stringify(body);
  const ts = String(opts.ts ?? Math.floor(Date.now() / 1000));
  const res = await fetch(URL, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'X-Fengqiao-Source': source,
      'X-Fengqiao-Timestamp': ts,
      'X-Fengqiao-Signature': sign(opts.key ?? KEYS[source] ?? 'x', ts, raw),
    },
    body: raw,
  });
  const text = await res.text();
  // A body that is not JSON is refused by the platform's body parser (400) before our handler.
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = { error: text.slice(0, 80) };
  }
  return { status: res.status, body: parsed };
}

const alert = (over: Record<string, unknown> = {}) => ({
  idempotencyKey: `JQ-${requestId()}`,
  externalId: 'JQ20261122001',
  category: '0101',
  region: 'MY-CJ-01',
  title: '邻里纠纷警情',
  description: '110接警：两户因排水问题争吵，民警已到场，转综治中心调解',
  parties: [{ role: 'applicant', name: '赵大', phone: '13611112222', idNumber: null, address: null }],
  ...over,
});

describe('POST /intake', () => {
  it('creates a case from a police alert, mapped to category, grid and start tier', async () => {
    const body = alert();
    const res = await post('police-621126', body);
    expect(res.status).toBe(201);
    const c = (await adminDb().doc(`cases/${res.body.caseId}`).get()).data()!;
    expect(c).toMatchObject({
      source: 'police_alert',
      category: 'neighbour',
      gridId: '621126100001001',
      tier: 'village',
      state: 'reported',
      externalRef: 'JQ20261122001',
    });
    expect(c.reporter).toMatchObject({ uid: 'intake:police-621126', role: 'system' });
  });

  it('makes no second case for a resent message', async () => {
    const body = alert();
    const a = await post('police-621126', body);
    const b = await post('police-621126', body);
    expect(a.status).toBe(201);
    expect(b).toEqual({ status: 200, body: { caseId: a.body.caseId, created: false } });
  });

  it('starts court referrals at the town (诉前委派)', async () => {
    const res = await post('court-621126', alert({ category: '0201' }));
    expect(res.status).toBe(201);
    expect((await adminDb().doc(`cases/${res.body.caseId}`).get()).data()).toMatchObject({
      source: 'court_referral',
      tier: 'town',
      category: 'labour',
    });
  });

  it('answers 400 with field-level errors and writes nothing', async () => {
    const before = (await adminDb().collection('cases').count().get()).data().count;
    const bad = await post('hotline-621126', { ...alert(), title: 7, idempotencyKey: 'x', extra: true });
    expect(bad.status).toBe(400);
    const paths = (bad.body.fields as { path: string }[]).map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['title', 'idempotencyKey']));
    expect((await post('hotline-621126', alert({ region: 'NOWHERE' }))).body.fields).toEqual([expect.objectContaining({ path: 'region' })]);
    expect((await post('hotline-621126', null, { raw: '{not json' })).status).toBe(400);
    expect((await adminDb().collection('cases').count().get()).data().count).toBe(before);
  });

  it('refuses bad signatures, stale timestamps and unknown sources', async () => {
    expect((await post('police-621126', alert(), { key: 'wrong-key' })).status).toBe(401);
    expect((await post('police-621126', alert(), { ts: Math.floor(Date.now() / 1000) - 3600 })).status).toBe(401);
    // An unknown source is 403 (docs/api.md), like an inactive one; a bad signature of a known one 401.
    expect((await post('nobody', alert())).status).toBe(403);
    const get = await fetch(URL);
    expect(get.status).toBe(405);
  });
});
