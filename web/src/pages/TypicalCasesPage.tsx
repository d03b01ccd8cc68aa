/**
 * 典型案例: closed cases published for the county, anonymised by the server (当事人甲/乙…, numbers
 * masked, addresses removed) — readable by everyone signed in in the county, live.
 */
import { CATEGORIES, type Category, OUTCOMES, type Outcome } from '@domain';
import { Alert, Card, Empty, Select, Skeleton, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSignedIn } from '../auth/session';
import { TierTag } from '../components/CaseTags';
import { TYPICAL_LIMIT } from '../data/budget';
import { loadErrorText } from '../data/callables';
import type { TypicalCaseDoc } from '../data/docs';
import { useTypicalCases } from '../data/stats-hooks';
import { formatDateTime, useI18n, useLabels } from '../i18n';

export default function TypicalCasesPage() {
  const { t } = useI18n();
  const l = useLabels();
  const { claims } = useSignedIn();
  const list = useTypicalCases(claims.c);
  const [category, setCategory] = useState<string>('');
  const all = list.status === 'ready' ? list.data : [];
  const present = useMemo(() => CATEGORIES.filter((c) => all.some((x) => x.category === c)), [all]);
  const shown = category ? all.filter((x) => x.category === category) : all;
  return (
    <div className="page page-wide" data-testid="typical" data-state={list.status}>
      <div className="page-head">
        <div className="page-head-text">
          <Typography.Title level={3} className="page-title">
            {t('typical.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('typical.subtitle')}</Typography.Text>
        </div>
        {present.length > 1 && (
          <Select<string>
            value={category}
            onChange={setCategory}
            options={[{ value: '', label: t('typical.allCategories') }, ...present.map((c) => ({ value: c, label: l.category(c) }))]}
            aria-label={t('report.category')}
            data-testid="typical-category"
            className="unit-select"
            virtual={false}
          />
        )}
      </div>
      {list.status === 'error' && <Alert type="error" showIcon title={loadErrorText(list, t)} />}
      <div className="typical-list" role="list" aria-busy={list.status === 'loading'} data-testid="typical-list" data-count={shown.length}>
        {/* biome-ignore lint/suspicious/noArrayIndexKey: items identified by position in a fixed, never reordered list */}
        {list.status === 'loading' && Array.from({ length: 2 }, (_, i) => <Skeleton key={i} active paragraph={{ rows: 5 }} />)}
        {list.status === 'ready' && shown.length === 0 && <Empty description={t('typical.none')} data-testid="typical-empty" />}
        {shown.map((x) => (
          <TypicalCard key={x.caseId} x={x} />
        ))}
      </div>
      {all.length >= TYPICAL_LIMIT && <div className="list-more muted">{t('dash.limited', { n: TYPICAL_LIMIT })}</div>}
    </div>
  );
}

function TypicalCard({ x }: { x: TypicalCaseDoc }) {
  const { t, locale } = useI18n();
  const l = useLabels();
  return (
    <Card
      role="listitem"
      size="small"
      className="typical-card"
      data-testid="typical-case"
      data-case-id={x.caseId}
      title={<span className="typical-title">{x.title}</span>}
    >
      <div className="detail-tags">
        <Tag color="blue">
          {(CATEGORIES as readonly string[]).includes(x.category) ? l.category(x.category as Category) : x.categoryLabel}
        </Tag>
        <TierTag value={x.tier} />
        {x.outcome && (OUTCOMES as readonly string[]).includes(x.outcome) && <Tag color="green">{l.outcome(x.outcome as Outcome)}</Tag>}
      </div>
      <dl className="typical-body">
        <dt>{t('typical.summary')}</dt>
        <dd className="pre">{x.summary || t('detail.none')}</dd>
        <dt>{t('typical.resolution')}</dt>
        <dd className="pre">{x.resolution || t('detail.none')}</dd>
        <dt>{t('typical.lesson')}</dt>
        <dd className="pre typical-lesson">{x.lesson}</dd>
      </dl>
      <Typography.Text type="secondary" className="small">
        {t('typical.publishedAt', { time: formatDateTime(x.publishedAt, locale) })}
      </Typography.Text>
    </Card>
  );
}
