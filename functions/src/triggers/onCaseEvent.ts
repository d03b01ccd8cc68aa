import { logger } from 'firebase-functions';
import { onDocumentCreated } from 'firebase-functions/v2/firestore';
import { db } from '../lib/admin';
import { trigger } from '../lib/options';
import { fanOutCaseEvent } from '../lib/side-effects';

/**
 * After a transition commits: alerts to the people it concerns and the resident's view of their
 * request. At-least-once delivery is fine: every write is keyed by case, event and recipient.
 */
export const onCaseEvent = onDocumentCreated(trigger('cases/{caseId}/events/{eventId}'), async (event) => {
  const result = await fanOutCaseEvent(db, event.params.caseId, event.params.eventId);
  logger.info('case event fan-out', { caseId: event.params.caseId, eventId: event.params.eventId, ...result });
});
