/** Small pieces the administration tabs share. */
import { type Claims, type RegionDoc, isAreaCode } from '@domain';
import { Alert, Empty, Select } from 'antd';
import { getDocs } from 'firebase/firestore';
import { useEffect, useState } from 'react';
import { type Loadable, rememberNames, useOnce } from '../../data/hooks';
import { countReads } from '../../data/meter';
import { areaChildrenQuery } from '../../data/queries';
import { fb } from '../../firebase';
import { useI18n } from '../../i18n';

export function RegionPicker({
  id,
  testId,
  list,
  value,
  onChange,
  placeholder,
  allowClear,
  disabled,
  minWidth,
}: {
  id?: string;
  testId: string;
  list: Loadable<{ id: string; name: string }[]> | null;
  value: string | null | undefined;
  onChange: (v: string | null) => void;
  placeholder: string;
  allowClear?: boolean;
  /** Default: disabled until the list has loaded. */
  disabled?: boolean;
  minWidth?: number;
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
      disabled={disabled ?? list?.status !== 'ready'}
      status={list?.status === 'error' ? 'error' : undefined}
      notFoundContent={list?.status === 'error' ? t('report.loadError', { message: list.message }) : undefined}
      showSearch={{ optionFilterProp: 'label' }}
      virtual={false}
      style={minWidth ? { minWidth } : undefined}
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
 * administrator's own; a city's administrator (no county claim) picks one of its counties; a
 * province's administrator picks a city first, then one of that city's counties — one short list
 * at a time, never every county of the province. The picks are kept while the administrator
 * moves between tabs.
 */
let pickedCounty: string | null = null;
let pickedCity: string | null = null;

export interface TabCounty {
  /** The county shown, or null while an upper administrator has not picked one. */
  countyId: string | null;
  /** The city whose counties are offered: a city administrator's own, a province administrator's pick (null: none yet). */
  cityId: string | null;
  /** A city's or province's administrator: the county's data is read-only here. */
  upper: boolean;
  /** The county's data may be changed here (the server refuses an upper administrator: domain/admin.ts requireAdminOf). */
  editable: boolean;
  setCountyId: (v: string | null) => void;
  /** A province administrator's city pick (a county of another city is dropped). */
  setCityId: (v: string | null) => void;
}

export function useTabCounty(claims: Claims): TabCounty {
  const upper = !claims.c && isAreaCode(claims.u);
  const province = upper && claims.u.length === 2;
  const [picked, setPicked] = useState<string | null>(() => (upper && pickedCounty?.startsWith(claims.u) ? pickedCounty : null));
  const [city, setCity] = useState<string | null>(() =>
    province ? (pickedCity?.startsWith(claims.u) ? pickedCity : null) : upper ? claims.u : null,
  );
  if (!upper)
    return {
      countyId: claims.c || null,
      cityId: null,
      upper: false,
      editable: claims.r === 'admin' && !!claims.c,
      setCountyId: () => {},
      setCityId: () => {},
    };
  const setCountyId = (v: string | null) => {
    pickedCounty = v;
    setPicked(v);
  };
  return {
    countyId: picked,
    cityId: city,
    upper: true,
    editable: false,
    setCountyId,
    setCityId: (v) => {
      if (!province) return;
      pickedCity = v;
      setCity(v);
      if (!v || !picked?.startsWith(v)) setCountyId(null);
    },
  };
}

/**
 * The areas one level down from a city or province, by name (one query, read once): a city's
 * counties, a province's cities. Not cut short: it feeds a picker.
 */
export function useAreaChildren(parentId: string | null): Loadable<{ id: string; name: string }[]> | null {
  return useOnce(parentId ? `admin.areaChildren:${parentId}` : null, async () => {
    const snap = await getDocs(areaChildrenQuery(fb().db, parentId!));
    countReads('regions.areaChildren', snap.size);
    const length = parentId!.length === 2 ? 4 : 6;
    const list = snap.docs
      .map((d) => ({ id: d.id, name: String(d.get('name') ?? '') }))
      .filter((x) => x.name && x.id.length === length)
      .sort((a, b) => a.id.localeCompare(b.id));
    rememberNames('region', list);
    return list;
  });
}

/** A labelled picker of areas (cities or counties) by name; usable while its list loads. */
function AreaSelect({
  id,
  label,
  list,
  value,
  onChange,
  placeholder,
  disabled,
}: {
  id: string;
  label: string;
  list: Loadable<{ id: string; name: string }[]> | null;
  value: string | null;
  onChange: (v: string | null) => void;
  placeholder: string;
  disabled?: boolean;
}) {
  return (
    <>
      <label className="upper-county-label" htmlFor={id}>
        {label}
      </label>
      <RegionPicker
        id={id}
        testId={id}
        list={list}
        value={value}
        onChange={onChange}
        placeholder={placeholder}
        disabled={disabled ?? false}
        minWidth={200}
      />
    </>
  );
}

/**
 * The pickers and the read-only note an upper administrator sees above a county-scoped tab: a
 * city administrator picks a county, a province administrator a city and then a county; nothing
 * for a county administrator. `what` names what the county keeps (网格, 部门…).
 */
export function UpperCountyBar({ claims, county, what }: { claims: Claims; county: TabCounty; what: string }) {
  const { t } = useI18n();
  const province = county.upper && claims.u.length === 2;
  const cities = useAreaChildren(province ? claims.u : null);
  const counties = useAreaChildren(county.upper ? county.cityId : null);
  if (!county.upper) return null;
  const none = province
    ? cities?.status === 'ready' && cities.data.length === 0
    : counties?.status === 'ready' && counties.data.length === 0;
  return (
    <div className="upper-county-bar" data-testid="admin-upper-county">
      <div className="admin-toolbar">
        {province && (
          <AreaSelect
            id="admin-city"
            label={t('admin.upper.city')}
            list={cities}
            value={county.cityId}
            onChange={county.setCityId}
            placeholder={t('admin.upper.pickCity')}
          />
        )}
        <AreaSelect
          id="admin-county"
          label={t('admin.upper.county')}
          list={counties}
          value={county.countyId}
          onChange={county.setCountyId}
          placeholder={t('admin.upper.pickCounty')}
          disabled={!county.cityId}
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
