/**
 * The signals job (风险信号): reads the cases changed since its cursor (an indexed range on
 * `updatedAt`, never the county), folds them into small aggregates — per town (recent facts), per
 * person hash (12 months), per county (open red cases), per case (its hashes) — evaluates the rules
 * of domain/signals.ts over what a change touched, and stores the signals with deterministic IDs
 * (a re-run raises nothing twice). The red-case rule looks at each county's red aggregate on every
 * run (time passing is a change too): one read per county. The same code runs from the scheduled
 * function and from `fengqiao signals run --at <ISO>`.
 *
 * Reads per run: the changed cases, their `signalCases` links, the parties of the ones new to the
 * job, their towns' and persons' aggregates, the last event of changed red cases, one policy and
 * one red aggregate per county, and the signals drafted — all proportional to the changes.
 */
import { type DocumentReference, type DocumentSnapshot, FieldValue, type Firestore } from 'firebase-admin/firestore';
import type { Query } from 'firebase-admin/firestore';
import {
  CLUSTER_ITEM_KINDS,
  type CaseDoc,
  type CaseFact,
  type ClusterItemKind,
  type ItemFact,
  type KeyPersonDoc,
  type KeyPersonFact,
  type PatrolItemDoc,
  type SignalPolicy,
  type SignalStream,
  hazardOverdueRule,
  itemClusterRule,
  keyPersonLabel,
  keyPersonRule,
  outboxFor,
  outboxId,
  townRefs,
  webhooksFor,
  OPEN_STATES,
  type SignalDoc,
  type SignalDraft,
  type SignalPersonDoc,
  type SignalRedDoc,
  type SignalTownDoc,
  classifyPetition,
  evaluateSignals,
  localDate,
  mergeSignal,
  nextKnown,
  scopeWindowDays,
  signalAlert,
  signalFiguresId,
  titleWords,
  type SignalFigure,
} from '../domain';
import { loadPolicy, loadWebhooks } from './config';
import { increments, refs, writeIncrements } from './db';
import { casesChangedUntil, countiesQuery, keyPersonsChangedUntil, patrolItemsChangedUntil } from './queries';
import { personHashes } from './signal-hash';

export interface SignalRunReport {
  at: string;
  changed: number;
  newCases: number;
  reads: number;
  raised: number;
  updated: number;
  reopened: number;
  pages: number;
  /** 排查 items and key persons read from their streams. */
  items: number;
  keyPersons: number;
}

const DAY = 86_400_000;

/** Several documents in one round trip, typed by their converter (none: no call). */
async function getMany<T>(db: Firestore, list: DocumentReference<T>[]): Promise<DocumentSnapshot<T>[]> {
  return list.length ? ((await db.getAll(...(list as unknown as DocumentReference[]))) as DocumentSnapshot<T>[]) : [];
}
const MAX_FACTS = 2000;

/** A case as the rules see it (masked title, no parties). */
export function factOf(c: CaseDoc, lastProgressAt: Date, prev: CaseFact | null): CaseFact {
  const prevSize = prev ? Math.max(prev.groupSize ?? -1, prev.previousGroupSize ?? -1) : -1;
  const size = c.flags.groupSize;
  return {
    caseId: c.id,
    title: c.title,
    category: c.category,
    countyId: c.countyId,
    townId: c.townId,
    villageId: c.villageId,
    createdAt: c.createdAt,
    open: OPEN_STATES.includes(c.state),
    tier: c.tier,
    group: c.flags.group,
    groupSize: size,
    previousGroupSize: prevSize >= 0 && size !== null && size !== prevSize ? prevSize : (prev?.previousGroupSize ?? null),
    petition: c.petition !== null || c.source === 'petition',
    red: c.colour === 'red',
    lastProgressAt,
    tokens: titleWords(c.title),
  };
}

const upsert = (facts: CaseFact[], f: CaseFact): CaseFact[] => [...facts.filter((x) => x.caseId !== f.caseId), f];
const sinceDays = (facts: CaseFact[], now: Date, days: number) =>
  facts.filter((f) => f.createdAt.getTime() > now.getTime() - days * DAY).slice(-MAX_FACTS);
const monthsAgo = (now: Date, months: number) => {
  const d = new Date(now.getTime());
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.getTime();
};

/** One run, up to `now` (pages of `pageSize` changes, at most `maxPages`). */
export async function runSignals(db: Firestore, now: Date, opts: { pageSize?: number; maxPages?: number } = {}): Promise<SignalRunReport> {
  const r = refs(db);
  const pageSize = opts.pageSize ?? 300;
  const maxPages = opts.maxPages ?? 20;
  const report: SignalRunReport = {
    at: now.toISOString(),
    changed: 0,
    newCases: 0,
    reads: 0,
    raised: 0,
    updated: 0,
    reopened: 0,
    pages: 0,
    items: 0,
    keyPersons: 0,
  };
  const cursorSnap = await r.signalCursor().get();
  report.reads++;
  let cursor = cursorSnap.data() ?? null;

  const policies = new Map<string, Awaited<ReturnType<typeof loadPolicy>>>();
  const policyOf = async (countyId: string) => {
    if (!policies.has(countyId)) {
      policies.set(countyId, await loadPolicy(db, countyId));
      report.reads++;
    }
    return policies.get(countyId)!.signals;
  };

  const drafts = new Map<string, SignalDraft>();
  const reds = new Map<string, SignalRedDoc>();
  const redOf = async (countyId: string): Promise<SignalRedDoc> => {
    if (!reds.has(countyId)) {
      const d = (await r.signalRed(countyId).get()).data();
      report.reads++;
      reds.set(countyId, d ?? { countyId, facts: [], known: [], updatedAt: now });
    }
    return reds.get(countyId)!;
  };

  for (let page = 0; page < maxPages; page++) {
    let q = casesChangedUntil(db, now);
    if (cursor) q = q.startAfter(cursor.updatedAt, cursor.caseId);
    const snap = await q.limit(pageSize).get();
    report.reads += Math.max(1, snap.size);
    report.pages++;
    if (snap.empty) break;
    const cases = snap.docs.map((d) => d.data());
    report.changed += cases.length;

    // Which cases the job knows already (their person hashes); the parties of the new ones.
    const links = await getMany(
      db,
      cases.map((c) => r.signalCase(c.id)),
    );
    report.reads += links.length;
    const linkOf = new Map(links.filter((s) => s.exists).map((s) => [s.id, s.data()!]));
    const fresh = cases.filter((c) => !linkOf.has(c.id));
    report.newCases += fresh.length;
    if (fresh.length) {
      const privs = await getMany(
        db,
        fresh.map((c) => r.casePrivate(c.id)),
      );
      report.reads += privs.length;
      for (const [i, p] of privs.entries()) {
        const c = fresh[i]!;
        linkOf.set(c.id, {
          caseId: c.id,
          countyId: c.countyId,
          townId: c.townId,
          persons: p.exists ? personHashes(p.data()!.parties) : [],
        });
      }
    }

    // Towns and persons touched.
    const townIds = [...new Set(cases.map((c) => c.townId))];
    const townSnaps = await getMany(
      db,
      townIds.map((t) => r.signalTown(t)),
    );
    report.reads += townSnaps.length;
    const towns = new Map<string, SignalTownDoc>(
      townSnaps.map((s, i) => [
        townIds[i]!,
        s.data() ?? {
          townId: townIds[i]!,
          countyId: townIds[i]!.slice(0, 6),
          facts: [],
          items: [],
          keyPersonRisk: {},
          known: [],
          updatedAt: now,
        },
      ]),
    );
    const hashes = [...new Set(cases.flatMap((c) => linkOf.get(c.id)!.persons))];
    const personSnaps = await getMany(
      db,
      hashes.map((h) => r.signalPerson(h)),
    );
    report.reads += personSnaps.length;
    const persons = new Map<string, SignalPersonDoc>(
      personSnaps.map((s, i) => [hashes[i]!, s.data() ?? { countyId: '', facts: [], known: [], updatedAt: now }]),
    );

    // Red cases changed: their last event says whether a person (not the sweep) made the step.
    const redChanged = cases.filter((c) => c.colour === 'red' && OPEN_STATES.includes(c.state));
    const lastEvents = await getMany(
      db,
      redChanged.map((c) => r.caseEvent(c.id, c.version)),
    );
    report.reads += lastEvents.length;
    const lastByPerson = new Map(
      lastEvents.map((s, i) => {
        const e = s.data();
        return [redChanged[i]!.id, e && e.actor.role !== 'system' ? e.at : null] as const;
      }),
    );

    const figures: { unitIds: string[]; month: string; fig: SignalFigure }[] = [];
    for (const c of cases) {
      const p = await policyOf(c.countyId);
      const town = towns.get(c.townId)!;
      const prevFact = town.facts.find((f) => f.caseId === c.id) ?? null;
      const red = await redOf(c.countyId);
      const prevRed = red.facts.find((f) => f.caseId === c.id) ?? null;
      const progress = lastByPerson.get(c.id) ?? prevRed?.lastProgressAt ?? c.updatedAt;
      const fact = factOf(c, progress, prevFact);
      if (c.createdAt.getTime() > now.getTime() - scopeWindowDays(p) * DAY) town.facts = upsert(town.facts, fact);
      town.countyId = c.countyId;
      red.facts = fact.open && fact.red ? upsert(red.facts, fact) : red.facts.filter((f) => f.caseId !== c.id);

      const link = linkOf.get(c.id)!;
      const isNew = !links.find((s) => s.id === c.id)?.exists;
      if (isNew && fact.petition) {
        const earlier = link.persons.flatMap((h) => persons.get(h)!.facts);
        const k = classifyPetition(fact, earlier, p.repeat.months);
        const units = [c.townId, c.countyId];
        const month = localDate(c.createdAt).slice(0, 7);
        figures.push({ unitIds: units, month, fig: 'petitions' });
        if (k.repeat) figures.push({ unitIds: units, month, fig: 'repeatVisits' });
        if (k.skipLevel) figures.push({ unitIds: units, month, fig: 'skipLevelVisits' });
      }
      for (const h of link.persons) {
        const pd = persons.get(h)!;
        pd.countyId = c.countyId;
        if (c.createdAt.getTime() > monthsAgo(now, p.repeat.months)) pd.facts = upsert(pd.facts, fact);
      }
    }

    // Evaluate what the page touched.
    for (const town of towns.values()) {
      const p = await policyOf(town.countyId);
      town.facts = sinceDays(town.facts, now, scopeWindowDays(p));
      const ds = evaluateSignals({ now, policy: p, cases: town.facts, persons: [], redCases: [], known: town.known }).filter(
        (d) => d.kind !== 'repeat_person' && d.kind !== 'red_stale',
      );
      for (const d of ds) drafts.set(d.id, d);
      town.known = nextKnown(town.known, ds, townRefs(town));
      town.updatedAt = now;
    }
    for (const [h, pd] of persons) {
      const p = await policyOf(pd.countyId);
      pd.facts = pd.facts.filter((f) => f.createdAt.getTime() > monthsAgo(now, p.repeat.months));
      const ds = evaluateSignals({ now, policy: p, cases: [], persons: [{ ref: h, cases: pd.facts }], redCases: [], known: pd.known });
      for (const d of ds) drafts.set(d.id, d);
      pd.known = nextKnown(pd.known, ds, new Set(pd.facts.map((f) => f.caseId)));
      pd.updatedAt = now;
    }

    const batch = db.batch();
    for (const [i, c] of cases.entries()) {
      if (!links[i]!.exists) batch.set(r.signalCase(c.id), linkOf.get(c.id)!);
    }
    for (const t of towns.values()) batch.set(r.signalTown(t.townId), t);
    for (const [h, pd] of persons) batch.set(r.signalPerson(h), pd);
    for (const f of figures)
      for (const u of f.unitIds)
        writeIncrements(
          batch,
          increments(db).signalFigures(signalFiguresId(u, f.month)),
          { unitId: u, month: f.month },
          {
            [f.fig]: FieldValue.increment(1),
          },
        );
    const last = cases.at(-1)!;
    cursor = { updatedAt: last.updatedAt, caseId: last.id, runAt: now, lastRun: { changed: 0, reads: 0, raised: 0, updated: 0 } };
    batch.set(r.signalCursor(), cursor);
    await batch.commit();
    if (snap.size < pageSize) break;
  }

  // The 排查 items and key persons changed since their cursors.
  await readRecordStreams(db, now, report, drafts, policyOf, opts);

  // Every county's red cases (time passing is a change): one read each.
  const counties = await countiesQuery(db).get();
  report.reads += Math.max(1, counties.size);
  for (const cSnap of counties.docs) {
    const countyId = cSnap.id;
    const red = await redOf(countyId);
    const p = await policyOf(countyId);
    const ds = evaluateSignals({ now, policy: p, cases: [], persons: [], redCases: red.facts, known: red.known });
    for (const d of ds) drafts.set(d.id, d);
    red.known = nextKnown(red.known, ds, new Set(red.facts.map((f) => f.caseId)));
    red.updatedAt = now;
  }

  // Store the signals: new ones open (and alert), known ones take new evidence.
  let webhooks: Awaited<ReturnType<typeof loadWebhooks>> | null = null;
  const hooks = async () => (webhooks ??= await loadWebhooks(db));
  const list = [...drafts.values()];
  const batchOut = db.batch();
  for (let i = 0; i < list.length; i += 300) {
    const part = list.slice(i, i + 300);
    const snaps = await getMany(
      db,
      part.map((d) => r.signal(d.id)),
    );
    report.reads += snaps.length;
    const batch = db.batch();
    for (const [j, s] of snaps.entries()) {
      const prev: SignalDoc | null = s.data() ?? null;
      const m = mergeSignal(prev, part[j]!, now);
      if (!m.changed) continue;
      batch.set(r.signal(m.doc.id), m.doc);
      if (!prev) {
        report.raised++;
        const month = localDate(now).slice(0, 7);
        for (const u of [...new Set([m.doc.scope.townId, m.doc.scope.countyId].filter((x): x is string => !!x))])
          writeIncrements(
            batch,
            increments(db).signalFigures(signalFiguresId(u, month)),
            { unitId: u, month },
            { raised: FieldValue.increment(1) },
          );
      } else report.updated++;
      if (m.reopened) report.reopened++;
      if (!prev || m.reopened) {
        // The alert, and its robot messages (企业微信/钉钉) through the outbox like every other alert.
        const alert = signalAlert(m.doc, m.reopened, now);
        batch.set(r.alert(alert.id), alert);
        for (const h of webhooksFor(alert, await hooks())) batch.set(r.outbox(outboxId(alert.id, h.id)), outboxFor(alert, h, now));
      }
    }
    await batch.commit();
  }
  for (const red of reds.values()) batchOut.set(r.signalRed(red.countyId), red);
  if (cursor)
    batchOut.set(r.signalCursor(), {
      ...cursor,
      runAt: now,
      lastRun: { changed: report.changed, reads: report.reads, raised: report.raised, updated: report.updated },
    });
  await batchOut.commit();
  return report;
}

// ── 排查 items and key persons ───────────────────────────────────────────────────────────────

/** How far back a stream starts when it has no cursor yet (a first run, or a new stream): the longest window. */
const FIRST_RUN_DAYS = 31;

/**
 * One stream of changes after its cursor, a page at a time: the page's towns are loaded, `fold`
 * updates them and drafts signals, and the towns and the cursor are written with the page (a run
 * that stops midway goes on from there).
 */
async function foldStream<T extends { id: string; townId: string; countyId: string; updatedAt: Date }>(
  db: Firestore,
  now: Date,
  stream: SignalStream,
  query: Query<T>,
  report: SignalRunReport,
  opts: { pageSize?: number; maxPages?: number },
  fold: (docs: T[], towns: Map<string, SignalTownDoc>) => Promise<number>,
): Promise<void> {
  const r = refs(db);
  const cursor = (await r.signalCursor(stream).get()).data() ?? null;
  report.reads++;
  let after: [Date, string] | null = cursor ? [cursor.updatedAt, cursor.caseId] : null;
  const pageSize = opts.pageSize ?? 300;
  for (let page = 0; page < (opts.maxPages ?? 20); page++) {
    const q = after ? query.startAfter(after[0], after[1]) : query.startAt(new Date(now.getTime() - FIRST_RUN_DAYS * DAY));
    const snap = await q.limit(pageSize).get();
    report.reads += Math.max(1, snap.size);
    if (snap.empty) break;
    const docs = snap.docs.map((d) => d.data());
    const townIds = [...new Set(docs.map((d) => d.townId))];
    const townSnaps = await getMany(
      db,
      townIds.map((t) => r.signalTown(t)),
    );
    report.reads += townSnaps.length;
    const towns = new Map<string, SignalTownDoc>(
      townSnaps.map((s, i) => [
        townIds[i]!,
        s.data() ?? {
          townId: townIds[i]!,
          countyId: docs.find((d) => d.townId === townIds[i])!.countyId,
          facts: [],
          items: [],
          keyPersonRisk: {},
          known: [],
          updatedAt: now,
        },
      ]),
    );
    const read = await fold(docs, towns);
    if (stream === 'items') report.items += read;
    else report.keyPersons += read;
    const last = docs.at(-1)!;
    after = [last.updatedAt, last.id];
    const batch = db.batch();
    for (const t of towns.values()) batch.set(r.signalTown(t.townId), { ...t, updatedAt: now });
    batch.set(r.signalCursor(stream), {
      updatedAt: last.updatedAt,
      caseId: last.id,
      runAt: now,
      lastRun: { changed: docs.length, reads: report.reads, raised: 0, updated: 0 },
    });
    await batch.commit();
    if (snap.size < pageSize) break;
  }
}

const isClusterKind = (k: string): k is ClusterItemKind => (CLUSTER_ITEM_KINDS as readonly string[]).includes(k);

/** An item as the rules see it (masked title; a hazard's limit and whether it is past it unrectified). */
export function itemFactOf(i: PatrolItemDoc & { kind: ClusterItemKind }): ItemFact {
  const open = i.hazard ? i.hazard.state !== 'rectified' && i.hazard.state !== 'verified' : false;
  return {
    itemId: i.id,
    kind: i.kind,
    title: i.title,
    countyId: i.countyId,
    townId: i.townId,
    villageId: i.villageId,
    createdAt: i.createdAt,
    overdue: !!i.hazard?.overdue && open,
    dueAt: i.hazard?.dueAt ?? null,
  };
}

/** The two streams: items (clusters by kind, hazards overdue) and key persons (risk rose, visits overdue). */
async function readRecordStreams(
  db: Firestore,
  now: Date,
  report: SignalRunReport,
  drafts: Map<string, SignalDraft>,
  policyOf: (countyId: string) => Promise<SignalPolicy>,
  opts: { pageSize?: number; maxPages?: number },
): Promise<void> {
  await foldStream(db, now, 'items', patrolItemsChangedUntil(db, now), report, opts, async (docs, towns) => {
    const changed = docs.filter((d): d is PatrolItemDoc & { kind: ClusterItemKind } => isClusterKind(d.kind));
    for (const i of changed) {
      const p = await policyOf(i.countyId);
      const town = towns.get(i.townId)!;
      const fact = itemFactOf(i);
      const others = town.items.filter((x) => x.itemId !== i.id);
      town.items = fact.createdAt.getTime() > now.getTime() - p.cluster.days * DAY ? [...others, fact] : others;
    }
    for (const town of towns.values()) {
      const p = await policyOf(town.countyId);
      town.items = town.items.filter((x) => x.createdAt.getTime() > now.getTime() - scopeWindowDays(p) * DAY).slice(-MAX_FACTS);
      const here = changed.filter((i) => i.townId === town.townId);
      if (!here.length) continue;
      const ctx = { now, policy: p, cases: [], persons: [], redCases: [], known: town.known };
      const ds = [
        ...evaluateSignals({ ...ctx, items: town.items }, [itemClusterRule]),
        // Hazards: only the ones that changed (a hazard past its limit is raised once, when the sweep marks it).
        ...evaluateSignals({ ...ctx, items: here.filter((i) => i.kind === 'hazard').map(itemFactOf) }, [hazardOverdueRule]),
      ];
      for (const d of ds) drafts.set(d.id, d);
      town.known = nextKnown(
        town.known,
        ds.filter((d) => d.kind === 'cluster'),
        townRefs(town),
      );
    }
    return changed.length;
  });

  await foldStream(db, now, 'keyPersons', keyPersonsChangedUntil(db, now), report, opts, async (docs, towns) => {
    const facts: KeyPersonFact[] = docs.map((kp: KeyPersonDoc) => {
      const town = towns.get(kp.townId)!;
      const previousRisk = town.keyPersonRisk[kp.id] ?? null;
      if (kp.active) town.keyPersonRisk[kp.id] = kp.risk;
      else delete town.keyPersonRisk[kp.id];
      return {
        id: kp.id,
        label: keyPersonLabel(kp),
        countyId: kp.countyId,
        townId: kp.townId,
        villageId: kp.villageId,
        risk: kp.risk,
        previousRisk,
        changedAt: kp.updatedAt,
        active: kp.active,
        overdue: kp.overdue,
        dueAt: kp.dueAt,
      };
    });
    for (const county of new Set(facts.map((f) => f.countyId))) {
      const p = await policyOf(county);
      const ds = evaluateSignals(
        { now, policy: p, cases: [], persons: [], redCases: [], known: [], keyPersons: facts.filter((f) => f.countyId === county) },
        [keyPersonRule],
      );
      for (const d of ds) drafts.set(d.id, d);
    }
    return docs.length;
  });
}
