/**
 * The person picker: every field that names a person (承办人, 调解员, 包案领导, leaders on a
 * roster, linkages, swaps) picks from the county's staff directory (staff/{uid}) by typing part
 * of a name, a unit or a title; it shows "name · title · unit". Nobody types an account ID.
 */
import { type Role, type StaffDoc, staffLabel } from '@domain';
import { Select } from 'antd';
import { useMemo } from 'react';
import { useEntityName, useStaffDirectory } from '../data/hooks';
import { useI18n } from '../i18n';

export interface StaffPickerProps {
  id?: string;
  countyId: string;
  /** Only people of these roles (e.g. ASSIGNABLE_ROLES.handler); all staff when absent. */
  roles?: readonly Role[];
  /** Only people of these units (e.g. a roster's unit), when given. */
  units?: readonly string[];
  /** People not to offer (e.g. oneself in a swap). */
  exclude?: readonly string[];
  value: string | null | undefined;
  onChange: (uid: string | undefined, person: StaffDoc | null) => void;
  placeholder?: string;
  disabled?: boolean;
  allowClear?: boolean;
  'aria-label'?: string;
  'data-testid'?: string;
  className?: string;
}

/** The picker's options: the directory filtered by roles, units and exclusions (shared by both pickers). */
function useStaffOptions(
  countyId: string,
  roles: readonly Role[] | undefined,
  units: readonly string[] | undefined,
  exclude: readonly string[] | undefined,
  keep: readonly string[],
) {
  const dir = useStaffDirectory(countyId);
  const list = dir?.status === 'ready' ? dir.data : null;
  // Chosen people stay offered even when inactive (a string key: `keep` is a new array each render).
  const keepKey = keep.join('\n');
  const options = useMemo(() => {
    if (!list) return [];
    const kept = new Set(keepKey.split('\n'));
    return list
      .filter(
        (s) =>
          (s.active || kept.has(s.uid)) &&
          (!roles || roles.includes(s.role)) &&
          (!units || units.includes(s.unitId)) &&
          !exclude?.includes(s.uid),
      )
      .map((s) => ({
        value: s.uid,
        search: `${s.displayName} ${s.title ?? ''} ${s.unitName} ${s.roleLabel}`,
        label: (
          <span className="staff-option" data-testid="staff-option" data-uid={s.uid} data-name={s.displayName}>
            <strong>{s.displayName}</strong>
            <span className="muted">
              {s.title ? ` · ${s.title}` : ''} · {s.unitName}
            </span>
          </span>
        ),
        title: staffLabel(s),
      }));
  }, [list, roles, units, exclude, keepKey]);
  return { dir, list, options };
}

export function StaffPicker(props: StaffPickerProps) {
  const { id, countyId, roles, units, exclude, value, onChange, placeholder, disabled, allowClear, className } = props;
  const { t } = useI18n();
  const { dir, list, options } = useStaffOptions(countyId, roles, units, exclude, value ? [value] : []);
  // A value outside the list (another county's account, a removed one) is still shown by name.
  const known = !value || options.some((o) => o.value === value);
  const fallbackName = useEntityName('staff', known ? null : value);
  const allOptions = known
    ? options
    : [
        ...options,
        {
          value: value!,
          search: fallbackName ?? '',
          label: <span data-testid="staff-option-unknown">{fallbackName ?? t('staff.unknownPerson')}</span>,
          title: fallbackName ?? '',
        },
      ];
  return (
    <Select
      id={id}
      data-testid={props['data-testid'] ?? id}
      aria-label={props['aria-label']}
      className={className}
      value={value || undefined}
      placeholder={placeholder ?? t('staff.pickPlaceholder')}
      disabled={disabled}
      allowClear={allowClear}
      loading={dir?.status === 'loading'}
      notFoundContent={dir?.status === 'error' ? t('staff.loadError') : dir?.status === 'loading' ? t('staff.loading') : t('staff.noMatch')}
      options={allOptions}
      showSearch={{ optionFilterProp: 'search' }}
      virtual={false}
      onChange={(uid: string | undefined) => onChange(uid, list?.find((s) => s.uid === uid) ?? null)}
    />
  );
}

export interface StaffMultiPickerProps extends Omit<StaffPickerProps, 'value' | 'onChange' | 'allowClear'> {
  /** The people chosen, in the order chosen (e.g. a rotation's turn order). */
  value: readonly string[];
  onChange: (uids: string[], people: StaffDoc[]) => void;
  /** Names already stored with the record, for people the directory no longer offers. */
  named?: readonly { uid: string; name: string }[];
  maxCount?: number;
}

/** Several people from the directory, in the order chosen (rotations); the same options as `StaffPicker`. */
export function StaffMultiPicker(props: StaffMultiPickerProps) {
  const { id, countyId, roles, units, exclude, value, onChange, named, placeholder, disabled, className, maxCount } = props;
  const { t } = useI18n();
  const { dir, list, options } = useStaffOptions(countyId, roles, units, exclude, value);
  const missing = value.filter((uid) => !options.some((o) => o.value === uid));
  const allOptions = [
    ...options,
    ...missing.map((uid) => {
      const name = named?.find((n) => n.uid === uid)?.name || t('staff.unknownPerson');
      return { value: uid, search: name, label: <span data-testid="staff-option-unknown">{name}</span>, title: name };
    }),
  ];
  return (
    <Select<string[]>
      id={id}
      mode="multiple"
      maxCount={maxCount}
      data-testid={props['data-testid'] ?? id}
      aria-label={props['aria-label']}
      className={className}
      value={[...value]}
      placeholder={placeholder ?? t('staff.pickPlaceholder')}
      disabled={disabled}
      loading={dir?.status === 'loading'}
      notFoundContent={dir?.status === 'error' ? t('staff.loadError') : dir?.status === 'loading' ? t('staff.loading') : t('staff.noMatch')}
      options={allOptions}
      showSearch={{ optionFilterProp: 'search' }}
      virtual={false}
      style={{ width: '100%' }}
      onChange={(uids) =>
        onChange(
          uids,
          uids.flatMap((uid) => list?.find((s) => s.uid === uid) ?? []),
        )
      }
    />
  );
}

/** A person's name from the staff directory; never the account ID ("…" while loading). */
export function PersonName({ uid, fallback }: { uid: string | null | undefined; fallback?: string | null }) {
  const { t } = useI18n();
  // A name already stored with the record (e.g. a visit's leaderName) needs no read.
  const name = useEntityName('staff', fallback ? null : uid);
  if (!uid) return null;
  return (
    <span className="person-name" data-uid={uid}>
      {name ?? fallback ?? (name === undefined ? '…' : t('staff.unknownPerson'))}
    </span>
  );
}
