/**
 * 案件查询: by case number, words of the title, or a party's name or phone. The server
 * (`searchCases`) matches personal data by keyed hash and answers only cases the user reads.
 */
import { type CaseSummary, SearchCasesInput } from '@domain';
import { Alert, Empty, Input, Skeleton, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { StateTag, TierTag } from '../components/CaseTags';
import { call, errorMessage } from '../data/callables';
import { formatDateTime, useI18n } from '../i18n';
import { hrefFor, navigate } from '../router';

type State =
  | { status: 'idle' }
  | { status: 'invalid'; message: string }
  | { status: 'loading' }
  | { status: 'ready'; cases: CaseSummary[] }
  | { status: 'error'; message: string };

export default function SearchPage({ q }: { q: string }) {
  const { t } = useI18n();
  const [text, setText] = useState(q);
  const [state, setState] = useState<State>({ status: 'idle' });
  useEffect(() => setText(q), [q]);
  useEffect(() => {
    if (!q) {
      setState({ status: 'idle' });
      return;
    }
    // The same rule the server applies, so a too-short query costs no call.
    const parsed = SearchCasesInput.safeParse({ query: q });
    if (!parsed.success) {
      setState({ status: 'invalid', message: parsed.error.issues[0]?.message ?? t('search.tooShort') });
      return;
    }
    let live = true;
    setState({ status: 'loading' });
    call('searchCases', parsed.data).then(
      (r) => live && setState({ status: 'ready', cases: r.cases }),
      (e) => live && setState({ status: 'error', message: errorMessage(e, t) }),
    );
    return () => {
      live = false;
    };
  }, [q, t]);

  return (
    <div className="page page-narrow" data-testid="search-page" data-state={state.status}>
      <div className="page-head">
        <div className="page-head-text">
          <Typography.Title level={3} className="page-title">
            {t('search.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('search.subtitle')}</Typography.Text>
        </div>
      </div>
      <Input.Search
        value={text}
        onChange={(e) => setText(e.target.value)}
        onSearch={(v) => navigate({ name: 'search', query: { q: v.trim() } }, { replace: true })}
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        enterButton={t('search.button')}
        allowClear
        size="large"
        data-testid="search-input"
      />
      <div className="search-results" aria-live="polite">
        {state.status === 'invalid' && <Alert type="warning" showIcon title={state.message} data-testid="search-invalid" />}
        {state.status === 'error' && <Alert type="error" showIcon title={state.message} data-testid="search-error" />}
        {state.status === 'loading' && <Skeleton active paragraph={{ rows: 3 }} />}
        {state.status === 'ready' && state.cases.length === 0 && <Empty description={t('search.none')} data-testid="search-empty" />}
        {state.status === 'ready' && state.cases.length > 0 && (
          <ul className="search-list" data-testid="search-list">
            {state.cases.map((c) => (
              <SearchHit key={c.id} c={c} />
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

function SearchHit({ c }: { c: CaseSummary }) {
  const { t, locale } = useI18n();
  return (
    <li className="search-hit" data-testid="search-hit" data-case-id={c.id}>
      <a href={hrefFor({ name: 'case', id: c.id })} className="search-hit-title" data-testid="search-open">
        {c.title}
      </a>
      <div className="search-hit-meta muted">
        <StateTag value={c.state} />
        <TierTag value={c.tier} />
        {c.unitName && <span data-testid="search-unit">{c.unitName}</span>}
        <span className="mono">{c.id}</span>
        <span>{t('board.updatedAt', { time: formatDateTime(new Date(c.updatedAt), locale) })}</span>
        {c.matched.map((m) => (
          <Tag key={m}>{t(`search.matched.${m}`)}</Tag>
        ))}
      </div>
    </li>
  );
}

/** The header's search box: Enter opens the results page. */
export function HeaderSearch() {
  const { t } = useI18n();
  const [text, setText] = useState('');
  return (
    <form
      role="search"
      className="header-search"
      onSubmit={(e) => {
        e.preventDefault();
        navigate({ name: 'search', query: { q: text.trim() } });
      }}
    >
      <Input
        size="small"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t('search.headerPlaceholder')}
        aria-label={t('search.label')}
        data-testid="header-search"
        allowClear
      />
    </form>
  );
}
