// Re-exports only: one function per file.
export { caseAction } from './api/caseAction';
export { intake } from './api/intake';
export { reportCase } from './api/reportCase';
export { saveDepartment } from './api/saveDepartment';
export { saveGrid } from './api/saveGrid';
export { savePolicy } from './api/savePolicy';
export { upsertUser } from './api/upsertUser';
export { deadlineSweep } from './scheduled/deadlineSweep';
export { onCaseEvent } from './triggers/onCaseEvent';
export { syncUserClaims } from './triggers/syncUserClaims';
