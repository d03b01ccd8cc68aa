/**
 * Administrators' forms for leader duty (flow, issue 12): a unit's rotations (接访 weekday
 * leaders, 值班 duty leaders, in turn order; the handoff time; the linked-village visit day) and a
 * leader's linkage (挂点: a town and up to five villages). Leaders are chosen by name from the
 * county's leader accounts with a plain select (`LeaderSelect`, small on purpose so a shared
 * person picker can replace it). Validated with the domain's RosterConfig / LinkageDoc.
 */
import {
  type LinkageDoc,
  LinkageDoc as LinkageSchema,
  type RosterConfig,
  RosterConfig as RosterSchema,
  type RosterLeader,
  describeIssues,
} from '@domain';
import { Alert, App as AntApp, Button, Card, Form, Input, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { z } from 'zod';
import { call, errorMessage } from '../../data/callables';
import { useCountyLeaders, useLinkages } from '../../data/duty-hooks';
import { useRegionChildren } from '../../data/hooks';
import { useI18n } from '../../i18n';
import { WEEKDAYS } from './common';

/**
 * One administrator form's save: the schema's refusal in plain Chinese, or the call, a success
 * message and `after`; a refused call's message stays under the form.
 */
function useSave() {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async <T,>(parsed: z.ZodSafeParseResult<T>, send: (data: T) => Promise<unknown>, done: string, after: () => void) => {
    setError(null);
    if (!parsed.success) return setError(describeIssues(parsed.error.issues));
    setBusy(true);
    try {
      await send(parsed.data);
      message.success(done);
      after();
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, save };
}

export interface LeaderOption {
  uid: string;
  name: string;
  title: string;
}

/** Leaders to choose from: the county's leader accounts, plus whoever a saved config already names. */
function useLeaderOptions(countyId: string, scopeId: string | null, extra: readonly LeaderOption[]): LeaderOption[] {
  const users = useCountyLeaders(countyId);
  return useMemo(() => {
    const out = new Map<string, LeaderOption>();
    for (const x of extra) out.set(x.uid, x);
    // The unit's own leaders first, then the county's others (a town may borrow one), by name.
    const own = (u: { scopeId: string }) => (scopeId && u.scopeId.startsWith(scopeId) ? 0 : 1);
    if (users?.status === 'ready')
      for (const u of [...users.data].sort((a, b) => own(a) - own(b) || a.displayName.localeCompare(b.displayName, 'zh-CN')))
        if (u.active) out.set(u.uid, { uid: u.uid, name: u.displayName, title: u.title ?? '' });
    return [...out.values()];
  }, [users, scopeId, extra]);
}

/** The leader field: a searchable select by name (one or several, in the order chosen). */
export function LeaderSelect({
  options,
  value,
  onChange,
  multiple,
  testId,
  label,
}: {
  options: LeaderOption[];
  value: string[];
  onChange: (uids: string[]) => void;
  multiple?: boolean;
  testId: string;
  label: string;
}) {
  const { t } = useI18n();
  return (
    <Select<string | string[]>
      mode={multiple ? 'multiple' : undefined}
      value={multiple ? value : value[0]}
      onChange={(v) => onChange(Array.isArray(v) ? v : v ? [v] : [])}
      options={options.map((o) => ({ value: o.uid, label: o.title ? `${o.name}（${o.title}）` : o.name }))}
      placeholder={t('roster.edit.pick')}
      showSearch={{ optionFilterProp: 'label' }}
      aria-label={label}
      data-testid={testId}
      virtual={false}
      style={{ width: '100%' }}
    />
  );
}

const weekdayOptions = (t: ReturnType<typeof useI18n>['t']) =>
  WEEKDAYS.map((w, i) => ({ value: i + 1, label: t('duty.weekdayName', { d: t(`calendar.wd.${w}`) }) }));

/** 值班轮次设置: the rotations of one unit (administrators of its county). */
export function RosterEditor({
  unit,
  countyId,
  unitName,
  cfg,
}: {
  unit: string;
  countyId: string;
  unitName: string;
  cfg: RosterConfig | null;
}) {
  const { t } = useI18n();
  const saved: LeaderOption[] = useMemo(() => (cfg ? [...cfg.weekday, ...cfg.duty] : []), [cfg]);
  const options = useLeaderOptions(countyId, unit, saved);
  const [draft, setDraft] = useState<{ key: string; weekday: string[]; duty: string[]; handoff: string; visitWeekday: number } | null>(
    null,
  );
  const key = `${unit}:${cfg ? 'cfg' : 'none'}`;
  const cur =
    draft?.key === key
      ? draft
      : {
          key,
          weekday: cfg?.weekday.map((l) => l.uid) ?? [],
          duty: cfg?.duty.map((l) => l.uid) ?? [],
          handoff: cfg?.handoff ?? '08:30',
          visitWeekday: cfg?.visitWeekday ?? 2,
        };
  const { error, busy, save } = useSave();
  const leaderOf = (uid: string): RosterLeader => {
    const before = saved.find((x) => x.uid === uid) as RosterLeader | undefined;
    const o = options.find((x) => x.uid === uid);
    return { uid, name: o?.name ?? before?.name ?? '', title: o?.title ?? before?.title ?? '', neverWeekdays: before?.neverWeekdays ?? [] };
  };
  const submit = () =>
    save(
      RosterSchema.safeParse({
        unitId: unit,
        countyId,
        unitName: cfg?.unitName ?? unitName,
        weekday: cur.weekday.map(leaderOf),
        duty: cur.duty.map(leaderOf),
        handoff: cur.handoff,
        visitWeekday: cur.visitWeekday,
      }),
      (data) => call('saveRoster', data),
      t('roster.edit.saved'),
      () => setDraft(null),
    );
  return (
    <Card size="small" title={t('roster.edit.title')} className="roster-edit" data-testid="roster-edit">
      <Typography.Paragraph type="secondary" className="small">
        {t('roster.edit.hint')}
      </Typography.Paragraph>
      {options.length === 0 && <Alert type="warning" showIcon title={t('roster.edit.noLeaders')} />}
      <Form layout="vertical" onFinish={submit} disabled={busy}>
        <Form.Item label={t('roster.edit.weekday')} required>
          <LeaderSelect
            multiple
            options={options}
            value={cur.weekday}
            onChange={(weekday) => setDraft({ ...cur, weekday })}
            testId="roster-edit-weekday"
            label={t('roster.edit.weekday')}
          />
        </Form.Item>
        <Form.Item label={t('roster.edit.duty')} required>
          <LeaderSelect
            multiple
            options={options}
            value={cur.duty}
            onChange={(duty) => setDraft({ ...cur, duty })}
            testId="roster-edit-duty"
            label={t('roster.edit.duty')}
          />
        </Form.Item>
        <div className="publish-row">
          <Form.Item label={t('roster.edit.handoff')} htmlFor="roster-edit-handoff">
            <Input
              id="roster-edit-handoff"
              type="time"
              value={cur.handoff}
              onChange={(e) => setDraft({ ...cur, handoff: e.target.value })}
              data-testid="roster-edit-handoff"
            />
          </Form.Item>
          <Form.Item label={t('roster.edit.visitWeekday')}>
            <Select<number>
              value={cur.visitWeekday}
              onChange={(visitWeekday) => setDraft({ ...cur, visitWeekday })}
              options={weekdayOptions(t)}
              aria-label={t('roster.edit.visitWeekday')}
              virtual={false}
              style={{ minWidth: 100 }}
            />
          </Form.Item>
        </div>
        {error && <Alert type="error" showIcon title={error} role="alert" className="submit-error" data-testid="roster-edit-error" />}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="roster-edit-save">
          {t('roster.edit.save')}
        </Button>
      </Form>
    </Card>
  );
}

/** 领导挂点联系: a leader's linked town and villages (administrators). */
export function LinkageEditor({ countyId }: { countyId: string }) {
  const { t } = useI18n();
  const linkages = useLinkages(countyId);
  const options = useLeaderOptions(countyId, null, []);
  const towns = useRegionChildren(countyId, countyId);
  const [leader, setLeader] = useState<string | null>(null);
  const existing: LinkageDoc | undefined = linkages?.status === 'ready' ? linkages.data.find((l) => l.leaderUid === leader) : undefined;
  const [draft, setDraft] = useState<{ key: string; townId: string | null; villageIds: string[]; visitWeekday: number } | null>(null);
  const key = `${leader ?? ''}:${existing ? 'saved' : 'new'}`;
  const cur =
    draft?.key === key
      ? draft
      : { key, townId: existing?.townId ?? null, villageIds: existing?.villageIds ?? [], visitWeekday: existing?.visitWeekday ?? 2 };
  const villages = useRegionChildren(countyId, cur.townId);
  const { error, busy, save } = useSave();
  const submit = () => {
    const o = options.find((x) => x.uid === leader);
    return save(
      LinkageSchema.safeParse({
        leaderUid: leader ?? '',
        leaderName: o?.name ?? existing?.leaderName ?? '',
        countyId,
        townId: cur.townId,
        villageIds: cur.villageIds,
        visitWeekday: cur.visitWeekday,
      }),
      (data) => call('saveLinkage', data),
      t('linkage.saved'),
      () => setDraft(null),
    );
  };
  const regionOptions = (l: typeof towns) => (l?.status === 'ready' ? l.data.map((r) => ({ value: r.id, label: r.name })) : []);
  return (
    <Card size="small" title={t('linkage.title')} className="linkage-edit" data-testid="linkage-edit">
      <Form layout="vertical" onFinish={submit} disabled={busy}>
        <Form.Item label={t('linkage.leader')} required>
          <LeaderSelect
            options={options}
            value={leader ? [leader] : []}
            onChange={(v) => setLeader(v[0] ?? null)}
            testId="linkage-leader"
            label={t('linkage.leader')}
          />
        </Form.Item>
        <Form.Item label={t('linkage.town')}>
          <Select<string>
            value={cur.townId ?? undefined}
            onChange={(townId) => setDraft({ ...cur, townId, villageIds: [] })}
            options={regionOptions(towns)}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            aria-label={t('linkage.town')}
            data-testid="linkage-town"
            virtual={false}
          />
        </Form.Item>
        <Form.Item label={t('linkage.villages')}>
          <Select<string[]>
            mode="multiple"
            maxCount={5}
            value={cur.villageIds}
            onChange={(villageIds) => setDraft({ ...cur, villageIds })}
            options={regionOptions(villages)}
            showSearch={{ optionFilterProp: 'label' }}
            aria-label={t('linkage.villages')}
            data-testid="linkage-villages"
            virtual={false}
          />
        </Form.Item>
        <Form.Item label={t('roster.edit.visitWeekday')}>
          <Select<number>
            value={cur.visitWeekday}
            onChange={(visitWeekday) => setDraft({ ...cur, visitWeekday })}
            options={weekdayOptions(t)}
            aria-label={t('roster.edit.visitWeekday')}
            virtual={false}
            style={{ minWidth: 100 }}
          />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} role="alert" className="submit-error" data-testid="linkage-error" />}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="linkage-save">
          {t('linkage.save')}
        </Button>
      </Form>
    </Card>
  );
}
