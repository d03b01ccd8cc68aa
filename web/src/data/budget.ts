import { DEFAULT_COUNTER_SHARDS } from '../../../functions/src/domain/deadlines';

/**
 * The console's read budget: page sizes and list limits, in one place, with the formula of the
 * dashboard's first load (docs/console.md explains it). No dependencies but the domain's shard counts (a relative import), so the browser test imports it too.
 *
 * A county leader's first load of the dashboard reads, however many cases the county has:
 *   session documents   3   users/{uid}, userMeta/{uid}, the unit's name (regions/{code})
 *   counters            4   the county's counter shards (policy counterShards.county, default 4)
 *   overdue list        5   DEADLINE_LIST_LIMIT
 *   due-soon list       5   DEADLINE_LIST_LIMIT
 *   alert badge        10   ALERT_BADGE_LIMIT × 2 recipient queries (unit, uid)
 *   on duty today       1   publicDuty/{unitId} (DUTY_TODAY_READS)
 *   ───────────────────────
 *                      28   DASHBOARD_READ_BUDGET (issue 12: at most 30)
 * (An empty query result is billed as one read, so each list counts at least 1 and at most its
 * limit.) Per-town figures are not part of the first load: they load when asked for.
 */
export const BOARD_PAGE_SIZE = 20;
export const DEADLINE_LIST_LIMIT = 5;
/** The wall screen's (大屏) overdue and due-soon lists: longer, it has the room. */
export const WALL_LIST_LIMIT = 8;
/** The dashboard's due-soon horizon. */
export const DUE_SOON_HOURS = 72;
export const ALERTS_LIMIT = 30;
export const ALERT_BADGE_LIMIT = 5;
export const REQUESTS_LIMIT = 30;
export const USERS_PAGE_SIZE = 50;
export const DEPARTMENT_VIEW_LIMIT = 30;
/** Child units whose counters load without asking (one query each; a village's grids). */
export const AUTO_CHILD_UNITS = 8;
/** Child units shown at most (one query each). */
export const MAX_CHILD_UNITS = 30;

/** Leader duty: published versions read for one month (they never overlap; a month spans few). */
export const VERSIONS_LIMIT = 6;
/** 督办 list: cases with supervised items. */
export const SUPERVISION_LIMIT = 50;
/** Linkage visit logs shown. */
export const VISITS_LIMIT = 50;
/** Follow-up tasks (回访 / 回头看): cases with a running clock, soonest first. */
export const FOLLOWUP_LIMIT = 50;
/** Typical cases shown. */
export const TYPICAL_LIMIT = 50;
/** Risk signals shown (风险信号): the newest of the unit and below. */
export const SIGNALS_LIMIT = 50;

/** A county's counter shards unless its policy sets others (a county that does changes this budget). */
export const COUNTY_SHARDS = DEFAULT_COUNTER_SHARDS.county;
export const SESSION_READS = 3;
/** The dashboard's "on duty today" card: one public document. */
export const DUTY_TODAY_READS = 1;
export const DASHBOARD_READ_BUDGET = SESSION_READS + COUNTY_SHARDS + 2 * DEADLINE_LIST_LIMIT + 2 * ALERT_BADGE_LIMIT + DUTY_TODAY_READS;
export const DASHBOARD_BUDGET_TEXT = `${SESSION_READS} session + ${COUNTY_SHARDS} county counter shards + 2 × ${DEADLINE_LIST_LIMIT} deadline rows + 2 × ${ALERT_BADGE_LIMIT} alert rows + ${DUTY_TODAY_READS} on duty today`;
