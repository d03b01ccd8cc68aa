import { logger } from 'firebase-functions';
import { onDocumentWritten } from 'firebase-functions/v2/firestore';
import { auth, db } from '../lib/admin';
import { trigger } from '../lib/options';
import { syncProfile } from '../lib/users-service';

/** users/{uid} changed (by a callable, the CLI or the console): bring custom claims and the staff directory in step. */
export const syncUserClaims = onDocumentWritten(trigger('users/{uid}'), async (event) => {
  const result = await syncProfile(db, auth, event.params.uid);
  logger.info('claims sync', { uid: event.params.uid, result });
});
