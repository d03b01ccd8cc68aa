import type { CallableOptions } from 'firebase-functions/v2/https';
import type { DocumentOptions } from 'firebase-functions/v2/firestore';

/**
 * Function options, set per function but defined here, in one place. Hong Kong is the closest
 * Cloud Functions region to mainland counties.
 */
export const REGION = 'asia-east2';

export const callable: CallableOptions = { region: REGION, memory: '256MiB', timeoutSeconds: 60, enforceAppCheck: false };

export const trigger = <P extends string>(document: P): DocumentOptions<P> => ({
  document,
  region: REGION,
  memory: '256MiB',
  timeoutSeconds: 60,
  retry: true, // triggers are idempotent, so a retry is safe and a transient failure is not lost
});
