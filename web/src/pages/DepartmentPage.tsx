/**
 * 部门工作台: the cases dispatched to my department ("中心吹哨、部门报到"), live, with a
 * one-click check-in (报到) and the feedback form.
 */
import { type CaseDoc, type DispatchSummary, allowedActions } from '@domain';
import { Alert, App as AntApp, Button, Modal, Segmented, Skeleton, Tag, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useSignedIn } from '../auth/session';
import { CaseRow } from '../components/CaseRow';
import { DeadlineBadge } from '../components/DeadlineBadge';
import { call, errorMessage, loadErrorText } from '../data/callables';
import { DEPARTMENT_VIEW_LIMIT } from '../data/budget';
import { useDepartmentCases, useEntityName } from '../data/hooks';
import { useI18n, useLabels } from '../i18n';
import { ActionForm } from './case/ActionForm';
import { ReferralsView } from './legal/ReferralsView';
import { NoticesPanel } from './notices/NoticesPanel';

import { TasksView } from './meetings/TasksView';

type Tab = 'todo' | 'checked_in' | 'reported_back' | 'all' | 'referrals' | 'notices' | 'tasks';

export default function DepartmentPage() {
  const { t } = useI18n();
  const { claims } = useSignedIn();
  const dept = claims.d!;
  const name = useEntityName('department', dept);
  const [tab, setTab] = useState<Tab>('todo');
  // Working tabs read the cases with a running clock, soonest first (pending check-ins lead);
  // "all" reads the latest updated, finished ones included.
  const live = useDepartmentCases(dept, DEPARTMENT_VIEW_LIMIT, tab === 'all' ? 'updated' : 'deadline');
  const list = live.value;
  const mine = (c: CaseDoc) => c.dispatches.find((d) => d.departmentId === dept);
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by value (a string key of the inputs), so a new object with the same content does not re-subscribe
  const rows = useMemo(() => {
    if (list.status !== 'ready') return null;
    return list.data.filter((c) => {
      const d = mine(c);
      if (!d) return false;
      if (tab === 'all') return true;
      if (tab === 'todo') return d.state === 'dispatched';
      return d.state === tab;
    });
  }, [list, tab]);
  const count = (s: DispatchSummary['state']) =>
    list.status === 'ready' ? String(list.data.filter((c) => mine(c)?.state === s).length) : '…';

  return (
    <div className="page" data-testid="department" data-state={list.status}>
      <div className="page-head">
        <div className="page-head-text">
          <Typography.Title level={3} className="page-title">
            {t('dept.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('dept.subtitle', { name: name ?? dept })}</Typography.Text>
        </div>
      </div>
      <Segmented<Tab>
        className="dept-tabs"
        value={tab}
        onChange={setTab}
        data-testid="dept-tabs"
        options={[
          { value: 'todo', label: t('dept.tab.todo', { n: count('dispatched') }) },
          { value: 'checked_in', label: t('dept.tab.checkedIn', { n: count('checked_in') }) },
          { value: 'reported_back', label: t('dept.tab.reportedBack', { n: count('reported_back') }) },
          { value: 'all', label: t('dept.tab.all') },
          { value: 'referrals', label: <span data-testid="dept-tab-referrals">{t('dept.tab.referrals')}</span> },
          { value: 'notices', label: <span data-testid="dept-tab-notices">{t('dept.tab.notices')}</span> },
          { value: 'tasks', label: <span data-testid="dept-tab-tasks">{t('dept.tab.tasks')}</span> },
        ]}
      />
      {tab === 'referrals' && <ReferralsView dept={dept} />}
      {tab === 'notices' && <NoticesPanel issuer={false} />}
      {tab === 'tasks' && <TasksView claims={claims} />}
      {tab !== 'referrals' && tab !== 'notices' && tab !== 'tasks' && list.status === 'error' && (
        <Alert type="error" showIcon title={loadErrorText(list, t)} data-testid="dept-error" />
      )}
      <div
        hidden={tab === 'referrals' || tab === 'notices' || tab === 'tasks'}
        className={live.stale ? 'case-list stale' : 'case-list'}
        role="list"
        aria-busy={list.status === 'loading' || live.stale}
        data-testid="dept-list"
        data-state={live.stale ? 'loading' : list.status}
      >
        {list.status === 'loading' &&
          // biome-ignore lint/suspicious/noArrayIndexKey: items identified by position in a fixed, never reordered list
          Array.from({ length: 4 }, (_, i) => <Skeleton key={i} active title={{ width: '50%' }} paragraph={{ rows: 1 }} />)}
        {rows && rows.length === 0 && (
          <div className="case-list-empty" role="listitem" data-testid="dept-empty">
            <Typography.Title level={5}>{t(tab === 'todo' ? 'dept.emptyTodo' : 'dept.empty')}</Typography.Title>
          </div>
        )}
        {rows?.map((c) => (
          <CaseRow key={c.id} c={c} extra={<DeptActions c={c} dispatch={mine(c)!} />} />
        ))}
      </div>
      {list.status === 'ready' && list.data.length >= DEPARTMENT_VIEW_LIMIT && (
        <Typography.Text type="secondary">{t('dept.limited', { n: DEPARTMENT_VIEW_LIMIT })}</Typography.Text>
      )}
    </div>
  );
}

function DeptActions({ c, dispatch }: { c: CaseDoc; dispatch: DispatchSummary }) {
  const { t } = useI18n();
  const l = useLabels();
  const { message } = AntApp.useApp();
  const { user, claims, profile } = useSignedIn();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [feedback, setFeedback] = useState(false);
  const inFlight = useRef(false);
  const actions = useMemo(() => allowedActions(claims, user.uid, c), [claims, user.uid, c]);
  const clock = c.clocks.find(
    (k) => k.kind === 'dept_checkin' && k.subject === dispatch.departmentId && (k.state === 'running' || k.state === 'breached'),
  );

  const checkIn = async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    try {
      await call('caseAction', {
        caseId: c.id,
        expectedVersion: c.version,
        command: { action: 'check_in', departmentId: dispatch.departmentId },
      });
      message.success(t('dept.checkedIn'));
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  return (
    <div className="dept-actions" data-testid="dept-actions" data-case-id={c.id} data-dispatch-state={dispatch.state}>
      <Tag
        color={dispatch.state === 'dispatched' ? 'gold' : dispatch.state === 'checked_in' ? 'blue' : 'green'}
        data-testid="dept-dispatch-state"
      >
        {l.dispatchState(dispatch.state)}
      </Tag>
      {dispatch.emergency && <Tag color="red">{t('detail.emergency')}</Tag>}
      {dispatch.state === 'dispatched' && clock?.dueAt && <DeadlineBadge dueAt={clock.dueAt} compact />}
      {actions.includes('check_in') && (
        <Button type="primary" onClick={checkIn} loading={busy} data-testid="dept-checkin" data-case-id={c.id}>
          {t('dept.checkIn')}
        </Button>
      )}
      {actions.includes('department_feedback') && (
        <Button onClick={() => setFeedback(true)} data-testid="dept-feedback" data-case-id={c.id}>
          {l.action('department_feedback')}
        </Button>
      )}
      {error && <Alert type="error" showIcon title={error} data-testid="dept-error-action" className="dept-error" role="alert" />}
      <Modal open={feedback} title={l.action('department_feedback')} footer={null} onCancel={() => setFeedback(false)} destroyOnHidden>
        {feedback && (
          <ActionForm
            action="department_feedback"
            c={c}
            claims={claims}
            uid={user.uid}
            displayName={profile?.displayName ?? null}
            onDone={() => setFeedback(false)}
            onCancel={() => setFeedback(false)}
          />
        )}
      </Modal>
    </div>
  );
}
