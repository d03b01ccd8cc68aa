// Re-exports only: one function per file.
export { caseAction } from './api/caseAction';
export { intake } from './api/intake';
export { reportCase } from './api/reportCase';
export { upsertUser } from './api/upsertUser';
export { deadlineSweep } from './scheduled/deadlineSweep';
export { onCaseEvent } from './triggers/onCaseEvent';
export { syncUserClaims } from './triggers/syncUserClaims';
