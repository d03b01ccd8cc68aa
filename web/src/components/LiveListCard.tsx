/**
 * A card holding a live list: a skeleton while it loads, the error in plain words, an empty
 * note, or the rows. The registers' recent-entries panels (patrol rounds, key-person visits).
 */
import { Alert, Card, Empty, List, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import type { Loadable } from '../data/hooks';

export function LiveListCard<T>({
  value,
  title,
  empty,
  listTestId,
  className,
  renderItem,
}: {
  value: Loadable<T[]> | null;
  title: ReactNode;
  empty: ReactNode;
  listTestId?: string;
  className?: string;
  renderItem: (item: T) => ReactNode;
}) {
  if (!value || value.status === 'loading') return <Skeleton active />;
  if (value.status === 'error') return <Alert type="error" showIcon title={value.message} />;
  return (
    <Card size="small" title={title} className={className}>
      {value.data.length === 0 ? (
        <Empty description={empty} />
      ) : (
        <List data-testid={listTestId} dataSource={value.data} renderItem={renderItem} />
      )}
    </Card>
  );
}
