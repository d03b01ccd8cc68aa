/** One case in a list (board, dashboard lists, department view): a link to its detail. */
import { CLOCK_LABELS, type CaseDoc, OPEN_STATES } from '@domain';
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { useEntityName } from '../data/hooks';
import { formatDateTime, useI18n, useLabels } from '../i18n';
import { hrefFor } from '../router';
import { ClassTag, FlagTags, StateTag, TierTag, hasFlags } from './CaseTags';
import { DeadlineBadge } from './DeadlineBadge';

export function CaseRow({ c, extra, compact = false }: { c: CaseDoc; extra?: ReactNode; compact?: boolean }) {
  const { t, locale } = useI18n();
  const l = useLabels();
  // Compact rows (dashboard lists) leave the grid out: no name reads on the dashboard.
  const gridName = useEntityName('grid', compact ? null : c.gridId);
  // Which limit the next deadline belongs to (层级办理时限, 回访时限, 回头看, …).
  const clock = c.nextDeadlineAt
    ? c.clocks.find((k) => k.state === 'running' && k.dueAt?.getTime() === c.nextDeadlineAt!.getTime())
    : undefined;
  const what = clock ? (locale === 'zh-CN' ? CLOCK_LABELS[clock.kind] : l.clock(clock.kind)) : null;
  // Overdue (flagged by the functions): which limit was breached, in words.
  const breached = c.overdue
    ? [...c.clocks]
        .reverse()
        .find((k) => k.state === 'breached' && k.kind !== 'callback' && k.kind !== 'recheck' && k.kind !== 'judicial_confirmation')
    : undefined;
  const breachedWhat = breached ? (locale === 'zh-CN' ? CLOCK_LABELS[breached.kind] : l.clock(breached.kind)) : '';
  const open = OPEN_STATES.includes(c.state);
  return (
    <div role="listitem" className={extra ? 'case-row-item with-extra' : 'case-row-item'}>
      <a
        className={compact ? 'case-row compact' : 'case-row'}
        href={hrefFor({ name: 'case', id: c.id })}
        data-testid="case-row"
        data-case-id={c.id}
        data-case-state={c.state}
        data-case-tier={c.tier}
        aria-label={t('board.open', { title: c.title })}
      >
        <div className="case-row-main">
          <ClassTag value={c.caseClass} />
          <span className="case-row-title">{c.title}</span>
          <StateTag value={c.state} />
        </div>
        <div className="case-row-meta">
          {c.overdue && (
            <Tag color="error" className="overdue-tag" data-testid="overdue-tag">
              <span aria-hidden="true">⚠ </span>
              {t('board.overdueTag', { what: breachedWhat })}
            </Tag>
          )}
          {c.nextDeadlineAt && <DeadlineBadge dueAt={c.nextDeadlineAt} compact what={what} />}
          {!open && c.state === 'resolved' && !c.satisfaction && <span className="muted">{t('board.awaitingCallback')}</span>}
          <span>{l.category(c.category)}</span>
          <TierTag value={c.tier} />
          {!compact && <span className="case-row-grid">{gridName ?? (gridName === null ? c.gridId : '\u00a0')}</span>}
          {!compact && (
            <time dateTime={c.updatedAt instanceof Date ? c.updatedAt.toISOString() : undefined}>
              {t('board.updatedAt', { time: formatDateTime(c.updatedAt, locale) })}
            </time>
          )}
          {hasFlags(c.flags) && (
            <span className="case-row-flags">
              <FlagTags flags={c.flags} />
            </span>
          )}
          {c.supervised && <span className="tag-text danger">{t('detail.supervised')}</span>}
        </div>
      </a>
      {extra && <div className="case-row-extra">{extra}</div>}
    </div>
  );
}
