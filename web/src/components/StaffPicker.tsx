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

export function StaffPicker(props: StaffPickerProps) {
  const { id, countyId, roles, units, exclude, value, onChange, placeholder, disabled, allowClear, className } = props;
  const { t } = useI18n();
  const dir = useStaffDirectory(countyId);
  const list = dir?.status === 'ready' ? dir.data : null;
  const options = useMemo(() => {
    if (!list) return [];
    return list
      .filter(
        (s) =>
          (s.active || s.uid === value) &&
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
  }, [list, roles, units, exclude, value]);
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
