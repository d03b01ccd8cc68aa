import { auth, db } from '../lib/admin';
import { defineCallable } from '../lib/callable';
import { retryOnContention } from '../lib/errors';
import { trackCase as track } from '../lib/track-service';

/** 一案一码: a resident signed in by phone follows a case whose applicant gave that phone (lib/track-service.ts). */
export const trackCase = defineCallable('trackCase', async (input, { uid, claims }) =>
  retryOnContention(() => track(db, auth, uid, claims, input.caseId, new Date())),
);
