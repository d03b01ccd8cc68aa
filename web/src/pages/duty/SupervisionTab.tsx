/**
 * 督办件: leaders' instructions (批示交办) with their deadlines and the replies — to the case and
 * to the petitioner — live. Items assigned to the user's own unit or department can be answered
 * here (the case action `reply_supervision`, the same form as on the case page).
 */
import { type CaseDoc, type SupervisionItem, allowedActions, isSupervisionAssignee, localDate } from '@domain';
import { Alert, Button, Card, Empty, Modal, Radio, Skeleton, Tag, Typography } from 'antd';
import { CaseRow } from '../../components/CaseRow';
import { useMemo, useState } from 'react';
import { useSignedIn } from '../../auth/session';
import { loadErrorText } from '../../data/callables';
import { useSupervisionCases } from '../../data/duty-hooks';
import { kindOfUnit, useEntityName, shownName } from '../../data/hooks';
import { boardScope } from '../../data/queries';
import { formatDateTime, useI18n } from '../../i18n';
import { hrefFor } from '../../router';
import { ActionForm } from '../case/ActionForm';
import { today } from './common';

type StateFilter = 'open' | 'replied' | 'all';

interface Row {
  c: CaseDoc;
  s: SupervisionItem;
  mine: boolean;
}

/** Whole days from a to b (dates). */
function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export default function SupervisionTab() {
  const { t } = useI18n();
  const { claims, user, profile } = useSignedIn();
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by value (a string key of the inputs), so a new object with the same content does not re-subscribe
  const scope = useMemo(() => {
    const s = boardScope(claims, user.uid);
    return s.kind === 'scope' ? s : null;
  }, [JSON.stringify(claims), user.uid]);
  const { value, stale } = useSupervisionCases(scope);
  const [state, setState] = useState<StateFilter>('all');
  const [onlyMine, setOnlyMine] = useState(false);
  const [replying, setReplying] = useState<Row | null>(null);

  const rows = useMemo<Row[]>(() => {
    if (value?.status !== 'ready') return [];
    const all = value.data.flatMap((c) => c.supervisions.map((s) => ({ c, s, mine: isSupervisionAssignee(claims, s.assigneeUnit) })));
    return all.sort(
      (a, b) =>
        (a.s.state === 'open' ? 0 : 1) - (b.s.state === 'open' ? 0 : 1) ||
        (a.s.state === 'open' ? a.s.dueDate.localeCompare(b.s.dueDate) : (b.s.repliedAt?.getTime() ?? 0) - (a.s.repliedAt?.getTime() ?? 0)),
    );
  }, [value, claims]);
  const shown = rows.filter((r) => (state === 'all' || r.s.state === state) && (!onlyMine || r.mine));
  const counts = { open: rows.filter((r) => r.s.state === 'open').length, replied: rows.filter((r) => r.s.state === 'replied').length };
  const status = value?.status ?? 'loading';

  return (
    <div className="supervision" data-testid="supervision" data-state={status}>
      <div className="board-filters">
        <Radio.Group
          optionType="button"
          value={state}
          onChange={(e) => setState(e.target.value as StateFilter)}
          options={(['all', 'open', 'replied'] as const).map((k) => ({
            value: k,
            label: (
              <span data-testid={`supervision-filter-${k}`}>
                {k === 'all'
                  ? t('supervision.all', { n: rows.length })
                  : t(k === 'open' ? 'supervision.openN' : 'supervision.repliedN', { n: counts[k] })}
              </span>
            ),
          }))}
          aria-label={t('supervision.filter')}
        />
        <label className="overdue-switch">
          <input type="checkbox" checked={onlyMine} onChange={(e) => setOnlyMine(e.target.checked)} data-testid="supervision-mine" />
          {t('supervision.onlyMine')}
        </label>
      </div>
      {value?.status === 'error' && <Alert type="error" showIcon title={loadErrorText(value, t)} />}
      <div
        className={`supervision-list${stale ? ' stale' : ''}`}
        role="list"
        aria-busy={status === 'loading'}
        data-testid="supervision-list"
        data-count={shown.length}
      >
        {/* biome-ignore lint/suspicious/noArrayIndexKey: items identified by position in a fixed, never reordered list */}
        {status === 'loading' && Array.from({ length: 3 }, (_, i) => <Skeleton key={i} active paragraph={{ rows: 2 }} />)}
        {status === 'ready' && shown.length === 0 && (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('supervision.none')} data-testid="supervision-empty" />
        )}
        {shown.map((r) => (
          <Item
            key={r.s.id}
            r={r}
            myName={profile?.displayName ?? null}
            canReply={r.mine && r.s.state === 'open' && safeAllowed(claims, user.uid, r.c).includes('reply_supervision')}
            onReply={() => setReplying(r)}
          />
        ))}
        {value?.status === 'ready' && value.data.length >= 50 && <div className="list-more muted">{t('dash.limited', { n: 50 })}</div>}
      </div>
      {value?.status === 'ready' && !onlyMine && <CaseLevel cases={value.data.filter((c) => c.supervisions.length === 0)} />}
      <Modal
        open={!!replying}
        title={t('action.reply_supervision')}
        onCancel={() => setReplying(null)}
        footer={null}
        destroyOnHidden
        width={560}
      >
        {replying && (
          <ActionForm
            action="reply_supervision"
            c={replying.c}
            claims={claims}
            uid={user.uid}
            displayName={profile?.displayName ?? null}
            initial={{ supervisionId: replying.s.id }}
            onDone={() => setReplying(null)}
            onCancel={() => setReplying(null)}
          />
        )}
      </Modal>
    </div>
  );
}

/** Cases under 督办 without a leader's instruction (e.g. supervised by the sweep when a county limit ran out). */
function CaseLevel({ cases }: { cases: CaseDoc[] }) {
  const { t } = useI18n();
  if (!cases.length) return null;
  return (
    <Card
      size="small"
      title={t('supervision.caseLevel', { n: cases.length })}
      className="detail-card supervision-cases"
      data-testid="supervision-cases"
    >
      <Typography.Paragraph type="secondary" className="small">
        {t('supervision.caseLevelHint')}
      </Typography.Paragraph>
      <div className="case-list compact" role="list">
        {cases.map((c) => (
          <CaseRow key={c.id} c={c} compact />
        ))}
      </div>
    </Card>
  );
}

function safeAllowed(...args: Parameters<typeof allowedActions>) {
  try {
    return allowedActions(...args);
  } catch {
    return [];
  }
}

function Item({ r, myName, canReply, onReply }: { r: Row; myName: string | null; canReply: boolean; onReply: () => void }) {
  const { t, locale } = useI18n();
  const { user } = useSignedIn();
  const { c, s } = r;
  const assignee = useEntityName(kindOfUnit(s.assigneeUnit), s.assigneeUnit);
  const leader =
    c.petition?.receivedBy?.uid === s.leaderUid
      ? c.petition.receivedBy.name
      : c.leader?.uid === s.leaderUid
        ? c.leader.name
        : s.leaderUid === user.uid
          ? myName
          : null;
  const leaderFromDirectory = useEntityName('staff', leader ? null : s.leaderUid);
  const left = daysBetween(today(), s.dueDate);
  const late = s.state === 'replied' && s.repliedAt instanceof Date && localDate(s.repliedAt) > s.dueDate;
  const due =
    s.state === 'replied'
      ? {
          icon: late ? '⚠' : '✓',
          color: late ? 'orange' : 'green',
          text: t(late ? 'supervision.repliedLate' : 'supervision.repliedOnTime', { time: formatDateTime(s.repliedAt, locale) }),
        }
      : left < 0
        ? { icon: '⚠', color: 'error', text: t('supervision.overdue', { n: -left }) }
        : left === 0
          ? { icon: '◔', color: 'warning', text: t('supervision.dueToday') }
          : { icon: left <= 2 ? '◔' : '◷', color: left <= 2 ? 'warning' : 'default', text: t('supervision.left', { n: left }) };
  return (
    <div
      role="listitem"
      className="supervision-item"
      data-testid="supervision-item"
      data-case-id={c.id}
      data-supervision-id={s.id}
      data-state={s.state}
      data-assignee={s.assigneeUnit}
      data-mine={r.mine ? 'yes' : 'no'}
    >
      <div className="si-head">
        <Tag color={s.state === 'open' ? 'gold' : 'green'} data-testid="supervision-state">
          <span aria-hidden="true">{s.state === 'open' ? '○ ' : '● '}</span>
          {t(s.state === 'open' ? 'detail.supervisionOpen' : 'detail.supervisionReplied')}
        </Tag>
        <span className="si-assignee">
          {t('supervision.assignee')}
          {t('fmt.colon')}
          <strong>{shownName(assignee)}</strong>
          {r.mine && <Tag className="mine-tag">{t('supervision.mine')}</Tag>}
        </span>
        <Tag color={due.color} className="si-due">
          <span aria-hidden="true">{due.icon} </span>
          {due.text}
        </Tag>
        <span className="muted small">{t('detail.supervisionDue', { date: s.dueDate })}</span>
      </div>
      <div className="si-instruction pre">
        <span className="muted">{t('supervision.instruction', { leader: leader ?? leaderFromDirectory ?? '…' })}</span>
        {s.instruction}
      </div>
      <div className="si-case">
        <a href={hrefFor({ name: 'case', id: c.id })} data-testid="supervision-case">
          {c.title}
        </a>
        <span className="muted small"> · {c.id}</span>
      </div>
      {s.reply && (
        <div className="si-reply pre" data-testid="supervision-reply-text">
          <span className="muted">
            {t('event.feedback')}
            {t('fmt.colon')}
          </span>
          {s.reply}
        </div>
      )}
      {s.petitionerReply && (
        <div className="si-reply pre">
          <span className="muted">
            {t('detail.petitionerReply')}
            {t('fmt.colon')}
          </span>
          {s.petitionerReply}
        </div>
      )}
      {canReply && (
        <div>
          <Button type="primary" size="small" onClick={onReply} data-testid="supervision-reply">
            {t('action.reply_supervision')}
          </Button>
        </div>
      )}
      <Typography.Text type="secondary" className="small">
        {t('supervision.createdAt', { time: formatDateTime(s.createdAt, locale) })}
      </Typography.Text>
    </div>
  );
}
