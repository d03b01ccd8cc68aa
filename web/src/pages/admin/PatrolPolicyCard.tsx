/** The patrol part of the county's policy (网格巡查, issue 14): frequency, per-grid exceptions, 零报告, late logging. */
import type { PatrolFrequency, PatrolPolicy } from '@domain';
import { Card, Form, Input, InputNumber, Radio, Switch } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n';

const gridLines = (r: Record<string, PatrolFrequency>) =>
  Object.entries(r)
    .map(([g, f]) => `${g} ${f.kind === 'daily' ? '每天' : f.times}`)
    .join('\n');

/** Parses "gridId times|每天|daily" lines; the 1-based number of the first bad line, or the map. */
export function parseGridFrequency(text: string): Record<string, PatrolFrequency> | number {
  const out: Record<string, PatrolFrequency> = {};
  const lines = text.split('\n');
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^(\d{15})[\s,，:：]+(每天|daily|[1-7])$/i.exec(line);
    if (!m) return i + 1;
    out[m[1]!] = /^\d$/.test(m[2]!) ? { kind: 'weekly', times: Number(m[2]) } : { kind: 'daily' };
  }
  return out;
}

export function PatrolPolicyCard({
  readOnly = false,
  value,
  errors,
  onChange,
  onGridError,
}: {
  /** A city's or province's administrator reading a county's policy: the per-grid exceptions as a count (grid codes are for the county's administrator). */
  readOnly?: boolean;
  value: PatrolPolicy;
  errors: Record<string, string>;
  onChange: (v: PatrolPolicy) => void;
  onGridError: (message: string) => void;
}) {
  const { t } = useI18n();
  const [gridText, setGridText] = useState(() => gridLines(value.gridFrequency));
  const err = (k: string) => {
    const hit = Object.entries(errors).find(([p]) => p === `patrol.${k}` || p.startsWith(`patrol.${k}.`));
    return hit ? { validateStatus: 'error' as const, help: hit[1] } : {};
  };
  const f = value.frequency;
  return (
    <Card size="small" title={t('policy.patrol')} className="form-card" data-testid="policy-patrol">
      <Form.Item label={t('policy.patrol.frequency')} {...err('frequency')}>
        <Radio.Group
          value={f.kind}
          onChange={(e) => onChange({ ...value, frequency: e.target.value === 'daily' ? { kind: 'daily' } : { kind: 'weekly', times: 3 } })}
          options={[
            { value: 'daily', label: t('policy.patrol.daily') },
            { value: 'weekly', label: t('policy.patrol.weekly') },
          ]}
          data-testid="policy-patrol-frequency"
        />
      </Form.Item>
      {f.kind === 'weekly' && (
        <Form.Item label={t('policy.patrol.times')} htmlFor="policy-patrol-times">
          <InputNumber
            id="policy-patrol-times"
            min={1}
            max={7}
            precision={0}
            value={f.times}
            onChange={(v) => onChange({ ...value, frequency: { kind: 'weekly', times: typeof v === 'number' ? v : 1 } })}
          />
        </Form.Item>
      )}
      <Form.Item label={t('policy.patrol.zeroReport')} htmlFor="policy-patrol-zero">
        <Switch
          id="policy-patrol-zero"
          checked={value.zeroReportRequired}
          onChange={(v) => onChange({ ...value, zeroReportRequired: v })}
          data-testid="policy-patrol-zero"
        />
      </Form.Item>
      <Form.Item label={t('policy.patrol.backdateDays')} htmlFor="policy-patrol-backdate" {...err('backdateDays')}>
        <InputNumber
          id="policy-patrol-backdate"
          min={0}
          max={31}
          precision={0}
          value={value.backdateDays}
          onChange={(v) => onChange({ ...value, backdateDays: typeof v === 'number' ? v : 0 })}
        />
      </Form.Item>
      {readOnly ? (
        <Form.Item label={t('policy.patrol.gridFrequency')}>
          <span data-testid="policy-patrol-grids-count">
            {t('admin.upper.gridExceptions', { n: Object.keys(value.gridFrequency).length })}
          </span>
        </Form.Item>
      ) : (
        <Form.Item
          label={t('policy.patrol.gridFrequency')}
          htmlFor="policy-patrol-grids"
          extra={t('policy.patrol.gridFrequencyHint')}
          {...err('gridFrequency')}
        >
          <Input.TextArea
            id="policy-patrol-grids"
            rows={3}
            value={gridText}
            onChange={(e) => {
              setGridText(e.target.value);
              const parsed = parseGridFrequency(e.target.value);
              if (typeof parsed === 'number') onGridError(t('policy.patrol.gridFrequencyBad', { n: parsed }));
              else onChange({ ...value, gridFrequency: parsed });
            }}
          />
        </Form.Item>
      )}
    </Card>
  );
}
