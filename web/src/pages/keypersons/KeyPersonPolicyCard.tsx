/** The key-person part of the county's policy (重点人员/重点部位, issue 14): categories and visit frequency per risk level. */
import { type KeyPersonPolicy, type RiskLevel, defaultKeyPersonPolicy } from '@domain';
import { Card, Form, Input, InputNumber } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n';

const lines = (xs: string[]) => xs.join('\n');
const parse = (text: string) =>
  text
    .split(/[\n,，、]+/)
    .map((s) => s.trim())
    .filter(Boolean);

export function KeyPersonPolicyCard({
  value,
  errors,
  onChange,
}: {
  value: KeyPersonPolicy | undefined;
  errors: Record<string, string>;
  onChange: (v: KeyPersonPolicy) => void;
}) {
  const { t } = useI18n();
  const v = value ?? defaultKeyPersonPolicy();
  const [person, setPerson] = useState(() => lines(v.categories.person));
  const [place, setPlace] = useState(() => lines(v.categories.place));
  const err = (k: string) => {
    const hit = Object.entries(errors).find(([p]) => p === `keyPersons.${k}` || p.startsWith(`keyPersons.${k}.`));
    return hit ? { validateStatus: 'error' as const, help: hit[1] } : {};
  };
  const days = (r: RiskLevel) => (
    <Form.Item key={r} label={`${t(`kp.risk.${r}`)} · ${t('admin.kp.every')}`} htmlFor={`policy-kp-${r}`} {...err(`visitEveryDays.${r}`)}>
      <InputNumber
        id={`policy-kp-${r}`}
        min={1}
        max={365}
        precision={0}
        value={v.visitEveryDays[r]}
        onChange={(n) => onChange({ ...v, visitEveryDays: { ...v.visitEveryDays, [r]: typeof n === 'number' ? n : 1 } })}
        data-testid={`policy-kp-${r}`}
      />
    </Form.Item>
  );
  return (
    <Card size="small" title={t('admin.kp.title')} className="form-card" data-testid="policy-keypersons">
      <Form.Item label={t('admin.kp.personCategories')} htmlFor="policy-kp-person" {...err('categories.person')}>
        <Input.TextArea
          id="policy-kp-person"
          rows={4}
          value={person}
          onChange={(e) => {
            setPerson(e.target.value);
            onChange({ ...v, categories: { ...v.categories, person: parse(e.target.value) } });
          }}
        />
      </Form.Item>
      <Form.Item label={t('admin.kp.placeCategories')} htmlFor="policy-kp-place" {...err('categories.place')}>
        <Input.TextArea
          id="policy-kp-place"
          rows={3}
          value={place}
          onChange={(e) => {
            setPlace(e.target.value);
            onChange({ ...v, categories: { ...v.categories, place: parse(e.target.value) } });
          }}
        />
      </Form.Item>
      {(['red', 'yellow', 'green'] as const).map(days)}
      <Form.Item label={t('admin.kp.warn')} htmlFor="policy-kp-warn" {...err('warnDaysBefore')}>
        <InputNumber
          id="policy-kp-warn"
          min={0}
          max={30}
          precision={0}
          value={v.warnDaysBefore}
          onChange={(n) => onChange({ ...v, warnDaysBefore: typeof n === 'number' ? n : 0 })}
        />
      </Form.Item>
    </Card>
  );
}
