/**
 * 集中排查 on the patrol page (issue 14): a county's or town's staff launch a campaign (topic,
 * period, towns or villages, checklist); every territorial unit sees the campaigns covering it
 * with each grid's completion live (from the campaign's progress documents by village — a few
 * reads, however many patrols) and, once closed, the summary (items by kind, by town).
 */
import {
  type CampaignDoc,
  type CampaignProgressDoc,
  type Claims,
  ITEM_KINDS,
  LaunchCampaignInput,
  completion,
  localDate,
  mayCloseCampaign,
  mayRunCampaign,
} from '@domain';
import { Alert, App as AntApp, Button, Card, Empty, Form, Input, List, Progress, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useCampaignProgress, useCampaigns } from '../../data/campaign-hooks';
import { call, errorMessage } from '../../data/callables';
import { useRegionChildren } from '../../data/hooks';
import { type MessageKey, useI18n } from '../../i18n';

function newRequestId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
const pct = (r: number) => Math.round(r * 1000) / 10;

/** Does a campaign cover the caller's unit (or contain it)? */
const touches = (c: CampaignDoc, unit: string) => c.units.some((u) => u.startsWith(unit) || unit.startsWith(u));

export function CampaignPanel({ claims }: { claims: Claims }) {
  const { t } = useI18n();
  const unit = claims.r === 'grid_worker' ? (claims.g ?? claims.u) : claims.u;
  const { value } = useCampaigns(claims.c);
  const [open, setOpen] = useState<string | null>(null);
  if (claims.d || !['grid_worker', 'village_staff', 'town_staff', 'county_staff', 'leader', 'admin'].includes(claims.r)) return null;
  const mine = value?.status === 'ready' ? value.data.filter((c) => touches(c, unit)).sort((a, b) => b.from.localeCompare(a.from)) : [];
  return (
    <div className="campaign-panel" data-testid="campaign-panel">
      {mayRunCampaign(claims, claims.u) && <LaunchForm claims={claims} />}
      <Card size="small" title={t('campaign.listTitle')} className="form-card">
        {!value || value.status === 'loading' ? (
          <Skeleton active />
        ) : value.status === 'error' ? (
          <Alert type="error" showIcon title={value.message} />
        ) : mine.length === 0 ? (
          <Empty description={t('campaign.none')} />
        ) : (
          <List
            dataSource={mine}
            renderItem={(c) => (
              <List.Item key={c.id} data-testid="campaign-row" data-campaign={c.id} data-state={c.state}>
                <div style={{ width: '100%' }}>
                  <Space wrap>
                    <Typography.Text strong>{c.topic}</Typography.Text>
                    <Tag color={c.state === 'running' ? 'blue' : 'default'}>{t(`campaign.state.${c.state}` as MessageKey)}</Tag>
                    <Typography.Text type="secondary">
                      {t('campaign.period', { owner: c.ownerName, from: c.from, to: c.to, grids: c.grids })}
                    </Typography.Text>
                    <Button size="small" onClick={() => setOpen(open === c.id ? null : c.id)} data-testid="campaign-open">
                      {open === c.id ? t('campaign.hide') : t('campaign.show')}
                    </Button>
                  </Space>
                  {open === c.id && <CampaignDetail campaign={c} claims={claims} />}
                </div>
              </List.Item>
            )}
          />
        )}
      </Card>
    </div>
  );
}

function CampaignDetail({ campaign: c, claims }: { campaign: CampaignDoc; claims: Claims }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const scope = claims.r === 'grid_worker' && claims.v ? { villageId: claims.v } : { unitId: claims.u };
  const { value } = useCampaignProgress(c.id, scope);
  const progress: CampaignProgressDoc[] = value?.status === 'ready' ? value.data : [];
  const done = completion(progress);
  const close = async () => {
    setBusy(true);
    setError(null);
    try {
      await call('closeCampaign', { campaignId: c.id });
      message.success(t('campaign.closed'));
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="campaign-detail" data-testid="campaign-detail" data-done={done.done} data-grids={done.grids}>
      <Typography.Paragraph type="secondary">
        {t('campaign.checklist')}：{c.checklist.map((x, i) => `${i + 1}. ${x}`).join('　')}
      </Typography.Paragraph>
      {!value || value.status === 'loading' ? (
        <Skeleton active />
      ) : value.status === 'error' ? (
        <Alert type="error" showIcon title={value.message} />
      ) : (
        <>
          <Progress percent={pct(done.rate)} format={() => `${done.done}/${done.grids}`} data-testid="campaign-completion" />
          <div className="campaign-grids">
            {progress
              .flatMap((p) => Object.entries(p.grids))
              .sort(([a], [b]) => a.localeCompare(b))
              .slice(0, 300)
              .map(([id, g]) => (
                <Tag key={id} color={g.patrols > 0 ? 'green' : 'red'} data-grid={id}>
                  {g.name}
                  {g.items > 0 ? ` · ${t('campaign.itemsN', { n: g.items })}` : ''}
                </Tag>
              ))}
          </div>
        </>
      )}
      {c.summary && <Summary campaign={c} />}
      {error && <Alert type="error" showIcon title={error} role="alert" />}
      {c.state === 'running' && mayCloseCampaign(claims, c) && (
        <Button danger onClick={close} loading={busy} data-testid="campaign-close" style={{ marginTop: 8 }}>
          {t('campaign.close')}
        </Button>
      )}
    </div>
  );
}

function Summary({ campaign: c }: { campaign: CampaignDoc }) {
  const { t } = useI18n();
  const s = c.summary!;
  const kinds = (m: Record<string, number>) =>
    ITEM_KINDS.filter((k) => (m[k] ?? 0) > 0)
      .map((k) => `${t(`item.kind.${k}` as MessageKey)} ${m[k]}`)
      .join('，') || t('campaign.noItems');
  return (
    <div className="campaign-summary" data-testid="campaign-summary">
      <Typography.Paragraph strong>
        {t('campaign.summary', { done: s.gridsDone, grids: s.grids, patrols: s.patrols, items: s.items })}
      </Typography.Paragraph>
      <Typography.Paragraph>{kinds(s.itemsByKind)}</Typography.Paragraph>
      <List
        size="small"
        dataSource={Object.entries(s.byTown)}
        renderItem={([id, town]) => (
          <List.Item key={id}>
            {town.name}：{t('campaign.townLine', { done: town.gridsDone, grids: town.grids, items: town.items })}（{kinds(town.itemsByKind)}
            ）
          </List.Item>
        )}
      />
      <Typography.Paragraph type="secondary">
        {c.checklist.map((x, i) => t('campaign.checkedLine', { item: x, n: s.checked[i] ?? 0 })).join('；')}
      </Typography.Paragraph>
    </div>
  );
}

function LaunchForm({ claims }: { claims: Claims }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const children = useRegionChildren(claims.c, claims.u);
  const [requestId, setRequestId] = useState(newRequestId);
  const [topic, setTopic] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [units, setUnits] = useState<string[]>([]);
  const [checklist, setChecklist] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const options = children?.status === 'ready' ? children.data.map((r) => ({ value: r.id, label: r.name })) : [];
  const submit = async () => {
    if (inFlight.current) return;
    setError(null);
    const parsed = LaunchCampaignInput.safeParse({
      requestId,
      topic: topic.trim(),
      from,
      to,
      units: units.length ? units : claims.u.length === 9 ? [claims.u] : options.map((o) => o.value),
      checklist: checklist
        .split('\n')
        .map((x) => x.trim())
        .filter(Boolean),
    });
    if (!parsed.success) {
      setError(parsed.error.issues.map((i) => i.message).join('；'));
      return;
    }
    inFlight.current = true;
    setBusy(true);
    try {
      const r = await call('launchCampaign', parsed.data);
      message.success(t('campaign.launched', { grids: r.grids }));
      setRequestId(newRequestId());
      setTopic('');
      setFrom('');
      setTo('');
      setUnits([]);
      setChecklist('');
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('campaign.launchTitle')} className="form-card">
      <Form layout="vertical" onFinish={submit} disabled={busy} data-testid="campaign-form">
        <Form.Item label={t('campaign.topic')} htmlFor="campaign-topic">
          <Input id="campaign-topic" maxLength={60} value={topic} onChange={(e) => setTopic(e.target.value)} data-testid="campaign-topic" />
        </Form.Item>
        <Form.Item label={t('campaign.range')}>
          <Space.Compact style={{ width: '100%' }}>
            <Input
              type="date"
              aria-label={t('campaign.from')}
              value={from}
              onChange={(e) => setFrom(e.target.value)}
              data-testid="campaign-from"
            />
            <Input type="date" aria-label={t('campaign.to')} value={to} onChange={(e) => setTo(e.target.value)} data-testid="campaign-to" />
          </Space.Compact>
        </Form.Item>
        <Form.Item label={t(claims.u.length === 6 ? 'campaign.towns' : 'campaign.villages')} extra={t('campaign.unitsHint')}>
          <Select
            mode="multiple"
            allowClear
            options={options}
            value={units}
            onChange={setUnits}
            optionFilterProp="label"
            placeholder={t('campaign.unitsPick')}
            data-testid="campaign-units"
          />
        </Form.Item>
        <Form.Item label={t('campaign.checklistInput')} htmlFor="campaign-checklist">
          <Input.TextArea
            id="campaign-checklist"
            rows={4}
            value={checklist}
            onChange={(e) => setChecklist(e.target.value)}
            placeholder={t('campaign.checklistHint')}
            data-testid="campaign-checklist"
          />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} role="alert" data-testid="campaign-error" />}
        <Typography.Paragraph type="secondary">{t('campaign.today', { today: localDate(new Date()) })}</Typography.Paragraph>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="campaign-submit">
          {t('campaign.launch')}
        </Button>
      </Form>
    </Card>
  );
}

/**
 * On a grid worker's patrol form: the checklists of the running campaigns covering the grid
 * today, to tick what this patrol looked at (sent as `checks` with the patrol).
 */
export function CampaignTicks({
  claims,
  gridId,
  value,
  onChange,
}: {
  claims: Claims;
  gridId: string;
  value: { campaignId: string; items: number[] }[];
  onChange: (v: { campaignId: string; items: number[] }[]) => void;
}) {
  const { t } = useI18n();
  const { value: campaigns } = useCampaigns(claims.c);
  const today = localDate(new Date());
  const running =
    campaigns?.status === 'ready'
      ? campaigns.data.filter((c) => c.state === 'running' && c.from <= today && today <= c.to && c.units.some((u) => gridId.startsWith(u)))
      : [];
  if (!running.length) return null;
  const itemsOf = (id: string) => value.find((v) => v.campaignId === id)?.items ?? [];
  const set = (id: string, items: number[]) =>
    onChange([...value.filter((v) => v.campaignId !== id), ...(items.length ? [{ campaignId: id, items }] : [])]);
  return (
    <>
      {running.slice(0, 5).map((c) => (
        <Form.Item key={c.id} label={t('campaign.ticks', { topic: c.topic })} data-testid="campaign-ticks">
          <Select
            mode="multiple"
            allowClear
            value={itemsOf(c.id)}
            onChange={(items: number[]) => set(c.id, items)}
            options={c.checklist.map((x, i) => ({ value: i, label: x }))}
            placeholder={t('campaign.ticksPick')}
          />
        </Form.Item>
      ))}
    </>
  );
}
