/**
 * 案件详情: header, the actions this user may take now, description, parties (real or masked),
 * dispatched departments with their check-in state, the leader in charge, the clocks, and the
 * live history.
 */
import {
  type Action,
  type CaseClock,
  type CaseDoc,
  type CaseEvent,
  CLOCK_LABELS,
  type Claims,
  type DispatchSummary,
  type MaskedParty,
  type Party,
  type Tier,
  allowedActions,
  gridLimit,
  takeOverOpensAt,
  maskFreeText,
} from '@domain';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  type DescriptionsProps,
  Empty,
  Modal,
  Result,
  Row,
  Skeleton,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useSignedIn } from '../auth/session';
import { LegalCard } from './case/LegalCard';
import { ClassTag, FlagTags, StateTag, TierTag, hasFlags } from '../components/CaseTags';
import { DeadlineBadge } from '../components/DeadlineBadge';
import { PersonName } from '../components/StaffPicker';
import { loadErrorText } from '../data/callables';
import { type PartiesState, kindOfUnit, useCase, useCaseEvents, useCaseParties, useEntityName, shownName } from '../data/hooks';
import { formatDateTime, useI18n, useLabels } from '../i18n';
import { hrefFor } from '../router';
import { ActionForm } from './case/ActionForm';
import { CasePoint } from './case/CasePoint';
import { TypicalCasePublish, canPublishTypical } from './case/TypicalCasePublish';
import { MediationPanel } from './case/MediationPanel';

export default function CaseDetailPage({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const c = useCase(caseId);

  const back = (
    <Button onClick={() => (history.length > 1 ? history.back() : (location.hash = hrefFor({ name: 'home' })))} data-testid="detail-back">
      ← {t('detail.back')}
    </Button>
  );

  if (c.status === 'loading') {
    return (
      <div className="page" data-testid="case-detail" data-state="loading">
        <div className="detail-back">{back}</div>
        <Card role="status" aria-label={t('detail.loading')}>
          <Skeleton active paragraph={{ rows: 5 }} />
        </Card>
      </div>
    );
  }
  if (c.status !== 'ready') {
    const title = c.status === 'missing' ? t('detail.notFound') : c.status === 'denied' ? t('detail.forbidden') : loadErrorText(c, t);
    return (
      <div className="page" data-testid="case-detail" data-state={c.status}>
        <Result
          status={c.status === 'missing' ? '404' : c.status === 'denied' ? '403' : 'error'}
          title={title}
          extra={back}
          data-testid="case-unavailable"
        />
      </div>
    );
  }
  return <CaseView c={c.data} back={back} />;
}

function CaseView({ c, back }: { c: CaseDoc; back: ReactNode }) {
  const { t, locale } = useI18n();
  const l = useLabels();
  const { user, claims, profile } = useSignedIn();
  const parties = useCaseParties(c.id, c.version ?? 0);
  const gridName = useEntityName('grid', c.gridId);
  const unitName = useEntityName(kindOfUnit(c.unitId), c.unitId);

  const items: DescriptionsProps['items'] = [
    { key: 'state', label: t('detail.state'), children: <StateTag value={c.state} data-testid="case-state" /> },
    { key: 'tier', label: t('detail.tier'), children: <TierTag value={c.tier} data-testid="case-tier" /> },
    {
      key: 'unit',
      label: t('detail.unit'),
      children: (
        <span data-testid="case-unit" data-unit={c.unitId}>
          {shownName(unitName)}
        </span>
      ),
    },
    { key: 'class', label: t('detail.class'), children: <ClassTag value={c.caseClass} data-testid="case-class" /> },
    {
      key: 'category',
      label: t('detail.category'),
      children: (
        <span data-testid="case-category" data-category={c.category}>
          {l.category(c.category)}
        </span>
      ),
    },
    {
      key: 'source',
      label: t('detail.source'),
      children: (
        <span data-testid="case-source" data-source={c.source}>
          {l.source(c.source)}
        </span>
      ),
    },
    {
      key: 'flags',
      label: t('detail.flags'),
      children: <span data-testid="case-flags">{hasFlags(c.flags) ? <FlagTags flags={c.flags} /> : t('detail.noFlags')}</span>,
    },
    { key: 'grid', label: t('detail.grid'), children: shownName(gridName) },
    {
      key: 'reporter',
      label: t('detail.reporter'),
      children: c.reporter ? (
        <>
          {c.reporter.name ?? <PersonName uid={c.reporter.uid} />}
          {t('fmt.roleSuffix', { role: l.role(c.reporter.role) })}
        </>
      ) : (
        t('detail.none')
      ),
    },
    {
      key: 'handler',
      label: t('detail.handler'),
      children: <span data-testid="case-handler">{c.handlerUid ? <PersonName uid={c.handlerUid} /> : t('detail.none')}</span>,
    },
    ...(c.mediatorUids.length
      ? [
          {
            key: 'mediators',
            label: t('detail.mediators'),
            children: (
              <span data-testid="case-mediators">
                {c.mediatorUids.map((u, i) => (
                  <span key={u}>
                    {i > 0 && t('fmt.enum')}
                    <PersonName uid={u} />
                  </span>
                ))}
              </span>
            ),
          },
        ]
      : []),
    { key: 'createdAt', label: t('detail.createdAt'), children: formatDateTime(c.createdAt, locale) },
    { key: 'updatedAt', label: t('detail.updatedAt'), children: formatDateTime(c.updatedAt, locale) },
    {
      key: 'id',
      label: t('detail.caseId'),
      children: (
        <Typography.Text copyable={{ text: c.id }} className="mono">
          {c.id}
        </Typography.Text>
      ),
    },
  ];
  if (c.outcome)
    items.push({ key: 'outcome', label: t('detail.outcome'), children: <span data-testid="case-outcome">{l.outcome(c.outcome)}</span> });
  if (c.resolutionNote) items.push({ key: 'resolutionNote', label: t('detail.resolutionNote'), children: c.resolutionNote });
  if (c.satisfaction)
    items.push({
      key: 'satisfaction',
      label: t('detail.satisfaction'),
      children: <span data-testid="case-satisfaction">{l.satisfaction(c.satisfaction)}</span>,
    });
  if (c.referral)
    items.push({ key: 'referral', label: t('detail.referral'), children: `${l.referral(c.referral.to)} · ${c.referral.note}` });
  if (c.duplicateOf)
    items.push({
      key: 'duplicateOf',
      label: t('detail.duplicateOf'),
      children: <a href={hrefFor({ name: 'case', id: c.duplicateOf })}>{c.duplicateOf}</a>,
    });

  return (
    <div
      className="page"
      data-testid="case-detail"
      data-state="ready"
      data-case-id={c.id}
      data-case-state={c.state}
      data-case-tier={c.tier}
      data-version={c.version}
    >
      <div className="detail-back">
        {back}
        <span className="detail-print">
          <Button href={hrefFor({ name: 'print', id: c.id, doc: 'receipt' })} data-testid="print-receipt">
            {t('print.printReceipt')}
          </Button>
          <Button href={hrefFor({ name: 'print', id: c.id, doc: 'form' })} data-testid="print-form">
            {t('print.printForm')}
          </Button>
        </span>
      </div>
      <Card className="detail-head">
        <div className="detail-tags">
          <ClassTag value={c.caseClass} />
          <StateTag value={c.state} />
          <TierTag value={c.tier} />
          {c.supervised && <Tag color="red">{t('detail.supervised')}</Tag>}
          {c.overdue && (
            <Tag color="error" data-testid="case-overdue">
              <span aria-hidden="true">⚠ </span>
              {t('dash.kpi.overdue')}
            </Tag>
          )}
          {c.reopenCount > 0 && <Tag color="orange">{t('detail.reopened', { n: c.reopenCount })}</Tag>}
          {c.nextDeadlineAt && <DeadlineBadge dueAt={c.nextDeadlineAt} />}
        </div>
        <Typography.Title level={3} className="detail-title" data-testid="case-title">
          {/* The case carries its title masked; those handling it read the original with the parties. */}
          {parties.status === 'private' && parties.data.title ? parties.data.title : c.title}
        </Typography.Title>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3, xxl: 4 }} items={items} />
      </Card>

      <Row gutter={[16, 16]} className="detail-body">
        <Col xs={24} lg={14} xxl={15}>
          <Card title={t('detail.actions')} className="detail-card actions-card">
            <AllowedActions claims={claims} uid={user.uid} displayName={profile?.displayName ?? null} c={c} />
            {canPublishTypical(claims, c) && <TypicalCasePublish c={c} />}
          </Card>
          <MediationPanel c={c} claims={claims} uid={user.uid} />
          {c.petition && (
            <Card title={t('detail.petition')} className="detail-card" data-testid="case-petition">
              <Descriptions
                size="small"
                column={{ xs: 1, sm: 2 }}
                items={[
                  ...(c.petition.receivedBy
                    ? [
                        {
                          key: 'receivedBy',
                          label: t('detail.receivedBy'),
                          children: (
                            <span data-testid="case-received-by" data-uid={c.petition.receivedBy.uid}>
                              {c.petition.receivedBy.title
                                ? t('fmt.withRole', { name: c.petition.receivedBy.name, role: c.petition.receivedBy.title })
                                : c.petition.receivedBy.name}
                            </span>
                          ),
                        },
                        { key: 'dutyDate', label: t('detail.dutyDate'), children: c.petition.receivedBy.dutyDate },
                      ]
                    : []),
                  { key: 'channel', label: t('detail.petitionChannel'), children: t(`detail.channel.${c.petition.channel}`) },
                  {
                    key: 'flags',
                    label: t('detail.petitionFlags'),
                    children:
                      [
                        c.petition.repeat ? t('walkin.repeat') : null,
                        c.petition.skipLevel ? t('walkin.skipLevel') : null,
                        c.flags.group ? t('flag.group') : null,
                      ]
                        .filter(Boolean)
                        .join(t('fmt.enum')) || t('detail.none'),
                  },
                ]}
              />
            </Card>
          )}
          <LegalCard c={c} />
          {c.dispatches.length > 0 && (
            <Card title={t('detail.dispatches')} className="detail-card">
              <Dispatches c={c} />
            </Card>
          )}
          {c.leader && (
            <Card title={t('detail.leader')} className="detail-card" data-testid="case-leader">
              <Descriptions
                size="small"
                column={1}
                items={[
                  { key: 'name', label: t('detail.leaderName'), children: c.leader.name ?? <PersonName uid={c.leader.uid} /> },
                  {
                    key: 'team',
                    label: t('detail.leaderTeam'),
                    children: c.leader.team.length ? c.leader.team.join(t('fmt.enum')) : t('detail.none'),
                  },
                  { key: 'plan', label: t('detail.leaderPlan'), children: <span className="pre">{c.leader.plan}</span> },
                  { key: 'due', label: t('detail.leaderDue'), children: c.leader.dueDate },
                  { key: 'at', label: t('detail.leaderAssignedAt'), children: formatDateTime(c.leader.assignedAt, locale) },
                ]}
              />
            </Card>
          )}
          {c.supervisions.length > 0 && (
            <Card title={t('detail.supervisions')} className="detail-card" data-testid="case-supervisions">
              <ul className="dispatch-list">
                {c.supervisions.map((s) => (
                  <li key={s.id} className="dispatch" data-testid="supervision" data-supervision-state={s.state}>
                    <span className="dispatch-name">
                      {kindOfUnit(s.assigneeUnit) === 'department' ? (
                        <DepartmentName id={s.assigneeUnit} />
                      ) : (
                        <UnitLabel id={s.assigneeUnit} />
                      )}
                    </span>
                    <Tag color={s.state === 'open' ? 'gold' : 'green'}>
                      <span aria-hidden="true">{s.state === 'open' ? '○ ' : '● '}</span>
                      {t(s.state === 'open' ? 'detail.supervisionOpen' : 'detail.supervisionReplied')}
                    </Tag>
                    <span className="dispatch-times">{t('detail.supervisionDue', { date: s.dueDate })}</span>
                    <div className="pre supervision-text">{s.instruction}</div>
                    {s.reply && (
                      <div className="pre muted">
                        {t('event.feedback')}
                        {t('fmt.colon')}
                        {s.reply}
                      </div>
                    )}
                    {s.petitionerReply && (
                      <div className="pre muted">
                        {t('detail.petitionerReply')}
                        {t('fmt.colon')}
                        {s.petitionerReply}
                      </div>
                    )}
                  </li>
                ))}
              </ul>
            </Card>
          )}
          <Card title={t('detail.description')} className="detail-card">
            {parties.status === 'loading' ? (
              <Skeleton active title={false} paragraph={{ rows: 3 }} />
            ) : (
              <Typography.Paragraph className="description" data-testid="case-description">
                {parties.status === 'private' ? parties.data.description || c.description : maskFreeText(c.description ?? '')}
              </Typography.Paragraph>
            )}
          </Card>
          <Card title={t('detail.parties')} className="detail-card">
            <Parties state={parties} masked={c.partiesMasked ?? []} />
            {/* The point is kept with the parties: shown only to those who read them. */}
            {parties.status === 'private' && parties.data.location ? (
              <CasePoint location={parties.data.location} villageId={c.villageId} gridId={c.gridId} />
            ) : null}
          </Card>
          <Card title={t('detail.clocks')} className="detail-card">
            <Clocks c={c} />
          </Card>
        </Col>
        <Col xs={24} lg={10} xxl={9}>
          <Card title={t('detail.history')} className="detail-card">
            <History caseId={c.id} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}

function UnitLabel({ id }: { id: string }) {
  const name = useEntityName(kindOfUnit(id), id);
  return <>{shownName(name)}</>;
}

function DepartmentName({ id }: { id: string }) {
  const name = useEntityName('department', id);
  return <>{shownName(name)}</>;
}

const DISPATCH_COLOUR: Record<DispatchSummary['state'], string> = { dispatched: 'gold', checked_in: 'blue', reported_back: 'green' };
const DISPATCH_ICON: Record<DispatchSummary['state'], string> = { dispatched: '○', checked_in: '◐', reported_back: '●' };

function Dispatches({ c }: { c: CaseDoc }) {
  const { t, locale } = useI18n();
  const l = useLabels();
  return (
    <ul className="dispatch-list" data-testid="case-dispatches">
      {c.dispatches.map((d) => {
        const checkin = c.clocks.find(
          (k) => k.kind === 'dept_checkin' && k.subject === d.departmentId && (k.state === 'running' || k.state === 'breached'),
        );
        return (
          <li
            key={d.departmentId}
            className="dispatch"
            data-testid="dispatch"
            data-department={d.departmentId}
            data-dispatch-state={d.state}
          >
            <span className="dispatch-name">
              <DepartmentName id={d.departmentId} />
            </span>
            <Tag color={DISPATCH_COLOUR[d.state]} data-testid="dispatch-state">
              <span aria-hidden="true">{DISPATCH_ICON[d.state]} </span>
              {l.dispatchState(d.state)}
            </Tag>
            {d.emergency && <Tag color="red">{t('detail.emergency')}</Tag>}
            <span className="dispatch-times">
              {t('detail.dispatchedAt', { time: formatDateTime(d.dispatchedAt, locale) })}
              {d.checkedInAt && ` · ${t('detail.checkedInAt', { time: formatDateTime(d.checkedInAt, locale) })}`}
              {d.reportedBackAt && ` · ${t('detail.reportedBackAt', { time: formatDateTime(d.reportedBackAt, locale) })}`}
            </span>
            {d.state === 'dispatched' && checkin?.dueAt && <DeadlineBadge dueAt={checkin.dueAt} compact />}
          </li>
        );
      })}
    </ul>
  );
}

const CLOCK_STATE_COLOUR: Record<CaseClock['state'], string> = {
  running: 'processing',
  paused: 'purple',
  met: 'success',
  breached: 'error',
  stopped: 'default',
};

function Clocks({ c }: { c: CaseDoc }) {
  const { t, locale } = useI18n();
  const l = useLabels();
  if (!c.clocks.length) return <Typography.Text type="secondary">{t('detail.noClocks')}</Typography.Text>;
  // Running first, then the rest newest first.
  const sorted = [...c.clocks].sort(
    (a, b) => (a.state === 'running' ? 0 : 1) - (b.state === 'running' ? 0 : 1) || b.startedAt.getTime() - a.startedAt.getTime(),
  );
  return (
    <div className="clock-table" role="table" aria-label={t('detail.clocks')} data-testid="case-clocks">
      <div className="clock-row clock-head" role="row">
        <span role="columnheader">{t('clock.col.kind')}</span>
        <span role="columnheader">{t('clock.col.state')}</span>
        <span role="columnheader">{t('clock.col.due')}</span>
      </div>
      {sorted.map((k) => (
        <div className="clock-row" role="row" key={k.id} data-testid="clock" data-kind={k.kind} data-clock-state={k.state}>
          <span role="cell" className="clock-kind">
            {locale === 'zh-CN' ? CLOCK_LABELS[k.kind] : l.clock(k.kind)}
            {k.subject && (
              <span className="muted">
                {' · '}
                <ClockSubject c={c} k={k} />
              </span>
            )}
          </span>
          <span role="cell">
            <Tag color={CLOCK_STATE_COLOUR[k.state]}>{l.clockState(k.state)}</Tag>
            {k.calendarGap && <Tag color="warning">{t('clock.calendarGap')}</Tag>}
          </span>
          <span role="cell" className="clock-due">
            {k.state === 'running' && k.dueAt ? (
              <DeadlineBadge dueAt={k.dueAt} />
            ) : k.state === 'paused' ? (
              <DeadlineBadge dueAt={k.dueAt} paused />
            ) : (
              formatDateTime(k.dueAt, locale)
            )}
          </span>
        </div>
      ))}
    </div>
  );
}

/** What a clock is about: a tier, a department, a 督办件's unit, or a re-check's day count. */
function ClockSubject({ c, k }: { c: CaseDoc; k: CaseClock }) {
  const { t } = useI18n();
  const l = useLabels();
  if (!k.subject) return null;
  if (k.kind === 'tier') return <>{l.tier(k.subject as Tier)}</>;
  if (k.kind === 'recheck') return <>{t('followups.recheckDays', { n: k.subject })}</>;
  if (k.kind === 'supervision') {
    const item = c.supervisions.find((s) => s.id === k.subject);
    return item ? (
      kindOfUnit(item.assigneeUnit) === 'department' ? (
        <DepartmentName id={item.assigneeUnit} />
      ) : (
        <UnitLabel id={item.assigneeUnit} />
      )
    ) : (
      k.subject
    );
  }
  return <DepartmentName id={k.subject} />;
}

function Parties({ state, masked }: { state: PartiesState; masked: MaskedParty[] }) {
  const { t } = useI18n();
  const l = useLabels();
  if (state.status === 'loading') {
    return (
      <div aria-busy="true" role="status" aria-label={t('detail.partiesLoading')}>
        <Skeleton active title={false} paragraph={{ rows: 2 }} />
      </div>
    );
  }
  if (state.status === 'private') {
    const { parties, address } = state.data;
    return (
      <div data-testid="parties-private">
        <ul className="party-list">
          {(parties ?? []).map((p: Party, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: items identified by position in a fixed, never reordered list
            <li key={i} className="party" data-testid="party">
              <Tag color="blue">{l.partyRole(p.role)}</Tag>
              <span className="party-name">{p.name}</span>
              <span className="party-field">{t('fmt.field', { label: t('detail.partyPhone'), value: p.phone ?? t('detail.none') })}</span>
              <span className="party-field mono">
                {t('fmt.field', { label: t('detail.partyIdNumber'), value: p.idNumber ?? t('detail.none') })}
              </span>
              {p.address && <span className="party-field">{t('fmt.field', { label: t('detail.address'), value: p.address })}</span>}
            </li>
          ))}
        </ul>
        {address && (
          <Typography.Paragraph className="party-address">
            {t('fmt.field', { label: t('detail.address'), value: address })}
          </Typography.Paragraph>
        )}
      </div>
    );
  }
  return (
    <div data-testid="parties-masked">
      <Alert type="info" showIcon title={t('detail.partiesMaskedNote')} className="party-note" />
      <ul className="party-list">
        {masked.map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: items identified by position in a fixed, never reordered list
          <li key={i} className="party" data-testid="party">
            <Tag>{l.partyRole(p.role)}</Tag>
            <span className="party-name">{p.name}</span>
            <span className="party-field">{t('fmt.field', { label: t('detail.partyPhone'), value: p.phone ?? t('detail.none') })}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The primary actions come first (what moves the case on); the rest follow. */
const PRIMARY: readonly Action[] = [
  'accept',
  'check_in',
  'reply_supervision',
  'dispatch',
  'resolve',
  'escalate',
  'callback',
  'close',
  'department_feedback',
  'resume',
  'recheck',
];

function AllowedActions({ claims, uid, displayName, c }: { claims: Claims; uid: string; displayName: string | null; c: CaseDoc }) {
  const { t } = useI18n();
  const l = useLabels();
  const [open, setOpen] = useState<Action | null>(null);
  const actions = useMemo<Action[]>(() => {
    try {
      const list = allowedActions(claims, uid, c);
      return [
        ...list.filter((a) => PRIMARY.includes(a)).sort((a, b) => PRIMARY.indexOf(a) - PRIMARY.indexOf(b)),
        ...list.filter((a) => !PRIMARY.includes(a)),
      ];
    } catch (e) {
      console.warn('[fengqiao] allowedActions', e);
      return [];
    }
  }, [claims, uid, c]);
  return (
    <div data-testid="allowed-actions" data-actions={actions.join(' ')}>
      <NextStep claims={claims} c={c} />
      {actions.length === 0 ? (
        <Typography.Text type="secondary" data-testid="actions-none">
          {t('detail.actionsNone')}
        </Typography.Text>
      ) : (
        <div className="action-buttons">
          {actions.map((a, i) => (
            <Button key={a} type={i === 0 ? 'primary' : 'default'} onClick={() => setOpen(a)} data-testid={`action-${a}`} data-action={a}>
              {l.action(a)}
            </Button>
          ))}
        </div>
      )}
      <Modal
        open={open !== null}
        title={open ? l.action(open) : ''}
        onCancel={() => setOpen(null)}
        footer={null}
        destroyOnHidden
        width={560}
        data-testid="action-modal"
      >
        {open && (
          <ActionForm
            action={open}
            c={c}
            claims={claims}
            uid={uid}
            displayName={displayName}
            onDone={() => setOpen(null)}
            onCancel={() => setOpen(null)}
          />
        )}
      </Modal>
    </div>
  );
}

/**
 * What happens next and who acts — shown with the actions, so nobody meets a dead end: a
 * grid-tier case tells the village the grid worker's limit and when it may take over (接管).
 */
function NextStep({ claims, c }: { claims: Claims; c: CaseDoc }) {
  const { t, locale } = useI18n();
  const l = useLabels();
  const [now] = useState(() => new Date());
  const fmt = (d: Date) => formatDateTime(d, locale);
  const tierLimit = c.clocks.find((k) => k.kind === 'tier' && k.subject === c.tier && (k.state === 'running' || k.state === 'breached'));
  const due = tierLimit?.dueAt ? t('detail.next.dueSuffix', { due: fmt(tierLimit.dueAt) }) : '';
  const tier = l.tier(c.tier);
  const lines: string[] = [];
  if (c.state === 'reported' && c.tier === 'grid') {
    const name = c.reporter.name ?? '';
    const k = gridLimit(c);
    lines.push(k?.dueAt ? t('detail.next.grid', { name, due: fmt(k.dueAt) }) : t('detail.next.gridNoDue', { name }));
    if (claims.r === 'grid_worker') lines.push(t('detail.next.gridSelf'));
    else {
      const opens = takeOverOpensAt(c);
      lines.push(opens && opens > now ? t('detail.next.takeOverFrom', { at: fmt(opens) }) : t('detail.next.takeOverNow'));
    }
  } else if (c.state === 'reported') lines.push(t('detail.next.waiting', { tier, due }));
  else if (c.state === 'accepted' || c.state === 'in_progress') lines.push(t('detail.next.handling', { tier, due }));
  else if (c.state === 'suspended') lines.push(t('detail.next.suspended', { tier }));
  else if (c.state === 'resolved') lines.push(t('detail.next.resolved', { tier }));
  else if (c.state === 'closed') lines.push(t('detail.next.closed'));
  else lines.push(t('detail.next.ended', { state: l.state(c.state) }));
  return (
    <Alert
      type="info"
      showIcon
      className="next-step"
      data-testid="next-step"
      title={t('detail.next.title')}
      description={lines.map((x) => <div key={x}>{x}</div>)}
    />
  );
}

function History({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const events = useCaseEvents(caseId);
  if (events.status === 'loading') return <Skeleton active title={false} paragraph={{ rows: 4 }} />;
  if (events.status === 'error')
    return <Alert type="error" showIcon title={t('detail.historyError', { message: loadErrorText(events, t) })} />;
  if (events.data.length === 0) return <Empty description={t('detail.historyEmpty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <div data-testid="case-history" data-count={events.data.length}>
      <Timeline items={[...events.data].reverse().map((e) => ({ key: e.seq, content: <EventItem e={e} /> }))} />
    </div>
  );
}

function EventItem({ e }: { e: CaseEvent }) {
  const { t, locale } = useI18n();
  const l = useLabels();
  const to = e.to ? t('fmt.stateTier', { state: l.state(e.to.state), tier: l.tier(e.to.tier) }) : '';
  const from = e.from ? t('fmt.stateTier', { state: l.state(e.from.state), tier: l.tier(e.from.tier) }) : null;
  const details: ReactNode[] = [];
  const text = (k: 'instructions' | 'feedback' | 'summary' | 'progress', v: string | undefined) => {
    if (typeof v === 'string')
      details.push(
        <span key={k} className="pre">
          {t(`event.${k}`)}
          {t('fmt.colon')}
          {v}
        </span>,
      );
  };
  const dept = (id: string) => {
    if (typeof id === 'string')
      details.push(
        <span key="dept">
          {t('event.department')}
          {t('fmt.colon')}
          <DepartmentName id={id} />
        </span>,
      );
  };
  // Each action's data has its own shape (CaseEvent is a union on `action`); a stored event that
  // does not match its schema is still shown (data/convert.ts), so fields are checked as read.
  if (e.data) {
    switch (e.action) {
      case 'dispatch':
        if (Array.isArray(e.data.departmentIds))
          details.push(
            <span key="depts">
              {t('event.departments')}
              {t('fmt.colon')}
              {e.data.departmentIds.map((id, i) => (
                <span key={id}>
                  {i > 0 && t('fmt.enum')}
                  <DepartmentName id={id} />
                </span>
              ))}
            </span>,
          );
        if (e.data.emergency === true)
          details.push(
            <Tag key="em" color="red">
              {t('detail.emergency')}
            </Tag>,
          );
        text('instructions', e.data.instructions);
        break;
      case 'check_in':
        dept(e.data.departmentId);
        break;
      case 'department_feedback':
        dept(e.data.departmentId);
        text('feedback', e.data.feedback);
        break;
      case 'resolve':
        if (typeof e.data.outcome === 'string')
          details.push(
            <span key="outcome">
              {t('detail.outcome')}
              {t('fmt.colon')}
              {l.outcome(e.data.outcome)}
            </span>,
          );
        break;
      case 'recheck':
        if (e.data.result === 'stable' || e.data.result === 'relapse')
          details.push(
            <span key="result">
              {t('event.result')}
              {t('fmt.colon')}
              {t(e.data.result === 'stable' ? 'form.recheckStable' : 'form.recheckRelapse')}
            </span>,
          );
        break;
      case 'callback':
        if (typeof e.data.satisfaction === 'string')
          details.push(
            <span key="sat">
              {t('detail.satisfaction')}
              {t('fmt.colon')}
              {l.satisfaction(e.data.satisfaction)}
            </span>,
          );
        break;
      case 'record_mediation':
        text('summary', e.data.summary);
        break;
      case 'assign_handler':
      case 'assign_mediator':
      case 'assign_leader': {
        const who =
          e.action === 'assign_handler' ? e.data.handlerUid : e.action === 'assign_mediator' ? e.data.mediatorUid : e.data.leaderUid;
        if (typeof who === 'string')
          details.push(
            <span key="person" data-testid="event-person">
              {t(
                e.action === 'assign_handler'
                  ? 'detail.handler'
                  : e.action === 'assign_mediator'
                    ? 'detail.mediators'
                    : 'detail.leaderName',
              )}
              {t('fmt.colon')}
              <PersonName uid={who} />
            </span>,
          );
        break;
      }
      case 'leader_progress':
        text('progress', e.data.progress);
        break;
      default:
        break;
    }
  }
  return (
    <div className="event" data-testid="case-event" data-seq={e.seq} data-action={e.action}>
      <div className="event-head">
        <strong>{l.action(e.action)}</strong>
        <time className="event-time" dateTime={e.at instanceof Date ? e.at.toISOString() : undefined}>
          {formatDateTime(e.at, locale)}
        </time>
      </div>
      <div className="event-actor">
        {e.actor?.name ?? (e.actor?.uid ? <PersonName uid={e.actor.uid} /> : null)}
        {e.actor?.role ? t('fmt.roleSuffix', { role: l.role(e.actor.role) }) : null}
      </div>
      <div className="event-transition">{from ? t('detail.transition', { from, to }) : to}</div>
      {e.reason && <div className="event-reason">{t('detail.reason', { reason: e.reason })}</div>}
      {details.length > 0 && <div className="event-details">{details}</div>}
    </div>
  );
}
