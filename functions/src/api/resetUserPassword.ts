import { auth, db } from '../lib/admin';
import { defineCallable } from '../lib/callable';
import { resetUserPassword as reset } from '../lib/users-service';

/** An administrator sets a temporary password for a staff member of their county (refresh tokens revoked). */
export const resetUserPassword = defineCallable('resetUserPassword', async (input, { claims, uid }) =>
  reset(db, auth, input, { claims, uid }),
);
