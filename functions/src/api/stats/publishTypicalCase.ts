import { anonymise, canReadCase, categoryLabel, inTerritory, mayPublishTypicalCase } from '../../domain';
import { db } from '../../lib/admin';
import { defineCallable } from '../../lib/callable';
import { refs } from '../../lib/db';
import { fail } from '../../lib/errors';

/** 典型案例: a closed case published, anonymised, for everyone in the county to read. */
export const publishTypicalCase = defineCallable('publishTypicalCase', async (input, { claims, actor }) => {
  const r = refs(db);
  const c = (await r.case(input.caseId).get()).data();
  // A town or county center publishes closed cases of its territory (or ones it handled). It
  // need not read the parties for that: the server anonymises from the private document.
  if (!c || !(canReadCase(claims, actor.uid, c) || inTerritory(claims, c)))
    fail('not-found', '案件不存在或您无权查看', "case not found or not in the caller's territory");
  if (!mayPublishTypicalCase(claims)) fail('permission-denied', '只有乡镇或县级综治中心可以发布典型案例', `role ${claims.r}`);
  if (c.state !== 'closed') fail('failed-precondition', '只有已归档的案件可以发布为典型案例', `case ${c.id} is ${c.state}`);
  const p = (await r.casePrivate(c.id).get()).data();
  const names = p?.parties.map((x) => x.name) ?? [];
  const addresses = [p?.address ?? '', ...(p?.parties.map((x) => x.address ?? '') ?? [])];
  const anon = (t: string) => anonymise(t, names, addresses, p?.parties ?? []);
  const doc = {
    caseId: c.id,
    countyId: c.countyId,
    title: anon(input.title),
    category: c.category,
    categoryLabel: categoryLabel(c.category),
    tier: c.tier,
    outcome: c.outcome,
    summary: anon(p?.description ?? c.description),
    resolution: anon(c.resolutionNote ?? ''),
    lesson: anon(input.lesson),
    publishedAt: new Date(),
    publishedBy: actor.uid,
  };
  await r.typicalCase(c.id).set(doc);
  return { caseId: c.id };
});
