import { z } from 'zod';
import { type AlertCase, alertsForEvent } from './alerts';
import type { CaseEvent } from './case-model';
import { DEPARTMENT_KINDS, type DepartmentDoc, type GridDoc } from './regions';
import { RobotRoute, type WebhookDoc, webhooksFor } from './webhooks';

/**
 * directories/{countyId} (server-only): which grids and departments of a county exist (with each
 * department's kind) and its active robots, kept by triggers on grids, departments and webhooks
 * (triggers/on*Written.ts). A command checks the grid or departments it names here instead of
 * reading them, and writes on its event which robots its alerts go to, so the event trigger
 * reads no webhooks (issue 17). A positive cache: a name not (yet) found here is read, and added.
 */
export const DirectoryDoc = z.object({
  countyId: z.string(),
  grids: z.record(z.string(), z.literal(true)).default({}),
  departments: z.record(z.string(), z.enum(DEPARTMENT_KINDS)).default({}),
  robots: z.record(z.string(), RobotRoute).default({}),
  /**
   * When `robots` was built from all the county's webhooks (a rebuild; the triggers keep it since).
   * null: not known to be complete — events then carry no robots and the fan-out looks them up.
   */
  robotsSince: z.date().nullable().default(null),
  updatedAt: z.date().nullable().default(null),
});
export type DirectoryDoc = z.infer<typeof DirectoryDoc>;

export const emptyDirectory = (countyId: string): DirectoryDoc => ({
  countyId,
  grids: {},
  departments: {},
  robots: {},
  robotsSince: null,
  updatedAt: null,
});

/** One entry of a county's directory to set (`value`) or remove (null). */
export interface DirectoryPatch {
  countyId: string;
  field: 'grids' | 'departments' | 'robots';
  id: string;
  value: true | DepartmentDoc['kind'] | RobotRoute | null;
}

const routeOf = (h: WebhookDoc): RobotRoute => ({ id: h.id, unitId: h.unitId, kind: h.kind, minSeverity: h.minSeverity });
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What a write of a grid, a department or a webhook changes in its county's directory (pure):
 * nothing when what the directory keeps did not change (a renamed grid, an edited URL).
 */
export function directoryPatches(
  what: 'grid' | 'department' | 'webhook',
  id: string,
  before: GridDoc | DepartmentDoc | WebhookDoc | null,
  after: GridDoc | DepartmentDoc | WebhookDoc | null,
): DirectoryPatch[] {
  const field = what === 'grid' ? 'grids' : what === 'department' ? 'departments' : 'robots';
  const entry = (d: GridDoc | DepartmentDoc | WebhookDoc | null): DirectoryPatch['value'] => {
    if (!d) return null;
    if (what === 'grid') return true;
    if (what === 'department') return (d as DepartmentDoc).kind;
    const h = d as WebhookDoc;
    return h.active ? routeOf(h) : null;
  };
  const was = entry(before);
  const now = entry(after);
  const out: DirectoryPatch[] = [];
  // A document that moves county (by hand) leaves the old county's directory.
  if (before && was !== null && (!after || before.countyId !== after.countyId))
    out.push({ countyId: before.countyId, field, id, value: null });
  if (after && (now !== null || was !== null)) {
    const moved = !before || before.countyId !== after.countyId;
    if (moved ? now !== null : !same(was, now)) out.push({ countyId: after.countyId, field, id, value: now });
  }
  return out;
}

/** A county's directory built from its documents (the seed; a rebuild). */
export function directoryOf(
  countyId: string,
  grids: readonly Pick<GridDoc, 'id'>[],
  departments: readonly Pick<DepartmentDoc, 'id' | 'kind'>[],
  webhooks: readonly WebhookDoc[],
  at: Date,
): DirectoryDoc {
  return {
    countyId,
    grids: Object.fromEntries(grids.map((g) => [g.id, true as const])),
    departments: Object.fromEntries(departments.map((d) => [d.id, d.kind])),
    robots: Object.fromEntries(webhooks.filter((h) => h.active && h.countyId === countyId).map((h) => [h.id, routeOf(h)])),
    robotsSince: at,
    updatedAt: at,
  };
}

/**
 * The robots the alerts of this event go to, by the writer's directory (pure): written on the
 * event, so its fan-out (onCaseEvent) needs no webhook lookup. The same alerts the trigger raises
 * (`alertsForEvent` of the event's `after`).
 */
export function robotsForEvent(robots: DirectoryDoc['robots'], c: AlertCase, e: CaseEvent): RobotRoute[] {
  const routes = Object.values(robots);
  if (!routes.length) return [];
  const found = new Map<string, RobotRoute>();
  for (const a of alertsForEvent(c, e)) for (const h of webhooksFor(a, routes)) found.set(h.id, h);
  return [...found.values()].sort((x, y) => x.id.localeCompare(y.id));
}

/**
 * The event with the robots its alerts go to (`robots`), from the writer's directory (pure); as it
 * was when the directory's robots are not known to be complete (`robotsSince` null): the fan-out
 * then looks them up.
 */
export function withRobots<E extends CaseEvent>(e: E, caseId: string, dir: Pick<DirectoryDoc, 'robots' | 'robotsSince'>): E {
  if (!e.after || dir.robotsSince === null) return e;
  return { ...e, robots: robotsForEvent(dir.robots, { ...e.after, id: caseId, countyId: e.scope.countyId }, e) };
}
