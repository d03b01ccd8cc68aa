/**
 * The report form's draft and what it sends (上报案件): shared by the console's report page
 * (pages/ReportPage.tsx) and the grid worker's phone form (phone/PhoneReport.tsx). Light on
 * purpose — the case vocabulary alone (`@domain/vocab`) and types — so the phone form carries it.
 */
import type { Claims, ReportCaseInput } from '@domain';
import { type CaseClass, type Category, type GRID_OUTCOMES, type PARTY_ROLES, type Source, minimumTier } from '@domain/vocab';
import type { z } from 'zod';
import type { Translate } from '../i18n/core';

export type PartyRole = (typeof PARTY_ROLES)[number];
export type FlagKey = 'group' | 'violenceRisk' | 'crossVillage' | 'crossTown' | 'keyPersons';
export const FLAG_KEYS: FlagKey[] = ['group', 'violenceRisk', 'crossVillage', 'crossTown', 'keyPersons'];
export const MAX_PARTIES = 50;

export interface PartyDraft {
  key: number;
  role: PartyRole;
  name: string;
  phone: string;
  idNumber: string;
}

export interface Draft {
  townId?: string;
  villageId?: string;
  gridId?: string;
  category?: Category;
  caseClass: CaseClass;
  source: Source;
  title: string;
  description: string;
  address: string;
  /** Where it happened (optional): the phone's position or a point placed on the map. */
  location?: { lat: number; lng: number; accuracy: number } | null;
  flags: Record<FlagKey, boolean>;
  groupSize: number | null;
  parties: PartyDraft[];
  /** A grid worker's choice at submission: 就地化解 or 上报村(社区). */
  gridChoice?: 'resolve' | 'escalate';
  gridOutcome?: (typeof GRID_OUTCOMES)[number];
  gridNote: string;
  gridReason: string;
}

/** Does this report start at the grid (a grid worker's, no flag that sends it higher)? Then the worker must choose. */
export function startsAtGrid(claims: Claims, d: Draft): boolean {
  if (claims.r !== 'grid_worker') return false;
  const flags = { ...d.flags, group: d.flags.group || (d.groupSize ?? 0) >= 5 };
  return minimumTier({ caseClass: d.caseClass, flags }) === 'grid';
}

/** A fresh idempotency key: 32 hex characters (a UUID without dashes). */
export function newRequestId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID().replace(/-/g, '');
  // Not a secure context (plain http on a LAN address): randomUUID is missing, getRandomValues is not.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

let partyKey = 0;
export const newParty = (role: PartyRole = 'applicant'): PartyDraft => ({ key: ++partyKey, role, name: '', phone: '', idNumber: '' });

export function initialDraft(claims: Claims, resident = false): Draft {
  return {
    townId: claims.t,
    villageId: claims.v,
    gridId: claims.g,
    category: undefined,
    caseClass: 'general',
    source: resident ? 'resident_app' : claims.r === 'grid_worker' ? 'grid_patrol' : 'walk_in',
    title: '',
    description: '',
    address: '',
    flags: { group: false, violenceRisk: false, crossVillage: false, crossTown: false, keyPersons: false },
    groupSize: null,
    parties: [newParty('applicant')],
    gridChoice: undefined,
    gridOutcome: undefined,
    gridNote: '',
    gridReason: '',
  };
}

const blankToNull = (s: string) => (s.trim() ? s.trim() : null);

/** The payload as the schema sees it (before defaults). */
export function toPayload(d: Draft, requestId: string, claims: Claims): z.input<typeof ReportCaseInput> {
  const choose = startsAtGrid(claims, d);
  return {
    // Not chosen yet: null here, and `submit` asks for the choice (the schema lets others leave it out).
    gridAction: !choose
      ? null
      : d.gridChoice === 'resolve'
        ? { kind: 'resolve', outcome: d.gridOutcome as (typeof GRID_OUTCOMES)[number], note: d.gridNote }
        : d.gridChoice === 'escalate'
          ? { kind: 'escalate', ...(d.gridReason.trim() ? { reason: d.gridReason } : {}) }
          : null,
    requestId,
    // Unset selects stay undefined, so the schema reports "required" rather than a format error.
    gridId: d.gridId as string,
    category: d.category as Category,
    caseClass: d.caseClass,
    source: d.source,
    title: d.title,
    description: d.description,
    flags: { ...d.flags, groupSize: d.flags.group ? d.groupSize : null },
    parties: d.parties.map((p) => ({
      role: p.role,
      name: p.name.trim(),
      phone: blankToNull(p.phone.replace(/[\s-]/g, '')),
      idNumber: blankToNull(p.idNumber)?.toUpperCase() ?? null,
      address: null,
    })),
    address: blankToNull(d.address),
    location: d.location ?? null,
  };
}

/** Field order, for focusing the first error. */
export function fieldOrder(d: Draft): string[] {
  return [
    'townId',
    'villageId',
    'gridId',
    'category',
    'caseClass',
    'source',
    'title',
    'description',
    'flags.groupSize',
    'address',
    ...d.parties.flatMap((_, i) => [`parties.${i}.role`, `parties.${i}.name`, `parties.${i}.phone`, `parties.${i}.idNumber`]),
    'gridAction',
    'gridAction.outcome',
    'gridAction.note',
    'gridAction.reason',
  ];
}

export const fieldId = (path: string) => `report-field-${path.replace(/\./g, '-')}`;

/** Messages for issues the domain schema does not word itself (missing selections). */
export function issueMessages(t: Translate) {
  return (iss: { path?: PropertyKey[]; code?: string }) => {
    const path = (iss.path ?? []).map(String).join('.');
    if (path === 'gridId') return t('report.err.grid');
    if (path === 'category') return t('report.err.category');
    if (path === 'flags.groupSize') return t('report.err.groupSize');
    if (/^parties\.\d+\.role$/.test(path)) return t('report.err.partyRole');
    if (path === 'gridAction') return t('report.err.gridAction');
    if (path === 'gridAction.outcome') return t('report.err.gridOutcome');
    return undefined;
  };
}

export function omitKeys(o: Record<string, string>, keys: string[]): Record<string, string> {
  if (!keys.some((k) => k in o)) return o;
  const out = { ...o };
  for (const k of keys) delete out[k];
  return out;
}

/** The error props of a form field (antd's validateStatus/help; the phone form reads `help`). */
export type ErrProps = (path: string) => { validateStatus?: 'error'; help?: string };
