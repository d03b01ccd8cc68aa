/**
 * The mediator picker of 指派调解员: mediators and studios of the county's registry (名录: name,
 * title, organisation, specialties — searchable by any of them) and mediators who are console
 * accounts (staff directory). Registry entries linked to an account are offered once, as entries.
 */
import { ASSIGNABLE_ROLES, MEDIATION_FIELD_ZH, matchesMediator, staffLabel } from '@domain';
import { Select } from 'antd';
import { useMemo, useState } from 'react';
import { useStaffDirectory } from '../data/hooks';
import { useMediationRegistry } from '../data/mediation-hooks';
import { useI18n } from '../i18n';

export function MediatorPicker({
  id,
  countyId,
  onChange,
}: {
  id: string;
  countyId: string;
  /** Exactly one of the two is set. */
  onChange: (v: { mediatorId: string } | { mediatorUid: string } | null) => void;
}) {
  const { t } = useI18n();
  const reg = useMediationRegistry(countyId);
  const dir = useStaffDirectory(countyId);
  const [value, setValue] = useState<string | undefined>(undefined);
  const [q, setQ] = useState('');
  const registry = reg?.status === 'ready' ? reg.data.mediators.filter((m) => m.active) : [];
  const linked = new Set(registry.map((m) => m.uid).filter(Boolean));
  const staff =
    dir?.status === 'ready'
      ? dir.data.filter((s) => (ASSIGNABLE_ROLES.mediator as readonly string[]).includes(s.role) && s.active && !linked.has(s.uid))
      : [];
  const options = useMemo(
    () => [
      {
        label: t('mediation.picker.registry'),
        options: registry
          .filter((m) => matchesMediator(m, q))
          .map((m) => ({
            value: `r:${m.id}`,
            label: [m.name, m.title, m.orgName, m.specialties.map((s) => MEDIATION_FIELD_ZH[s]).join('、')].filter(Boolean).join(' · '),
          })),
      },
      {
        label: t('mediation.picker.accounts'),
        options: staff
          .filter((s) => !q.trim() || staffLabel(s).includes(q.trim()))
          .map((s) => ({ value: `u:${s.uid}`, label: staffLabel(s) })),
      },
    ],
    [registry, staff, q, t],
  );
  return (
    <Select<string>
      id={id}
      data-testid={id}
      className="mediator-picker"
      value={value}
      placeholder={t('mediation.picker.placeholder')}
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={reg?.status === 'loading' || dir?.status === 'loading'}
      options={options}
      virtual={false}
      allowClear
      onChange={(v) => {
        setValue(v);
        setQ('');
        if (!v) onChange(null);
        else if (v.startsWith('r:')) onChange({ mediatorId: v.slice(2) });
        else onChange({ mediatorUid: v.slice(2) });
      }}
    />
  );
}
