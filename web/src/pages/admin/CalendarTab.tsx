/**
 * Holiday calendars (calendarYears/{year}): the State Council's schedule with 调休 make-up days,
 * as imported — an administrator loads next year's from a file here (the `importCalendar`
 * callable, the same file and schema as the CLI's `calendar import --file`). Each day says its
 * kind in words and marks, not only by colour.
 */
import { CalendarFile, type CalendarYearDoc, WorkCalendar, describeIssues } from '@domain';
import { Alert, App as AntApp, Button, Card, Empty, Select, Skeleton, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { call, errorMessage, loadErrorText } from '../../data/callables';
import { useCalendarYears } from '../../data/hooks';
import { formatDateTime, useI18n, useLabels } from '../../i18n';

export default function CalendarTab() {
  const { t, locale } = useI18n();
  const l = useLabels();
  const years = useCalendarYears();
  const thisYear = new Date().getFullYear();
  const [picked, setPicked] = useState<number | null>(null);
  const list = years?.status === 'ready' ? years.data : [];
  const year = picked ?? (list.some((y) => y.year === thisYear) ? thisYear : (list[list.length - 1]?.year ?? thisYear));
  const doc = list.find((y) => y.year === year) ?? null;
  const cal = useMemo(() => (doc ? new WorkCalendar([doc]) : null), [doc]);
  if (!years || years.status === 'loading') return <Skeleton active paragraph={{ rows: 8 }} />;
  if (years.status === 'error') return <Alert type="error" showIcon title={loadErrorText(years, t)} />;
  return (
    <div data-testid="admin-calendar">
      <div className="admin-toolbar">
        <Select<number>
          value={year}
          onChange={setPicked}
          options={list.map((y) => ({ value: y.year, label: String(y.year) }))}
          aria-label={t('calendar.year')}
          data-testid="calendar-year"
          virtual={false}
          style={{ minWidth: 120 }}
        />
        <Typography.Text type="secondary">
          {t('calendar.loaded', { from: list[0]?.year ?? '—', to: list[list.length - 1]?.year ?? '—' })}
        </Typography.Text>
      </div>
      <Typography.Paragraph type="secondary">{t('calendar.hint')}</Typography.Paragraph>
      <ImportCalendar onDone={(ys) => setPicked(ys[ys.length - 1] ?? null)} />
      {!doc || !cal ? (
        <Empty description={t('calendar.none', { year })} />
      ) : (
        <>
          <div className="calendar-legend" aria-hidden="true">
            <span className="day holiday">{t('calendar.mark.holiday')}</span> {l.dayKind('holiday')}{' '}
            <span className="day makeup_workday">{t('calendar.mark.makeup')}</span> {l.dayKind('makeup_workday')}{' '}
            <span className="day weekend">{t('calendar.wd.sat')}</span> {l.dayKind('weekend')}
          </div>
          <div className="months">
            {Array.from({ length: 12 }, (_, m) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: items identified by position in a fixed, never reordered list
              <Month key={m} year={year} month={m + 1} cal={cal} />
            ))}
          </div>
          <Holidays doc={doc} />
          <Typography.Paragraph type="secondary" className="admin-note">
            {t('calendar.source', { source: doc.source, at: formatDateTime(doc.importedAt, locale), by: doc.importedBy })}
          </Typography.Paragraph>
        </>
      )}
    </div>
  );
}

function Month({ year, month, cal }: { year: number; month: number; cal: WorkCalendar }) {
  const { t } = useI18n();
  const l = useLabels();
  const first = new Date(Date.UTC(year, month - 1, 1));
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7; // Monday first
  const iso = (d: number) => `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return (
    <table className="month">
      <caption>{t('calendar.month', { y: year, m: month })}</caption>
      <thead>
        <tr>
          {(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((d) => (
            <th key={d} scope="col">
              {t(`calendar.wd.${d}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {Array.from({ length: Math.ceil((lead + days) / 7) }, (_, w) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: items identified by position in a fixed, never reordered list
          <tr key={w}>
            {Array.from({ length: 7 }, (_, i) => {
              const d = w * 7 + i - lead + 1;
              // biome-ignore lint/suspicious/noArrayIndexKey: items identified by position in a fixed, never reordered list
              if (d < 1 || d > days) return <td key={i} />;
              const date = iso(d);
              const kind = cal.kind(date);
              const name = cal.nameOf(date);
              const label = `${date} ${l.dayKind(kind)}${name ? ` · ${name}` : ''}`;
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: items identified by position in a fixed, never reordered list
                <td key={i} className={`day ${kind}`} title={label} aria-label={label} data-kind={kind}>
                  {d}
                  {(kind === 'holiday' || kind === 'makeup_workday') && (
                    <span className="day-mark" aria-hidden="true">
                      {t(kind === 'holiday' ? 'calendar.mark.holiday' : 'calendar.mark.makeup')}
                    </span>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Holidays({ doc }: { doc: CalendarYearDoc }) {
  const { t } = useI18n();
  const groups = useMemo(() => {
    const by = new Map<string, string[]>();
    for (const [d, n] of Object.entries(doc.offDays)) (by.get(n) ?? by.set(n, []).get(n)!).push(d);
    return [...by.entries()].map(([name, off]) => ({ name, off: off.sort() })).sort((a, b) => a.off[0]!.localeCompare(b.off[0]!));
  }, [doc]);
  const makeup = Object.entries(doc.workdays).sort(([a], [b]) => a.localeCompare(b));
  return (
    <ul className="holiday-list" data-testid="calendar-holidays">
      {groups.map((g) => (
        <li key={g.name} data-testid="calendar-holiday">
          <strong>{g.name}</strong> {t('calendar.offRange', { from: g.off[0]!, to: g.off[g.off.length - 1]!, n: g.off.length })}
        </li>
      ))}
      {makeup.length > 0 && (
        <li data-testid="calendar-makeup">
          <strong>{t('calendar.makeup')}</strong>{' '}
          {makeup.map(([d, n]) => (
            <Tag key={d} title={n}>
              {d} {n}
            </Tag>
          ))}
        </li>
      )}
    </ul>
  );
}

/** 导入日历文件: read a JSON file, check it with the domain's schema, then import (county administrators). */
function ImportCalendar({ onDone }: { onDone: (years: number[]) => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [file, setFile] = useState<{ name: string; raw: unknown } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const checked = useMemo(() => (file ? CalendarFile.safeParse(file.raw) : null), [file]);
  const pick = async (f: File | undefined) => {
    setError(null);
    setFile(null);
    if (!f) return;
    try {
      setFile({ name: f.name, raw: JSON.parse(await f.text()) });
    } catch {
      setError(t('calendar.import.badJson'));
    }
  };
  const submit = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const res = await call('importCalendar', { calendar: file.raw as never, filename: file.name });
      message.success(t('calendar.import.done', { years: res.years.join('、') }));
      setFile(null);
      onDone(res.years);
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  const shown = error ?? (checked && !checked.success ? describeIssues(checked.error.issues) : null);
  return (
    <Card size="small" title={t('calendar.import.title')} className="calendar-import" data-testid="calendar-import">
      <Typography.Paragraph type="secondary" className="small">
        {t('calendar.import.hint')}
      </Typography.Paragraph>
      <label className="ant-btn ant-btn-default file-pick">
        {t('calendar.import.file')}
        <input
          type="file"
          accept=".json,application/json"
          className="sr-only"
          data-testid="calendar-import-file"
          onChange={(e) => void pick(e.target.files?.[0])}
        />
      </label>{' '}
      {file && <span className="muted small">{file.name}</span>}
      {checked?.success && (
        <Typography.Paragraph className="small" data-testid="calendar-import-preview">
          {t('calendar.import.preview', {
            years: checked.data.map((y) => y.year).join('、'),
            off: checked.data.reduce((n, y) => n + Object.keys(y.offDays).length, 0),
            work: checked.data.reduce((n, y) => n + Object.keys(y.workdays).length, 0),
          })}
        </Typography.Paragraph>
      )}
      {shown && <Alert type="error" showIcon title={shown} role="alert" data-testid="calendar-import-error" className="submit-error" />}
      <div>
        <Button type="primary" onClick={submit} loading={busy} disabled={!checked?.success} data-testid="calendar-import-submit">
          {t('calendar.import.submit')}
        </Button>
      </div>
    </Card>
  );
}
