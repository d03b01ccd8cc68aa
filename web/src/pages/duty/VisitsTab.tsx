/**
 * 联值走访: each leader's linked town and villages (挂点) with the weekly visit day (每周二联值),
 * the visit logs, live, and — for a linked leader — the form to log a visit and, from what was
 * found, open a case (source 领导联值走访).
 */
import { PersonName } from '../../components/StaffPicker';
import { CATEGORIES, type Category, type LinkageDoc, LogVisitInput, addDays, isoWeekday } from '@domain';
import { Alert, App as AntApp, Button, Card, Checkbox, Empty, Form, Input, Select, Skeleton, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSignedIn } from '../../auth/session';
import { call, callableFieldErrors, errorMessage, loadErrorText } from '../../data/callables';
import type { VisitDoc } from '../../data/docs';
import { useLinkages, useVisits } from '../../data/duty-hooks';
import { useEntityName, useVillageGrids, shownName } from '../../data/hooks';
import { useI18n, useLabels } from '../../i18n';
import { issuesByField } from '../../i18n/zod';
import { hrefFor } from '../../router';
import { newRequestId } from '../../data/report-draft';
import { LinkageEditor } from './RotationEditor';
import { WEEKDAYS, today, useDayLabel } from './common';

/** The next visit day (today included) for a weekday. */
function nextVisit(from: string, weekday: number): string {
  let d = from;
  while (isoWeekday(d) !== weekday) d = addDays(d, 1);
  return d;
}

export default function VisitsTab() {
  const { t } = useI18n();
  const { claims, user } = useSignedIn();
  const linkages = useLinkages(claims.c);
  const visits = useVisits(claims.c);
  const mine = linkages?.status === 'ready' ? linkages.data.find((x) => x.leaderUid === user.uid) : undefined;
  const lastVisit = useMemo(() => {
    const m = new Map<string, string>();
    if (visits?.status === 'ready')
      for (const v of visits.data) if (!m.has(`${v.leaderUid}:${v.villageId}`)) m.set(`${v.leaderUid}:${v.villageId}`, v.date);
    return m;
  }, [visits]);

  return (
    <div className="visits" data-testid="visits" data-state={linkages?.status ?? 'loading'}>
      {claims.r === 'admin' && <LinkageEditor countyId={claims.c} />}
      <div className="visits-layout">
        <div>
          <Card size="small" title={t('visits.plan')} className="detail-card">
            {!linkages || linkages.status === 'loading' ? (
              <Skeleton active paragraph={{ rows: 3 }} />
            ) : linkages.status === 'error' ? (
              <Alert type="error" showIcon title={loadErrorText(linkages, t)} />
            ) : linkages.data.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('visits.noLinkages')} />
            ) : (
              <div className="linkage-list">
                {linkages.data.map((k) => (
                  <LinkageCard key={k.leaderUid} k={k} last={lastVisit} me={k.leaderUid === user.uid} />
                ))}
              </div>
            )}
          </Card>
          {mine && (
            <Card size="small" title={t('visits.log')} className="detail-card">
              <VisitForm linkage={mine} />
            </Card>
          )}
        </div>
        <Card size="small" title={t('visits.logs')} className="detail-card">
          {!visits || visits.status === 'loading' ? (
            <Skeleton active paragraph={{ rows: 4 }} />
          ) : visits.status === 'error' ? (
            <Alert type="error" showIcon title={loadErrorText(visits, t)} />
          ) : visits.data.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('visits.none')} />
          ) : (
            <ul className="visit-list" data-testid="visit-list">
              {visits.data.map((v) => (
                <VisitRow key={v.id} v={v} />
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}

function Village({ id }: { id: string }) {
  const name = useEntityName('region', id);
  return <>{shownName(name)}</>;
}

function LinkageCard({ k, last, me }: { k: LinkageDoc; last: Map<string, string>; me: boolean }) {
  const { t } = useI18n();
  const dayLabel = useDayLabel();
  const town = useEntityName('region', k.townId);
  const next = nextVisit(today(), k.visitWeekday);
  return (
    <div className={`linkage${me ? ' linkage-mine' : ''}`} data-testid="linkage-card" data-leader={k.leaderUid}>
      <div className="linkage-head">
        <strong>{k.leaderName}</strong>
        {me && <span className="muted small"> · {t('visits.me')}</span>}
        <span className="muted small"> · {t('visits.weekly', { wd: t(`calendar.wd.${WEEKDAYS[k.visitWeekday - 1]!}`) })}</span>
      </div>
      {k.townId && <div className="small">{t('visits.town', { town: shownName(town) })}</div>}
      <ul className="plain-list small">
        {k.villageIds.map((v) => (
          <li key={v}>
            <Village id={v} />
            <span className="muted">
              {' '}
              ·{' '}
              {last.get(`${k.leaderUid}:${v}`) ? t('visits.lastVisit', { date: last.get(`${k.leaderUid}:${v}`)! }) : t('visits.notVisited')}
            </span>
          </li>
        ))}
      </ul>
      <div className="small muted">{t('visits.next', { date: dayLabel(next) })}</div>
    </div>
  );
}

function VisitRow({ v }: { v: VisitDoc }) {
  const { t } = useI18n();
  const dayLabel = useDayLabel();
  return (
    <li className="visit" data-testid="visit-row" data-visit-id={v.id} data-village={v.villageId} data-case-id={v.caseId ?? ''}>
      <div className="visit-head">
        <strong>{dayLabel(v.date)}</strong> <PersonName uid={v.leaderUid} fallback={v.leaderName} /> · <Village id={v.villageId} />
      </div>
      <div className="pre">{v.found}</div>
      {v.caseId && (
        <a href={hrefFor({ name: 'case', id: v.caseId })} className="small">
          {t('visits.openedCase', { id: v.caseId })}
        </a>
      )}
    </li>
  );
}

function VisitForm({ linkage }: { linkage: LinkageDoc }) {
  const { t, locale } = useI18n();
  const l = useLabels();
  const { claims } = useSignedIn();
  const { message } = AntApp.useApp();
  const [villageId, setVillage] = useState<string | undefined>(linkage.villageIds[0]);
  const [date, setDate] = useState(today());
  const [found, setFound] = useState('');
  const [open, setOpen] = useState(false);
  const [c, setCase] = useState<{ gridId?: string; category?: Category; title: string; description: string; name: string; phone: string }>({
    title: '',
    description: '',
    name: '',
    phone: '',
  });
  const [requestId, setRequestId] = useState(newRequestId);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const grids = useVillageGrids(claims.c, open ? villageId : null);
  const err = (k: string) => (errors[k] ? { validateStatus: 'error' as const, help: errors[k] } : {});

  const submit = async () => {
    setError(null);
    const parsed = LogVisitInput.safeParse({
      requestId,
      villageId,
      date,
      found,
      openCase: open
        ? {
            gridId: c.gridId,
            category: c.category,
            title: c.title,
            description: c.description,
            parties: [{ role: 'applicant', name: c.name.trim(), phone: c.phone.trim() || null, idNumber: null, address: null }],
          }
        : null,
    });
    if (!parsed.success) {
      setErrors(issuesByField(parsed.error.issues, locale, 2));
      return setError(t('form.fixErrors'));
    }
    setBusy(true);
    try {
      const res = await call('logVisit', parsed.data);
      message.success(res.caseId ? t('visits.loggedWithCase', { id: res.caseId }) : t('visits.logged'));
      setFound('');
      setOpen(false);
      setCase({ title: '', description: '', name: '', phone: '' });
      setRequestId(newRequestId());
      setErrors({});
    } catch (e) {
      setErrors(callableFieldErrors(e));
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form layout="vertical" onFinish={submit} disabled={busy} data-testid="visit-form">
      <div className="form-grid-2">
        <Form.Item label={t('visits.village')} required {...err('villageId')}>
          <Select
            value={villageId}
            onChange={setVillage}
            options={linkage.villageIds.map((v) => ({ value: v, label: <Village id={v} /> }))}
            data-testid="visit-village"
            virtual={false}
          />
        </Form.Item>
        <Form.Item label={t('visits.date')} required htmlFor="visit-date" {...err('date')}>
          <Input
            id="visit-date"
            type="date"
            max={today()}
            value={date}
            onChange={(e) => setDate(e.target.value)}
            data-testid="visit-date"
          />
        </Form.Item>
      </div>
      <Form.Item label={t('visits.found')} required htmlFor="visit-found" {...err('found')}>
        <Input.TextArea
          id="visit-found"
          value={found}
          onChange={(e) => setFound(e.target.value)}
          maxLength={4000}
          showCount
          autoSize={{ minRows: 3, maxRows: 8 }}
          data-testid="visit-found"
        />
      </Form.Item>
      <Checkbox checked={open} onChange={(e) => setOpen(e.target.checked)} data-testid="visit-open-case">
        {t('visits.openCase')}
      </Checkbox>
      {open && (
        <div className="visit-case">
          <div className="form-grid-2">
            <Form.Item label={t('report.grid')} required {...err('openCase.gridId')}>
              <Select
                value={c.gridId}
                onChange={(v: string) => setCase({ ...c, gridId: v })}
                options={grids?.status === 'ready' ? grids.data.map((g) => ({ value: g.id, label: g.name })) : []}
                loading={grids?.status === 'loading'}
                placeholder={t('report.selectGrid')}
                virtual={false}
              />
            </Form.Item>
            <Form.Item label={t('report.category')} required {...err('openCase.category')}>
              <Select
                value={c.category}
                onChange={(v: Category) => setCase({ ...c, category: v })}
                options={CATEGORIES.map((x) => ({ value: x, label: l.category(x) }))}
                placeholder={t('report.selectCategory')}
                showSearch={{ optionFilterProp: 'label' }}
                virtual={false}
              />
            </Form.Item>
          </div>
          <Form.Item label={t('report.caseTitle')} required {...err('openCase.title')}>
            <Input value={c.title} maxLength={60} onChange={(e) => setCase({ ...c, title: e.target.value })} />
          </Form.Item>
          <Form.Item label={t('report.description')} required {...err('openCase.description')}>
            <Input.TextArea
              value={c.description}
              maxLength={4000}
              autoSize={{ minRows: 2, maxRows: 6 }}
              onChange={(e) => setCase({ ...c, description: e.target.value })}
            />
          </Form.Item>
          <div className="form-grid-2">
            <Form.Item label={t('report.partyName')} required {...err('openCase.parties')}>
              <Input value={c.name} maxLength={40} onChange={(e) => setCase({ ...c, name: e.target.value })} />
            </Form.Item>
            <Form.Item label={t('report.partyPhone')}>
              <Input value={c.phone} type="tel" maxLength={11} onChange={(e) => setCase({ ...c, phone: e.target.value })} />
            </Form.Item>
          </div>
        </div>
      )}
      {error && <Alert type="error" showIcon title={error} role="alert" className="submit-error" data-testid="visit-error" />}
      <div className="form-buttons">
        <Button type="primary" htmlType="submit" loading={busy} data-testid="visit-submit">
          {t('visits.submit')}
        </Button>
      </div>
      <Typography.Paragraph type="secondary" className="small">
        {t('visits.hint')}
      </Typography.Paragraph>
    </Form>
  );
}
