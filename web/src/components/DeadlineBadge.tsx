/**
 * A countdown to a limit. Colour is never the only signal: each urgency has its own icon and
 * words (剩余 / 即将到期 / 已逾期), and the full date is in the title and accessible name.
 */
import { Tag } from 'antd';
import { formatDateTime, useI18n } from '../i18n';
import { formatDuration, urgencyOf, useNow } from './time';

const ICON = { overdue: '⚠', soon: '◔', ok: '◷' } as const;
const COLOUR = { overdue: 'error', soon: 'warning', ok: 'default' } as const;

export function DeadlineBadge({
  dueAt,
  paused = false,
  compact = false,
  what,
}: {
  dueAt: Date | null | undefined;
  paused?: boolean;
  compact?: boolean;
  what?: string | null;
}) {
  const { t, locale } = useI18n();
  const now = useNow();
  if (!(dueAt instanceof Date) || Number.isNaN(dueAt.getTime())) return null;
  const when = formatDateTime(dueAt, locale);
  if (paused) {
    return (
      <Tag className="deadline-badge" data-testid="deadline-badge" data-urgency="paused" title={t('deadline.pausedTitle')}>
        <span aria-hidden="true">⏸ </span>
        {t('deadline.paused')}
      </Tag>
    );
  }
  const urgency = urgencyOf(dueAt, now);
  const left = formatDuration(dueAt.getTime() - now, t);
  const text =
    urgency === 'overdue'
      ? t('deadline.overdue', { d: left })
      : urgency === 'soon'
        ? t('deadline.soon', { d: left })
        : t('deadline.left', { d: left });
  return (
    <Tag
      color={COLOUR[urgency]}
      className={`deadline-badge deadline-${urgency}`}
      data-testid="deadline-badge"
      data-urgency={urgency}
      title={t('deadline.dueAt', { when })}
      aria-label={`${text}，${t('deadline.dueAt', { when })}`}
    >
      <span aria-hidden="true">{ICON[urgency]} </span>
      {what && <span className="deadline-what">{what} · </span>}
      {text}
      {!compact && <span className="deadline-when"> · {when}</span>}
    </Tag>
  );
}
