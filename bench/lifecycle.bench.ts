// Benchmark: Firestore reads and writes of one full case lifecycle through the same service code
// the callables and the event trigger run, against the emulator; then the cost per 10,000 cases.
//   report → accept → escalate → accept → dispatch → check-in → resolve → 回访 → close
import { it } from 'vitest';
import { report } from './lib/report';
import { initializeApp } from 'firebase-admin/app';
import { getFirestore } from 'firebase-admin/firestore';
import type { CaseCommand, Claims, Actor } from '../functions/src/domain';
import { ReportCaseInput } from '../functions/src/domain';
import { applyCaseCommand, reportCaseTx } from '../functions/src/lib/case-service';
import { fanOutCaseEvent } from '../functions/src/lib/side-effects';
import { refs } from '../functions/src/lib/db';
import { PRICES, cost, counts, readLog, resetCounts } from './lib/count';
import { clearConfigCache } from '../functions/src/lib/config';
import { activeWebhooks } from '../functions/src/lib/queries';

const db = getFirestore(initializeApp({ projectId: process.env.GCLOUD_PROJECT ?? 'demo-fengqiao' }, 'bench'));
const POLICE = '621126-police-minyang';
const village: Claims = { r: 'village_staff', u: '621126100001', c: '621126', t: '621126100', v: '621126100001' };
const town: Claims = { r: 'town_staff', u: '621126100', c: '621126', t: '621126100' };
const police: Claims = { r: 'department_officer', u: POLICE, c: '621126', t: '621126100', d: POLICE };
const actor = (c: Claims, uid: string): Actor => ({ uid, role: c.r, unitId: c.u, name: null });

const STEPS: [string, Claims, CaseCommand][] = [
  ['accept (village)', village, { action: 'accept' }],
  ['escalate → town', village, { action: 'escalate', reason: '需乡镇协调部门' }],
  ['accept (town)', town, { action: 'accept' }],
  ['dispatch', town, { action: 'dispatch', departmentIds: [POLICE], emergency: false }],
  ['check-in', police, { action: 'check_in', departmentId: POLICE }],
  ['resolve', town, { action: 'resolve', outcome: 'department_action', note: '已处理' }],
  ['回访 callback', town, { action: 'callback', satisfaction: 'satisfied' }],
  ['close', town, { action: 'close' }],
];

type Row = { step: string; reads: number; writes: number; fanReads: number; fanWrites: number; names: string[]; fanNames: string[] };
type Mode = 'warm' | 'cold' | 'naive';

// Two function instances, each with its own configuration cache: the callables' and the trigger's.
const trigDb = getFirestore(initializeApp({ projectId: process.env.GCLOUD_PROJECT ?? 'demo-fengqiao' }, 'bench-trigger'));

/**
 * The naive way, as this code was before issue 17, on the same data: a configuration cache that
 * expires after 60 s (a lifecycle's steps are hours apart, so every call finds it expired) reads
 * the policy and every calendar year; the callable re-reads the case before its transaction and
 * reads the parties for every command; the trigger reads the case and the event it was handed.
 */
async function naiveExtras(where: 'callable' | 'trigger', caseId: string, seq: number, first: boolean, dispatching = false) {
  const r = refs(db);
  if (where === 'callable') {
    await Promise.all([r.policy('621126').get(), r.calendarYears().get()]);
    if (!first) await Promise.all([r.case(caseId).get(), r.casePrivate(caseId).get()]);
    // The grid (report) and the department (dispatch) were read by every command that named them.
    if (first) await r.grid('621126100001001').get();
    if (dispatching) await r.department(POLICE).get();
  } else {
    await Promise.all([r.case(caseId).get(), r.caseEvent(caseId, seq).get(), activeWebhooks(db).get()]);
  }
}

async function oneLifecycle(i: number, mode: Mode): Promise<{ rows: Row[]; ms: number }> {
  const rows: Row[] = [];
  const t0 = performance.now();
  if (mode !== 'warm') clearConfigCache(); // both instances start cold
  const measure = async (step: string, work: () => Promise<unknown>, caseId: () => string, seq: () => number) => {
    resetCounts();
    if (mode === 'naive') clearConfigCache();
    await work();
    const { reads, writes } = counts;
    const names = readLog.names.map((n) => n.replaceAll(caseId(), '{case}'));
    // The trigger is handed the created event (not a read): fetched here before counting.
    const e = (await refs(db).caseEvent(caseId(), seq()).get()).data()!;
    resetCounts();
    await fanOutCaseEvent(trigDb, caseId(), e); // what onCaseEvent does
    if (mode === 'naive') await naiveExtras('trigger', caseId(), seq(), false);
    rows.push({
      step,
      reads,
      writes,
      fanReads: counts.reads,
      fanWrites: counts.writes,
      names,
      fanNames: readLog.names.map((n) => n.replaceAll(caseId(), '{case}')),
    });
  };
  const caseId = `621126-bench-${mode}-${Date.now().toString(36)}-${i}`;
  const input = ReportCaseInput.parse({
    requestId: `bench${mode}${i}xxxx`,
    gridId: '621126100001001',
    category: 'labour',
    title: '欠薪纠纷',
    description: '基准测试用案件，不含真实信息',
    parties: [{ role: 'applicant', name: '测试甲', phone: null, idNumber: null, address: null }],
  });
  let version = 1;
  await measure(
    'report',
    async () => {
      if (mode === 'naive') await naiveExtras('callable', caseId, 1, true);
      await reportCaseTx(db, caseId, input, actor(village, 'bench-village'), village, () => new Date());
    },
    () => caseId,
    () => 1,
  );
  for (const [step, who, cmd] of STEPS) {
    await measure(
      step,
      async () => {
        if (mode === 'naive') await naiveExtras('callable', caseId, version, false, cmd.action === 'dispatch');
        const r = await applyCaseCommand(db, caseId, version, cmd, actor(who, `bench-${who.r}`), who, () => new Date());
        version = r.version;
      },
      () => caseId,
      () => version,
    );
  }
  return { rows, ms: performance.now() - t0 };
}

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function runMode(mode: Mode, n: number) {
  const runs: Awaited<ReturnType<typeof oneLifecycle>>[] = [];
  for (let i = 0; i < n; i++) runs.push(await oneLifecycle(i, mode));
  const rows = runs[0]!.rows.map((r, k) => ({
    ...r,
    reads: median(runs.map((x) => x.rows[k]!.reads)),
    writes: median(runs.map((x) => x.rows[k]!.writes)),
    fanReads: median(runs.map((x) => x.rows[k]!.fanReads)),
    fanWrites: median(runs.map((x) => x.rows[k]!.fanWrites)),
  }));
  const total = rows.reduce((a, r) => ({ reads: a.reads + r.reads + r.fanReads, writes: a.writes + r.writes + r.fanWrites }), {
    reads: 0,
    writes: 0,
  });
  const ms = median(runs.map((r) => r.ms));
  return { rows, total, ms };
}

it('case lifecycle: reads and writes per case', async () => {
  const out: string[] = [];
  const years = (await refs(db).calendarYears().get()).size;
  const N = Number(process.env.BENCH_LIFECYCLES ?? 20);
  readLog.on = true;
  clearConfigCache();
  await oneLifecycle(-1, 'warm'); // warms both instances' caches
  const warm = await runMode('warm', N);
  const cold = await runMode('cold', N);
  const naive = await runMode('naive', N);
  out.push(`\n## Case lifecycle: Firestore operations (median of ${N} lifecycles per column)\n`);
  out.push('| step | callable reads (warm / cold / naive) | callable writes | trigger reads (warm / cold / naive) | trigger writes |');
  out.push('|---|---:|---:|---:|---:|');
  warm.rows.forEach((r, k) => {
    const c = cold.rows[k]!;
    const n = naive.rows[k]!;
    out.push(
      `| ${r.step} | ${r.reads} / ${c.reads} / ${n.reads} | ${r.writes} | ${r.fanReads} / ${c.fanReads} / ${n.fanReads} | ${r.fanWrites} |`,
    );
  });
  out.push(
    `| **total** | | | **${warm.total.reads} / ${cold.total.reads} / ${naive.total.reads} reads** | **${warm.total.writes} writes** |`,
  );
  out.push(
    `\nWarm: both instances' configuration loaded (listeners open on the policy, the county's directory and the calendar years used). Cold: both instances start the lifecycle with nothing loaded (each of those read once, by its listener, when first asked). Naive: the previous code's reads on the same steps — a 60-second cache that every call finds expired (policy + all ${years} calendar years), a re-read of the case before each command, the parties for every command and the grid or department a command names, and a trigger that reads the case and the event it was handed (and the webhooks).`,
  );
  out.push(
    `Cost per 10,000 cases at $${PRICES.read}/100k reads and $${PRICES.write}/100k writes: **$${(cost(warm.total.reads, warm.total.writes) * 10_000).toFixed(2)}** warm, $${(cost(cold.total.reads, cold.total.writes) * 10_000).toFixed(2)} cold, $${(cost(naive.total.reads, naive.total.writes) * 10_000).toFixed(2)} naive (server side only).`,
  );
  // What a cold lifecycle reads that a warm one does not (its first run, named).
  const extra = (k: 'names' | 'fanNames') =>
    cold.rows.flatMap((r, i) => {
      const warmNames = warm.rows[i]![k];
      return r[k].filter((n) => !warmNames.includes(n)).map((n) => `${r.step}: ${n}`);
    });
  out.push(
    `\nCold − warm, named (one cold lifecycle): callable instance — ${extra('names').join('; ') || 'none'}; trigger instance — ${extra('fanNames').join('; ') || 'none'}.`,
  );
  out.push(`Wall time per lifecycle on the emulator (informational): median ${warm.ms.toFixed(0)} ms warm, ${cold.ms.toFixed(0)} ms cold.`);
  report('lifecycle', out);
});
