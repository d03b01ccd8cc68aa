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
  seed [--reset] [--cases N] [--seed S] [--now ISO] [--days D] [--no-users] [--open-only] [--counties 1|3]
        Write the demo county 岷县 (regions, grids, departments, one user per role and
        N cases, default 48), and 排查: 60 days of patrols with gaps, items and hazards in every
        state, a finished and a running campaign, key persons and places with visits.
        --counties 3: also 定西市 (6211) and 甘肃省 (62) with their centers' staff, leaders and
        administrators, and 渭源县 (621123) and 漳县 (621125) with a smaller schematic org,
        their own users and N/4 cases each (at least 12).
        --reset wipes the emulator first (refused on a real project).
        Deterministic: the same --seed and --now give the same data.
  users create --email E --password P --name NAME --role ROLE --scope ID [--title T] [--phone P]
        Create or update a user and set their claims (roles: grid_worker village_staff
        town_staff county_staff leader department_officer mediator admin resident).
  users list [--county 621126]
  users show --email E
        A user's profile and custom claims.
  calendar import [--years 2024-2026] [--source chinese-days|holiday-calendar] [--file F.json]
        Load the State Council holiday schedule (days off and 调休 make-up workdays) as
        versioned data: one calendarYears/{year} document per year.
  calendar check [--years 2019-2026]
        Compare the two npm datasets' working days day by day; exit 1 on any difference.
  calendar show YEAR
        The loaded schedule of a year.
  policy show --county C | policy set --county C --file F.json
        A county's deadline policy (defaults when none is stored).
  stats rollup [--month YYYY-MM | --day YYYY-MM-DD]
        Roll the daily figures up into month and year documents: a month from scratch, or
        (--day) what the nightly job does: add one finished day (the month from scratch when
        the days before it are not all in).
  stats verify --unit ID [--period YYYY|YYYY-MM|YYYY-MM-DD]
        Recompute key figures from the case events (aggregation queries) and report any
        difference with what is stored; exit 1 on a difference.
  stats rebuild --unit ID --period P
        Rewrite the unit's daily figures from its events and roll them up again (repair).
        It touches statsDays/statsPeriods only: the 排查考核 figures are patrol-rebuild's.
  stats patrol-verify --county C [--period YYYY|YYYY-MM|YYYY-MM-DD]
        Recompute the 排查考核 figures (items by kind, hazards due/rectified/on time, key-person
        visits) from the items, hazards and visit logs, and the coverage documents' patrols
        and zero reports from the patrol logs; print each unit's figures; exit 1 on a difference.
  stats patrol-rebuild --county C
        Rewrite the county's patrolFigures from those sources (repair).
  export ledger --unit ID --from YYYY-MM-DD --to YYYY-MM-DD [--format xlsx|csv] [--out F] [--with-personal-data]
        The case ledger (台账); personal data is masked unless --with-personal-data. A city's (4-digit)
        or province's (2-digit) unit: the cases its own center takes part in (上报市级, 市级督办).
  export report --unit ID --month YYYY-MM [--out F]
        The monthly report (月报) as .xlsx.
  roster generate --unit ID --from D --to D [--publish]
        Generate a duty roster (print it), or publish it as an immutable version.
  roster show --unit ID --from D --to D
        The effective roster (published versions with approved leave and swaps).
  roster tick [--at ISO]
        The daily job as of a moment: publish next month when due, remind tomorrow's leader.
  access verify [--county C] | access rebuild [--county C]
        Compare every case's stored relation (the access lists the security rules check)
        with the one computed from the case; rebuild repairs the differences. verify exits 1
        when it finds any.
  counters verify [--county C] | counters rebuild [--county C]
        Recount the dashboard's live counters from the cases; rebuild rewrites them in the
        county's shard count (policy counterShards) and deletes older shards. Run rebuild after
        changing counterShards or after access rebuild, when no cases change. verify exits 1
        when a unit's figures differ.
  search verify [--county C] | search rebuild [--county C]
        Check every case's search data (title words on the case, its parties' keyed hashes
        in caseSearch, made with SEARCH_HMAC_KEY); rebuild writes what is missing or stale
        (cases from before search, or after a new key). verify exits 1 when it finds any.
  directory rebuild --county C
        Rebuild a county's directory (which grids and departments exist, its active robots)
        from its documents. Run once per county after deploying the release that added it
        (issue 17); triggers keep it since. Until then commands read the grids and departments
        they name and the event trigger looks up the robots, as before.
  staff rebuild --county C
        Rewrite the county's staff directory (staff/{uid}: name, title, unit, role; no
        phone or e-mail) from the user profiles, and remove entries whose profile is gone.
        Profile writes keep it in step; this repairs data written before the directory existed.
  sweep [--at ISO] [--batch N]
        Run the deadline sweep as of a moment (default now), then deliver webhooks.
  deliver [--at ISO]
        Deliver due webhook messages only.
  campaign list --county C [--state running|closed]
        The county's 集中排查 campaigns: topic, owner, period, state, grids reported.
  campaign close ID [--at ISO] | campaign close --due --county C [--at ISO]
        Close a campaign with its summary (items by kind, by town), as an operator; --due
        closes every running campaign of the county whose period ended before --at's day.
  signals run [--at ISO]
        Run the risk-signals job as of a moment (default now): reads the cases, 排查 items and
        key persons changed since its last run, raises or updates signals (deterministic IDs: a
        re-run adds nothing) and prints what it read and raised. The first run reads every case
        once, and the items and key persons of the last 31 days.
  notices list --county C [--year Y] [--unit U] [--state issued|signed|answered|closed] [--overdue] [--at ISO] [--json]
        The county's 预警提示单 of a year (default this year), by issuing unit and number:
        number, issuer, recipient, state, the 签收 and 反馈 limits, what is overdue, 督办.
        --unit: those a town, the county or a department issued or received; --overdue: those
        whose signing or report limit has passed (as of --at, default now) and still wait.
  notices show ID|NUMBER [--county C] [--unit U] [--year Y] [--json]
        One notice in full: risk, measures, limits, who signed and reported back when, its
        history. By number (〔2026〕3号, or 3 with --year) it needs --county, and --unit when
        several issuing units used the number.
  geo import --file F.geojson [--level city|county|town|village|grid] [--county C] [--unit U] [--tolerance M] [--dry-run] [--json]
        Load 一张图 boundaries: a GeoJSON FeatureCollection of one level of one county (towns,
        villages, grids), of one city (its counties; --unit 6211) or of one province (its cities;
        --unit 62), each feature's properties.code a region (or grid) code that exists. Checked
        (closed rings, known codes, one area, size), simplified (--tolerance metres; default by
        level) and stored one document per parent (geoShapes/{parent}_{level}), replacing schematic shapes.
        Any problem: every one listed in Chinese, nothing written, exit 1. Format: docs/api.md.
  audit [--record ID] [--by UID] [--since YYYY-MM-DD] [--county C] [--json]
        Who opened (or registered, changed) key persons' personal data (重点人员 access log),
        newest first: time, action, the reader's name, title, role and unit, the record.

Global options:
  --project ID   Firebase project (default: $GOOGLE_CLOUD_PROJECT, or .firebaserc's default)
  --emulators    Target this checkout's emulators (hosts from firebase.json, shifted by
                 $FENGQIAO_PORT_OFFSET): sets FIRESTORE_EMULATOR_HOST and FIREBASE_AUTH_EMULATOR_HOST.
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
    process.stderr.write(
      `\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${((done / total) * 100).toFixed(0).padStart(3)}% ${done}/${total}`,
    );
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

const OPTIONS = {
  help: { type: 'boolean' },
  project: { type: 'string' },
  reset: { type: 'boolean' },
  cases: { type: 'string' },
  seed: { type: 'string' },
  now: { type: 'string' },
  days: { type: 'string' },
  'no-users': { type: 'boolean' },
  'open-only': { type: 'boolean' },
  counties: { type: 'string' },
  email: { type: 'string' },
  password: { type: 'string' },
  name: { type: 'string' },
  role: { type: 'string' },
  scope: { type: 'string' },
  title: { type: 'string' },
  phone: { type: 'string' },
  county: { type: 'string' },
  years: { type: 'string' },
  source: { type: 'string' },
  file: { type: 'string' },
  at: { type: 'string' },
  batch: { type: 'string' },
  unit: { type: 'string' },
  period: { type: 'string' },
  month: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  'with-personal-data': { type: 'boolean' },
  state: { type: 'string' },
  due: { type: 'boolean' },
  publish: { type: 'boolean' },
  record: { type: 'string' },
  by: { type: 'string' },
  since: { type: 'string' },
  json: { type: 'boolean' },
  overdue: { type: 'boolean' },
  year: { type: 'string' },
  level: { type: 'string' },
  tolerance: { type: 'string' },
  'dry-run': { type: 'boolean' },
  day: { type: 'string' },
} as const;

const parse = (argv: string[]) => parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
type Values = ReturnType<typeof parse>['values'];
type Db = FirebaseFirestore.Firestore;

/** What a command gets: its subcommand and argument, the options, and the Admin SDK. */
interface Run {
  cmd: string;
  sub: string | undefined;
  arg: string | undefined;
  positionals: string[];
  values: Values;
  project: string;
  target: string;
  db: Db;
  auth: import('firebase-admin/auth').Auth;
}

/** The commands, by name (HELP lists them). Each returns the exit code. */
const COMMANDS: Record<string, (r: Run) => Promise<number>> = {
  seed: seedCommand,
  users: usersCommand,
  stats: statsCommand,
  export: exportCommand,
  roster: rosterCommand,
  access: accessCommand,
  counters: countersCommand,
  search: searchCommand,
  staff: staffCommand,
  directory: directoryCommand,
  calendar: ({ sub, arg, values, db }) => calendarCommand(sub, arg, values, db),
  policy: ({ sub, values, db }) => policyCommand(sub, values, db),
  sweep: sweepCommand,
  campaign: campaignCommand,
  deliver: sweepCommand,
  signals: signalsCommand,
  audit: auditCommand,
  notices: async ({ sub, arg, values, db }) => (await import('./notices')).noticesCommand({ sub, arg, values, db }),
  geo: async ({ sub, values, db }) => (await import('./geo')).geoCommand({ sub, values, db }),
};

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv);
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
  const command = Object.hasOwn(COMMANDS, cmd) ? COMMANDS[cmd] : undefined;
  if (!command) return unknownCommand(positionals);
  return command({ cmd, sub, arg: positionals[2], positionals, values, project, target, db, auth });
}

function unknownCommand(positionals: string[]): number {
  process.stderr.write(`unknown command: ${positionals.join(' ')}\n\n${HELP}`);
  return 1;
}

async function seedCommand({ values, project, target, db, auth }: Run): Promise<number> {
  const { seedOrg, seedUsers, seedCases, seedCalendarAndPolicy, seedDuty, seedMediationRegistry } = await import('../seed/seed');
  const cases = Number(values.cases ?? 48);
  if (!Number.isInteger(cases) || cases < 0) throw new Error('--cases must be a whole number');
  const now = values.now ? new Date(values.now) : new Date();
  if (Number.isNaN(now.getTime())) throw new Error('--now must be an ISO date-time');
  const countyCount = Number(values.counties ?? 1);
  if (countyCount !== 1 && countyCount !== 3) throw new Error('--counties must be 1 (岷县) or 3 (定西市: 岷县, 渭源县, 漳县)');
  if (values.reset) await resetEmulator(project);
  console.error(`seeding ${target}: demo county 岷县 (621126), ${cases} cases, now = ${DateTime.fromJSDate(now, { zone: ZONE }).toISO()}`);
  await seedOrg(db);
  const cal = await seedCalendarAndPolicy(db);
  const uids = values['no-users'] ? {} : await seedUsers(db, auth);
  await seedMediationRegistry(db, uids);
  const days = Number(values.days ?? 60);
  const counts = await seedCases(db, uids, {
    cases,
    cal,
    openOnly: !!values['open-only'],
    seed: Number(values.seed ?? 1),
    now,
    days,
    progress: progressBar('cases'),
  });
  // The city of three (issue 16): the province and city above 岷县, the two added counties.
  const tiers = await import('../seed/tiers-seed');
  const seeded = countyCount === 3 ? tiers.CITY_COUNTIES : [tiers.CITY_COUNTIES[0]!];
  if (countyCount === 3) {
    const tierUids = await tiers.seedCityOfThree(db, values['no-users'] ? null : auth);
    const perCounty = Math.max(12, Math.floor(cases / 4));
    for (const c of tiers.EXTRA_COUNTIES) {
      const n = await seedCases(
        db,
        tierUids,
        { cases: perCounty, cal, openOnly: !!values['open-only'], seed: Number(values.seed ?? 1), now, days },
        {
          countyId: c.id,
          grids: tiers.extraCountyGrids(c),
          departments: tiers.extraCountyDepartments(c),
          accounts: tiers.extraCountyAccounts(c),
        },
      );
      console.error(`${c.name} (${c.id}): ${Object.values(n).reduce((a, b) => a + b, 0)} cases`);
    }
    console.error(`定西市 (6211) and 甘肃省 (62): ${tiers.TIER_ACCOUNTS.length} accounts (README, "Demo logins")`);
  }
  // Schematic boundaries (一张图) of the counties added after the org: 岷县's came with seedOrg.
  const { seedGeo } = await import('../seed/geo');
  for (const county of seeded.slice(1)) await seedGeo(db, county.id, now);
  const { rollupMonth } = await import('../lib/rollup');
  const { localDate, addDays } = await import('../domain');
  const months = new Set<string>();
  for (let d = addDays(localDate(now), -days - 1); d <= localDate(now); d = addDays(d, 1)) months.add(d.slice(0, 7));
  for (const m of months) await rollupMonth(db, m);
  await seedDuty(db, uids, now);
  const { seedPatrols, PATROL_SEED_DAYS } = await import('../seed/patrol-seed');
  const pr = await seedPatrols(db, uids, { now, seed: Number(values.seed ?? 1), cal, progress: progressBar('patrols') });
  console.error(
    pr.skipped
      ? '排查: the demo patrols are there already (seed --reset to write them again)'
      : `排查: ${pr.patrols} patrols over ${PATROL_SEED_DAYS} days (${pr.zeroReports} zero reports), items ${JSON.stringify(pr.items)}, hazards ${JSON.stringify(pr.hazards)}, ${pr.campaigns.length} campaigns, ${pr.keyPersons} key persons/places with ${pr.visits} visits`,
  );
  console.error(
    `done: ${
      Object.entries(counts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') || 'no cases'
    }`,
  );
  return 0;
}

async function usersCommand({ sub, values, positionals, db, auth }: Run): Promise<number> {
  const { upsertUser, syncProfile } = await import('../lib/users-service');
  const { refs } = await import('../lib/db');
  if (sub === 'create') {
    const input = UpsertUserInput.parse({
      email: values.email,
      password: values.password,
      displayName: values.name,
      role: values.role,
      scopeId: values.scope,
      title: values.title ?? null,
      phone: values.phone ?? null,
    });
    const res = await upsertUser(db, auth, input, 'cli');
    const result = await syncProfile(db, auth, res.uid);
    console.log(JSON.stringify({ ...res, claims: result }));
    return 0;
  }
  if (sub === 'list') {
    const { usersByName } = await import('../lib/queries');
    const snap = await usersByName(db, values.county ? String(values.county) : undefined).get();
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
  return unknownCommand(positionals);
}

async function statsCommand({ sub, values, db }: Run): Promise<number> {
  const { rollupDay, rollupMonth, verifyStats, rebuildStats } = await import('../lib/rollup');
  const { localDate } = await import('../domain');
  const today = localDate(new Date());
  if (sub === 'rollup' && values.day) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.day)) throw new Error('--day YYYY-MM-DD');
    console.log(JSON.stringify(await rollupDay(db, values.day)));
    return 0;
  }
  if (sub === 'rollup') {
    const month = values.month ?? today.slice(0, 7);
    console.log(JSON.stringify({ month, ...(await rollupMonth(db, month)) }));
    return 0;
  }
  if (sub === 'patrol-verify' || sub === 'patrol-rebuild') {
    const { verifyPatrolFigures, rebuildPatrolFigures } = await import('../lib/patrol-figures');
    if (!values.county) throw new Error('--county is required');
    if (sub === 'patrol-rebuild') {
      console.log(JSON.stringify(await rebuildPatrolFigures(db, values.county)));
      return 0;
    }
    const period = values.period ?? today.slice(0, 7);
    const rows = await verifyPatrolFigures(db, values.county, period);
    const bad = rows.filter((r) => r.stored !== r.expected);
    for (const r of rows)
      console.log(
        `${r.unitId.padEnd(13)} ${r.figure.padEnd(18)} stored ${String(r.stored).padStart(7)}   from sources ${String(r.expected).padStart(7)}${r.stored === r.expected ? '' : '   ✖ differs'}`,
      );
    console.log(
      bad.length ? `${bad.length} difference(s): run \`fengqiao stats patrol-rebuild --county ${values.county}\`` : 'all figures match',
    );
    return bad.length ? 1 : 0;
  }
  if (!values.unit) throw new Error('--unit is required');
  const period = values.period ?? today.slice(0, 7);
  if (sub === 'verify') {
    const rows = await verifyStats(db, values.unit, period);
    const bad = rows.filter((r) => r.stored !== r.expected);
    for (const r of rows) {
      const source = r.figure.startsWith('rollup.') ? 'from days  ' : 'from events';
      console.log(
        `${r.figure.padEnd(24)} stored ${String(r.stored).padStart(7)}   ${source} ${String(r.expected).padStart(7)}${r.stored === r.expected ? '' : '   ✖ differs'}`,
      );
    }
    console.log(
      bad.length
        ? `${bad.length} difference(s): run \`fengqiao stats rebuild --unit ${values.unit} --period ${period}\``
        : 'all figures match',
    );
    return bad.length ? 1 : 0;
  }
  if (sub === 'rebuild') {
    console.log(JSON.stringify(await rebuildStats(db, values.unit, period)));
    return 0;
  }
  throw new Error('stats rollup | verify | rebuild | patrol-verify | patrol-rebuild');
}

async function exportCommand({ sub, values, db }: Run): Promise<number> {
  const { ledgerFile, monthlyReportFile } = await import('../lib/exports');
  const { LedgerInput } = await import('../domain');
  const { writeFileSync } = await import('node:fs');
  const f =
    sub === 'ledger'
      ? await ledgerFile(
          db,
          { operator: true, personalData: !!values['with-personal-data'] },
          LedgerInput.parse({ unitId: values.unit, from: values.from, to: values.to, format: values.format ?? 'xlsx' }),
        )
      : sub === 'report'
        ? await monthlyReportFile(db, String(values.unit), String(values.month))
        : null;
  if (!f) throw new Error('export ledger | report');
  const out = values.out ?? f.filename;
  writeFileSync(out, f.content);
  console.log(`wrote ${out}`);
  return 0;
}

async function rosterCommand({ sub, values, db }: Run): Promise<number> {
  const svc = await import('../lib/roster-service');
  if (sub === 'tick') {
    console.log(JSON.stringify(await svc.rosterTick(db, parseAt(values.at)), null, 2));
    return 0;
  }
  if (!values.unit || !values.from || !values.to) throw new Error('--unit, --from and --to are required');
  let days: { date: string; kind: string; uid: string; holiday?: string | null }[];
  if (sub === 'generate') {
    if (values.publish) {
      const v = await svc.publishRoster(db, values.unit, values.from, values.to, 'cli');
      console.error(`published ${v.unitId} ${v.from}..${v.to}`);
      days = v.assignments;
    } else {
      const { generateRoster } = await import('../domain');
      const { withCalendar, yearsOf } = await import('../lib/config');
      const cfg = await svc.loadRosterConfig(db, values.unit);
      const { from, to } = values;
      days = await withCalendar(db, yearsOf(Number(from.slice(0, 4)), Number(to.slice(0, 4))), (cal) => generateRoster(cfg, cal, from, to));
    }
  } else if (sub === 'show') {
    days = await svc.loadEffectiveDays(db, values.unit, values.from, values.to);
  } else throw new Error('roster generate | show | tick');
  const cfg = await svc.loadRosterConfig(db, values.unit);
  const who = new Map([...cfg.weekday, ...cfg.duty].map((l) => [l.uid, l]));
  for (const a of days)
    console.log(
      `${a.date}  ${a.kind === 'weekday' ? '接访' : '值班'}  ${who.get(a.uid)?.name ?? a.uid}（${who.get(a.uid)?.title ?? ''}）${a.holiday ? `  ${a.holiday}` : ''}`,
    );
  return 0;
}

async function accessCommand({ sub, values, db }: Run): Promise<number> {
  if (sub !== 'verify' && sub !== 'rebuild') throw new Error('access verify | rebuild');
  const { verifyAccess } = await import('../lib/access-repair');
  const report = await verifyAccess(db, { repair: sub === 'rebuild', countyId: values.county });
  console.log(JSON.stringify(report, null, 2));
  return sub === 'verify' && (report.driftedCount > 0 || report.staleCopies > 0) ? 1 : 0;
}

async function countersCommand({ sub, values, db }: Run): Promise<number> {
  if (sub !== 'verify' && sub !== 'rebuild') throw new Error('counters verify | rebuild');
  const { rebuildCounters } = await import('../lib/counters');
  const report = await rebuildCounters(db, { repair: sub === 'rebuild', countyId: values.county });
  console.log(JSON.stringify(report, null, 2));
  return sub === 'verify' && report.wrongCount > 0 ? 1 : 0;
}

async function searchCommand({ sub, values, db }: Run): Promise<number> {
  if (sub !== 'verify' && sub !== 'rebuild') throw new Error('search verify | rebuild');
  const { verifySearch } = await import('../lib/search-repair');
  const report = await verifySearch(db, { repair: sub === 'rebuild', countyId: values.county });
  console.log(JSON.stringify(report, null, 2));
  return sub === 'verify' && (report.staleTokens > 0 || report.staleKeys > 0) ? 1 : 0;
}

async function staffCommand({ sub, values, db }: Run): Promise<number> {
  if (sub !== 'rebuild') throw new Error('staff rebuild --county C');
  if (!values.county) throw new Error('--county is required');
  const { rebuildStaff } = await import('../lib/staff');
  console.log(JSON.stringify({ county: values.county, ...(await rebuildStaff(db, String(values.county))) }));
  return 0;
}

async function directoryCommand({ sub, values, db }: Run): Promise<number> {
  if (sub !== 'rebuild') throw new Error('directory rebuild --county C');
  if (!values.county) throw new Error('--county is required');
  const { rebuildDirectory } = await import('../lib/directory');
  console.log(JSON.stringify({ county: values.county, ...(await rebuildDirectory(db, String(values.county))) }));
  return 0;
}

async function signalsCommand({ sub, values, db }: Run): Promise<number> {
  if (sub !== 'run') {
    console.error('usage: fengqiao signals run [--at ISO]');
    return 1;
  }
  const { runSignals } = await import('../lib/signals-service');
  console.log(JSON.stringify(await runSignals(db, parseAt(values.at)), null, 2));
  return 0;
}

async function sweepCommand({ cmd, values, db }: Run): Promise<number> {
  const { runSweep } = await import('../lib/sweep');
  const { deliverOutbox } = await import('../lib/outbox');
  const at = parseAt(values.at);
  const sweep = cmd === 'sweep' ? await runSweep(db, at, { batchSize: values.batch ? Number(values.batch) : undefined }) : null;
  const delivery = await deliverOutbox(db, at);
  console.log(JSON.stringify({ ...(sweep ? { sweep } : {}), delivery }, null, 2));
  return 0;
}

async function campaignCommand({ sub, arg, values, db }: Run): Promise<number> {
  const { completion, localDate } = await import('../domain');
  const { campaignsOfCounty, campaignProgressOf } = await import('../lib/queries');
  const svc = await import('../lib/campaign-service');
  const operator = { uid: 'cli', name: `运维（${process.env.USER ?? 'cli'}）` };
  if (sub === 'list') {
    if (!values.county) throw new Error('--county is required');
    const state = values.state as string | undefined;
    if (state && state !== 'running' && state !== 'closed') throw new Error('--state is running or closed');
    const all = (await campaignsOfCounty(db, String(values.county)).get()).docs.map((d) => d.data());
    const rows = [];
    for (const c of all.filter((x) => !state || x.state === state).sort((a, b) => a.from.localeCompare(b.from))) {
      const progress = (await campaignProgressOf(db, c.id).get()).docs.map((d) => d.data());
      const done = completion(progress);
      rows.push({
        id: c.id,
        topic: c.topic,
        owner: c.ownerName,
        from: c.from,
        to: c.to,
        state: c.state,
        grids: done.grids,
        reported: done.done,
      });
    }
    console.log(JSON.stringify(rows, null, 2));
    return 0;
  }
  if (sub === 'close') {
    const at = parseAt(values.at);
    if (values.due) {
      if (!values.county) throw new Error('--due needs --county');
      const due = await svc.dueCampaigns(db, String(values.county), localDate(at));
      const closed = [];
      for (const c of due) closed.push(await svc.closeCampaign(db, c.id, null, operator, at));
      console.log(JSON.stringify(closed, null, 2));
      return 0;
    }
    if (!arg) throw new Error('campaign close ID | campaign close --due --county C');
    console.log(JSON.stringify(await svc.closeCampaign(db, arg, null, operator, at), null, 2));
    return 0;
  }
  throw new Error('campaign list --county C | campaign close ID | campaign close --due --county C');
}

async function auditCommand({ values, db }: Run): Promise<number> {
  const { auditEntries, auditActionZh } = await import('../lib/keyperson-audit');
  let since: Date | undefined;
  if (values.since) {
    const d = DateTime.fromISO(String(values.since), { zone: ZONE });
    if (!d.isValid) throw new Error('--since must be a date, e.g. 2026-10-01');
    since = d.toJSDate();
  }
  const rows = await auditEntries(db, {
    record: values.record ? String(values.record) : undefined,
    by: values.by ? String(values.by) : undefined,
    county: values.county ? String(values.county) : undefined,
    since,
  });
  if (values.json) {
    console.log(JSON.stringify(rows, null, 2));
    return 0;
  }
  if (!rows.length) console.log('（没有查阅记录）');
  for (const r of rows)
    console.log(
      [r.at, auditActionZh(r.action), r.who, r.role, r.unit, `${r.what}（编号${r.serial}）`, r.purpose ? `事由：${r.purpose}` : ''].join(
        '  ',
      ),
    );
  return 0;
}

function parseAt(at: string | undefined): Date {
  const d = at ? new Date(at) : new Date();
  if (Number.isNaN(d.getTime())) throw new Error('--at must be an ISO date-time, e.g. 2026-10-08T09:00:00+08:00');
  return d;
}

function parseYears(spec: string | undefined, fallback: [number, number]): number[] {
  const [a, b] = (spec ?? `${fallback[0]}-${fallback[1]}`).split('-').map(Number);
  if (!a || (b !== undefined && !b)) throw new Error('--years takes YEAR or FROM-TO');
  return Array.from({ length: (b ?? a) - a + 1 }, (_, i) => a + i);
}

async function calendarCommand(sub: string | undefined, arg: string | undefined, values: Record<string, unknown>, db: Db): Promise<number> {
  const src = await import('./calendar-sources');
  const { refs } = await import('../lib/db');
  const { CalendarFile, CalendarYearDoc, WorkCalendar } = await import('../domain');
  if (sub === 'import') {
    const source = (values.source as string | undefined) ?? 'chinese-days';
    if (source !== 'chinese-days' && source !== 'holiday-calendar') throw new Error('--source is chinese-days or holiday-calendar');
    const years = values.file
      ? CalendarFile.parse(src.fromFile(String(values.file))) // the schema the importCalendar callable uses
      : parseYears(values.years as string | undefined, [2004, new Date().getFullYear() + 1])
          .map((y) => src.fromSource(source, y))
          .filter((y) => y !== null);
    if (!years.length) throw new Error('no calendar data for those years');
    new WorkCalendar(years); // validates that every date belongs to its year
    for (const y of years) {
      const doc = CalendarYearDoc.parse({
        ...y,
        source: values.file ? `file:${values.file}` : src.sourceVersion(source),
        importedAt: new Date(),
        importedBy: process.env.USER ?? 'cli',
      });
      await refs(db).calendarYear(y.year).set(doc);
    }
    await (await import('../lib/config')).bumpConfigVersionNow(db, `calendar ${years.map((y) => y.year).join(',')}`);
    console.log(`imported ${years.length} year(s): ${years.map((y) => y.year).join(', ')}`);
    return 0;
  }
  if (sub === 'check') {
    const years = parseYears(values.years as string | undefined, [2019, new Date().getFullYear()]);
    let bad = 0;
    for (const y of years) {
      const a = src.fromSource('chinese-days', y);
      const b = src.fromSource('holiday-calendar', y);
      if (!a || !b) {
        console.log(`${y}: ${!a ? 'chinese-days' : 'holiday-calendar'} has no data`);
        continue;
      }
      const diff = src.compareYears(a, b);
      bad += diff.length;
      console.log(`${y}: ${diff.length ? diff.join('; ') : 'identical'}`);
    }
    return bad ? 1 : 0;
  }
  if (sub === 'show') {
    const year = Number(arg);
    const snap = await refs(db).calendarYear(year).get();
    if (!snap.exists) {
      console.error(`no calendar for ${year}: run \`fengqiao calendar import --years ${year}\``);
      return 1;
    }
    const y = snap.data()!;
    console.log(`${year} (${y.source}, imported ${y.importedAt.toISOString()} by ${y.importedBy})`);
    console.log('days off:');
    for (const [d, n] of Object.entries(y.offDays).sort()) console.log(`  ${d}  ${n}`);
    console.log('make-up workdays (调休补班):');
    for (const [d, n] of Object.entries(y.workdays).sort()) console.log(`  ${d}  ${n}`);
    return 0;
  }
  throw new Error('calendar import | check | show YEAR');
}

async function policyCommand(sub: string | undefined, values: Record<string, unknown>, db: Db): Promise<number> {
  const { DeadlinePolicy, defaultPolicy } = await import('../domain');
  const { refs } = await import('../lib/db');
  const county = String(values.county ?? '');
  if (!/^\d{6}$/.test(county)) throw new Error('--county must be a 6-digit county code');
  const ref = refs(db).policy(county);
  if (sub === 'show') {
    const snap = await ref.get();
    console.log(JSON.stringify(snap.exists ? snap.data() : { ...defaultPolicy(county), note: 'defaults (none stored)' }, null, 2));
    return 0;
  }
  if (sub === 'set') {
    if (!values.file) throw new Error('--file is required');
    const policy = DeadlinePolicy.parse({ ...JSON.parse(readFileSync(String(values.file), 'utf8')), countyId: county });
    await ref.set(policy);
    await (await import('../lib/config')).bumpConfigVersionNow(db, `policy ${county}`);
    console.log(`policy for ${county} stored`);
    return 0;
  }
  throw new Error('policy show | set');
}
