// Re-exports only: one function per file.
export { reportCase } from './api/reportCase';
export { upsertUser } from './api/upsertUser';
export { syncUserClaims } from './triggers/syncUserClaims';
