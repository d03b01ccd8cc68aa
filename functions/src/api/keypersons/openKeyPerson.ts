import { canReadKeyPerson } from '../../domain';
import { db } from '../../lib/admin';
import { defineCallable } from '../../lib/callable';
import { refs } from '../../lib/db';
import { fail, retryOnContention } from '../../lib/errors';
import { logAccess } from '../../lib/keyperson-service';

/**
 * Opens a record's personal data (name, ID number, phone, address): the only way anyone reads
 * it (the rules deny the private document to every client). In one transaction it checks the
 * caller reads the record (the responsible grid worker, the village/town/county staff in scope,
 * the 包保 leader), reads the personal data and writes the access log entry (who, when, which
 * record, role, purpose): no answer without its log.
 */
export const openKeyPerson = defineCallable('openKeyPerson', async (input, { claims, actor }) => {
  const r = refs(db);
  return await retryOnContention(() =>
    db.runTransaction(async (tx) => {
      const kp = (await tx.get(r.keyPerson(input.id))).data();
      // The same answer for a missing record and one the caller may not read: IDs cannot be probed.
      if (!kp || kp.countyId !== claims.c || !canReadKeyPerson(claims, actor.uid, kp))
        fail('not-found', '记录不存在或您无权查看', `key person ${input.id} not readable by ${claims.r} ${claims.u}`);
      const personal = (await tx.get(r.keyPersonPersonal(kp.id))).data();
      if (!personal) fail('not-found', '该记录没有登记个人信息', `key person ${kp.id} has no personal document`);
      const accessId = logAccess(tx, db, kp, 'open', claims, actor, input.purpose, new Date());
      const { updatedAt: _, ...data } = personal;
      return { id: kp.id, serial: kp.serial, personal: data, accessId };
    }),
  );
});
