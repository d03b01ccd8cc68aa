/**
 * Administrators' forms for leader duty (flow, issue 12): a unit's rotations (接访 weekday
 * leaders, 值班 duty leaders, in turn order; the handoff time; the linked-village visit day) and a
 * leader's linkage (挂点: a town and up to five villages). Leaders are chosen by name, title or
 * unit from the county's staff directory (`StaffPicker` / `StaffMultiPicker`, role leader; a unit
 * may name a leader of another unit, e.g. a county leader on a town's rotation). Validated with
 * the domain's RosterConfig / LinkageDoc.
 */
import {
  type LinkageDoc,
  LinkageDoc as LinkageSchema,
  type RosterConfig,
  RosterConfig as RosterSchema,
  type Role,
  type RosterLeader,
  type StaffDoc,
  describeIssues,
} from '@domain';
import { Alert, Button, Card, Form, Input, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { z } from 'zod';
import { call } from '../../data/callables';
import { StaffMultiPicker, StaffPicker } from '../../components/StaffPicker';
import { useAction } from '../../components/use-action';
import { useLinkages } from '../../data/duty-hooks';
import { useRegionChildren, useStaffDirectory } from '../../data/hooks';
import { useI18n } from '../../i18n';
import { WEEKDAYS } from './common';

/**
 * One administrator form's save: the schema's refusal in plain Chinese, or the call, a success
 * message and `after`; a refused call's message stays under the form.
 */
function useSave() {
  const { busy, error, setError, run } = useAction();
  const save = async <T,>(parsed: z.ZodSafeParseResult<T>, send: (data: T) => Promise<unknown>, done: string, after: () => void) => {
    if (!parsed.success) return setError(describeIssues(parsed.error.issues));
    return run(() => send(parsed.data), done, after);
  };
  return { error, busy, save };
}

/** Whom rotations and linkages may name. */
const LEADERS: readonly Role[] = ['leader'];

/** The county's active leaders in the directory (to say when there are none, and to name the chosen). */
function useLeaders(countyId: string): { ready: boolean; leaders: StaffDoc[] } {
  const dir = useStaffDirectory(countyId);
  return useMemo(
    () => ({
      ready: dir?.status === 'ready',
      leaders: dir?.status === 'ready' ? dir.data.filter((s) => s.role === 'leader') : [],
    }),
    [dir],
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
  const saved: RosterLeader[] = useMemo(() => (cfg ? [...cfg.weekday, ...cfg.duty] : []), [cfg]);
  const { ready, leaders } = useLeaders(countyId);
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
    const before = saved.find((x) => x.uid === uid);
    const o = leaders.find((x) => x.uid === uid);
    return {
      uid,
      name: o?.displayName ?? before?.name ?? '',
      title: o?.title ?? before?.title ?? '',
      neverWeekdays: before?.neverWeekdays ?? [],
    };
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
      {ready && !leaders.some((l) => l.active) && <Alert type="warning" showIcon title={t('roster.edit.noLeaders')} />}
      <Form layout="vertical" onFinish={submit} disabled={busy}>
        <Form.Item label={t('roster.edit.weekday')} required>
          <StaffMultiPicker
            countyId={countyId}
            roles={LEADERS}
            value={cur.weekday}
            named={saved}
            onChange={(weekday) => setDraft({ ...cur, weekday })}
            data-testid="roster-edit-weekday"
            aria-label={t('roster.edit.weekday')}
            placeholder={t('roster.edit.pick')}
          />
        </Form.Item>
        <Form.Item label={t('roster.edit.duty')} required>
          <StaffMultiPicker
            countyId={countyId}
            roles={LEADERS}
            value={cur.duty}
            named={saved}
            onChange={(duty) => setDraft({ ...cur, duty })}
            data-testid="roster-edit-duty"
            aria-label={t('roster.edit.duty')}
            placeholder={t('roster.edit.pick')}
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
  const { leaders } = useLeaders(countyId);
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
    const o = leaders.find((x) => x.uid === leader);
    return save(
      LinkageSchema.safeParse({
        leaderUid: leader ?? '',
        leaderName: o?.displayName ?? existing?.leaderName ?? '',
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
          <StaffPicker
            countyId={countyId}
            roles={LEADERS}
            value={leader}
            onChange={(uid) => setLeader(uid ?? null)}
            data-testid="linkage-leader"
            aria-label={t('linkage.leader')}
            placeholder={t('roster.edit.pick')}
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
