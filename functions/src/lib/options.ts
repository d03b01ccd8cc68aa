import type { CallableOptions, HttpsOptions } from 'firebase-functions/v2/https';
import type { DocumentOptions } from 'firebase-functions/v2/firestore';

/**
 * Function options, set per function but defined here, in one place. Hong Kong is the closest
 * Cloud Functions region to mainland counties.
 */
export const REGION = 'asia-east2';

export const callable: CallableOptions = { region: REGION, memory: '256MiB', timeoutSeconds: 60, enforceAppCheck: false };

/** Public HTTP endpoints (external intake): authenticated by signature, not by Firebase Auth. */
export const http: HttpsOptions = { region: REGION, memory: '256MiB', timeoutSeconds: 60, cors: false };

export const trigger = <P extends string>(document: P): DocumentOptions<P> => ({
  document,
  region: REGION,
  memory: '256MiB',
  timeoutSeconds: 60,
  retry: true, // triggers are idempotent, so a retry is safe and a transient failure is not lost
});
