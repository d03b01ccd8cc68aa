import { z } from 'zod';
import { CaseClassSchema, CategorySchema, Party } from './case-model';
import { DocId, IsoDate, IsoDateTime, Uid } from './input';
import { gridCode, villageCode } from './regions';

const isoDate = IsoDate;

export const PublishRosterInput = z.strictObject({ unitId: z.string().regex(/^(\d{6}|\d{9})$/), from: isoDate, to: isoDate });

export const RosterChangeInput = z.strictObject({
  unitId: z.string().regex(/^(\d{6}|\d{9})$/),
  kind: z.enum(['leave', 'swap']),
  dates: z.array(isoDate).min(1).max(31),
  withUid: Uid.nullable().default(null),
  withDate: isoDate.nullable().default(null),
  reason: z.string().trim().min(1, '请填写原因').max(500),
});

export const DecideRosterChangeInput = z.strictObject({
  unitId: z.string().regex(/^(\d{6}|\d{9})$/),
  changeId: DocId.pipe(z.string().max(64)),
  approve: z.boolean(),
});

/** A walk-in petition (来访) recorded at a town or county center's reception. */
export const WalkInInput = z.strictObject({
  requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  unitId: z.string().regex(/^(\d{6}|\d{9})$/, '来访只在乡镇或县综治中心登记'),
  /**
   * When the visit happened; left out, null or blank means now (the form's "留空为当前时间").
   * Entries made afterwards keep the real time.
   */
  receivedAt: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), IsoDateTime.nullish()),
  gridId: gridCode,
  category: CategorySchema,
  caseClass: CaseClassSchema.default('general'),
  title: z.string().trim().min(2).max(60),
  description: z.string().trim().min(5).max(4000),
  petitioners: z.array(Party).min(1).max(50),
  groupSize: z.number().int().min(0).max(100000).nullable().default(null),
  repeat: z.boolean().default(false),
  skipLevel: z.boolean().default(false),
});
export type WalkInInput = z.infer<typeof WalkInInput>;

/** linkages/{leaderUid}: a leader's linked town and villages (挂点), visited weekly (每周二联值). */
export const LinkageDoc = z.strictObject({
  leaderUid: Uid,
  leaderName: z.string().min(1).max(40),
  countyId: z.string().regex(/^\d{6}$/),
  townId: z
    .string()
    .regex(/^\d{9}$/)
    .nullable(),
  villageIds: z.array(villageCode).max(5),
  visitWeekday: z.number().int().min(1).max(7).default(2),
});
export type LinkageDoc = z.infer<typeof LinkageDoc>;

export const LogVisitInput = z.strictObject({
  requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  villageId: villageCode,
  date: isoDate,
  found: z.string().trim().min(2, '请记录走访发现').max(4000),
  /** Open a case from what was found (登记). */
  openCase: z
    .strictObject({
      gridId: gridCode,
      category: CategorySchema,
      title: z.string().trim().min(2).max(60),
      description: z.string().trim().min(5).max(4000),
      parties: z.array(Party).min(1).max(50),
    })
    .nullable()
    .default(null),
});
export type LogVisitInput = z.infer<typeof LogVisitInput>;
