import { onDocumentWritten } from 'firebase-functions/v2/firestore';
import { db } from '../lib/admin';
import { syncDirectory } from '../lib/directory';
import { trigger } from '../lib/options';

/** departments/{id} written (by a callable, the seed or by hand): its county's directory follows (lib/directory.ts). */
export const onDepartmentWritten = onDocumentWritten(trigger('departments/{id}'), async (event) => {
  await syncDirectory(db, 'department', event.params.id, event.data?.before.data(), event.data?.after.data());
});
