/**
 * `fengqiao notices list|show`: the operators' view of a county's 预警提示单 — which are waiting
 * for signing or a report, which are overdue, and one notice in full (its history). Reads only;
 * the texts are the stored (masked) ones everyone reading the notice sees.
 */
import { DateTime } from 'luxon';
import { NOTICE_STATES, type NoticeDoc, type NoticeState, ZONE, localDate, noticeStateLabel } from '../domain';

type Db = FirebaseFirestore.Firestore;
interface NoticesRun {
  sub: string | undefined;
  arg: string | undefined;
  values: { county?: string; unit?: string; state?: string; overdue?: boolean; year?: string; at?: string; json?: boolean };
  db: Db;
}

export const NOTICES_USAGE =
  'notices list --county C [--year Y] [--unit U] [--state issued|signed|answered|closed] [--overdue] [--at ISO] [--json] | notices show ID|NUMBER [--county C] [--unit U] [--year Y] [--json]';

const fmt = (d: Date | null) => (d ? DateTime.fromJSDate(d, { zone: ZONE }).toFormat('yyyy-LL-dd HH:mm') : '—');

/** Which limit of an open notice has run out at `now`: 签收 (not signed in time) or 反馈 (no report in time). */
export function overdueLimits(n: Pick<NoticeDoc, 'state' | 'sign' | 'feedback'>, now: Date): ('sign' | 'feedback')[] {
  const out: ('sign' | 'feedback')[] = [];
  if (n.state === 'issued' && now >= n.sign.dueAt) out.push('sign');
  if ((n.state === 'issued' || n.state === 'signed') && now >= n.feedback.dueAt) out.push('feedback');
  return out;
}

const OVERDUE_ZH = { sign: '签收逾期', feedback: '反馈逾期' } as const;

function row(n: NoticeDoc, now: Date) {
  const late = overdueLimits(n, now);
  return {
    id: n.id,
    number: n.number,
    issuer: n.issuer.unitName,
    recipient: n.recipient.name,
    state: n.state,
    stateZh: noticeStateLabel(n.state),
    issuedAt: fmt(n.issuedAt),
    signDue: fmt(n.sign.dueAt),
    signedAt: n.signedAt ? fmt(n.signedAt) : null,
    feedbackDue: fmt(n.feedback.dueAt),
    answeredAt: n.answeredAt ? fmt(n.answeredAt) : null,
    overdue: late.map((l) => OVERDUE_ZH[l]),
    supervised: n.supervised,
  };
}

function yearOf(values: NoticesRun['values'], now: Date): number {
  const y = values.year ? Number(values.year) : Number(localDate(now).slice(0, 4));
  if (!Number.isInteger(y) || y < 2000 || y > 2100) throw new Error('--year must be a year, e.g. 2026');
  return y;
}

function parseAt(at: string | undefined): Date {
  const d = at ? new Date(at) : new Date();
  if (Number.isNaN(d.getTime())) throw new Error('--at must be an ISO date-time, e.g. 2026-10-08T09:00:00+08:00');
  return d;
}

/** The notices of a county's year that concern a unit (issued by it or sent to it; none: all). */
async function countyNotices(db: Db, county: string, year: number, unit: string | undefined): Promise<NoticeDoc[]> {
  const { noticesOfCountyYear } = await import('../lib/queries');
  const all = (await noticesOfCountyYear(db, county, year).get()).docs.map((d) => d.data());
  return all
    .filter((n) => !unit || n.issuer.unitId === unit || n.recipient.id === unit)
    .sort((a, b) => a.issuer.unitId.localeCompare(b.issuer.unitId) || a.seq - b.seq);
}

export async function noticesCommand({ sub, arg, values, db }: NoticesRun): Promise<number> {
  const now = parseAt(values.at);
  if (sub === 'list') {
    if (!values.county) throw new Error('--county is required');
    const state = values.state as NoticeState | undefined;
    if (state && !(NOTICE_STATES as readonly string[]).includes(state)) throw new Error(`--state is one of ${NOTICE_STATES.join(', ')}`);
    const list = (await countyNotices(db, values.county, yearOf(values, now), values.unit))
      .filter((n) => !state || n.state === state)
      .filter((n) => !values.overdue || overdueLimits(n, now).length > 0);
    const rows = list.map((n) => row(n, now));
    if (values.json) {
      console.log(JSON.stringify(rows, null, 2));
      return 0;
    }
    if (!rows.length) console.log('（没有符合条件的预警提示单）');
    for (const r of rows)
      console.log(
        [
          r.number,
          r.issuer,
          `→ ${r.recipient}`,
          r.stateZh,
          `签收时限 ${r.signDue}`,
          `反馈时限 ${r.feedbackDue}`,
          r.overdue.join('、'),
          r.supervised ? '督办' : '',
          r.id,
        ]
          .filter(Boolean)
          .join('  '),
      );
    return 0;
  }
  if (sub === 'show') {
    if (!arg) throw new Error('notices show ID|NUMBER [--county C] [--unit U]');
    const { refs } = await import('../lib/db');
    let n = (await refs(db).notice(arg).get()).data() ?? null;
    if (!n) {
      // A number (〔2026〕3号, or 3 with --year): numbers repeat across issuing units, so --county, and --unit when several match.
      if (!values.county) throw new Error(`no notice with ID ${arg}; to find it by number, pass --county (and --unit)`);
      const seq = /^(?:〔(\d{4})〕)?(\d+)号?$/.exec(arg.trim());
      if (!seq) throw new Error(`no notice with ID ${arg}, and it is not a number like 〔2026〕3号`);
      const year = seq[1] ? Number(seq[1]) : yearOf(values, now);
      const found = (await countyNotices(db, values.county, year, undefined)).filter(
        (x) => x.seq === Number(seq[2]) && (!values.unit || x.issuer.unitId === values.unit),
      );
      if (!found.length) throw new Error(`no notice ${arg} in ${values.county}${values.unit ? ` issued by ${values.unit}` : ''}`);
      if (found.length > 1)
        throw new Error(
          `several notices have the number ${arg} (${found.map((x) => `${x.issuer.unitName}: ${x.id}`).join('; ')}): pass --unit`,
        );
      n = found[0]!;
    }
    const detail = {
      ...row(n, now),
      source: n.source.kind === 'signal' ? '风险信号' : n.source.kind === 'meeting' ? '研判会议' : '直接发出',
      risk: n.risk,
      measures: n.measures,
      limitDays: n.limitDays,
      signHours: n.signHours,
      signedBy: n.signedBy,
      signedOnTime: n.signedOnTime,
      answer: n.answer,
      answeredBy: n.answeredBy,
      answeredOnTime: n.answeredOnTime,
      returns: n.returns,
      closedAt: n.closedAt ? fmt(n.closedAt) : null,
      history: n.history.map((h) => ({ action: h.action, at: fmt(h.at), by: h.byName, note: h.note })),
    };
    if (values.json) {
      console.log(JSON.stringify(detail, null, 2));
      return 0;
    }
    const yn = (b: boolean | null) => (b === null ? '' : b ? '（按时）' : '（逾期）');
    const lines = [
      `预警提示单 ${detail.number}（${detail.stateZh}${detail.supervised ? '，督办' : ''}）  ${detail.id}`,
      `发文单位：${detail.issuer}    接收单位：${detail.recipient}    来源：${detail.source}`,
      `发出时间：${detail.issuedAt}`,
      `风险描述：${detail.risk}`,
      `工作要求：${detail.measures}`,
      `签收时限：${detail.signDue}（${detail.signHours}小时）  签收：${detail.signedAt ?? '未签收'}${detail.signedBy ? ` ${detail.signedBy}` : ''}${yn(detail.signedOnTime)}`,
      `反馈时限：${detail.feedbackDue}（${detail.limitDays}天）  反馈：${detail.answeredAt ?? '未反馈'}${detail.answeredBy ? ` ${detail.answeredBy}` : ''}${yn(detail.answeredOnTime)}`,
      ...(detail.answer ? [`反馈内容：${detail.answer}`] : []),
      ...(detail.overdue.length ? [`逾期：${detail.overdue.join('、')}`] : []),
      ...(detail.closedAt ? [`办结：${detail.closedAt}`] : []),
      '经过：',
      ...detail.history.map((h) => `  ${h.at}  ${HISTORY_ZH[h.action]}  ${h.by ?? '系统'}${h.note ? `  ${h.note}` : ''}`),
    ];
    console.log(lines.join('\n'));
    return 0;
  }
  throw new Error(NOTICES_USAGE);
}

const HISTORY_ZH: Record<NoticeDoc['history'][number]['action'], string> = {
  issue: '发出',
  sign: '签收',
  feedback: '反馈',
  close: '办结',
  return: '退回',
  supervise: '督办',
};
