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
import { PRICES, cost, counts, resetCounts } from './lib/count';

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

type Row = { step: string; reads: number; writes: number; fanReads: number; fanWrites: number };

async function oneLifecycle(i: number): Promise<{ rows: Row[]; ms: number }> {
  const rows: Row[] = [];
  const t0 = performance.now();
  const measure = async (step: string, work: () => Promise<unknown>, caseId: () => string, seq: () => number) => {
    resetCounts();
    await work();
    const { reads, writes } = counts;
    resetCounts();
    await fanOutCaseEvent(db, caseId(), String(seq()).padStart(6, '0')); // what onCaseEvent does
    rows.push({ step, reads, writes, fanReads: counts.reads, fanWrites: counts.writes });
  };
  const caseId = `621126-bench-${Date.now().toString(36)}-${i}`;
  const input = ReportCaseInput.parse({
    requestId: `bench${i}xxxx`,
    gridId: '621126100001001',
    category: 'labour',
    title: '欠薪纠纷',
    description: '基准测试用案件，不含真实信息',
    parties: [{ role: 'applicant', name: '测试甲', phone: null, idNumber: null, address: null }],
  });
  let version = 1;
  await measure(
    'report',
    () => reportCaseTx(db, caseId, input, actor(village, 'bench-village'), village, () => new Date()),
    () => caseId,
    () => 1,
  );
  for (const [step, who, cmd] of STEPS) {
    await measure(
      step,
      async () => {
        const r = await applyCaseCommand(db, caseId, version, cmd, actor(who, `bench-${who.r}`), who, () => new Date());
        version = r.version;
      },
      () => caseId,
      () => version,
    );
  }
  return { rows, ms: performance.now() - t0 };
}

it('case lifecycle: reads and writes per case', async () => {
  const out: string[] = [];
  const N = Number(process.env.BENCH_LIFECYCLES ?? 20);
  const runs: Awaited<ReturnType<typeof oneLifecycle>>[] = [];
  for (let i = 0; i < N; i++) runs.push(await oneLifecycle(i));
  const rows = runs[0]!.rows.map((r, k) => ({
    ...r,
    reads: median(runs.map((x) => x.rows[k]!.reads)),
    writes: median(runs.map((x) => x.rows[k]!.writes)),
    fanReads: median(runs.map((x) => x.rows[k]!.fanReads)),
    fanWrites: median(runs.map((x) => x.rows[k]!.fanWrites)),
  }));
  function median(xs: number[]) {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.floor(s.length / 2)]!;
  }

  const total = rows.reduce((a, r) => ({ reads: a.reads + r.reads + r.fanReads, writes: a.writes + r.writes + r.fanWrites }), {
    reads: 0,
    writes: 0,
  });
  out.push(`\n## Case lifecycle: Firestore operations (median of ${N} lifecycles)\n`);
  out.push('| step | callable reads | callable writes | trigger reads | trigger writes |');
  out.push('|---|---:|---:|---:|---:|');
  for (const r of rows) out.push(`| ${r.step} | ${r.reads} | ${r.writes} | ${r.fanReads} | ${r.fanWrites} |`);
  out.push(`| **total** | | | **${total.reads} reads** | **${total.writes} writes** |`);
  out.push(
    `\nCost per 10,000 cases at $${PRICES.read}/100k reads and $${PRICES.write}/100k writes: **$${(cost(total.reads, total.writes) * 10_000).toFixed(2)}** (server side only; each open console listening to a case adds one read per change it receives).`,
  );
  const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
  out.push(
    `Wall time per lifecycle on the emulator: median ${ms[Math.floor(ms.length / 2)]!.toFixed(0)} ms (informational; the emulator is not production).`,
  );

  report('lifecycle', out);
});
