import {
  PHOTO_CONTENT_TYPE,
  PHOTO_MAX_BYTES,
  PHOTOS_PER_STAGE,
  type PhotoRef,
  canReadItem,
  mayAttachPhotos,
  photoPath,
} from '../../domain';
import { db } from '../../lib/admin';
import { defineCallable } from '../../lib/callable';
import { refs } from '../../lib/db';
import { fail, retryOnContention } from '../../lib/errors';
import { type StoredObject, setObjectMetadata, statObject } from '../../lib/storage';

/**
 * Records photos the phone has uploaded to Cloud Storage (photoPath) on an item: the report's
 * (its reporter), a hazard's 整改 evidence (the responsible unit or department) or its 复核 photos
 * (the grid's worker or village). Each object must exist, be a JPEG of at most 300 KB and have
 * been uploaded by the caller (custom metadata uploaderUid, pinned by storage.rules). Idempotent:
 * photos already recorded are not recorded again (a resend answers `added: 0`). On a hazard given
 * to a department, the objects get that department in their metadata (storage.rules let it read).
 */
export const attachItemPhotos = defineCallable('attachItemPhotos', async (input, { claims, actor, uid }) => {
  const r = refs(db);
  const item = (await r.patrolItem(input.itemId).get()).data();
  // The same answer for a missing item and one the caller may not touch: IDs cannot be probed.
  if (!item || item.countyId !== claims.c || !(mayAttachPhotos(claims, uid, item, input.stage) || canReadItem(claims, item)))
    fail('not-found', '事项不存在或您无权查看', `item ${input.itemId} not found for ${claims.r}`);
  if (!mayAttachPhotos(claims, uid, item, input.stage))
    fail('permission-denied', '您不能为该事项的这一环节添加照片', `${claims.r} may not attach ${input.stage} photos to ${item.id}`);

  const objects = new Map<string, StoredObject>();
  for (const id of input.photoIds) {
    if ((item.photos ?? []).some((p) => p.id === id)) continue;
    const path = photoPath(item, id);
    const o = await statObject(path);
    if (!o) fail('failed-precondition', '照片尚未上传完成，请稍后重试', `photo ${path} missing`, { photoId: id });
    if (o.bytes > PHOTO_MAX_BYTES || o.contentType !== PHOTO_CONTENT_TYPE)
      fail('invalid-argument', '照片应为不超过300KB的JPEG图片', `photo ${path}: ${o.bytes} bytes ${o.contentType}`);
    if (o.metadata.uploaderUid !== uid) fail('permission-denied', '只能添加本人上传的照片', `photo ${path} uploaded by another user`);
    objects.set(id, o);
  }

  const result = await retryOnContention(() =>
    db.runTransaction(async (tx) => {
      const fresh = (await tx.get(r.patrolItem(item.id))).data();
      if (!fresh) fail('not-found', '事项不存在或您无权查看', `item ${item.id} vanished`);
      const photos = fresh.photos ?? [];
      const now = new Date();
      const added: PhotoRef[] = [];
      for (const id of input.photoIds) {
        const o = objects.get(id);
        if (!o || photos.some((p) => p.id === id)) continue;
        added.push({ id, path: photoPath(fresh, id), stage: input.stage, bytes: o.bytes, byUid: uid, byName: actor.name, at: now });
      }
      const ofStage = photos.filter((p) => p.stage === input.stage).length + added.length;
      if (ofStage > PHOTOS_PER_STAGE) fail('failed-precondition', '每个环节最多6张照片', `${ofStage} ${input.stage} photos on ${item.id}`);
      if (added.length) tx.update(r.patrolItem(item.id), { photos: [...photos, ...added], updatedAt: now });
      return { itemId: item.id, stage: input.stage, photos: ofStage, added: added.length, hazardDept: fresh.hazardDept };
    }),
  );
  // A department already rectifying the hazard reads its new photos (syncItemPhotoAccess does the
  // same when a hazard is given to a department later).
  if (result.hazardDept)
    await Promise.all([...objects.keys()].map((id) => setObjectMetadata(photoPath(item, id), { hazardDept: result.hazardDept })));
  return { itemId: result.itemId, stage: result.stage, photos: result.photos, added: result.added };
});
