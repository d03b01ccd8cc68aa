import { onDocumentWritten } from 'firebase-functions/v2/firestore';
import { db } from '../lib/admin';
import { syncDirectory } from '../lib/directory';
import { trigger } from '../lib/options';

/** webhooks/{id} written (by a callable, the seed or by hand): its county's directory follows (lib/directory.ts). */
export const onWebhookWritten = onDocumentWritten(trigger('webhooks/{id}'), async (event) => {
  await syncDirectory(db, 'webhook', event.params.id, event.data?.before.data(), event.data?.after.data());
});
