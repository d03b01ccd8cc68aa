import { z } from 'zod';
import { DocId } from './input';
import { PHOTO_STAGES, PHOTOS_PER_STAGE, PhotoId, type PhotoStage } from './photo-model';
import { type ItemKind, type PatrolItemDoc, isResponsible, mayRecordItem } from './patrol-items';
import type { Claims } from './roles';

/**
 * Photos and location of 排查事项 and 安全隐患 (issue 14). The phone compresses each photo to a
 * JPEG of at most PHOTO_MAX_BYTES, uploads it to Cloud Storage under the item
 * (`photoPath`), then `attachItemPhotos` checks the objects and records them on the item. The
 * object path carries the item's scope (grid and kind) so storage.rules decide without reading
 * Firestore; the department rectifying a hazard is in the object's custom metadata, set by the
 * server (docs/architecture.md "Photos").
 */
/** The Cloud Storage object of a photo: scope (grid, kind) in the path for storage.rules. */
export const photoPath = (item: { gridId: string; kind: ItemKind; id: string }, photoId: string) =>
  `items/${item.gridId}/${item.kind}/${item.id}/${photoId}.jpg`;

/** The payload of `attachItemPhotos`. */
export const AttachItemPhotosInput = z.strictObject({
  itemId: DocId,
  stage: z.enum(PHOTO_STAGES).default('report'),
  photoIds: z
    .array(PhotoId)
    .min(1, '至少一张照片')
    .max(PHOTOS_PER_STAGE, `每次最多${PHOTOS_PER_STAGE}张照片`)
    .refine((ids) => new Set(ids).size === ids.length, '照片编号重复'),
});
export type AttachItemPhotosInput = z.infer<typeof AttachItemPhotosInput>;

/**
 * Who adds photos to an item at a stage: the reporter with the report; the unit or department
 * rectifying a hazard as 整改 evidence; the grid's worker (or its village) at the on-site 复核.
 */
export function mayAttachPhotos(
  claims: Claims,
  uid: string,
  item: Pick<PatrolItemDoc, 'reporterUid' | 'gridId' | 'hazard'>,
  stage: PhotoStage,
): boolean {
  if (stage === 'report') return item.reporterUid === uid;
  if (!item.hazard) return false;
  if (stage === 'rectify') return isResponsible(claims, item.hazard);
  return mayRecordItem(claims, item.gridId);
}
