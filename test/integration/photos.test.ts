// Photos and location of 排查事项 through the emulators (Auth, Firestore, Functions, Storage): a
// grid worker's item with its location, photos uploaded under the item and recorded by
// attachItemPhotos exactly once (resends add nothing); what attach refuses (a photo not there, too
// large, someone else's, the wrong person for a stage); the department a hazard is given to reads
// its photos (syncItemPhotoAccess labels them) and adds 整改 evidence; the grid worker adds 复核 photos.
import { connectStorageEmulator, getBytes, getStorage, ref, uploadBytes } from 'firebase/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ID, type Client, adminDb, callError, closeAdmin, eventually, requestId, signInAs } from '../helpers/emulator';

const G = '621126100001001';
const D = '621126-police-minyang';
const BUCKET = `${PROJECT_ID}.appspot.com`;
let grid: Client, grid2: Client, village: Client, town: Client, police: Client;
type Item = { itemId: string; created: boolean; caseId: string | null };
type Attached = { itemId: string; stage: string; photos: number; added: number };

beforeAll(async () => {
  [grid, grid2, village, town, police] = await Promise.all(['grid', 'grid2', 'village', 'town', 'police'].map(signInAs));
});
afterAll(async () => closeAdmin());

const storageOf = (c: Client) => {
  const s = getStorage(c.app, `gs://${BUCKET}`);
  const [host, port] = process.env.FIREBASE_STORAGE_EMULATOR_HOST!.split(':');
  // connectStorageEmulator may be called once per instance; getStorage returns the same one.
  if (!(s as unknown as { _fqConnected?: boolean })._fqConnected) {
    connectStorageEmulator(s, host!, Number(port));
    (s as unknown as { _fqConnected?: boolean })._fqConnected = true;
  }
  return s;
};
/** A JPEG-typed object of n bytes (the server checks type, size and uploader, not the pixels). */
const jpeg = (n: number) => new Uint8Array(n).fill(0xd8);
const put = (c: Client, path: string, n = 20_000, md: Record<string, string> = {}) =>
  uploadBytes(ref(storageOf(c), path), jpeg(n), { contentType: 'image/jpeg', customMetadata: { uploaderUid: c.uid, ...md } });
const stored = async (id: string) => (await adminDb().doc(`patrolItems/${id}`).get()).data()!;
const newItem = async (kind = 'hazard', location: unknown = null) => {
  const rid = requestId();
  const r = await grid.call<Item>('recordItem', {
    requestId: rid,
    gridId: G,
    kind,
    title: '村口电线老化',
    description: '电线裸露',
    location,
  });
  return {
    rid,
    itemId: r.itemId,
    path: (i: number) => `items/${G}/${kind}/${r.itemId}/${rid}-${i}.jpg`,
    ids: (n: number) => [...Array(n).keys()].map((i) => `${rid}-${i}`),
  };
};

describe('location', () => {
  it('records the phone location with the item; an item without one has null', async () => {
    const a = await newItem('security', { lat: 34.4356, lng: 104.0338, accuracy: 12 });
    expect((await stored(a.itemId)).location).toEqual({ lat: 34.4356, lng: 104.0338, accuracy: 12 });
    const b = await newItem('security');
    expect((await stored(b.itemId)).location).toBeNull();
  });
  it('refuses a location out of range', async () => {
    const e = await callError(grid, 'recordItem', {
      requestId: requestId(),
      gridId: G,
      kind: 'security',
      title: '夜间无照明',
      description: '路灯损坏',
      location: { lat: 120, lng: 104, accuracy: 5 },
    });
    expect(e.code).toBe('invalid-argument');
  });
});

describe('attachItemPhotos', () => {
  it('records the uploaded photos once; a resend (and a burst) adds nothing', async () => {
    const it = await newItem('security');
    await put(grid, it.path(0));
    await put(grid, it.path(1), 300 * 1024);
    const input = { itemId: it.itemId, stage: 'report', photoIds: it.ids(2) };
    expect(await grid.call<Attached>('attachItemPhotos', input)).toEqual({ itemId: it.itemId, stage: 'report', photos: 2, added: 2 });
    expect(await grid.call<Attached>('attachItemPhotos', input)).toMatchObject({ photos: 2, added: 0 });
    const burst = await Promise.all([1, 2, 3].map(() => grid.call<Attached>('attachItemPhotos', input)));
    expect(burst.every((b) => b.photos === 2 && b.added === 0)).toBe(true);
    const photos = (await stored(it.itemId)).photos as { id: string; path: string; bytes: number; stage: string; byUid: string }[];
    expect(photos.map((p) => p.id)).toEqual(it.ids(2));
    expect(photos.map((p) => p.bytes)).toEqual([20_000, 300 * 1024]);
    expect(photos.every((p) => p.stage === 'report' && p.byUid === grid.uid && p.path.startsWith(`items/${G}/security/`))).toBe(true);
    // The village above reads them; another grid does not.
    expect((await getBytes(ref(storageOf(village), it.path(0)))).byteLength).toBe(20_000);
    await expect(getBytes(ref(storageOf(grid2), it.path(0)))).rejects.toThrow();
  });

  it('refuses a photo not uploaded yet (failed-precondition, nothing recorded), then records it once it is there', async () => {
    const it = await newItem('security');
    await put(grid, it.path(0));
    const input = { itemId: it.itemId, stage: 'report', photoIds: it.ids(2) };
    expect((await callError(grid, 'attachItemPhotos', input)).code).toBe('failed-precondition');
    expect((await stored(it.itemId)).photos).toBeUndefined();
    await put(grid, it.path(1));
    expect(await grid.call<Attached>('attachItemPhotos', input)).toMatchObject({ photos: 2, added: 2 });
  });

  it('refuses the wrong person, a missing item, another grid, and bad IDs', async () => {
    const it = await newItem('security');
    await put(grid, it.path(0));
    // The village reads the item but did not report it.
    expect((await callError(village, 'attachItemPhotos', { itemId: it.itemId, photoIds: it.ids(1) })).code).toBe('permission-denied');
    expect((await callError(grid2, 'attachItemPhotos', { itemId: it.itemId, photoIds: it.ids(1) })).code).toBe('not-found');
    expect((await callError(grid, 'attachItemPhotos', { itemId: '621126-NoSuchItem00', photoIds: it.ids(1) })).code).toBe('not-found');
    expect((await callError(grid, 'attachItemPhotos', { itemId: it.itemId, photoIds: ['../x-0'] })).code).toBe('invalid-argument');
    expect((await callError(grid, 'attachItemPhotos', { itemId: it.itemId, photoIds: it.ids(7) })).code).toBe('invalid-argument');
    // Not a hazard: no 整改 or 复核 photos.
    expect((await callError(grid, 'attachItemPhotos', { itemId: it.itemId, stage: 'verify', photoIds: it.ids(1) })).code).toBe(
      'permission-denied',
    );
  });

  it("refuses an object the caller did not upload (the grid's village uploaded it)", async () => {
    const it = await newItem('hazard');
    await put(village, it.path(0));
    expect((await callError(grid, 'attachItemPhotos', { itemId: it.itemId, photoIds: it.ids(1) })).code).toBe('permission-denied');
  });

  it('a hazard: the department it is given to reads its photos and adds 整改 evidence; the grid worker adds 复核 photos', async () => {
    const it = await newItem('hazard');
    await put(grid, it.path(0));
    await grid.call<Attached>('attachItemPhotos', { itemId: it.itemId, photoIds: it.ids(1) });
    // Before it is given to the department, the department reads nothing.
    await expect(getBytes(ref(storageOf(police), it.path(0)))).rejects.toThrow();
    await town.call('hazardAction', {
      itemId: it.itemId,
      expectedVersion: 1,
      command: { action: 'assign', responsible: { kind: 'department', id: D }, note: null },
    });
    // syncItemPhotoAccess labels the photos for the department.
    await eventually(async () => (await getBytes(ref(storageOf(police), it.path(0)))).byteLength === 20_000);

    const evidence = requestId();
    const ePath = `items/${G}/hazard/${it.itemId}/${evidence}-0.jpg`;
    await put(police, ePath, 50_000, { hazardDept: D });
    expect(
      await police.call<Attached>('attachItemPhotos', { itemId: it.itemId, stage: 'rectify', photoIds: [`${evidence}-0`] }),
    ).toMatchObject({
      stage: 'rectify',
      photos: 1,
      added: 1,
    });
    // The grid worker may not add 整改 evidence; the department may not add 复核 photos.
    expect((await callError(grid, 'attachItemPhotos', { itemId: it.itemId, stage: 'rectify', photoIds: [`${evidence}-0`] })).code).toBe(
      'permission-denied',
    );
    expect((await callError(police, 'attachItemPhotos', { itemId: it.itemId, stage: 'verify', photoIds: [`${evidence}-0`] })).code).toBe(
      'permission-denied',
    );
    const verify = requestId();
    await put(grid, `items/${G}/hazard/${it.itemId}/${verify}-0.jpg`);
    expect(await grid.call<Attached>('attachItemPhotos', { itemId: it.itemId, stage: 'verify', photoIds: [`${verify}-0`] })).toMatchObject({
      stage: 'verify',
      photos: 1,
      added: 1,
    });
    const photos = (await stored(it.itemId)).photos as { stage: string }[];
    expect(photos.map((p) => p.stage)).toEqual(['report', 'rectify', 'verify']);
    // The item's version (hazardAction's guard) is not moved by photos.
    expect((await stored(it.itemId)).version).toBe(2);
  });
});
