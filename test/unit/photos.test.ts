// Photos and location of 排查事项 (domain/photos.ts, domain/photo-model.ts): the location schema,
// photo IDs and paths, the attach payload, and who adds photos at which stage.
import { describe, expect, it } from 'vitest';
import {
  AttachItemPhotosInput,
  GeoLocation,
  mayAttachPhotos,
  PHOTO_MAX_BYTES,
  PhotoId,
  photoIdFor,
  photoPath,
  RecordItemInput,
} from '../../functions/src/domain';
import type { Claims } from '../../functions/src/domain/roles';

const G = '621126100001001';
const D = '621126-police-minyang';
const grid: Claims = { r: 'grid_worker', u: G, c: '621126', t: '621126100', v: '621126100001', g: G };
const village: Claims = { r: 'village_staff', u: '621126100001', c: '621126', t: '621126100', v: '621126100001' };
const town: Claims = { r: 'town_staff', u: '621126100', c: '621126', t: '621126100' };
const police: Claims = { r: 'department_officer', u: D, c: '621126', d: D };
const hazard = (responsibleKind: 'unit' | 'department' | null, responsibleId: string | null) =>
  ({ state: 'assigned', responsibleKind, responsibleId }) as never;

describe('location', () => {
  it('accepts a phone position and refuses one out of range', () => {
    expect(GeoLocation.parse({ lat: 34.4356, lng: 104.0338, accuracy: 12 })).toEqual({ lat: 34.4356, lng: 104.0338, accuracy: 12 });
    for (const bad of [
      { lat: 91, lng: 0, accuracy: 1 },
      { lat: 0, lng: -181, accuracy: 1 },
      { lat: 0, lng: 0, accuracy: -1 },
      { lat: 0, lng: 0 },
      { lat: 0, lng: 0, accuracy: 1, altitude: 3 },
    ])
      expect(GeoLocation.safeParse(bad).success).toBe(false);
  });
  it('is optional on recordItem (null by default)', () => {
    const base = { requestId: 'abcdefgh12', gridId: G, kind: 'hazard', title: '电线老化', description: '裸露' };
    expect(RecordItemInput.parse(base).location).toBeNull();
    expect(RecordItemInput.parse({ ...base, location: { lat: 1, lng: 2, accuracy: 3 } }).location).toEqual({ lat: 1, lng: 2, accuracy: 3 });
    expect(RecordItemInput.safeParse({ ...base, location: { lat: 100, lng: 2, accuracy: 3 } }).success).toBe(false);
  });
});

describe('photo IDs and paths', () => {
  it('a photo ID is the requestId and its place (0–5): a resend makes the same IDs', () => {
    expect(photoIdFor('abcdefgh12', 3)).toBe('abcdefgh12-3');
    expect(PhotoId.safeParse(photoIdFor('abcdefgh12', 5)).success).toBe(true);
    for (const bad of ['abcdefgh12-6', 'short-0', '../etc/x-0', 'abcdefgh12', 'abc/defgh12-0'])
      expect(PhotoId.safeParse(bad).success).toBe(false);
  });
  it('the object path carries grid and kind (what storage.rules decide on)', () => {
    expect(photoPath({ gridId: G, kind: 'stability', id: '621126-X' }, 'abcdefgh12-0')).toBe(
      `items/${G}/stability/621126-X/abcdefgh12-0.jpg`,
    );
    expect(PHOTO_MAX_BYTES).toBe(300 * 1024);
  });
  it('attach takes 1–6 distinct photo IDs, stage report by default', () => {
    expect(AttachItemPhotosInput.parse({ itemId: '621126-X', photoIds: ['abcdefgh12-0'] }).stage).toBe('report');
    expect(AttachItemPhotosInput.safeParse({ itemId: '621126-X', photoIds: [] }).success).toBe(false);
    expect(AttachItemPhotosInput.safeParse({ itemId: '621126-X', photoIds: ['abcdefgh12-0', 'abcdefgh12-0'] }).success).toBe(false);
    expect(AttachItemPhotosInput.safeParse({ itemId: '621126-X', photoIds: ['abcdefgh12-0'], stage: 'other' }).success).toBe(false);
    expect(AttachItemPhotosInput.safeParse({ itemId: '621126-X', photoIds: ['abcdefgh12-0'], extra: 1 }).success).toBe(false);
  });
});

describe('who adds photos at which stage', () => {
  const item = { reporterUid: 'u-grid', gridId: G, hazard: hazard('department', D) };
  it('report: the reporter only', () => {
    expect(mayAttachPhotos(grid, 'u-grid', item, 'report')).toBe(true);
    expect(mayAttachPhotos(village, 'u-village', item, 'report')).toBe(false);
  });
  it('rectify: the responsible department or unit', () => {
    expect(mayAttachPhotos(police, 'u-police', item, 'rectify')).toBe(true);
    expect(mayAttachPhotos(grid, 'u-grid', item, 'rectify')).toBe(false);
    const byTown = { ...item, hazard: hazard('unit', '621126100') };
    expect(mayAttachPhotos(town, 'u-town', byTown, 'rectify')).toBe(true);
    expect(mayAttachPhotos(police, 'u-police', byTown, 'rectify')).toBe(false);
  });
  it("verify: the grid's worker or its village; nobody for an item that is not a hazard", () => {
    expect(mayAttachPhotos(grid, 'u-grid', item, 'verify')).toBe(true);
    expect(mayAttachPhotos(village, 'u-village', item, 'verify')).toBe(true);
    expect(mayAttachPhotos(police, 'u-police', item, 'verify')).toBe(false);
    expect(mayAttachPhotos(grid, 'u-grid', { ...item, hazard: null }, 'verify')).toBe(false);
    expect(mayAttachPhotos(police, 'u-police', { ...item, hazard: null }, 'rectify')).toBe(false);
  });
});
