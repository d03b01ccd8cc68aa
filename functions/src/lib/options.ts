import type { CallableOptions, HttpsOptions } from 'firebase-functions/v2/https';
import type { DocumentOptions } from 'firebase-functions/v2/firestore';
import type { ScheduleOptions } from 'firebase-functions/v2/scheduler';
import type { CallableName } from '../domain';

/**
 * Function options, set per function but defined here, in one place. Hong Kong is the closest
 * Cloud Functions region to mainland counties.
 */
export const REGION = 'asia-east2';

export const callable: CallableOptions = { region: REGION, memory: '256MiB', timeoutSeconds: 60, enforceAppCheck: false };

/** Callables that need more than `callable` (the exports build their spreadsheets in memory). */
/**
 * The server's personal-data key (lib/search-index.ts): the callables that create cases store
 * their parties' keyed hashes and seal (lib/mask-seal.ts), the search hashes the query, and the
 * callables that mask a command's text open the case's seal with it (without the key they read
 * the parties instead). The intake endpoint declares it too (api/intake.ts).
 */
export const SEARCH_SECRET_NAME = 'SEARCH_HMAC_KEY';
const SEARCH_SECRET = { secrets: [SEARCH_SECRET_NAME] };

const CALLABLE_OVERRIDES: Partial<Record<CallableName, Partial<CallableOptions>>> = {
  exportLedger: { memory: '512MiB', timeoutSeconds: 120 },
  exportMonthlyReport: { memory: '512MiB' },
  exportPatrolLedger: { memory: '512MiB', timeoutSeconds: 120 },
  exportMeetings: { memory: '512MiB' },
  reportCase: SEARCH_SECRET,
  recordWalkIn: SEARCH_SECRET,
  logVisit: SEARCH_SECRET,
  searchCases: SEARCH_SECRET,
  trackCase: SEARCH_SECRET,
  caseAction: SEARCH_SECRET,
  recordPerformance: SEARCH_SECRET,
  recordMediationSession: SEARCH_SECRET,
  recordItem: SEARCH_SECRET, // a patrol item that opens a case goes through the report path
};

/** The options of one callable (`defineCallable` sets them). */
export const callableOptions = (name: CallableName): CallableOptions => ({
  ...callable,
  ...(Object.hasOwn(CALLABLE_OVERRIDES, name) ? CALLABLE_OVERRIDES[name] : {}),
});

/** Public HTTP endpoints (external intake): authenticated by signature, not by Firebase Auth. */
export const http: HttpsOptions = { region: REGION, memory: '256MiB', timeoutSeconds: 60, cors: false };

export const trigger = <P extends string>(document: P): DocumentOptions<P> => ({
  document,
  region: REGION,
  memory: '256MiB',
  timeoutSeconds: 60,
  retry: true, // triggers are idempotent, so a retry is safe and a transient failure is not lost
});

/**
 * The deadline sweep's schedule. Change the interval here (and redeploy); a sweep is idempotent,
 * so overlapping or retried runs are harmless.
 */
export const SWEEP_EVERY_MINUTES = 5;
export const schedule: ScheduleOptions = {
  schedule: `every ${SWEEP_EVERY_MINUTES} minutes`,
  timeZone: 'Asia/Shanghai',
  region: REGION,
  memory: '512MiB',
  timeoutSeconds: 540,
  retryCount: 0, // the next run picks up whatever this one left
};

/** The rosters' daily job: 17:00 in Shanghai, so the reminder comes the evening before. */
export const dailySchedule: ScheduleOptions = {
  schedule: '0 17 * * *',
  timeZone: 'Asia/Shanghai',
  region: REGION,
  memory: '256MiB',
  timeoutSeconds: 300,
  retryCount: 1,
};

/** Statistics roll-up: 01:00 in Shanghai, after the day has ended. */
export const nightlySchedule: ScheduleOptions = {
  schedule: '0 1 * * *',
  timeZone: 'Asia/Shanghai',
  region: REGION,
  memory: '512MiB',
  timeoutSeconds: 540,
  retryCount: 1,
};

/**
 * The signals job (风险信号): every 15 minutes; it reads the parties of new cases, so it declares
 * the search key (the person hashes are made with it). A run reads only what changed since the last.
 */
export const SIGNALS_EVERY_MINUTES = 15;
export const signalsSchedule: ScheduleOptions = {
  schedule: `every ${SIGNALS_EVERY_MINUTES} minutes`,
  timeZone: 'Asia/Shanghai',
  region: REGION,
  memory: '512MiB',
  timeoutSeconds: 540,
  retryCount: 0, // the next run continues from the cursor
  secrets: [SEARCH_SECRET_NAME],
};
