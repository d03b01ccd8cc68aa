/**
 * 需求清单 on the patrol page (issue 14), phone first: the 群众诉求 a patrol found, per village,
 * live — the village and its town take each one (a responsible person of the village or town),
 * then mark it met (what was done) or cannot be met (why); the county reads the list. Names
 * only: the grid, the village, the reporter and the responsible person, never an ID.
 */
import {
  type Claims,
  NEED_STATE_ZH,
  type NeedCommand,
  type NeedState,
  type PatrolItemDoc,
  mayBeResponsible,
  mayWorkNeed,
  needOf,
  staffLabel,
} from '@domain';
import { Alert, App as AntApp, Button, Card, Empty, Input, List, Segmented, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { call, errorMessage } from '../../data/callables';
import { shownName, useEntityName, useStaffDirectory } from '../../data/hooks';
import { ITEM_LIST_LIMIT, useItemList } from '../../data/needs-hooks';
import { formatDateTime, useI18n } from '../../i18n';
import { ItemPhotoStrip } from './ItemPhotos';

export const NEED_COLOUR: Record<NeedState, string> = { open: 'blue', in_progress: 'gold', met: 'green', unmet: 'default' };
type Show = 'active' | 'met' | 'unmet' | 'all';

/** Who sees the needs list: the staff and leaders of a village, town or county. */
export const readsNeeds = (claims: Claims) => ['village_staff', 'town_staff', 'county_staff', 'leader'].includes(claims.r) && !claims.d;

export function NeedsPanel({ claims }: { claims: Claims }) {
  const { t } = useI18n();
  const [show, setShow] = useState<Show>('active');
  const { value } = useItemList(readsNeeds(claims) ? claims.u : null, claims.c, 'demand', null);
  if (!readsNeeds(claims)) return null;
  const all = value?.status === 'ready' ? value.data : [];
  const count = (s: NeedState) => all.filter((i) => needOf(i)?.state === s).length;
  const shown = all.filter((i) => {
    const s = needOf(i)?.state;
    return show === 'all' || (show === 'active' ? s === 'open' || s === 'in_progress' : s === show);
  });
  return (
    <Card size="small" title={t('need.title')} className="form-card needs-panel" data-testid="needs-panel">
      <Typography.Paragraph type="secondary" data-testid="needs-counts">
        {t('need.counts', { open: count('open'), doing: count('in_progress'), met: count('met'), unmet: count('unmet') })}
        {all.length >= ITEM_LIST_LIMIT ? ` ${t('need.latest', { n: ITEM_LIST_LIMIT })}` : ''}
      </Typography.Paragraph>
      <Segmented<Show>
        block
        value={show}
        onChange={setShow}
        options={[
          { value: 'active', label: t('need.show.active') },
          { value: 'met', label: NEED_STATE_ZH.met },
          { value: 'unmet', label: NEED_STATE_ZH.unmet },
          { value: 'all', label: t('need.show.all') },
        ]}
        data-testid="needs-filter"
        style={{ marginBottom: 8 }}
      />
      {!value || value.status === 'loading' ? (
        <Skeleton active />
      ) : value.status === 'error' ? (
        <Alert type="error" showIcon title={value.message} />
      ) : shown.length === 0 ? (
        <Empty description={t('need.none')} />
      ) : (
        <List dataSource={shown} renderItem={(it) => <NeedRow key={it.id} item={it} claims={claims} />} />
      )}
    </Card>
  );
}

function NeedRow({ item, claims }: { item: PatrolItemDoc; claims: Claims }) {
  const { t } = useI18n();
  const need = needOf(item)!;
  const grid = useEntityName('grid', item.gridId);
  const village = useEntityName('region', item.villageId);
  return (
    <List.Item data-testid="need-row" data-item={item.id} data-state={need.state}>
      <div style={{ width: '100%', minWidth: 0 }}>
        <Space wrap size={4}>
          <Typography.Text strong>{item.title}</Typography.Text>
          <Tag color={NEED_COLOUR[need.state]} data-testid="need-state">
            {NEED_STATE_ZH[need.state]}
          </Tag>
        </Space>
        <div className="need-desc">{item.description}</div>
        <Typography.Text type="secondary" className="need-meta">
          {t('need.meta', {
            village: shownName(village),
            grid: shownName(grid),
            reporter: item.reporterName ?? '—',
            at: formatDateTime(item.createdAt),
          })}
        </Typography.Text>
        {need.responsibleName && (
          <div data-testid="need-responsible">
            {t('need.responsible', { name: need.responsibleName, unit: need.responsibleUnitName ?? '' })}
          </div>
        )}
        {need.state === 'met' && need.result && <div data-testid="need-result">{t('need.result', { text: need.result })}</div>}
        {need.state === 'unmet' && need.reason && <div data-testid="need-reason">{t('need.reason', { text: need.reason })}</div>}
        <ItemPhotoStrip item={item} />
        {mayWorkNeed(claims, item) && (need.state === 'open' || need.state === 'in_progress') && <NeedSteps item={item} claims={claims} />}
      </div>
    </List.Item>
  );
}

function NeedSteps({ item, claims }: { item: PatrolItemDoc; claims: Claims }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const need = needOf(item)!;
  const dir = useStaffDirectory(claims.c);
  const [who, setWho] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const people = dir?.status === 'ready' ? dir.data.filter((s) => mayBeResponsible(s, item)) : [];
  const act = async (command: NeedCommand) => {
    setBusy(true);
    setError(null);
    try {
      await call('needAction', { itemId: item.id, expectedVersion: item.version, command });
      message.success(t('need.done'));
      setText('');
      setWho(null);
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  const note = text.trim();
  return (
    <div className="need-steps" data-testid="need-steps">
      <Space.Compact style={{ width: '100%', marginTop: 8 }}>
        <Select<string>
          style={{ flex: 1, minWidth: 0 }}
          placeholder={t('need.pickResponsible')}
          value={who ?? undefined}
          onChange={setWho}
          options={people.map((s) => ({ value: s.uid, label: staffLabel(s) }))}
          showSearch
          optionFilterProp="label"
          virtual={false}
          data-testid="need-responsible-pick"
        />
        <Button loading={busy} onClick={() => act({ action: 'take', responsibleUid: who })} data-testid="need-take">
          {who ? t('need.assign') : t('need.take')}
        </Button>
      </Space.Compact>
      <Input.TextArea
        rows={2}
        style={{ marginTop: 8 }}
        placeholder={t('need.note')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        data-testid="need-note"
        maxLength={500}
      />
      <Space wrap style={{ marginTop: 8 }}>
        <Button
          type="primary"
          disabled={!note || need.state !== 'in_progress'}
          loading={busy}
          onClick={() => act({ action: 'met', result: note })}
          data-testid="need-met"
        >
          {t('need.met')}
        </Button>
        <Button danger disabled={!note} loading={busy} onClick={() => act({ action: 'unmet', reason: note })} data-testid="need-unmet">
          {t('need.unmet')}
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={error} role="alert" data-testid="need-error" style={{ marginTop: 8 }} />}
    </div>
  );
}
