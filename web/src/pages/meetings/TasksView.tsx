/**
 * 研判交办 tasks: those the unit issued, oversees or owns (a department: its own), soonest limit
 * first, each with its clock (办理中 / 即将到期 / 已逾期 · 督办 / 已答复 / 逾期答复) and, for the
 * owner of an open task, a reply form (replyMeetingTask). Used by the 研判 page and the department desk.
 */
import { type Claims, type MeetingTaskDoc, isSupervisionAssignee } from '@domain';
import { Alert, App as AntApp, Button, Card, Empty, Input, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { call, errorMessage, loadErrorText } from '../../data/callables';
import { useMeetingTasks } from '../../data/meeting-hooks';
import { type MessageKey, formatDateTime, useI18n } from '../../i18n';

type Shown = 'open' | 'warned' | 'supervised' | 'replied' | 'late';
const COLOUR: Record<Shown, string> = { open: 'blue', warned: 'orange', supervised: 'red', replied: 'green', late: 'volcano' };
export const taskShown = (x: MeetingTaskDoc): Shown =>
  x.state === 'replied' ? (x.repliedLate ? 'late' : 'replied') : x.supervised ? 'supervised' : x.warnedAt ? 'warned' : 'open';

export function TasksView({ claims }: { claims: Claims }) {
  const { t } = useI18n();
  const list = useMeetingTasks(claims);
  const all = list?.status === 'ready' ? list.data : [];
  return (
    <div role="list" aria-busy={list?.status === 'loading'} data-testid="mt-tasks" data-state={list?.status ?? 'loading'}>
      {list?.status === 'error' && <Alert type="error" showIcon title={loadErrorText(list, t)} />}
      {list?.status === 'loading' && <Skeleton active paragraph={{ rows: 3 }} />}
      {list?.status === 'ready' && all.length === 0 && <Empty description={t('mt.tasks.none')} />}
      {all.map((x) => (
        <TaskCard key={x.id} x={x} claims={claims} />
      ))}
    </div>
  );
}

function TaskCard({ x, claims }: { x: MeetingTaskDoc; claims: Claims }) {
  const { t, locale } = useI18n();
  const { message } = AntApp.useApp();
  const [reply, setReply] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [requestId] = useState(() => `mtr-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`);
  const shown = taskShown(x);
  const mine = x.state === 'open' && isSupervisionAssignee(claims, x.owner.id);
  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      await call('replyMeetingTask', { requestId, taskId: x.id, reply });
      message.success(t('mt.task.replied'));
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card
      role="listitem"
      size="small"
      className="typical-card"
      data-testid="mt-task"
      data-task-id={x.id}
      data-state={shown}
      title={
        <span>
          <Tag color="purple">{t(`mt.kind.${x.meetingKind}` as MessageKey)}</Tag>
          {x.meetingTitle}
        </span>
      }
      extra={<Tag color={COLOUR[shown]}>{t(`mt.task.state.${shown}` as MessageKey)}</Tag>}
    >
      <Typography.Paragraph data-testid="mt-task-text">{x.text}</Typography.Paragraph>
      <Typography.Text type="secondary">
        {t('mt.task.owner', { name: x.owner.name })} · {t('mt.task.issuer', { name: x.issuerName })} ·{' '}
        {t('mt.task.due', { date: x.dueDate })}
      </Typography.Text>
      {x.reply && (
        <Typography.Paragraph data-testid="mt-task-reply">
          {t('mt.task.repliedBy', { name: x.repliedByName ?? '—', at: formatDateTime(x.repliedAt, locale) })} {x.reply}
        </Typography.Paragraph>
      )}
      {mine && (
        <div className="detail-tags">
          <Input.TextArea
            aria-label={t('mt.task.replyText')}
            placeholder={t('mt.task.replyText')}
            value={reply}
            onChange={(e) => setReply(e.target.value)}
            maxLength={1000}
            data-testid="mt-task-reply-text"
          />
          <Button type="primary" size="small" loading={busy} disabled={!reply.trim()} onClick={send} data-testid="mt-task-reply-send">
            {t('mt.task.reply')}
          </Button>
        </div>
      )}
      {error && <Alert type="error" showIcon title={error} />}
    </Card>
  );
}
