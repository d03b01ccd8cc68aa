/** Small pieces the administration tabs share. */
import type { RegionDoc } from '@domain';
import { Select } from 'antd';
import { useEffect } from 'react';
import { type Loadable, rememberNames } from '../../data/hooks';
import { useI18n } from '../../i18n';

export function RegionPicker({
  id,
  testId,
  list,
  value,
  onChange,
  placeholder,
  allowClear,
}: {
  id?: string;
  testId: string;
  list: Loadable<{ id: string; name: string }[]> | null;
  value: string | null | undefined;
  onChange: (v: string | null) => void;
  placeholder: string;
  allowClear?: boolean;
}) {
  const { t } = useI18n();
  useEffect(() => {
    if (list?.status === 'ready') rememberNames(list.data[0] && /^\d{15}$/.test(list.data[0].id) ? 'grid' : 'region', list.data);
  }, [list]);
  return (
    <Select<string>
      id={id}
      data-testid={testId}
      className="region-picker"
      value={value ?? undefined}
      placeholder={placeholder}
      onChange={(v) => onChange(v ?? null)}
      allowClear={allowClear}
      options={list?.status === 'ready' ? list.data.map((r) => ({ value: r.id, label: r.name })) : []}
      loading={list?.status === 'loading'}
      disabled={list?.status !== 'ready'}
      status={list?.status === 'error' ? 'error' : undefined}
      notFoundContent={list?.status === 'error' ? t('report.loadError', { message: list.message }) : undefined}
      showSearch={{ optionFilterProp: 'label' }}
      virtual={false}
    />
  );
}

export type { RegionDoc };

/** Field errors from a failed callable, by the payload's top-level key. */
export function topLevel(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) {
    const key = k.split('.')[0]!;
    if (!(key in out)) out[key] = v;
  }
  return out;
}
