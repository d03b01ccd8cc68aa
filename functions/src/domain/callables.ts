import type { z } from 'zod';
import { SaveDepartmentInput, SaveGridInput } from './admin';
import { CaseActionInput } from './case-machine';
import type { CaseState, Tier } from './case-model';
import { ImportCalendarInput } from './calendar';
import { DeadlinePolicy } from './deadlines';
import type { RosterChangeDoc } from './docs';
import { DecideRosterChangeInput, LinkageDoc, LogVisitInput, PublishRosterInput, RosterChangeInput, WalkInInput } from './duty';
import { ReportCaseInput } from './intake';
import { LedgerInput, MonthlyReportInput, TypicalCaseInput } from './ledger';
import { type RosterChange, RosterConfig } from './roster';
import { RegisterResidentInput, TrackCaseInput } from './residents';
import {
  ExportMediationAgreementInput,
  RecordJudicialConfirmationInput,
  RecordMediationSessionInput,
  RecordPerformanceInput,
  SaveMediationAgreementInput,
  SaveMediationOrgInput,
  SaveMediatorInput,
} from './mediation';
import { type CaseSummary, SearchCasesInput } from './search';
import { ResetUserPasswordInput } from './staff';
import { UpsertUserInput } from './users';
import { type CampaignSummary, CloseCampaignInput, LaunchCampaignInput } from './campaign';
import { RecordPatrolInput } from './patrol';
import { HazardActionInput, type HazardState, RecordItemInput } from './patrol-items';
import { SaveCourtFilingInput } from './legal';
import { PatrolLedgerInput } from './patrol-ledger';
import { HandleSignalInput, type SignalState } from './signals';
import {
  type KeyPersonPersonal,
  OpenKeyPersonInput,
  RecordKeyPersonVisitInput,
  type RiskLevel,
  SaveKeyPersonInput,
  SetKeyPersonRiskInput,
} from './keypersons';
import type { PhotoStage } from './photo-model';
import { AttachItemPhotosInput } from './photos';
import { NeedActionInput, type NeedState } from './needs';
import { ExportNoticesInput, IssueNoticeInput, NoticeActionInput, type NoticeState } from './notices';
import { CloseMeetingInput, ReplyMeetingTaskInput, SaveMeetingInput } from './meetings';
import { ExportMeetingsInput } from './meeting-export';

/** A file a callable builds (ledger, monthly report), base64-encoded. */
export interface ExportFile {
  filename: string;
  mimeType: string;
  base64: string;
}

/** What each callable answers. */
export interface CallableResults {
  /** `state`/`tier`: where the case is after the report (and the grid worker's choice, if any). */
  reportCase: { caseId: string; created: boolean; state: CaseState; tier: Tier };
  /** Every transition after the report. */
  caseAction: { caseId: string; version: number; state: CaseState; tier: Tier };
  upsertUser: { uid: string; created: boolean };
  resetUserPassword: { uid: string };
  saveGrid: { id: string };
  saveDepartment: { id: string };
  savePolicy: { countyId: string };
  saveRoster: { unitId: string };
  saveLinkage: { leaderUid: string };
  publishRoster: { unitId: string; from: string; to: string; days: number };
  requestRosterChange: { changeId: string };
  decideRosterChange: { status: RosterChangeDoc['status']; effect: RosterChange[] };
  /** `receivedBy` null: no published roster covered the moment — registered all the same, staff and administrators alerted. */
  recordWalkIn: {
    caseId: string;
    created: boolean;
    receivedBy: { uid: string; name: string; title: string; dutyDate: string } | null;
    noDutyLeader: boolean;
  };
  logVisit: { visitId: string; caseId: string | null };
  exportLedger: ExportFile & { rows: number };
  exportMonthlyReport: ExportFile;
  publishTypicalCase: { caseId: string };
  /** The years imported (each replaces that year's calendar). */
  importCalendar: { years: number[] };
  searchCases: { cases: CaseSummary[] };
  registerResident: { uid: string; created: boolean };
  /** `date`: the coverage day (Asia/Shanghai) the patrol counts for; `created: false` on a resend. */
  recordPatrol: { patrolId: string; created: boolean; date: string };
  /** `caseId`: the case a 矛盾纠纷 became (null for other kinds). */
  recordItem: { itemId: string; created: boolean; caseId: string | null };
  hazardAction: { itemId: string; version: number; state: HazardState };
  /** `created`: this call linked the case (false: it was already the caller's). */
  trackCase: { caseId: string; created: boolean };
  /** The court's monthly filing input for 分流率 (courtFilings/{courtId}_{month}). */
  saveCourtFiling: { courtId: string; month: string };
  saveMediationOrg: { id: string; created: boolean };
  saveMediator: { id: string; created: boolean };
  /** `created` false: a session at that minute was already recorded (nothing changed). */
  recordMediationSession: { sessionId: string; created: boolean };
  /** `lastDay`: the 司法确认 application's last day (null while its calendar is not loaded). */
  saveMediationAgreement: { caseId: string; lastDay: string | null; tasks: { id: string; dueDate: string }[] };
  recordJudicialConfirmation: { caseId: string; clock: 'running' | 'met' | 'breached'; onTime: boolean };
  recordPerformance: { caseId: string; taskId: string; reopened: boolean };
  exportMediationAgreement: ExportFile;
  /** `grids`: the grids the campaign covers; `created: false` on a resend of the same requestId. */
  launchCampaign: { campaignId: string; created: boolean; grids: number };
  /** `closed: false`: it was closed already (the stored summary). */
  closeCampaign: { campaignId: string; closed: boolean; summary: CampaignSummary };
  /** The signal's state after the handling. */
  handleSignal: { signalId: string; state: SignalState };
  /** `created` false: an edit, or a resend of a creation (nothing written twice). */
  saveKeyPerson: { id: string; serial: string; created: boolean; version: number };
  /** The personal data (logged: `accessId` is the keyPersonAccess entry written with it). */
  openKeyPerson: { id: string; serial: string; personal: KeyPersonPersonal; accessId: string };
  /** `dueAt`: the next visit due (ISO); `created` false on a resend. */
  recordKeyPersonVisit: { id: string; visitId: string; created: boolean; onTime: boolean; dueAt: string };
  setKeyPersonRisk: { id: string; version: number; risk: RiskLevel; dueAt: string };
  /** `photos`: the item's photos of that stage now; `added`: how many this call recorded (0 on a resend). */
  attachItemPhotos: { itemId: string; stage: PhotoStage; photos: number; added: number };
  /** `changed` false: a resend of the step already done (nothing written). */
  needAction: { itemId: string; version: number; state: NeedState; changed: boolean };
  /** `number`: 〔year〕seq号; `created` false on a resend of the same requestId (nothing written twice). */
  issueNotice: { noticeId: string; number: string; created: boolean; signDueAt: string; feedbackDueAt: string };
  /** The notice's state after the action; `onTime` for a signing or a first report (null otherwise). */
  noticeAction: { noticeId: string; state: NoticeState; version: number; onTime: boolean | null };
  /** The notices the caller's unit issued in the year, as CSV. */
  exportNotices: ExportFile & { rows: number };
  /** `created` false: an edit, or a resend (nothing written twice); `version`: pass it to the next edit or the close. */
  saveMeeting: { meetingId: string; created: boolean; version: number; signalIds: string[] };
  /** `taskIds`: the tasks the decisions became (in order); `closed` false: a resend of the same close. */
  closeMeeting: { meetingId: string; closed: boolean; taskIds: string[] };
  /** `late`: replied at or after the limit (the task was, or would have been, sent to 督办). */
  replyMeetingTask: { taskId: string; state: 'replied'; late: boolean };
  /** 排查台账: `rows` counts the patrol logs and the items listed. */
  exportPatrolLedger: ExportFile & { rows: { patrols: number; items: number } };
  /** The meetings the caller's unit held in the year (by date), as CSV; `rows`: how many. */
  exportMeetings: ExportFile & { rows: number };
}

/**
 * Every callable, by the name it is exported (and called) under: the strict schema its payload
 * must pass. With `CallableResults` it types both sides — the functions (`defineCallable`,
 * functions/src/lib/callable.ts) and the console's `call(name, input)` (web/src/data/callables.ts).
 * The HTTP endpoints (`intake`, `rosterIcs`) are not callables and are not listed.
 */
export const CALLABLES = {
  reportCase: ReportCaseInput,
  caseAction: CaseActionInput,
  upsertUser: UpsertUserInput,
  resetUserPassword: ResetUserPasswordInput,
  saveGrid: SaveGridInput,
  saveDepartment: SaveDepartmentInput,
  savePolicy: DeadlinePolicy,
  saveRoster: RosterConfig,
  saveLinkage: LinkageDoc,
  publishRoster: PublishRosterInput,
  requestRosterChange: RosterChangeInput,
  decideRosterChange: DecideRosterChangeInput,
  recordWalkIn: WalkInInput,
  logVisit: LogVisitInput,
  exportLedger: LedgerInput,
  exportMonthlyReport: MonthlyReportInput,
  publishTypicalCase: TypicalCaseInput,
  importCalendar: ImportCalendarInput,
  searchCases: SearchCasesInput,
  registerResident: RegisterResidentInput,
  recordPatrol: RecordPatrolInput,
  recordItem: RecordItemInput,
  hazardAction: HazardActionInput,
  trackCase: TrackCaseInput,
  saveCourtFiling: SaveCourtFilingInput,
  saveMediationOrg: SaveMediationOrgInput,
  saveMediator: SaveMediatorInput,
  recordMediationSession: RecordMediationSessionInput,
  saveMediationAgreement: SaveMediationAgreementInput,
  recordJudicialConfirmation: RecordJudicialConfirmationInput,
  recordPerformance: RecordPerformanceInput,
  exportMediationAgreement: ExportMediationAgreementInput,
  launchCampaign: LaunchCampaignInput,
  closeCampaign: CloseCampaignInput,
  handleSignal: HandleSignalInput,
  saveKeyPerson: SaveKeyPersonInput,
  openKeyPerson: OpenKeyPersonInput,
  recordKeyPersonVisit: RecordKeyPersonVisitInput,
  setKeyPersonRisk: SetKeyPersonRiskInput,
  attachItemPhotos: AttachItemPhotosInput,
  needAction: NeedActionInput,
  issueNotice: IssueNoticeInput,
  noticeAction: NoticeActionInput,
  exportNotices: ExportNoticesInput,
  saveMeeting: SaveMeetingInput,
  closeMeeting: CloseMeetingInput,
  replyMeetingTask: ReplyMeetingTaskInput,
  exportPatrolLedger: PatrolLedgerInput,
  exportMeetings: ExportMeetingsInput,
} as const satisfies { [N in keyof CallableResults]: z.ZodType };

export type CallableName = keyof typeof CALLABLES;
/** What a client sends (defaults may be left out). */
export type CallableInput<N extends CallableName> = z.input<(typeof CALLABLES)[N]>;
/** What the function receives once the payload passed its schema. */
export type CallablePayload<N extends CallableName> = z.output<(typeof CALLABLES)[N]>;
export type CallableResult<N extends CallableName> = CallableResults[N];
