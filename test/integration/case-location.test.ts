// A case's optional point (一张图): reportCase takes `location` (the phone's position or a point
// placed on the map), stores it with the parties — read by those who read the case, not by
// another village's staff — and never on the case document; a bad point is refused in Chinese.
import { doc, getDoc } from 'firebase/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, adminDb, callError, closeAdmin, requestId, signInAs } from '../helpers/emulator';

const GRID = '621126100001001';
const report = (over: Record<string, unknown> = {}) => ({
  requestId: requestId(),
  gridId: GRID,
  category: 'neighbour',
  title: '邻里排水沟堵塞纠纷',
  description: '两户因排水沟堵塞发生争执，需要调解',
  parties: [{ role: 'applicant', name: '张三丰', phone: null, idNumber: null, address: null }],
  gridAction: { kind: 'escalate' },
  ...over,
});

let grid: Client, village: Client, village2: Client;
beforeAll(async () => {
  [grid, village, village2] = await Promise.all(['grid', 'village', 'village2'].map(signInAs));
});
afterAll(closeAdmin);

describe('reportCase location', () => {
  it('stores the point with the parties, for those who read the case only', async () => {
    const location = { lat: 34.441234, lng: 104.040321, accuracy: 12 };
    const res = await grid.call<{ caseId: string }>('reportCase', report({ location }));
    const priv = await adminDb().doc(`cases/${res.caseId}/private/parties`).get();
    expect(priv.get('location')).toEqual(location);
    const c = await adminDb().doc(`cases/${res.caseId}`).get();
    expect(JSON.stringify(c.data())).not.toContain('104.040321');
    expect(c.get('location')).toBeUndefined();
    // The village handling it reads the point; another village does not.
    const seen = await getDoc(doc(village.db, `cases/${res.caseId}/private/parties`));
    expect(seen.get('location')).toEqual(location);
    await expect(getDoc(doc(village2.db, `cases/${res.caseId}/private/parties`))).rejects.toMatchObject({ code: 'permission-denied' });
  });

  it('is optional (null when left out) and refuses a point off the globe in Chinese', async () => {
    const res = await grid.call<{ caseId: string }>('reportCase', report());
    expect((await adminDb().doc(`cases/${res.caseId}/private/parties`).get()).get('location')).toBeNull();
    const e = await callError(grid, 'reportCase', report({ location: { lat: 134.4, lng: 104, accuracy: 5 } }));
    expect(e.code).toBe('invalid-argument');
    expect(JSON.stringify(e)).toContain('纬度应在-90到90之间');
  });
});
