import { logger } from 'firebase-functions';
import { onDocumentUpdated } from 'firebase-functions/v2/firestore';
import { setObjectMetadata } from '../lib/storage';
import { trigger } from '../lib/options';

/**
 * patrolItems/{id} changed: when a hazard is given to another department (hazardDept), its photos
 * in Cloud Storage get that department in their custom metadata (storage.rules let the department
 * rectifying a hazard read them, like firestore.rules let it read the item). Idempotent.
 */
export const syncItemPhotoAccess = onDocumentUpdated(trigger('patrolItems/{id}'), async (event) => {
  const before = event.data?.before.data();
  const after = event.data?.after.data();
  if (!after) return;
  const dept = (after.hazardDept as string | null | undefined) ?? null;
  if (((before?.hazardDept as string | null | undefined) ?? null) === dept) return;
  const photos = (after.photos as { path: string }[] | undefined) ?? [];
  const done = await Promise.all(photos.map((p) => setObjectMetadata(p.path, { hazardDept: dept })));
  logger.info('item photo access', { itemId: event.params.id, hazardDept: dept, photos: done.filter(Boolean).length });
});
