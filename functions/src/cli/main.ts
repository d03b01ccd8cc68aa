/**
 * `fengqiao` — the operators' CLI. Works against the emulators when FIRESTORE_EMULATOR_HOST is
 * set, otherwise against a real project with Application Default Credentials (--project).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { UpsertUserInput, ZONE } from '../domain';

const HELP = `fengqiao — 枫桥 operations CLI

Usage: fengqiao <command> [options]

Commands:
  seed [--reset] [--cases N] [--seed S] [--now ISO] [--days D] [--no-users]
        Write the demo county 岷县 (regions, grids, departments, one user per role and
        N cases, default 48). --reset wipes the emulator first (refused on a real project).
        Deterministic: the same --seed and --now give the same data.
  users create --email E --password P --name NAME --role ROLE --scope ID [--title T] [--phone P]
        Create or update a user and set their claims (roles: grid_worker village_staff
        town_staff county_staff leader department_officer mediator admin resident).
  users list [--county 621126]
  users show --email E
        A user's profile and custom claims.

Global options:
  --project ID   Firebase project (default: $GOOGLE_CLOUD_PROJECT, or .firebaserc's default)
  --help         This text.

Target: the emulators when FIRESTORE_EMULATOR_HOST is set, otherwise the real project
(Application Default Credentials: \`gcloud auth application-default login\`).
`;

function projectFromRc(): string | undefined {
  try {
    return JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '.firebaserc'), 'utf8')).projects.default;
  } catch {
    return undefined;
  }
}

function progressBar(label: string) {
  let last = 0;
  return (done: number, total: number) => {
    const now = Date.now();
    if (done < total && now - last < 200) return;
    last = now;
    const width = 30;
    const filled = Math.round((done / total) * width);
    process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${((done / total) * 100).toFixed(0).padStart(3)}% ${done}/${total}`);
    if (done >= total) process.stderr.write('\n');
  };
}

async function resetEmulator(project: string) {
  const fs = process.env.FIRESTORE_EMULATOR_HOST;
  const au = process.env.FIREBASE_AUTH_EMULATOR_HOST;
  if (!fs) throw new Error('--reset only works against the emulator (FIRESTORE_EMULATOR_HOST is not set)');
  const del = await fetch(`http://${fs}/emulator/v1/projects/${project}/databases/(default)/documents`, { method: 'DELETE' });
  if (!del.ok) throw new Error(`could not clear Firestore emulator: ${del.status}`);
  if (au) {
    const a = await fetch(`http://${au}/emulator/v1/projects/${project}/accounts`, { method: 'DELETE' });
    if (!a.ok) throw new Error(`could not clear Auth emulator: ${a.status}`);
  }
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean' },
      project: { type: 'string' },
      reset: { type: 'boolean' },
      cases: { type: 'string' },
      seed: { type: 'string' },
      now: { type: 'string' },
      days: { type: 'string' },
      'no-users': { type: 'boolean' },
      email: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      scope: { type: 'string' },
      title: { type: 'string' },
      phone: { type: 'string' },
      county: { type: 'string' },
    },
  });
  const [cmd, sub] = positionals;
  if (values.help || !cmd) {
    process.stdout.write(HELP);
    return cmd || values.help ? 0 : 1;
  }
  const project = values.project ?? process.env.GOOGLE_CLOUD_PROJECT ?? process.env.GCLOUD_PROJECT ?? projectFromRc();
  if (!project) throw new Error('no project: pass --project');
  process.env.GCLOUD_PROJECT = project;
  process.env.GOOGLE_CLOUD_PROJECT = project;
  if (process.env.FIRESTORE_EMULATOR_HOST) process.env.METADATA_SERVER_DETECTION ??= 'none'; // no GCE metadata lookups offline
  const target = process.env.FIRESTORE_EMULATOR_HOST ? `emulator ${process.env.FIRESTORE_EMULATOR_HOST}` : `project ${project}`;
  const { db, auth } = await import('../lib/admin');

  if (cmd === 'seed') {
    const { seedOrg, seedUsers, seedCases } = await import('../seed/seed');
    const cases = Number(values.cases ?? 48);
    if (!Number.isInteger(cases) || cases < 0) throw new Error('--cases must be a whole number');
    const now = values.now ? new Date(values.now) : new Date();
    if (Number.isNaN(now.getTime())) throw new Error('--now must be an ISO date-time');
    if (values.reset) await resetEmulator(project);
    console.error(`seeding ${target}: demo county 岷县 (621126), ${cases} cases, now = ${DateTime.fromJSDate(now, { zone: ZONE }).toISO()}`);
    await seedOrg(db);
    const uids = values['no-users'] ? {} : await seedUsers(db, auth);
    const counts = await seedCases(db, uids, { cases, seed: Number(values.seed ?? 1), now, days: Number(values.days ?? 60), progress: progressBar('cases') });
    console.error(`done: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ') || 'no cases'}`);
    return 0;
  }

  if (cmd === 'users') {
    const { upsertUser, syncClaims } = await import('../lib/users-service');
    const { refs } = await import('../lib/db');
    if (sub === 'create') {
      const input = UpsertUserInput.parse({
        email: values.email, password: values.password, displayName: values.name, role: values.role, scopeId: values.scope,
        title: values.title ?? null, phone: values.phone ?? null,
      });
      const res = await upsertUser(db, auth, input, 'cli');
      const result = await syncClaims(db, auth, res.uid);
      console.log(JSON.stringify({ ...res, claims: result }));
      return 0;
    }
    if (sub === 'list') {
      let q = refs(db).users().orderBy('displayName');
      if (values.county) q = refs(db).users().where('countyId', '==', values.county).orderBy('displayName');
      const snap = await q.get();
      for (const d of snap.docs) {
        const u = d.data();
        console.log(`${u.uid}\t${u.email ?? ''}\t${u.displayName}\t${u.role}\t${u.scopeId}\t${u.active ? 'active' : 'disabled'}`);
      }
      return 0;
    }
    if (sub === 'show') {
      if (!values.email) throw new Error('--email is required');
      const user = await auth.getUserByEmail(values.email);
      const profile = (await refs(db).user(user.uid).get()).data() ?? null;
      console.log(JSON.stringify({ uid: user.uid, claims: user.customClaims ?? null, profile }, null, 2));
      return 0;
    }
  }
  process.stderr.write(`unknown command: ${positionals.join(' ')}\n\n${HELP}`);
  return 1;
}
