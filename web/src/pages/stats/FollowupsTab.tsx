/**
 * 回访 / 回头看 tasks: resolved and closed cases in scope with a running callback clock (回访,
 * within 7 days of resolution) or re-check clock (回头看, 30 and 90 days), soonest first, live.
 * Each task opens the case action (`callback`, `recheck`) right here when the user may take it.
 */
import { CLOCK_LABELS, type CaseClock, type CaseDoc, allowedActions } from '@domain';
import { Alert, Button, Empty, Modal, Radio, Skeleton, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useSignedIn } from '../../auth/session';
import { StateTag, TierTag } from '../../components/CaseTags';
import { DeadlineBadge } from '../../components/DeadlineBadge';
import { loadErrorText } from '../../data/callables';
import { FOLLOWUP_LIMIT } from '../../data/budget';
import { boardScope, FOLLOWUP_SCOPES } from '../../data/queries';
import { useFollowups } from '../../data/stats-hooks';
import { formatDateTime, useI18n, useLabels } from '../../i18n';
import { hrefFor } from '../../router';
import { ActionForm } from '../case/ActionForm';

type Kind = 'callback' | 'recheck';
interface Task {
  c: CaseDoc;
  k: CaseClock & { kind: Kind };
}

export default function FollowupsTab() {
  const { t } = useI18n();
  const { claims, user, profile } = useSignedIn();
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by value (a string key of the inputs), so a new object with the same content does not re-subscribe
  const scope = useMemo(() => {
    const s = boardScope(claims, user.uid);
    return s.kind === 'scope' && FOLLOWUP_SCOPES.includes(s.field) ? s : null;
  }, [JSON.stringify(claims), user.uid]);
  const [due, setDue] = useState<'upcoming' | 'overdue'>('upcoming');
  // Fixed at mount (to the minute): the lists stay stable, each badge keeps counting.
  const [now] = useState(() => new Date(Math.floor(Date.now() / 60_000) * 60_000));
  const { value, stale, page, next, prev } = useFollowups(scope, due, now);
  const [kind, setKind] = useState<Kind | 'all'>('all');
  const [acting, setActing] = useState<{ c: CaseDoc; action: Kind } | null>(null);

  const tasks = useMemo<Task[]>(() => {
    if (value?.status !== 'ready') return [];
    return (
      value.data.rows
        .flatMap((c) =>
          c.clocks
            .filter((k): k is Task['k'] => k.state === 'running' && (k.kind === 'callback' || k.kind === 'recheck'))
            .map((k) => ({ c, k })),
        )
        // A limit past the loaded holiday calendar has no date yet (calendarGap): last.
        .sort((a, b) => (a.k.dueAt?.getTime() ?? Infinity) - (b.k.dueAt?.getTime() ?? Infinity))
    );
  }, [value]);
  const shown = tasks.filter((x) => kind === 'all' || x.k.kind === kind);
  const status = value?.status ?? 'loading';

  return (
    <div className="followups" data-testid="followups" data-state={status} data-due={due}>
      <div className="board-filters">
        <Radio.Group
          optionType="button"
          value={due}
          onChange={(e) => setDue(e.target.value)}
          aria-label={t('followups.due')}
          options={(['upcoming', 'overdue'] as const).map((k) => ({
            value: k,
            label: <span data-testid={`followups-due-${k}`}>{t(`followups.due.${k}`)}</span>,
          }))}
        />
        <Radio.Group
          optionType="button"
          value={kind}
          onChange={(e) => setKind(e.target.value)}
          aria-label={t('followups.filter')}
          options={(['all', 'callback', 'recheck'] as const).map((k) => ({
            value: k,
            label: (
              <span data-testid={`followups-filter-${k}`}>
                {t(`followups.filter.${k}`, { n: k === 'all' ? tasks.length : tasks.filter((x) => x.k.kind === k).length })}
              </span>
            ),
          }))}
        />
        <span className="muted small">{t('followups.hint')}</span>
      </div>
      {value?.status === 'error' && <Alert type="error" showIcon title={loadErrorText(value, t)} />}
      <div
        className={`case-list compact${stale ? ' stale' : ''}`}
        role="list"
        aria-busy={status === 'loading'}
        data-testid="followup-list"
        data-count={shown.length}
      >
        {/* biome-ignore lint/suspicious/noArrayIndexKey: items identified by position in a fixed, never reordered list */}
        {status === 'loading' && Array.from({ length: 3 }, (_, i) => <Skeleton key={i} active title={false} paragraph={{ rows: 2 }} />)}
        {status === 'ready' && shown.length === 0 && (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('followups.none')} data-testid="followups-empty" />
        )}
        {shown.map((x) => (
          <TaskRow key={`${x.c.id}:${x.k.id}`} task={x} onAct={(action) => setActing({ c: x.c, action })} />
        ))}
      </div>
      {value?.status === 'ready' && (page > 0 || value.data.hasNext) && (
        <nav className="pager" aria-label={t('board.pager')}>
          <Button onClick={prev} disabled={page === 0 || stale} data-testid="followups-prev">
            {t('board.prevPage')}
          </Button>
          <span className="pager-label">{t('board.pageN', { n: page + 1, size: FOLLOWUP_LIMIT })}</span>
          <Button onClick={next} disabled={!value.data.hasNext || stale} data-testid="followups-next">
            {t('board.nextPage')}
          </Button>
        </nav>
      )}
      <Modal
        open={!!acting}
        title={acting ? t(`action.${acting.action}`) : ''}
        onCancel={() => setActing(null)}
        footer={null}
        destroyOnHidden
        width={560}
      >
        {acting && (
          <ActionForm
            action={acting.action}
            c={acting.c}
            claims={claims}
            uid={user.uid}
            displayName={profile?.displayName ?? null}
            onDone={() => setActing(null)}
            onCancel={() => setActing(null)}
          />
        )}
      </Modal>
    </div>
  );
}

function TaskRow({ task, onAct }: { task: Task; onAct: (a: Kind) => void }) {
  const { t, locale } = useI18n();
  const l = useLabels();
  const { claims, user } = useSignedIn();
  const { c, k } = task;
  const allowed = useMemo(() => {
    try {
      return allowedActions(claims, user.uid, c);
    } catch {
      return [];
    }
  }, [claims, user.uid, c]);
  const what = `${locale === 'zh-CN' ? CLOCK_LABELS[k.kind] : l.clock(k.kind)}${k.kind === 'recheck' && k.subject ? t('followups.recheckDays', { n: k.subject }) : ''}`;
  return (
    <div
      role="listitem"
      className="case-row-item with-extra"
      data-testid="followup-task"
      data-case-id={c.id}
      data-kind={k.kind}
      data-subject={k.subject ?? ''}
    >
      <a className="case-row compact" href={hrefFor({ name: 'case', id: c.id })} aria-label={t('board.open', { title: c.title })}>
        <div className="case-row-main">
          <Tag color={k.kind === 'callback' ? 'blue' : 'purple'} className="task-kind">
            {what}
          </Tag>
          <span className="case-row-title">{c.title}</span>
          <StateTag value={c.state} />
        </div>
        <div className="case-row-meta">
          {k.dueAt ? <DeadlineBadge dueAt={k.dueAt} compact /> : k.calendarGap && <Tag color="warning">{t('clock.calendarGap')}</Tag>}
          <span>{l.category(c.category)}</span>
          <TierTag value={c.tier} />
          {c.resolvedAt && <span>{t('followups.resolvedAt', { time: formatDateTime(c.resolvedAt, locale) })}</span>}
          {c.satisfaction && <span>{t('followups.rated', { s: l.satisfaction(c.satisfaction) })}</span>}
        </div>
      </a>
      {allowed.includes(k.kind) && (
        <div className="case-row-extra">
          <Button size="small" type="primary" onClick={() => onAct(k.kind)} data-testid="followup-act" data-action={k.kind}>
            {l.action(k.kind)}
          </Button>
        </div>
      )}
    </div>
  );
}
