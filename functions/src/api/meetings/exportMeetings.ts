import { db } from '../../lib/admin';
import { defineCallable } from '../../lib/callable';
import { exportMeetings as exportCsv } from '../../lib/meeting-export';

/** 研判/例会/联席会议 export: the meetings the caller's unit held in a year, as CSV (texts masked). */
export const exportMeetings = defineCallable('exportMeetings', (input, { claims }) => exportCsv(db, input.year, claims));
