/**
 * 重点人员/重点部位 on the server: the checks the callables share (the responsible grid worker
 * and the 包保 leader come from the staff directory, linked cases must be readable by the caller)
 * and the access log entry written with every opening or write of personal data.
 */
import type { Firestore, Transaction } from 'firebase-admin/firestore';
import { type Actor, type CaseDoc, type Claims, type KeyPersonDoc, KeyPersonError, canReadCase, caseNo } from '../domain';
import { refs } from './db';
import { fail } from './errors';

/** Turns a domain refusal into the callable's error. */
export function kpRefuse(e: unknown): never {
  if (e instanceof KeyPersonError) fail(e.code, e.zh, e.message);
  throw e;
}

/** The responsible grid worker: an active grid worker of the grid, by the staff directory. */
export async function gridWorkerOf(tx: Transaction, db: Firestore, uid: string, gridId: string) {
  const s = (await tx.get(refs(db).staff(uid))).data();
  if (!s?.active || s.role !== 'grid_worker' || s.unitId !== gridId)
    fail('invalid-argument', '责任网格员应为该网格的在岗网格员', `grid worker ${uid} not of ${gridId}`);
  return s;
}

/** The 包保 leader: an active leader of the record's town or county. */
export async function leaderOf(tx: Transaction, db: Firestore, uid: string, townId: string, countyId: string) {
  const s = (await tx.get(refs(db).staff(uid))).data();
  if (!s?.active || s.role !== 'leader' || s.countyId !== countyId || (s.unitId !== countyId && s.unitId !== townId))
    fail('invalid-argument', '包保领导应为本乡镇或本县的在职领导', `leader ${uid} not of ${townId}`);
  return s;
}

/** Linked cases: each must exist in the county and be readable by the caller (number and masked title kept). */
export async function caseLinks(tx: Transaction, db: Firestore, ids: string[], claims: Claims, uid: string, keep: KeyPersonDoc['cases']) {
  const out: KeyPersonDoc['cases'] = [];
  for (const id of ids) {
    const known = keep.find((c) => c.id === id);
    if (known) {
      out.push(known);
      continue;
    }
    const c: CaseDoc | undefined = (await tx.get(refs(db).case(id))).data();
    if (!c || c.countyId !== claims.c || !canReadCase(claims, uid, c))
      fail('invalid-argument', `关联案件不存在或您无权查看：${caseNo(id)}`, `case ${id} not readable`);
    out.push({ id, number: caseNo(id), title: c.title.length > 30 ? `${c.title.slice(0, 30)}…` : c.title });
  }
  return out;
}

/** One access log entry (keyPersonAccess), in the caller's transaction. Returns its ID. */
export function logAccess(
  tx: Transaction,
  db: Firestore,
  kp: Pick<KeyPersonDoc, 'id' | 'countyId' | 'serial'>,
  action: 'open' | 'create' | 'edit',
  claims: Claims,
  actor: Actor,
  purpose: string | null,
  now: Date,
): string {
  const ref = refs(db).keyPersonAccess();
  tx.create(ref, {
    id: ref.id,
    countyId: kp.countyId,
    keyPersonId: kp.id,
    serial: kp.serial,
    action,
    byUid: actor.uid,
    byName: actor.name,
    role: claims.r,
    unitId: claims.u,
    purpose,
    at: now,
  });
  return ref.id;
}
