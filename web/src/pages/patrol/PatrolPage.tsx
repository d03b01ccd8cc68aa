/**
 * 网格巡查 (issue 14), phone first: a grid worker logs a patrol (households visited against the
 * grid's, 无异常 or what was found) through the outbox — offline it waits in this browser and is
 * sent exactly once when the network returns (the requestId is made once per form); below, the
 * grid's latest logs. Units (village, town, county) see today's coverage live — which grids have
 * not reported — and this week's and this month's coverage rates.
 */
import {
  type Claims,
  type GridDoc,
  type PatrolDayDoc,
  type PatrolPolicy,
  RecordPatrolInput,
  ZONE,
  coverage,
  defaultPatrolPolicy,
  localDate,
  missingGrids,
  weekStart,
} from '@domain';
import { Alert, App as AntApp, Button, Card, Form, Input, InputNumber, List, Progress, Radio, Skeleton, Tag, Typography } from 'antd';
import { getDoc } from 'firebase/firestore';
import { DateTime } from 'luxon';
import { useRef, useState } from 'react';
import { useSignedIn } from '../../auth/session';
import { LiveListCard } from '../../components/LiveListCard';
import { errorMessage } from '../../data/callables';
import { converters } from '../../data/convert';
import { useOnce, usePolicy } from '../../data/hooks';
import { countReads } from '../../data/meter';
import { submitOrQueue } from '../../data/outbox-queue';
import { useGridPatrols, usePatrolDay, usePatrolDays, useUnitGrids } from '../../data/patrol-hooks';
import { docs } from '../../data/queries';
import { fb } from '../../firebase';
import { formatDateTime, useI18n } from '../../i18n';
import { CampaignPanel, CampaignTicks } from './CampaignPanel';
import { HazardDesk, ItemForm } from './ItemsPanel';
import { ItemsListPanel } from './ItemsListPanel';
import { NeedsPanel } from './NeedsPanel';

/** A village records items for one of its grids. */
function VillageItemForm() {
  const { claims } = useSignedIn();
  const grids = useUnitGrids(claims.c, claims.u);
  if (grids?.status !== 'ready' || grids.data.length === 0) return null;
  return <ItemForm grids={grids.data} />;
}

function newRequestId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID().replace(/-/g, '');
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Now as `YYYY-MM-DDTHH:mm` in Asia/Shanghai, for a datetime-local input (the county's time, whatever the phone's zone). */
const nowInput = () => DateTime.now().setZone(ZONE).toFormat("yyyy-LL-dd'T'HH:mm");
/** The instant a datetime-local value (Asia/Shanghai) means; null when it is not a time. */
function fromInput(v: string): Date | null {
  const d = DateTime.fromISO(v, { zone: ZONE });
  return d.isValid ? d.toJSDate() : null;
}

export default function PatrolPage() {
  const { t } = useI18n();
  const { claims } = useSignedIn();
  return (
    <div className="page patrol-page" data-testid="patrol-page">
      <div className="page-head">
        <div className="page-head-text">
          <Typography.Title level={3} className="page-title">
            {t('patrol.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('patrol.subtitle')}</Typography.Text>
        </div>
      </div>
      {claims.r === 'grid_worker' && claims.g ? <GridWorkerView gridId={claims.g} /> : claims.d ? null : <CoverageView claims={claims} />}
      {claims.r === 'village_staff' && <VillageItemForm />}
      <HazardDesk claims={claims} />
      <CampaignPanel claims={claims} />
      <NeedsPanel claims={claims} />
      <ItemsListPanel claims={claims} />
    </div>
  );
}

// ── the grid worker ─────────────────────────────────────────────────────────────────────────

function useGrid(gridId: string) {
  return useOnce(`patrol-grid:${gridId}`, async () => {
    const snap = await getDoc(docs.grid(fb().db, gridId).withConverter(converters.grid));
    countReads('grid', 1);
    return snap.exists() ? snap.data() : null;
  });
}

function GridWorkerView({ gridId }: { gridId: string }) {
  const grid = useGrid(gridId);
  if (!grid || grid.status === 'loading') return <Skeleton active />;
  const g = grid.status === 'ready' ? grid.data : null;
  return (
    <>
      <PatrolForm gridId={gridId} grid={g} />
      <ItemForm gridId={gridId} />
      <MyPatrols gridId={gridId} />
    </>
  );
}

type Result = 'zero' | 'found';

function PatrolForm({ gridId, grid }: { gridId: string; grid: GridDoc | null }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [requestId, setRequestId] = useState(newRequestId);
  const [when, setWhen] = useState(nowInput);
  const [households, setHouseholds] = useState<number | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [note, setNote] = useState('');
  const [checks, setChecks] = useState<{ campaignId: string; items: number[] }[]>([]);
  const { claims } = useSignedIn();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);

  const reset = () => {
    setRequestId(newRequestId());
    setWhen(nowInput());
    setHouseholds(null);
    setResult(null);
    setNote('');
    setChecks([]);
    setErrors({});
  };

  const submit = async () => {
    if (inFlight.current) return;
    setSubmitError(null);
    const next: Record<string, string> = {};
    if (households === null) next.householdsVisited = t('patrol.err.households');
    else if (grid?.households != null && households > grid.households)
      next.householdsVisited = t('patrol.err.tooMany', { n: grid.households });
    if (!result) next.result = t('patrol.err.result');
    if (result === 'found' && !note.trim()) next.note = t('patrol.err.note');
    const at = fromInput(when);
    if (!at) next.patrolledAt = t('patrol.err.when');
    if (Object.keys(next).length) {
      setErrors(next);
      setSubmitError(t('form.fixErrors'));
      return;
    }
    const parsed = RecordPatrolInput.safeParse({
      requestId,
      gridId,
      patrolledAt: at!.toISOString(),
      householdsVisited: households,
      zeroReport: result === 'zero',
      note: note.trim() ? note.trim() : null,
      checks,
    });
    if (!parsed.success) {
      setSubmitError(parsed.error.issues.map((i) => i.message).join('；'));
      return;
    }
    inFlight.current = true;
    setBusy(true);
    setErrors({});
    try {
      const sent = await submitOrQueue('recordPatrol', parsed.data);
      if (sent.queued) {
        reset(); // kept in the outbox: sent exactly once when the network returns
        return;
      }
      message.success(sent.result.created ? t('patrol.saved') : t('patrol.savedAgain'));
      reset();
    } catch (e) {
      setSubmitError(errorMessage(e, t));
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  const err = (k: string) => (errors[k] ? { validateStatus: 'error' as const, help: errors[k] } : {});
  return (
    <Card size="small" title={t('patrol.formTitle', { grid: grid?.name ?? '' })} className="form-card patrol-form-card">
      <Form layout="vertical" onFinish={submit} disabled={busy} data-testid="patrol-form" data-request-id={requestId}>
        <Form.Item label={t('patrol.when')} htmlFor="patrol-when" {...err('patrolledAt')}>
          <Input
            id="patrol-when"
            type="datetime-local"
            max={nowInput()}
            value={when}
            onChange={(e) => setWhen(e.target.value)}
            data-testid="patrol-when"
          />
        </Form.Item>
        <Form.Item
          label={t('patrol.households')}
          htmlFor="patrol-households"
          extra={grid?.households != null ? t('patrol.householdsOf', { n: grid.households }) : undefined}
          {...err('householdsVisited')}
        >
          <InputNumber
            id="patrol-households"
            min={0}
            max={100000}
            precision={0}
            inputMode="numeric"
            value={households}
            onChange={(v) => setHouseholds(typeof v === 'number' ? v : null)}
            style={{ width: '100%' }}
            data-testid="patrol-households"
          />
        </Form.Item>
        <Form.Item label={t('patrol.result')} {...err('result')}>
          <Radio.Group
            value={result}
            onChange={(e) => setResult(e.target.value as Result)}
            optionType="button"
            buttonStyle="solid"
            data-testid="patrol-result"
            options={[
              { value: 'zero', label: t('patrol.zero') },
              { value: 'found', label: t('patrol.found') },
            ]}
          />
        </Form.Item>
        <Form.Item label={t(result === 'found' ? 'patrol.noteFound' : 'patrol.noteOptional')} htmlFor="patrol-note" {...err('note')}>
          <Input.TextArea
            id="patrol-note"
            rows={3}
            maxLength={1000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            data-testid="patrol-note"
          />
        </Form.Item>
        <CampaignTicks claims={claims} gridId={gridId} value={checks} onChange={setChecks} />
        {submitError && (
          <Alert type="error" showIcon title={submitError} role="alert" className="submit-error" data-testid="patrol-error" />
        )}
        <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="patrol-submit">
          {t('patrol.submit')}
        </Button>
      </Form>
    </Card>
  );
}

function MyPatrols({ gridId }: { gridId: string }) {
  const { t, locale } = useI18n();
  const { value } = useGridPatrols(gridId);
  return (
    <LiveListCard
      value={value}
      title={t('patrol.recent')}
      empty={t('patrol.none')}
      className="form-card"
      listTestId="patrol-list"
      renderItem={(p) => (
        <List.Item key={p.id} data-testid="patrol-row">
          <List.Item.Meta
            title={
              <span>
                {formatDateTime(p.patrolledAt, locale)}{' '}
                {p.zeroReport === true ? (
                  <Tag color="green">{t('patrol.zero')}</Tag>
                ) : p.zeroReport === false ? (
                  <Tag color="orange">{t('patrol.found')}</Tag>
                ) : null}
              </span>
            }
            description={
              <>
                {t('patrol.visitedOf', { n: p.householdsVisited, of: p.households ?? '—' })}
                {p.note ? ` · ${p.note}` : ''}
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}

// ── a unit's coverage ───────────────────────────────────────────────────────────────────────

function CoverageView({ claims }: { claims: Claims }) {
  const { t } = useI18n();
  const unitId = /^\d{6}(\d{3}){0,2}$/.test(claims.u) ? claims.u : null;
  const stored = usePolicy(claims.c);
  const policy: PatrolPolicy = stored?.status === 'ready' && stored.data ? stored.data.patrol : defaultPatrolPolicy();
  const today = localDate(new Date());
  const grids = useUnitGrids(claims.c, unitId);
  const day = usePatrolDay(unitId, today);
  const week = usePatrolDays(unitId, weekStart(today), today);
  const month = usePatrolDays(unitId, `${today.slice(0, 8)}01`, today);
  if (!unitId) return <Alert type="info" showIcon title={t('patrol.noUnit')} />;
  if (!grids || grids.status === 'loading' || day.status === 'loading') return <Skeleton active />;
  if (grids.status === 'error') return <Alert type="error" showIcon title={grids.message} />;
  const todayDoc: PatrolDayDoc | null = day.status === 'ready' ? day.data : null;
  const missing = missingGrids(grids.data, todayDoc);
  const reported = grids.data.length - missing.length;
  const rate = (days: typeof week, from: string) =>
    days?.status === 'ready' ? coverage(grids.data, policy, from, today, days.data) : null;
  const w = rate(week, weekStart(today));
  const m = rate(month, `${today.slice(0, 8)}01`);
  const pct = (r: number) => Math.round(r * 1000) / 10;
  return (
    <div className="patrol-coverage" data-testid="patrol-coverage" data-reported={reported} data-missing={missing.length}>
      <Card size="small" title={t('patrol.today', { date: today })} className="form-card">
        <Progress percent={grids.data.length ? pct(reported / grids.data.length) : 100} data-testid="patrol-today-rate" />
        <Typography.Paragraph>
          {t('patrol.todaySummary', {
            reported,
            total: grids.data.length,
            patrols: todayDoc?.patrols ?? 0,
            zero: todayDoc?.zeroReports ?? 0,
            households: todayDoc?.householdsVisited ?? 0,
          })}
        </Typography.Paragraph>
        <Typography.Text strong>{t('patrol.missing', { n: missing.length })}</Typography.Text>
        {missing.length > 0 && (
          <div className="patrol-missing" data-testid="patrol-missing">
            {missing.slice(0, 200).map((g) => (
              <Tag key={g.id} color="red" data-grid={g.id}>
                {g.name}
              </Tag>
            ))}
            {missing.length > 200 && <Tag>{t('patrol.andMore', { n: missing.length - 200 })}</Tag>}
          </div>
        )}
      </Card>
      <Card size="small" title={t('patrol.rates')} className="form-card">
        <div className="patrol-rates">
          <div data-testid="patrol-week-rate" data-rate={w ? pct(w.rate) : ''}>
            <Typography.Text>{t('patrol.weekRate')}</Typography.Text>
            {w ? (
              <Progress percent={pct(w.rate)} format={() => `${pct(w.rate)}% (${w.done}/${w.expected})`} />
            ) : (
              <Skeleton.Input active size="small" />
            )}
          </div>
          <div data-testid="patrol-month-rate" data-rate={m ? pct(m.rate) : ''}>
            <Typography.Text>{t('patrol.monthRate')}</Typography.Text>
            {m ? (
              <Progress percent={pct(m.rate)} format={() => `${pct(m.rate)}% (${m.done}/${m.expected})`} />
            ) : (
              <Skeleton.Input active size="small" />
            )}
          </div>
        </div>
        <Typography.Paragraph type="secondary">
          {policy.frequency.kind === 'daily' ? t('patrol.policyDaily') : t('patrol.policyWeekly', { n: policy.frequency.times })}
          {policy.zeroReportRequired ? ` · ${t('patrol.policyZero')}` : ''}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
