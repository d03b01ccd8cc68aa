/** A card with a fixed-height chart area: a placeholder while loading, an explicit empty state, the chart lazily. */
import { Card, Empty } from 'antd';
import { type ReactNode, Suspense } from 'react';
import { useI18n } from '../i18n';

export function ChartCard({
  title,
  testId,
  loading,
  empty,
  emptyText,
  children,
  extra,
  className,
}: {
  title: ReactNode;
  testId: string;
  loading: boolean;
  empty: boolean;
  emptyText?: string;
  children: ReactNode;
  extra?: ReactNode;
  className?: string;
}) {
  const { t } = useI18n();
  const placeholder = <div className="chart-placeholder" aria-hidden="true" />;
  return (
    <Card
      title={title}
      size="small"
      className={`chart-card${className ? ` ${className}` : ''}`}
      data-testid={testId}
      data-state={loading ? 'loading' : empty ? 'empty' : 'ready'}
      extra={extra}
    >
      {loading ? (
        placeholder
      ) : empty ? (
        <Empty className="chart-empty" image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText ?? t('stats.noData')} />
      ) : (
        <Suspense fallback={placeholder}>{children}</Suspense>
      )}
    </Card>
  );
}
