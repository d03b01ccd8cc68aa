import { logger } from 'firebase-functions';
import { onDocumentCreated } from 'firebase-functions/v2/firestore';
import { CaseEvent } from '../domain';
import { db } from '../lib/admin';
import { toDates } from '../lib/db';
import { trigger } from '../lib/options';
import { fanOutCaseEvent } from '../lib/side-effects';

/**
 * After a transition commits: alerts to the people it concerns and the resident's view of their
 * request. At-least-once delivery is fine: every write is keyed by case, event and recipient.
 * The created event arrives with the trigger and carries what the fan-out needs of the case
 * (`after`): neither is read again.
 */
export const onCaseEvent = onDocumentCreated(trigger('cases/{caseId}/events/{eventId}'), async (event) => {
  const raw = event.data?.data();
  if (!raw) return;
  const result = await fanOutCaseEvent(db, event.params.caseId, CaseEvent.parse(toDates(raw)));
  logger.info('case event fan-out', { caseId: event.params.caseId, eventId: event.params.eventId, ...result });
});
