// Issue 17: a county's directory (domain/directory.ts) — which grids and departments exist and its
// active robots — kept from the documents' writes, and the robots an event's alerts go to, written
// on the event so its fan-out looks up no webhooks.
import { describe, expect, it } from 'vitest';
import {
  type CaseEvent,
  type DepartmentDoc,
  type GridDoc,
  ReportCaseInput,
  WorkCalendar,
  type WebhookDoc,
  alertsForEvent,
  defaultPolicy,
  directoryOf,
  directoryPatches,
  emptyDirectory,
  report,
  robotsForEvent,
  webhooksFor,
  withRobots,
} from '../../functions/src/domain';
import { fromSource } from '../../functions/src/cli/calendar-sources';
import { actorOf, draft, villageStaff } from '../helpers/cases';

const grid: GridDoc = {
  id: '621126100001009',
  name: '第9网格',
  countyId: '621126',
  townId: '621126100',
  villageId: '621126100001',
  households: 10,
};
const dept: DepartmentDoc = { id: '621126-police-x', name: '某派出所', kind: 'police', countyId: '621126', townId: null };
const hook = (over: Partial<WebhookDoc> = {}): WebhookDoc => ({
  id: 'h1',
  countyId: '621126',
  unitId: '621126100001',
  kind: 'wecom',
  url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k',
  secret: null,
  minSeverity: 'info',
  active: true,
  ...over,
});
const route = { id: 'h1', unitId: '621126100001', kind: 'wecom', minSeverity: 'info' } as const;

describe('directoryPatches: what a write changes in the directory', () => {
  it('a grid: added when created, removed when deleted, nothing when renamed', () => {
    expect(directoryPatches('grid', grid.id, null, grid)).toEqual([{ countyId: '621126', field: 'grids', id: grid.id, value: true }]);
    expect(directoryPatches('grid', grid.id, grid, null)).toEqual([{ countyId: '621126', field: 'grids', id: grid.id, value: null }]);
    expect(directoryPatches('grid', grid.id, grid, { ...grid, name: '改名' })).toEqual([]);
  });
  it('a department: its kind, again when the kind changes, removed when deleted', () => {
    expect(directoryPatches('department', dept.id, null, dept)).toEqual([
      { countyId: '621126', field: 'departments', id: dept.id, value: 'police' },
    ]);
    expect(directoryPatches('department', dept.id, dept, { ...dept, name: '改名' })).toEqual([]);
    expect(directoryPatches('department', dept.id, dept, { ...dept, kind: 'court' })).toEqual([
      { countyId: '621126', field: 'departments', id: dept.id, value: 'court' },
    ]);
    expect(directoryPatches('department', dept.id, dept, null)).toEqual([
      { countyId: '621126', field: 'departments', id: dept.id, value: null },
    ]);
  });
  it('a webhook: its route while active (no URL, no secret); removed when deactivated or deleted; a new URL changes nothing', () => {
    expect(directoryPatches('webhook', 'h1', null, hook())).toEqual([{ countyId: '621126', field: 'robots', id: 'h1', value: route }]);
    expect(directoryPatches('webhook', 'h1', hook(), hook({ url: 'https://oapi.dingtalk.com/robot/send?access_token=t' }))).toEqual([]);
    expect(directoryPatches('webhook', 'h1', hook(), hook({ minSeverity: 'critical' }))).toEqual([
      { countyId: '621126', field: 'robots', id: 'h1', value: { ...route, minSeverity: 'critical' } },
    ]);
    expect(directoryPatches('webhook', 'h1', hook(), hook({ active: false }))).toEqual([
      { countyId: '621126', field: 'robots', id: 'h1', value: null },
    ]);
    expect(directoryPatches('webhook', 'h1', null, hook({ active: false }))).toEqual([]);
    expect(directoryPatches('webhook', 'h1', hook(), null)).toEqual([{ countyId: '621126', field: 'robots', id: 'h1', value: null }]);
  });
  it('a document moved to another county (by hand) leaves the first and joins the second', () => {
    expect(directoryPatches('webhook', 'h1', hook(), hook({ countyId: '621125', unitId: '621125100001' }))).toEqual([
      { countyId: '621126', field: 'robots', id: 'h1', value: null },
      { countyId: '621125', field: 'robots', id: 'h1', value: { ...route, unitId: '621125100001' } },
    ]);
  });
});

describe('directoryOf', () => {
  it("holds the county's grids, departments and active robots only, and says since when the robots are complete", () => {
    const at = new Date('2026-11-29T00:00:00Z');
    const d = directoryOf(
      '621126',
      [grid],
      [dept],
      [hook(), hook({ id: 'h2', active: false }), hook({ id: 'h3', countyId: '621125' })],
      at,
    );
    expect(d).toEqual({
      countyId: '621126',
      grids: { [grid.id]: true },
      departments: { [dept.id]: 'police' },
      robots: { h1: route },
      robotsSince: at,
      updatedAt: at,
    });
    expect(JSON.stringify(d)).not.toContain('qyapi');
  });
});

describe('robots on the event', () => {
  const cal = new WorkCalendar([2026].map((y) => fromSource('chinese-days', y)!));
  const plan = report(
    ReportCaseInput.parse(draft({ gridId: '621126100001001' })),
    'case-r',
    actorOf(villageStaff),
    villageStaff,
    new Date('2026-03-02T02:00:00Z'),
    defaultPolicy('621126'),
    cal,
  );
  const e = plan.event as CaseEvent;
  const routes = {
    h1: route,
    other: { id: 'other', unitId: '621126100002', kind: 'dingtalk', minSeverity: 'info' } as const,
    loud: { id: 'loud', unitId: '621126100001', kind: 'dingtalk', minSeverity: 'critical' } as const,
  };

  it('are the robots the same alerts go to, as the fan-out would find them among all webhooks', () => {
    const c = { ...e.after!, id: 'case-r', countyId: '621126' };
    const alerts = alertsForEvent(c, e);
    expect(alerts.length).toBeGreaterThan(0);
    const fromWebhooks = alerts
      .flatMap((a) =>
        webhooksFor(
          a,
          Object.values(routes).map((r) => ({ ...r, active: true })),
        ),
      )
      .map((h) => h.id);
    expect(robotsForEvent(routes, c, e).map((r) => r.id)).toEqual([...new Set(fromWebhooks)].sort());
    expect(robotsForEvent(routes, c, e).map((r) => r.id)).toEqual(['h1']); // the village's; not another village's, not above its severity
  });
  it('are written only when the directory knows all the robots; an event without `after` is left as it is', () => {
    expect(withRobots(e, 'case-r', { robots: routes, robotsSince: new Date() }).robots?.map((r) => r.id)).toEqual(['h1']);
    expect(withRobots(e, 'case-r', { robots: {}, robotsSince: new Date() }).robots).toEqual([]);
    expect(withRobots(e, 'case-r', emptyDirectory('621126')).robots).toBeUndefined();
    const { after: _, ...old } = e;
    expect(withRobots(old as CaseEvent, 'case-r', { robots: routes, robotsSince: new Date() }).robots).toBeUndefined();
  });
});
