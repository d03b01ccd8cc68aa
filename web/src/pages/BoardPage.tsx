/**
 * 案件看板: the live, role-scoped list of cases, sorted by next deadline (or last update), with
 * one filter at a time, an "overdue" switch and cursor pagination. Filters live in the URL.
 */
import { CASE_STATES, CATEGORIES, type Claims, SOURCES, TIERS } from '@domain';
import { Alert, Button, Result, Segmented, Select, Skeleton, Switch, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { canReport, useSignedIn } from '../auth/session';
import { CaseRow } from '../components/CaseRow';
import { loadErrorText } from '../data/callables';
import { BOARD_PAGE_SIZE } from '../data/budget';
import { rememberNames, useBoardPage, useRegionChildren } from '../data/hooks';
import {
  type BoardFilterField,
  type BoardParams,
  type BoardSort,
  type ListableScope,
  boardFilters,
  boardScope,
  normaliseBoardParams,
} from '../data/queries';
import { type MessageKey, useI18n, useLabels } from '../i18n';
import { hrefFor, navigate, useRoute } from '../router';

export default function BoardPage() {
  const { t } = useI18n();
  const { user, claims } = useSignedIn();
  // Claims are a new object after every token refresh; the scope (and the live query) only
  // changes when their content does.
  const scopeKey = JSON.stringify([claims, user.uid]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by value (a string key of the inputs), so a new object with the same content does not re-subscribe
  const scope = useMemo(() => boardScope(claims, user.uid), [scopeKey]);

  if (scope.kind === 'none') {
    return (
      <div className="page" data-testid="board">
        <Result status="info" title={t('board.noBoardTitle')} subTitle={t(`board.noBoard.${scope.reason}`)} data-testid="board-no-scope" />
      </div>
    );
  }
  return <CaseBoard key={scopeKey} scope={scope} claims={claims} />;
}

/** Board parameters from the URL query (f=field:value, overdue=1, sort=updated). */
function paramsFromQuery(scope: ListableScope, q: Record<string, string>): BoardParams {
  const sort: BoardSort = q.sort === 'updated' ? 'updated' : 'deadline';
  const [field, ...rest] = (q.f ?? '').split(':');
  const value = rest.join(':');
  const filter = field && value ? { field: field as BoardFilterField, value } : null;
  return normaliseBoardParams(scope.field, { sort, filter, overdue: q.overdue === '1' });
}

function queryFromParams(p: BoardParams): Record<string, string> {
  const q: Record<string, string> = {};
  if (p.sort === 'updated') q.sort = 'updated';
  if (p.filter) q.f = `${p.filter.field}:${p.filter.value}`;
  if (p.overdue) q.overdue = '1';
  return q;
}

const FILTER_LABEL: Record<BoardFilterField, MessageKey> = {
  state: 'board.filter.state',
  tier: 'board.filter.tier',
  colour: 'board.filter.colour',
  category: 'board.filter.category',
  source: 'board.filter.source',
  unitId: 'board.filter.unitId',
};

function CaseBoard({ scope, claims }: { scope: ListableScope; claims: Claims }) {
  const { t } = useI18n();
  const route = useRoute();
  const query = route.name === 'board' ? (route.query ?? {}) : {};
  const queryKey = JSON.stringify(query);
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by value (a string key of the inputs), so a new object with the same content does not re-subscribe
  const params = useMemo(() => paramsFromQuery(scope, query), [queryKey, scope]);
  const board = useBoardPage(scope, params);
  const set = (p: BoardParams) =>
    navigate({ name: 'board', query: queryFromParams(normaliseBoardParams(scope.field, p)) }, { replace: true });
  const rows = board.value.status === 'ready' ? board.value.data.rows : null;

  return (
    <div className="page" data-testid="board">
      <div className="page-head">
        <div className="page-head-text">
          <Typography.Title level={3} className="page-title">
            {t('board.title')}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t(params.overdue ? 'board.subtitleOverdue' : params.sort === 'deadline' ? 'board.subtitleDeadline' : 'board.subtitleUpdated', {
              scope: t(`board.scope.${scope.field}`),
            })}
          </Typography.Text>
        </div>
        {canReport(claims) && (
          <Button type="primary" href={hrefFor({ name: 'report' })} data-testid="board-report">
            {t('board.reportNew')}
          </Button>
        )}
      </div>

      <Filters scope={scope} claims={claims} params={params} onChange={set} />

      {board.value.status === 'error' && (
        <Alert type="error" showIcon title={t('board.error', { message: loadErrorText(board.value, t) })} data-testid="board-error" />
      )}

      <div
        className={board.stale ? 'case-list stale' : 'case-list'}
        role="list"
        aria-busy={board.value.status === 'loading' || board.stale}
        aria-label={t('board.title')}
        data-testid="case-list"
        data-state={board.stale ? 'loading' : board.value.status}
        data-page={board.page}
      >
        {board.value.status === 'loading' &&
          Array.from({ length: 6 }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: items identified by position in a fixed, never reordered list
            <div key={i} className="case-row case-row-skeleton" role="listitem" aria-hidden="true">
              <Skeleton active title={{ width: '60%' }} paragraph={{ rows: 1, width: '40%' }} />
            </div>
          ))}
        {rows && rows.length === 0 && (
          <div className="case-list-empty" data-testid="board-empty" role="listitem">
            <Typography.Title level={5}>{t(params.filter || params.overdue ? 'board.emptyFiltered' : 'board.empty')}</Typography.Title>
            <Typography.Text type="secondary">
              {t(params.overdue ? 'board.emptyHintOverdue' : params.sort === 'deadline' ? 'board.emptyHintDeadline' : 'board.emptyHint')}
            </Typography.Text>
          </div>
        )}
        {rows?.map((c) => (
          <CaseRow key={c.id} c={c} />
        ))}
      </div>

      {board.value.status === 'ready' && (board.page > 0 || board.value.data.hasNext) && (
        <nav className="pager" aria-label={t('board.pager')} data-testid="board-pager">
          <Button onClick={board.first} disabled={board.page === 0} data-testid="board-first">
            {t('board.firstPage')}
          </Button>
          <Button onClick={board.prev} disabled={board.page === 0} data-testid="board-prev">
            {t('board.prevPage')}
          </Button>
          <span className="pager-label" aria-live="polite">
            {t('board.pageN', { n: board.page + 1, size: BOARD_PAGE_SIZE })}
          </span>
          <Button onClick={board.next} disabled={!board.value.data.hasNext} data-testid="board-next">
            {t('board.nextPage')}
          </Button>
        </nav>
      )}
    </div>
  );
}

function Filters({
  scope,
  claims,
  params,
  onChange,
}: {
  scope: ListableScope;
  claims: Claims;
  params: BoardParams;
  onChange: (p: BoardParams) => void;
}) {
  const { t } = useI18n();
  const l = useLabels();
  const fields = boardFilters(scope.field, params.sort);
  // A field picked without a value yet is local until a value is chosen.
  const [pending, setPending] = useState<BoardFilterField | null>(null);
  const field = params.filter?.field ?? (pending && fields.includes(pending) ? pending : null);
  // Units for the "handling unit" filter: one's own and the level below (a county's towns, a town's villages).
  const children = useRegionChildren(
    claims.c,
    fields.includes('unitId') && field === 'unitId' && scope.field === 'accessUnits' && (claims.u.length === 6 || claims.u.length === 9)
      ? claims.u
      : null,
  );
  useEffect(() => {
    if (children?.status === 'ready') rememberNames('region', children.data);
  }, [children]);

  const values = useMemo((): { value: string; label: string }[] => {
    switch (field) {
      case 'state':
        return CASE_STATES.map((v) => ({ value: v, label: l.state(v) }));
      case 'tier':
        return TIERS.map((v) => ({ value: v, label: l.tier(v) }));
      case 'colour':
        return (['blue', 'orange', 'red'] as const).map((v) => ({
          value: v,
          label: t('fmt.classColour', {
            cls: l.caseClass(v === 'blue' ? 'general' : v === 'orange' ? 'complex' : 'difficult'),
            colour: l.colour(v),
          }),
        }));
      case 'category':
        return CATEGORIES.map((v) => ({ value: v, label: l.category(v) }));
      case 'source':
        return SOURCES.map((v) => ({ value: v, label: l.source(v) }));
      case 'unitId':
        return [
          { value: claims.u, label: t('board.ownUnit') },
          ...(children?.status === 'ready' ? children.data.map((r) => ({ value: r.id, label: r.name })) : []),
        ];
      default:
        return [];
    }
  }, [field, l, t, children, claims.u]);

  return (
    <div className="board-filters" role="group" aria-label={t('board.filters')} data-testid="board-filters">
      <Segmented<BoardSort>
        value={params.sort}
        disabled={params.overdue}
        onChange={(sort) => onChange({ ...params, sort })}
        options={[
          { value: 'deadline', label: t('board.sort.deadline') },
          { value: 'updated', label: t('board.sort.updated') },
        ]}
        data-testid="board-sort"
        aria-label={t('board.sortLabel')}
      />
      <div className="filter-pair">
        <Select<BoardFilterField | 'none'>
          disabled={params.overdue}
          className="filter-field"
          value={field ?? 'none'}
          onChange={(f) => {
            setPending(f === 'none' ? null : f);
            if (params.filter) onChange({ ...params, filter: null });
          }}
          options={[{ value: 'none', label: t('board.filter.none') }, ...fields.map((f) => ({ value: f, label: t(FILTER_LABEL[f]) }))]}
          aria-label={t('board.filterBy')}
          data-testid="board-filter-field"
          virtual={false}
        />
        {field && (
          <Select<string>
            className="filter-value"
            value={params.filter?.value || undefined}
            placeholder={t('board.filterValue')}
            onChange={(v) => onChange({ ...params, filter: { field, value: v } })}
            options={values}
            showSearch={{ optionFilterProp: 'label' }}
            aria-label={t('board.filterValue')}
            data-testid="board-filter-value"
            virtual={false}
            loading={field === 'unitId' && children?.status === 'loading'}
          />
        )}
      </div>
      {/* biome-ignore lint/a11y/noLabelWithoutControl: the control is the antd Switch inside (a button) */}
      <label className="overdue-switch">
        <Switch
          size="small"
          checked={params.overdue}
          onChange={(on) =>
            onChange(on ? { sort: 'updated', filter: null, overdue: true } : { sort: 'deadline', filter: null, overdue: false })
          }
          data-testid="board-overdue"
        />
        <span>{t('board.onlyOverdue')}</span>
      </label>
      {(params.filter || params.overdue || params.sort !== 'deadline') && (
        <Button
          type="link"
          size="small"
          onClick={() => {
            setPending(null);
            onChange({ sort: 'deadline', filter: null, overdue: false });
          }}
          data-testid="board-clear"
        >
          {t('board.clearFilters')}
        </Button>
      )}
      {params.overdue ? (
        <Typography.Text type="secondary" className="filter-note">
          {t('board.overdueNote')}
        </Typography.Text>
      ) : (
        params.sort === 'updated' && (
          <Typography.Text type="secondary" className="filter-note">
            {t('board.updatedNote')}
          </Typography.Text>
        )
      )}
    </div>
  );
}
