/** Small pieces the administration tabs share. */
import { type Claims, type RegionDoc, isAreaCode } from '@domain';
import { Alert, Empty, Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { type Loadable, rememberNames, useAdminAreas } from '../../data/hooks';
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

// ── a city's or province's administrator (issue 16) ─────────────────────────────────────────

/**
 * The county a county-scoped tab (grids, departments, policy, courts, mediation) shows: a county
 * administrator's own; a city's or province's administrator (no county claim) picks one of the
 * counties of the area. The pick is kept while the administrator moves between tabs.
 */
let pickedCounty: string | null = null;

export interface TabCounty {
  /** The county shown, or null while an upper administrator has not picked one. */
  countyId: string | null;
  /** A city's or province's administrator: the county's data is read-only here. */
  upper: boolean;
  /** The county's data may be changed here (the server refuses an upper administrator: domain/admin.ts requireAdminOf). */
  editable: boolean;
  setCountyId: (v: string | null) => void;
}

export function useTabCounty(claims: Claims): TabCounty {
  const upper = !claims.c && isAreaCode(claims.u);
  const [picked, setPicked] = useState<string | null>(() => (upper && pickedCounty?.startsWith(claims.u) ? pickedCounty : null));
  if (!upper) return { countyId: claims.c || null, upper: false, editable: claims.r === 'admin' && !!claims.c, setCountyId: () => {} };
  return {
    countyId: picked,
    upper: true,
    editable: false,
    setCountyId: (v) => {
      pickedCounty = v;
      setPicked(v);
    },
  };
}

/** The counties of a city's or province's area, by name (a province's prefixed by their city's). */
export function useAreaCounties(claims: Claims): Loadable<{ id: string; name: string }[]> | null {
  const areas = useAdminAreas(claims);
  return useMemo(() => {
    if (areas?.status !== 'ready') return areas;
    const cities = new Map(areas.data.filter((a) => a.id.length === 4).map((a) => [a.id, a.name]));
    const counties = areas.data
      .filter((a) => /^\d{6}$/.test(a.id))
      .map((a) => {
        const city = claims.u.length === 2 ? cities.get(a.id.slice(0, 4)) : undefined;
        return { id: a.id, name: city ? `${city} · ${a.name}` : a.name };
      });
    return { status: 'ready' as const, data: counties };
  }, [areas, claims.u]);
}

/**
 * The county picker and the read-only note an upper administrator sees above a county-scoped
 * tab; nothing for a county administrator. `what` names what the county keeps (网格, 部门…).
 */
export function UpperCountyBar({ claims, county, what }: { claims: Claims; county: TabCounty; what: string }) {
  const { t } = useI18n();
  const counties = useAreaCounties(claims);
  if (!county.upper) return null;
  const none = counties?.status === 'ready' && counties.data.length === 0;
  return (
    <div className="upper-county-bar" data-testid="admin-upper-county">
      <div className="admin-toolbar">
        <label className="upper-county-label" htmlFor="admin-county">
          {t('admin.upper.county')}
        </label>
        <Select<string>
          id="admin-county"
          data-testid="admin-county"
          className="region-picker"
          value={county.countyId ?? undefined}
          placeholder={t('admin.upper.pickCounty')}
          onChange={(v) => county.setCountyId(v ?? null)}
          options={counties?.status === 'ready' ? counties.data.map((r) => ({ value: r.id, label: r.name })) : []}
          loading={!counties || counties.status === 'loading'}
          status={counties?.status === 'error' ? 'error' : undefined}
          notFoundContent={counties?.status === 'error' ? t('report.loadError', { message: counties.message }) : undefined}
          showSearch={{ optionFilterProp: 'label' }}
          virtual={false}
          style={{ minWidth: 200 }}
        />
      </div>
      {none ? (
        <Alert type="info" showIcon title={t('admin.upper.noCounties')} data-testid="admin-upper-none" />
      ) : (
        <Alert type="info" showIcon title={t('admin.upper.readOnly', { what })} data-testid="admin-read-only" className="dash-note" />
      )}
    </div>
  );
}

/** What an upper administrator sees before picking a county. */
export function PickCountyFirst() {
  const { t } = useI18n();
  return <Empty description={t('admin.upper.pickCountyFirst')} image={Empty.PRESENTED_IMAGE_SIMPLE} data-testid="admin-pick-county" />;
}
