// storage.rules in the Cloud Storage emulator: the photos of 排查事项 and 安全隐患 — who reads and
// who uploads, per role (allow and deny), and what an upload must be (JPEG ≤ 300 KB, the
// uploader's uid in its metadata, no department label but the department's own, no overwrite).
import { readFileSync } from 'node:fs';
import { assertFails, assertSucceeds, initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { C, T, G, D, D2, ROLES } from '../helpers/rule-roles';

const BUCKET = 'demo-fengqiao-storage.appspot.com';
let env: RulesTestEnvironment;

const R = {
  ...ROLES,
  otherDepartment: { r: 'department_officer', u: D2, c: C, t: T, d: D2 },
} as const;
type Who = keyof typeof R;

const path = (kind: string, file = 'req0000001-0.jpg', grid = G) => `items/${grid}/${kind}/item-${kind}/${file}`;
/** A small "JPEG" (the rules look at size and content type, not at the bytes). */
const bytes = (n: number) => new Uint8Array(n).fill(0xff);

const st = (who: Who | null, uid = 'u-x') =>
  (who ? env.authenticatedContext(uid, R[who]) : env.unauthenticatedContext()).storage(`gs://${BUCKET}`);
const upload = (who: Who, p: string, opts: { size?: number; type?: string; md?: Record<string, string>; uid?: string } = {}) => {
  const uid = opts.uid ?? `u-${who}`;
  return toPromise(
    st(who, uid)
      .ref(p)
      .put(bytes(opts.size ?? 1000), { contentType: opts.type ?? 'image/jpeg', customMetadata: opts.md ?? { uploaderUid: uid } }),
  );
};
/** An UploadTask is a thenable, not a Promise (assertFails/assertSucceeds take promises). */
const toPromise = <T>(task: PromiseLike<T>): Promise<T> => Promise.resolve(task);
const read = (who: Who | null, p: string) => st(who).ref(p).getMetadata();

beforeAll(async () => {
  const [host, port] = process.env.FIREBASE_STORAGE_EMULATOR_HOST!.split(':');
  env = await initializeTestEnvironment({
    projectId: 'demo-fengqiao-storage',
    storage: { rules: readFileSync('storage.rules', 'utf8'), host: host!, port: Number(port) },
  });
  await env.clearStorage();
  await env.withSecurityRulesDisabled(async (ctx) => {
    const s = ctx.storage(`gs://${BUCKET}`);
    for (const kind of ['security', 'hazard', 'stability', 'demand'])
      await s.ref(path(kind)).put(bytes(1000), { contentType: 'image/jpeg', customMetadata: { uploaderUid: 'gw' } });
    // A hazard given to a department: the server labels its photos.
    await s.ref(path('hazard', 'req0000002-0.jpg')).put(bytes(1000), {
      contentType: 'image/jpeg',
      customMetadata: { uploaderUid: 'gw', hazardDept: D },
    });
  });
});
afterAll(async () => env?.cleanup());

describe('reading photos', () => {
  const readers: Who[] = ['grid', 'village', 'town', 'townLeader', 'county', 'countyLeader', 'admin'];
  const nonReaders: Who[] = ['otherGrid', 'otherVillage', 'otherTown', 'otherCounty', 'department', 'mediator', 'resident'];
  for (const k of readers)
    it(`${k} reads a photo of an item of a grid in scope → allow`, async () => {
      await assertSucceeds(read(k, path('security')));
      await assertSucceeds(read(k, path('demand')));
    });
  for (const k of nonReaders)
    it(`${k} reads a photo of an item outside its scope → deny`, async () => {
      await assertFails(read(k, path('security')));
    });
  it('signed out → deny', async () => assertFails(read(null, path('security'))));

  it('涉稳信息: county staff and county leaders → allow', async () => {
    await assertSucceeds(read('county', path('stability')));
    await assertSucceeds(read('countyLeader', path('stability')));
  });
  for (const k of ['grid', 'village', 'town', 'townLeader', 'admin', 'otherCounty', 'department'] as Who[])
    it(`涉稳信息: ${k} → deny`, async () => assertFails(read(k, path('stability'))));

  it('the department a hazard is given to reads its labelled photos → allow', async () =>
    assertSucceeds(read('department', path('hazard', 'req0000002-0.jpg'))));
  it('another department, or a photo not labelled for it → deny', async () => {
    await assertFails(read('otherDepartment', path('hazard', 'req0000002-0.jpg')));
    await assertFails(read('department', path('hazard')));
  });
  it('listing a folder → deny for everyone', async () => {
    await assertFails(st('county').ref(`items/${G}/security/item-security`).listAll());
    await assertFails(st('grid').ref(`items/${G}/security/item-security`).listAll());
  });
  it('anything outside items/ → deny', async () => {
    await env.withSecurityRulesDisabled(async (ctx) => {
      await ctx.storage(`gs://${BUCKET}`).ref('other/x.jpg').put(bytes(10), { contentType: 'image/jpeg' });
    });
    await assertFails(read('county', 'other/x.jpg'));
    await assertFails(upload('county', 'other/y.jpg'));
  });
});

describe('uploading photos', () => {
  let n = 10;
  const fresh = (kind = 'security', grid = G) => path(kind, `req${String(++n).padStart(7, '0')}-0.jpg`, grid);

  it('the grid worker uploads a photo of its grid (any kind, 涉稳信息 too) → allow', async () => {
    await assertSucceeds(upload('grid', fresh('security')));
    await assertSucceeds(upload('grid', fresh('stability')));
  });
  it('a grid worker of another grid → deny', async () => assertFails(upload('otherGrid', fresh())));
  it('the village staff of the grid (any kind) → allow; of another village → deny', async () => {
    await assertSucceeds(upload('village', fresh('hazard')));
    await assertSucceeds(upload('village', fresh('stability')));
    await assertFails(upload('otherVillage', fresh('hazard')));
  });
  it('town and county staff in scope (a unit rectifying a hazard) → allow; not for 涉稳信息', async () => {
    await assertSucceeds(upload('town', fresh('hazard')));
    await assertSucceeds(upload('county', fresh('hazard')));
    await assertFails(upload('town', fresh('stability')));
    await assertFails(upload('otherTown', fresh('hazard')));
    await assertFails(upload('otherCounty', fresh('hazard')));
  });
  it('a department officer uploads 整改 evidence of a hazard labelled with its own department → allow', async () => {
    await assertSucceeds(upload('department', fresh('hazard'), { md: { uploaderUid: 'u-department', hazardDept: D } }));
  });
  it('a department officer: another department label, no label, not a hazard → deny', async () => {
    await assertFails(upload('department', fresh('hazard'), { md: { uploaderUid: 'u-department', hazardDept: D2 } }));
    await assertFails(upload('department', fresh('hazard')));
    await assertFails(upload('department', fresh('security'), { md: { uploaderUid: 'u-department', hazardDept: D } }));
  });
  it('mediators, residents, leaders and the signed-out → deny', async () => {
    await assertFails(upload('mediator', fresh()));
    await assertFails(upload('resident', fresh()));
    await assertFails(upload('countyLeader', fresh()));
    await assertFails(
      toPromise(env.unauthenticatedContext().storage(`gs://${BUCKET}`).ref(fresh()).put(bytes(10), { contentType: 'image/jpeg' })),
    );
  });
  it('larger than 300 KB → deny; exactly 300 KB → allow', async () => {
    await assertFails(upload('grid', fresh(), { size: 300 * 1024 + 1 }));
    await assertSucceeds(upload('grid', fresh(), { size: 300 * 1024 }));
  });
  it('not a JPEG → deny', async () => {
    await assertFails(upload('grid', fresh(), { type: 'image/png' }));
    await assertFails(upload('grid', fresh(), { type: 'application/pdf' }));
  });
  it("without the uploader's own uid in its metadata → deny", async () => {
    await assertFails(upload('grid', fresh(), { md: {} }));
    await assertFails(upload('grid', fresh(), { md: { uploaderUid: 'someone-else' } }));
  });
  it('a grid worker labelling a photo for a department → deny', async () => {
    await assertFails(upload('grid', fresh('hazard'), { md: { uploaderUid: 'u-grid', hazardDept: D } }));
  });
  it('a path that is not a photo of an item → deny', async () => {
    await assertFails(upload('grid', `items/${G}/security/item-x/not-a-photo.png`));
    await assertFails(upload('grid', `items/${G}/gossip/item-x/req0000099-0.jpg`));
    await assertFails(upload('grid', `items/${G}/security/item-x/req0000099-6.jpg`));
    await assertFails(upload('grid', `items/12345/security/item-x/req0000099-0.jpg`));
  });
  it('no overwrite and no delete, even by the uploader → deny', async () => {
    const p = fresh();
    await assertSucceeds(upload('grid', p));
    await assertFails(upload('grid', p));
    await assertFails(
      st('grid', 'u-grid')
        .ref(p)
        .updateMetadata({ customMetadata: { hazardDept: D } }),
    );
    await assertFails(st('grid', 'u-grid').ref(p).delete());
    await assertFails(st('county', 'u-county').ref(p).delete());
  });
});
