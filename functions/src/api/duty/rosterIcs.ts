import { onRequest } from 'firebase-functions/v2/https';
import { rosterIcs as toIcs } from '../../domain';
import { db } from '../../lib/admin';
import { refs } from '../../lib/db';
import { http } from '../../lib/options';

/**
 * GET /rosterIcs?unit=621126100 → text/calendar, for leaders to subscribe from their phones. It
 * carries the public view only (names and titles), like publicDuty.
 */
export const rosterIcs = onRequest({ ...http, cors: true }, async (req, res) => {
  const unit = String(req.query.unit ?? '');
  if (!/^(\d{6}|\d{9})$/.test(unit)) {
    res.status(400).json({ error: 'unit must be a county or town code' });
    return;
  }
  const snap = await refs(db).publicDuty(unit).get();
  if (!snap.exists) {
    res.status(404).json({ error: `no published roster for ${unit}` });
    return;
  }
  const d = snap.data()!;
  res
    .set('Content-Type', 'text/calendar; charset=utf-8')
    .set('Cache-Control', 'public, max-age=900')
    .send(toIcs(d.unitName, unit, d.days, new Date()));
});
