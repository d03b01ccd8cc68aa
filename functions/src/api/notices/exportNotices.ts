import { db } from '../../lib/admin';
import { defineCallable } from '../../lib/callable';
import { exportNotices as exportCsv } from '../../lib/notice-service';

/** 预警提示单 export: the notices the caller's unit issued in a year, as CSV (texts masked). */
export const exportNotices = defineCallable('exportNotices', (input, { claims }) => exportCsv(db, input.year, claims));
