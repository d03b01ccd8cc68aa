/**
 * 法院收案数: per court and month, the disputes the court received — the denominator of 分流率
 * (`saveCourtFiling`). Administrators pick any court of their county; a court's officer enters
 * its own.
 */
import { SaveCourtFilingInput } from '@domain';
import { Alert, App as AntApp, Button, Form, Input, InputNumber, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSignedIn } from '../../auth/session';
import { call, errorMessage } from '../../data/callables';
import { useDepartments } from '../../data/hooks';
import { useCourtFilings, useOwnFilings } from '../../data/legal-hooks';
import { useI18n } from '../../i18n';
import { issuesByField } from '../../i18n/zod';

const thisMonth = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);

/**
 * `countyId`: the county shown (default: the user's); `readOnly`: a city's or province's
 * administrator reads a county's entries without the form (the county enters them, issue 16).
 */
export function CourtFilingForm({ countyId, readOnly = false }: { countyId?: string; readOnly?: boolean } = {}) {
  const { t, locale } = useI18n();
  const { message } = AntApp.useApp();
  const { claims } = useSignedIn();
  const own = claims.r === 'department_officer' ? (claims.d ?? null) : null;
  const cid = countyId ?? claims.c;
  const depts = useDepartments(cid);
  const courts = useMemo(() => (depts?.status === 'ready' ? depts.data.filter((d) => d.kind === 'court') : []), [depts]);
  const [courtId, setCourtId] = useState<string | undefined>(own ?? undefined);
  const [month, setMonth] = useState(thisMonth());
  const [incoming, setIncoming] = useState<number | null>(null);
  const [filed, setFiled] = useState<number | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const county = useCourtFilings(own ? null : cid, month);
  const mine = useOwnFilings(own);
  const entered = own ? mine : county;
  const name = (id: string) => courts.find((c) => c.id === id)?.name ?? '—';

  const save = async () => {
    setError(null);
    const parsed = SaveCourtFilingInput.safeParse({ courtId: courtId ?? '', month, incoming: incoming ?? Number.NaN, filed });
    if (!parsed.success) {
      setErrors(issuesByField(parsed.error.issues, locale));
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await call('saveCourtFiling', parsed.data);
      message.success(t('filing.saved', { court: name(parsed.data.courtId), month: parsed.data.month }));
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  const status = (k: string) => (errors[k] ? { validateStatus: 'error' as const, help: errors[k] } : {});

  return (
    <div className="court-filing" data-testid="court-filing">
      <Typography.Title level={5}>{t('filing.title')}</Typography.Title>
      {!readOnly && <Typography.Paragraph type="secondary">{t('filing.hint')}</Typography.Paragraph>}
      {readOnly ? (
        <Form layout="inline">
          <Form.Item label={t('filing.month')} htmlFor="filing-month">
            <Input id="filing-month" data-testid="filing-month" type="month" value={month} onChange={(e) => setMonth(e.target.value)} />
          </Form.Item>
        </Form>
      ) : (
        <Form layout="inline" onFinish={save} disabled={busy}>
          <Form.Item label={t('filing.court')} required htmlFor="filing-court" {...status('courtId')}>
            <Select
              id="filing-court"
              data-testid="filing-court"
              style={{ minWidth: 180 }}
              value={courtId}
              onChange={setCourtId}
              disabled={!!own}
              options={courts.map((c) => ({ value: c.id, label: c.name }))}
              virtual={false}
            />
          </Form.Item>
          <Form.Item label={t('filing.month')} required htmlFor="filing-month" {...status('month')}>
            <Input id="filing-month" data-testid="filing-month" type="month" value={month} onChange={(e) => setMonth(e.target.value)} />
          </Form.Item>
          <Form.Item label={t('filing.incoming')} required htmlFor="filing-incoming" {...status('incoming')}>
            <InputNumber id="filing-incoming" data-testid="filing-incoming" min={0} value={incoming} onChange={(v) => setIncoming(v)} />
          </Form.Item>
          <Form.Item label={t('filing.filed')} htmlFor="filing-filed" {...status('filed')}>
            <InputNumber id="filing-filed" data-testid="filing-filed" min={0} value={filed} onChange={(v) => setFiled(v)} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="filing-save">
            {t('filing.save')}
          </Button>
        </Form>
      )}
      {error && <Alert type="error" showIcon title={error} role="alert" data-testid="filing-error" />}
      <Typography.Text strong>{t('filing.list')}</Typography.Text>
      <ul data-testid="filing-list">
        {entered?.status === 'ready' && entered.data.length === 0 && <li>{t('filing.none')}</li>}
        {entered?.status === 'ready' &&
          entered.data.map((f) => (
            <li key={`${f.courtId}_${f.month}`} data-testid="filing-row" data-court={f.courtId} data-month={f.month}>
              {f.courtName} · {f.month} · {t('filing.incoming')} {f.incoming}
              {f.filed !== null ? ` · ${t('filing.filed')} ${f.filed}` : ''}
            </li>
          ))}
      </ul>
    </div>
  );
}
