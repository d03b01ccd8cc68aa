/** 案件详情: header, description, parties (real or masked), live history and the actions this user may take. */
import { type Action, type CaseDoc, type CaseEvent, type Claims, type MaskedParty, type Party, allowedActions, maskFreeText } from '@domain';
import { Alert, Button, Card, Col, Descriptions, type DescriptionsProps, Empty, Result, Row, Skeleton, Tag, Timeline, Typography } from 'antd';
import { type ReactNode, useMemo } from 'react';
import { useSignedIn } from '../auth/session';
import { ClassTag, FlagTags, StateTag, TierTag, hasFlags } from '../components/CaseTags';
import { loadErrorText } from '../data/callables';
import { type PartiesState, kindOfUnit, useCase, useCaseEvents, useCaseParties, useEntityName } from '../data/hooks';
import { formatDateTime, useI18n, useLabels } from '../i18n';
import { hrefFor } from '../router';

export default function CaseDetailPage({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const c = useCase(caseId);

  const back = (
    <Button href={hrefFor({ name: 'board' })} data-testid="detail-back">
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
        <Result status={c.status === 'missing' ? '404' : c.status === 'denied' ? '403' : 'error'} title={title} extra={back} data-testid="case-unavailable" />
      </div>
    );
  }
  return <CaseView c={c.data} back={back} />;
}

function CaseView({ c, back }: { c: CaseDoc; back: ReactNode }) {
  const { t, locale } = useI18n();
  const l = useLabels();
  const { user, claims } = useSignedIn();
  const parties = useCaseParties(c.id, c.version ?? 0);
  const gridName = useEntityName('grid', c.gridId);
  const unitName = useEntityName(kindOfUnit(c.unitId), c.unitId);

  const items: DescriptionsProps['items'] = [
    { key: 'state', label: t('detail.state'), children: <StateTag value={c.state} data-testid="case-state" /> },
    { key: 'tier', label: t('detail.tier'), children: <TierTag value={c.tier} data-testid="case-tier" /> },
    { key: 'unit', label: t('detail.unit'), children: unitName ?? c.unitId },
    { key: 'class', label: t('detail.class'), children: <ClassTag value={c.caseClass} data-testid="case-class" /> },
    { key: 'category', label: t('detail.category'), children: <span data-testid="case-category" data-category={c.category}>{l.category(c.category)}</span> },
    { key: 'source', label: t('detail.source'), children: <span data-testid="case-source" data-source={c.source}>{l.source(c.source)}</span> },
    {
      key: 'flags',
      label: t('detail.flags'),
      children: <span data-testid="case-flags">{hasFlags(c.flags) ? <FlagTags flags={c.flags} /> : t('detail.noFlags')}</span>,
    },
    { key: 'grid', label: t('detail.grid'), children: gridName ?? c.gridId },
    {
      key: 'reporter',
      label: t('detail.reporter'),
      children: c.reporter ? t('fmt.withRole', { name: c.reporter.name ?? c.reporter.uid, role: l.role(c.reporter.role) }) : t('detail.none'),
    },
    { key: 'createdAt', label: t('detail.createdAt'), children: formatDateTime(c.createdAt, locale) },
    { key: 'updatedAt', label: t('detail.updatedAt'), children: formatDateTime(c.updatedAt, locale) },
    { key: 'id', label: t('detail.caseId'), children: <Typography.Text copyable={{ text: c.id }} className="mono">{c.id}</Typography.Text> },
  ];
  if (c.departmentIds?.length) {
    items.push({ key: 'departments', label: t('detail.departments'), children: <DepartmentNames ids={c.departmentIds} /> });
  }
  if (c.leader) items.push({ key: 'leader', label: t('detail.leader'), children: c.leader.name ?? c.leader.uid });
  if (c.outcome) items.push({ key: 'outcome', label: t('detail.outcome'), children: l.outcome(c.outcome) });

  return (
    <div className="page" data-testid="case-detail" data-state="ready" data-case-id={c.id}>
      <div className="detail-back">{back}</div>
      <Card className="detail-head">
        <div className="detail-tags">
          <ClassTag value={c.caseClass} />
          <StateTag value={c.state} />
          <TierTag value={c.tier} />
          {c.supervised && <Tag color="red">{t('detail.supervised')}</Tag>}
        </div>
        <Typography.Title level={3} className="detail-title" data-testid="case-title">
          {c.title}
        </Typography.Title>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} items={items} />
      </Card>

      <Row gutter={[16, 16]} className="detail-body">
        <Col xs={24} lg={14}>
          <Card title={t('detail.description')} className="detail-card">
            {parties.status === 'loading' ? (
              <Skeleton active title={false} paragraph={{ rows: 3 }} />
            ) : (
              <Typography.Paragraph className="description" data-testid="case-description">
                {parties.status === 'private' ? c.description : maskFreeText(c.description ?? '')}
              </Typography.Paragraph>
            )}
          </Card>
          <Card title={t('detail.parties')} className="detail-card">
            <Parties state={parties} masked={c.partiesMasked ?? []} />
          </Card>
          <Card title={t('detail.actions')} className="detail-card">
            <AllowedActions claims={claims} uid={user.uid} c={c} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('detail.history')} className="detail-card">
            <History caseId={c.id} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}

function DepartmentNames({ ids }: { ids: string[] }) {
  return (
    <span className="tag-list">
      {ids.map((id) => (
        <DepartmentTag key={id} id={id} />
      ))}
    </span>
  );
}

function DepartmentTag({ id }: { id: string }) {
  const name = useEntityName('department', id);
  return <Tag>{name ?? id}</Tag>;
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
            <li key={i} className="party" data-testid="party">
              <Tag color="blue">{l.partyRole(p.role)}</Tag>
              <span className="party-name">{p.name}</span>
              <span className="party-field">{t('fmt.field', { label: t('detail.partyPhone'), value: p.phone ?? t('detail.none') })}</span>
              <span className="party-field mono">{t('fmt.field', { label: t('detail.partyIdNumber'), value: p.idNumber ?? t('detail.none') })}</span>
              {p.address && <span className="party-field">{t('fmt.field', { label: t('detail.address'), value: p.address })}</span>}
            </li>
          ))}
        </ul>
        {address && (
          <Typography.Paragraph className="party-address">{t('fmt.field', { label: t('detail.address'), value: address })}</Typography.Paragraph>
        )}
      </div>
    );
  }
  return (
    <div data-testid="parties-masked">
      <Alert type="info" showIcon title={t('detail.partiesMaskedNote')} className="party-note" />
      <ul className="party-list">
        {masked.map((p, i) => (
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

function AllowedActions({ claims, uid, c }: { claims: Claims; uid: string; c: CaseDoc }) {
  const { t } = useI18n();
  const l = useLabels();
  const actions = useMemo<Action[]>(() => {
    try {
      return allowedActions(claims, uid, c);
    } catch (e) {
      console.warn('[fengqiao] allowedActions', e);
      return [];
    }
  }, [claims, uid, c]);
  return (
    <div data-testid="allowed-actions">
      {actions.length === 0 ? (
        <Typography.Text type="secondary">{t('detail.actionsNone')}</Typography.Text>
      ) : (
        <div className="tag-list">
          {actions.map((a) => (
            <Tag key={a} color="processing" data-testid="allowed-action" data-action={a}>
              {l.action(a)}
            </Tag>
          ))}
        </div>
      )}
      <Typography.Paragraph type="secondary" className="actions-note">
        {t('detail.actionsNote')}
      </Typography.Paragraph>
    </div>
  );
}

function History({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const events = useCaseEvents(caseId);
  if (events.status === 'loading') return <Skeleton active title={false} paragraph={{ rows: 4 }} />;
  if (events.status === 'error') return <Alert type="error" showIcon title={t('detail.historyError', { message: loadErrorText(events, t) })} />;
  if (events.data.length === 0) return <Empty description={t('detail.historyEmpty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <div data-testid="case-history">
      <Timeline items={events.data.map((e) => ({ key: e.seq, content: <EventItem e={e} /> }))} />
    </div>
  );
}

function EventItem({ e }: { e: CaseEvent }) {
  const { t, locale } = useI18n();
  const l = useLabels();
  const to = e.to ? t('fmt.stateTier', { state: l.state(e.to.state), tier: l.tier(e.to.tier) }) : '';
  const from = e.from ? t('fmt.stateTier', { state: l.state(e.from.state), tier: l.tier(e.from.tier) }) : null;
  return (
    <div className="event" data-testid="case-event" data-seq={e.seq} data-action={e.action}>
      <div className="event-head">
        <strong>{l.action(e.action)}</strong>
        <time className="event-time" dateTime={e.at instanceof Date ? e.at.toISOString() : undefined}>
          {formatDateTime(e.at, locale)}
        </time>
      </div>
      <div className="event-actor">
        {e.actor?.role ? t('fmt.withRole', { name: e.actor.name ?? e.actor.uid, role: l.role(e.actor.role) }) : (e.actor?.name ?? e.actor?.uid)}
      </div>
      <div className="event-transition">{from ? t('detail.transition', { from, to }) : to}</div>
      {e.reason && <div className="event-reason">{t('detail.reason', { reason: e.reason })}</div>}
    </div>
  );
}
