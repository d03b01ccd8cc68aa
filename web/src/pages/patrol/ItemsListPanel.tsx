/**
 * 排查事项 list on the patrol page (issue 14): what the patrols of a village, town or county found
 * other than hazards (those have the hazard desk) — 治安问题, 群众诉求, 矛盾纠纷 (with a link to its
 * case) and, for county staff and county leaders only, 涉稳信息 — one kind at a time, within a
 * date range, live. Titles and descriptions are the masked ones stored on the item (the parties
 * of a dispute are on its case, for those who handle it); places and people by name.
 */
import { type Claims, type ItemKind, NEED_STATE_ZH, type PatrolItemDoc, addDays, localDate, needOf } from '@domain';
import { Alert, Card, Empty, Input, List, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { shownName, useEntityName } from '../../data/hooks';
import { ITEM_LIST_LIMIT, useItemList } from '../../data/needs-hooks';
import { formatDateTime, type MessageKey, useI18n } from '../../i18n';
import { ItemPhotoStrip } from './ItemPhotos';
import { NEED_COLOUR, readsNeeds } from './NeedsPanel';

/** The kinds a reader may list here: 涉稳信息 only for county staff and county leaders. */
export function listKinds(claims: Claims): ItemKind[] {
  const county = (claims.r === 'county_staff' || claims.r === 'leader') && !claims.t && !claims.d;
  return county ? ['security', 'demand', 'dispute', 'stability'] : ['security', 'demand', 'dispute'];
}

export function ItemsListPanel({ claims }: { claims: Claims }) {
  const { t } = useI18n();
  const today = localDate(new Date());
  const [kind, setKind] = useState<ItemKind>('security');
  const [from, setFrom] = useState(addDays(today, -29));
  const [to, setTo] = useState(today);
  const dates = from && to && from <= to ? { from, to } : null;
  const reads = readsNeeds(claims);
  const { value } = useItemList(reads && dates ? claims.u : null, claims.c, kind, dates);
  if (!reads) return null;
  return (
    <Card size="small" title={t('items.title')} className="form-card items-list" data-testid="items-list">
      <Space wrap style={{ marginBottom: 8 }}>
        <Select<ItemKind>
          value={kind}
          onChange={setKind}
          options={listKinds(claims).map((k) => ({ value: k, label: t(`item.kind.${k}` as MessageKey) }))}
          style={{ minWidth: 120 }}
          virtual={false}
          data-testid="items-kind"
          aria-label={t('item.kind')}
        />
        <Space.Compact>
          <Input type="date" aria-label={t('items.from')} value={from} onChange={(e) => setFrom(e.target.value)} data-testid="items-from" />
          <Input type="date" aria-label={t('items.to')} value={to} onChange={(e) => setTo(e.target.value)} data-testid="items-to" />
        </Space.Compact>
      </Space>
      {!dates ? (
        <Alert type="warning" showIcon title={t('items.badRange')} />
      ) : !value || value.status === 'loading' ? (
        <Skeleton active />
      ) : value.status === 'error' ? (
        <Alert type="error" showIcon title={value.message} />
      ) : value.data.length === 0 ? (
        <Empty description={t('items.none')} />
      ) : (
        <>
          {value.data.length >= ITEM_LIST_LIMIT && (
            <Typography.Paragraph type="secondary">{t('need.latest', { n: ITEM_LIST_LIMIT })}</Typography.Paragraph>
          )}
          <List dataSource={value.data} renderItem={(it) => <ItemRow key={it.id} item={it} />} />
        </>
      )}
    </Card>
  );
}

function ItemRow({ item }: { item: PatrolItemDoc }) {
  const { t } = useI18n();
  const grid = useEntityName('grid', item.gridId);
  const village = useEntityName('region', item.villageId);
  const town = useEntityName('region', item.townId);
  const need = needOf(item);
  return (
    <List.Item data-testid="items-row" data-item={item.id} data-kind={item.kind}>
      <div style={{ width: '100%', minWidth: 0 }}>
        <Space wrap size={4}>
          <Typography.Text strong>{item.title}</Typography.Text>
          <Tag>{t(`item.kind.${item.kind}` as MessageKey)}</Tag>
          {need && <Tag color={NEED_COLOUR[need.state]}>{NEED_STATE_ZH[need.state]}</Tag>}
        </Space>
        <div>{item.description}</div>
        <Typography.Text type="secondary">
          {t('items.meta', {
            town: shownName(town),
            village: shownName(village),
            grid: shownName(grid),
            reporter: item.reporterName ?? '—',
            at: formatDateTime(item.createdAt),
          })}
        </Typography.Text>
        {item.caseId && (
          <div>
            <a href={`#/cases/${item.caseId}`} data-testid="items-case-link">
              {t('items.case')}
            </a>
          </div>
        )}
        <ItemPhotoStrip item={item} />
      </div>
    </List.Item>
  );
}
