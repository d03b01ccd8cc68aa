// The documents' shapes live in the domain (functions/src/domain/docs.ts), shared with the functions.
export type {
  RosterVersionDoc,
  RosterChangeDoc,
  PublicDutyDoc,
  VisitDoc,
  TypicalCaseDoc,
  StatsPeriodDoc,
  SignalDoc,
  SignalFiguresDoc,
} from '@domain';
