import { z } from 'zod';

/**
 * Photos and location of 排查事项 and 安全隐患 (issue 14): what an item records. No import from
 * patrol-items (it imports this). The rest (paths, who attaches) is in photos.ts.
 */
export const PHOTO_MAX_BYTES = 300 * 1024;
/** Photos per item and stage (the report, the rectification, the on-site verification). */
export const PHOTOS_PER_STAGE = 6;
export const PHOTO_CONTENT_TYPE = 'image/jpeg';

/** When a photo was taken: with the report, as 整改 evidence, or at the on-site 复核. */
export const PHOTO_STAGES = ['report', 'rectify', 'verify'] as const;
export type PhotoStage = (typeof PHOTO_STAGES)[number];
export const PHOTO_STAGE_ZH: Record<PhotoStage, string> = { report: '上报', rectify: '整改', verify: '复核' };

/** A photo's ID: the form's requestId and the photo's place in it (a resend makes the same IDs). */
export const PhotoId = z.string().regex(/^[A-Za-z0-9_-]{8,64}-[0-5]$/, '照片编号格式不正确');
export const photoIdFor = (requestId: string, index: number) => `${requestId}-${index}`;

/** An optional location from the phone (navigator.geolocation), WGS-84 degrees, accuracy in metres. */
export const GeoLocation = z.strictObject({
  lat: z.number().min(-90, '纬度应在-90到90之间').max(90, '纬度应在-90到90之间'),
  lng: z.number().min(-180, '经度应在-180到180之间').max(180, '经度应在-180到180之间'),
  accuracy: z.number().min(0, '定位精度不能为负').max(100_000, '定位精度超出范围'),
});
export type GeoLocation = z.infer<typeof GeoLocation>;

/** One photo recorded on an item. */
export const PhotoRef = z.strictObject({
  id: z.string(),
  path: z.string(),
  stage: z.enum(PHOTO_STAGES),
  bytes: z.number().int().min(1),
  byUid: z.string(),
  byName: z.string().nullable(),
  at: z.date(),
});
export type PhotoRef = z.infer<typeof PhotoRef>;
