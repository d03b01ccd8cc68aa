import { createHash } from 'node:crypto';

/**
 * A case ID derived from who asked and their request key: a retried or resent report lands on
 * the same document, so it can never make a second case.
 */
export function caseIdFor(countyId: string, namespace: string, requestId: string): string {
  const h = createHash('sha256').update(`${namespace}\u0000${requestId}`).digest('base64url').replace(/[-_]/g, '').slice(0, 12);
  return `${countyId}-${h}`;
}
