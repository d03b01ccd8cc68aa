/** 案件看板: the live, role-scoped list of cases, newest first. */
import type { CaseDoc } from '@domain';
import { Alert, Button, Result, Skeleton, Typography } from 'antd';
import { useMemo } from 'react';
import { canReport, useSignedIn } from '../auth/session';
import { ClassTag, FlagTags, StateTag, TierTag, hasFlags } from '../components/CaseTags';
import { loadErrorText } from '../data/callables';
import { useCaseBoard, useEntityName } from '../data/hooks';
import { BOARD_LIMIT, type ListableScope, boardScope } from '../data/queries';
import { formatDateTime, useI18n, useLabels } from '../i18n';
import { hrefFor } from '../router';

export default function BoardPage() {
  const { t } = useI18n();
  const { user, claims } = useSignedIn();
  // Claims are a new object after every token refresh; the scope (and the live query) only
  // changes when their content does.
  const scopeKey = JSON.stringify([claims, user.uid]);
  const scope = useMemo(() => boardScope(claims, user.uid), [scopeKey]);

  if (scope.kind === 'none') {
    return (
      <div className="page" data-testid="board">
        <Result status="info" title={t('board.noBoardTitle')} subTitle={t(`board.noBoard.${scope.reason}`)} data-testid="board-no-scope" />
      </div>
    );
  }
  return <CaseBoard scope={scope} canReport={canReport(claims)} />;
}

function CaseBoard({ scope, canReport }: { scope: ListableScope; canReport: boolean }) {
  const { t } = useI18n();
  const board = useCaseBoard(scope);
  const count = board.status === 'ready' ? board.data.length : null;

  return (
    <div className="page" data-testid="board">
      <div className="page-head">
        <div className="page-head-text">
          <Typography.Title level={3} className="page-title">
            {t('board.title')}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t('board.subtitle', { scope: t(`board.scope.${scope.field}`), limit: BOARD_LIMIT })}
            {count !== null && <span className="count"> · {t('board.count', { count })}</span>}
          </Typography.Text>
        </div>
        {canReport && (
          <Button type="primary" href={hrefFor({ name: 'report' })} data-testid="board-report">
            {t('board.reportNew')}
          </Button>
        )}
      </div>

      {board.status === 'error' && (
        <Alert type="error" showIcon title={t('board.error', { message: loadErrorText(board, t) })} data-testid="board-error" />
      )}

      <div className="case-list" role="list" aria-busy={board.status === 'loading'} data-testid="case-list" data-state={board.status}>
        {board.status === 'loading' &&
          Array.from({ length: 6 }, (_, i) => (
            <div key={i} className="case-row case-row-skeleton" role="listitem" aria-hidden="true">
              <Skeleton active title={{ width: '60%' }} paragraph={{ rows: 1, width: '40%' }} />
            </div>
          ))}
        {board.status === 'ready' && board.data.length === 0 && (
          <div className="case-list-empty" data-testid="board-empty">
            <Typography.Title level={5}>{t('board.empty')}</Typography.Title>
            <Typography.Text type="secondary">{t('board.emptyHint')}</Typography.Text>
          </div>
        )}
        {board.status === 'ready' && board.data.map((c) => <CaseRow key={c.id} c={c} />)}
      </div>
    </div>
  );
}

function CaseRow({ c }: { c: CaseDoc }) {
  const { t, locale } = useI18n();
  const l = useLabels();
  const gridName = useEntityName('grid', c.gridId);
  return (
    <div role="listitem" className="case-row-item">
      <a className="case-row" href={hrefFor({ name: 'case', id: c.id })} data-testid="case-row" data-case-id={c.id} aria-label={t('board.open', { title: c.title })}>
        <div className="case-row-main">
          <ClassTag value={c.caseClass} />
          <span className="case-row-title">{c.title}</span>
          <StateTag value={c.state} />
        </div>
        <div className="case-row-meta">
          <span>{l.category(c.category)}</span>
          <TierTag value={c.tier} />
          <span className="case-row-grid">{gridName ?? (gridName === null ? c.gridId : '\u00a0')}</span>
          <time dateTime={c.updatedAt instanceof Date ? c.updatedAt.toISOString() : undefined}>{t('board.updatedAt', { time: formatDateTime(c.updatedAt, locale) })}</time>
          {hasFlags(c.flags) && (
            <span className="case-row-flags">
              <FlagTags flags={c.flags} />
            </span>
          )}
        </div>
      </a>
    </div>
  );
}
