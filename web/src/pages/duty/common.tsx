/** Pieces the duty tabs share: which units a user may pick, months, the .ics address. */
import { type Claims, addDays, localDate } from '@domain';
import { Select } from 'antd';
import { useEffect, useMemo } from 'react';
import { type Loadable, rememberNames, useEntityName, useRegionChildren } from '../../data/hooks';
import { fb } from '../../firebase';
import { useI18n } from '../../i18n';

export interface UnitOption {
  id: string;
  name: string;
}

/** Units with a roster a user may pick: the county and its towns (the public view where the full one is not readable). */
export function useDutyUnits(claims: Claims): Loadable<UnitOption[]> | null {
  const countyName = useEntityName('region', claims.c);
  const towns = useRegionChildren(claims.c, claims.c);
  useEffect(() => {
    if (towns?.status === 'ready') rememberNames('region', towns.data);
  }, [towns]);
  return useMemo(() => {
    if (towns?.status !== 'ready') return towns as Loadable<UnitOption[]> | null;
    return {
      status: 'ready',
      data: [{ id: claims.c, name: countyName ?? claims.c }, ...towns.data.map((x) => ({ id: x.id, name: x.name }))],
    };
  }, [towns, countyName, claims.c]);
}

/** Where the roster opens: the user's own town or county. */
export function defaultDutyUnit(claims: Claims): string {
  if (/^(\d{6}|\d{9})$/.test(claims.u)) return claims.u;
  return claims.t ?? claims.c;
}

export function UnitSelect({
  units,
  value,
  onChange,
  testId,
  label,
}: {
  units: Loadable<UnitOption[]> | null;
  value: string;
  onChange: (v: string) => void;
  testId: string;
  label: string;
}) {
  const options = units?.status === 'ready' ? units.data.map((u) => ({ value: u.id, label: u.name })) : [{ value, label: value }];
  return (
    <Select<string>
      className="unit-select"
      value={value}
      onChange={onChange}
      options={options}
      loading={units?.status === 'loading'}
      aria-label={label}
      data-testid={testId}
      showSearch={{ optionFilterProp: 'label' }}
      virtual={false}
      popupMatchSelectWidth={false}
    />
  );
}

export const today = () => localDate(new Date());

/** YYYY-MM of a date. */
export const monthOf = (date: string) => date.slice(0, 7);

export function monthBounds(month: string): { first: string; last: string } {
  const first = `${month}-01`;
  const last = addDays(`${addDays(first, 32).slice(0, 7)}-01`, -1);
  return { first, last };
}

export function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y!, m! - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

export const isMonth = (s: string | undefined): s is string => !!s && /^\d{4}-(0[1-9]|1[0-2])$/.test(s);

/** The public iCalendar feed of a unit's roster (rosterIcs: names and titles only). */
export function icsUrl(unitId: string): string {
  return `${fb().functionsUrl}/rosterIcs?unit=${encodeURIComponent(unitId)}`;
}

/** Weekday keys Monday first, for calendar headers. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** A date for people: 10月1日 (周四) / Thu 1 Oct. */
export function useDayLabel() {
  const { t } = useI18n();
  return (date: string) => {
    const [, m, d] = date.split('-').map(Number);
    const wd = WEEKDAYS[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7]!;
    return t('duty.dayLabel', { m: m!, d: d!, wd: t(`calendar.wd.${wd}`), date });
  };
}
