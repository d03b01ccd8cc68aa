// Secrets for the emulator: functions/.secret.local (git-ignored), made once per clone with
// random keys for the demo county's intake sources. Production keys live in Secret Manager
// (`firebase functions:secrets:set INTAKE_HMAC_KEYS`).
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './emulator-env.mjs';

export const SECRET_FILE = join(ROOT, 'functions', '.secret.local');
const SOURCES = ['police-621126', 'hotline-621126', 'court-621126', 'petition-621126'];

// The search key of the emulators: the development key the CLI and the seed use against them
// too (functions/src/lib/search-index.ts DEV_SEARCH_KEY; docs/operations.md).
const DEV_SEARCH_KEY = 'fengqiao-dev-search-key';

export function ensureLocalSecrets() {
  if (!existsSync(SECRET_FILE) || !/INTAKE_HMAC_KEYS=/.test(readFileSync(SECRET_FILE, 'utf8'))) {
    const keys = Object.fromEntries(SOURCES.map((s) => [s, randomBytes(24).toString('base64url')]));
    writeFileSync(SECRET_FILE, `INTAKE_HMAC_KEYS=${JSON.stringify(keys)}\n`, { mode: 0o600 });
  }
  const text = readFileSync(SECRET_FILE, 'utf8');
  if (!/^SEARCH_HMAC_KEY=/m.test(text)) {
    writeFileSync(SECRET_FILE, `${text.endsWith('\n') ? text : `${text}\n`}SEARCH_HMAC_KEY=${DEV_SEARCH_KEY}\n`, { mode: 0o600 });
  }
}

export function localIntakeKeys() {
  const line = readFileSync(SECRET_FILE, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('INTAKE_HMAC_KEYS='));
  return JSON.parse(line.slice('INTAKE_HMAC_KEYS='.length));
}
