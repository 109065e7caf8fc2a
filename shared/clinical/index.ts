// The public API of the clinical rules. Rule modules import each other directly; callers
// import from here. See README.md.
export {
  InstantSchema,
  LONDON,
  instantToMillis,
  millisToInstant,
  addHours,
  serverCorrectedNow,
  deviceZone,
  formatLocalDateTime,
  localDate,
  monthRange,
} from './time';
export type { Instant, MonthRange } from './time';
export { formatForPeople, peopleTime, ukTimeInput, ukTimeInputValue } from './people-time';
export type { PeopleTime, PeopleTimeOptions, PeopleTimeStyle, UkTimeInput } from './people-time';

export { ServiceConfigSchema, AdsmSchema, PayRateSchema, defaultServiceConfig } from './config';
export type { ServiceConfig, Adsm, PayRate } from './config';
export { serviceConfigFromWire } from './config-wire';
export type { WireServiceConfig } from './config-wire';
export { sessionLengthRule } from './session-lengths';
export { measureChartSeries } from './measure-chart';
export type { ChartLine, ChartScore, MeasureSeries } from './measure-chart';
export { bookingRule, proposedLength, sessionLimitWords, treatmentLimitRefusal } from './booking';
export type {
  AppointmentKind,
  BookingDecision,
  BookingFacts,
  BookingRefusal,
  BookingRequest,
  ProposedLength,
} from './booking';
export { noteMayBeStarted } from './note-rules';
export {
  DEFAULT_NOTE_TEMPLATES,
  NOTE_TEMPLATE_IDS,
  NOTE_TEMPLATE_NAMES,
  fillNoteTemplate,
  noteTemplateId,
} from './note-templates';
export type { NoteTemplateId, NoteTemplates } from './note-templates';
export { episodePhase } from './episode-phase';
export { dataFreshness } from './data-freshness';
export type { DataFreshness } from './data-freshness';
export { UrgentRiskSchema, WeeklyHoursSchema, urgentRiskNow } from './urgent-risk';
export type { UrgentRisk, UrgentRiskCover, UrgentRiskNow, WeeklyHours } from './urgent-risk';
export type { EpisodeStatus } from './episode-phase';
export { QUESTIONNAIRES, measureSessionRule, todaysSession } from './questionnaires';
export type { MeasureSession, Questionnaire, SessionLink } from './questionnaires';
export type { NoteAppointment, NoteStart } from './note-rules';
export type { SessionLengthCheck } from './session-lengths';
export {
  CancelledBySchema,
  decideOutcome,
  isLateCancellation,
  noticeInWords,
  outcomeContradiction,
} from './outcome-rules';
export type {
  BookedAppointment,
  CancelledBy,
  OutcomeDecision,
  OutcomeRecording,
  RecordedOutcome,
} from './outcome-rules';

export {
  StepSchema,
  PatientSchema,
  EpisodeSchema,
  EpisodeEndReasonSchema,
  MessageSchema,
  AppointmentSchema,
  NoteSchema,
  TicketSchema,
  TicketKindSchema,
  CaseReviewSchema,
  MeasureRecordSchema,
  ClinicalFactsSchema,
} from './facts';
export type {
  Step,
  Patient,
  Episode,
  EpisodeEndReason,
  Message,
  Appointment,
  Note,
  Ticket,
  TicketKind,
  CaseReview,
  MeasureRecord,
  ClinicalFacts,
} from './facts';

export { DeadlineSchema, DeadlineKindSchema, DeadlineStateSchema, deadlineState } from './deadline';
export type { Deadline, DeadlineKind, DeadlineState } from './deadline';
export { computeDeadlines, openDeadlines } from './deadlines';
export type { DeadlineOptions } from './deadlines';

export {
  appointmentStatus,
  summariseEpisodeAppointments,
  sessionLimitStatus,
} from './appointments';
export type {
  AppointmentStatus,
  EpisodeAppointmentSummary,
  SessionLimitStatus,
} from './appointments';

export { TherapistCaseloadSchema, caseloadStatus } from './caseload';
export {
  TREND_LENGTH,
  describeScoreTrend,
  scoreTrend,
  sessionsUsedCount,
  treatmentSessionsUsed,
} from './caseload-row';
export type { ExtensionState, TreatmentSessionsUsed } from './caseload-row';
export type {
  TherapistCaseload,
  CaseloadStatus,
  CaseloadPeriod,
  CaseloadWarning,
  CaseloadWarningCode,
} from './caseload';

export {
  MeasureInputError,
  scorePhq9,
  scoreGad7,
  scoreWsas,
  scoreAdsm,
  phq9Severity,
  gad7Severity,
  wsasBand,
  reliableChange,
} from './measures';
export type {
  Phq9Score,
  Gad7Score,
  WsasScore,
  Phq9Severity,
  Gad7Severity,
  WsasBand,
  ReliableChange,
} from './measures';

export { anxietyMeasureFor, episodeOutcome, phq9RiskFlags } from './outcomes';
export type {
  AnxietyMeasure,
  EpisodeOutcome,
  OutcomeStatus,
  PairedScore,
  RiskFlag,
} from './outcomes';

export { divideRoundingHalfUp, formatPounds, sessionPay } from './money';
export type { SessionPay } from './money';
export { PayConfigError, rateOn, statementOfHours } from './statement';
export type { PaidAs, StatementLine, StatementOfHours } from './statement';
export { csvCell, PAID_AS_WORDS, statementCsv } from './statement-csv';
export {
  CTSR_ITEMS,
  CTSR_ITEM_COUNT,
  CTSR_ITEM_MAX,
  CTSR_TOTAL_MAX,
  CtsrIncomplete,
  CtsrScoreSchema,
  completeCtsrScores,
  ctsrDraftScores,
  ctsrItemNotes,
  ctsrSubmittedScores,
  ctsrSummary,
  missingCtsrItemsText,
  readCtsrScore,
  unscoredCtsrItems,
} from './ctsr';
export type { CtsrScoreInput, CtsrSummary } from './ctsr';
export { TICKET_DECISION_WORDS, ticketDecisionNeedsReason } from './ticket-decisions';
export type { TicketDecision } from './ticket-decisions';
export {
  TICKET_URGENCY_ORDER,
  TICKET_URGENCY_WORDS,
  byTicketUrgency,
  caseReviewsFallingDue,
  extensionBlocksBookedSession,
  outcomesSummary,
  ticketUrgency,
} from './supervision';
export type { CaseReviewDue, OutcomesSummary, TicketUrgency } from './supervision';
export { tripChecklistOf } from './abroad-checklist';
export type { ChecklistPatient, PatientToldState, TripChecklist } from './abroad-checklist';
export { workingAbroadMessage } from './abroad-message';
export type { WorkingAbroadMessageInput } from './abroad-message';
export {
  LEAVE_WORDS,
  TripPurposeSchema,
  deadlineDuringLeave,
  duringLeaveWords,
  isLeave,
  leaveCovering,
  leaveDates,
  leaveDay,
  leaveOnDay,
  leaveSpan,
  markDeadlinesDuringLeave,
} from './leave';
export type { LeavePeriod, LeavePurpose, TripPurpose } from './leave';
export { leaveMessage } from './leave-message';
export type { LeaveMessageInput } from './leave-message';
export { byReplyDeadline, dueInWords, threadState } from './reply-queue';
export type { QueuedThreadFacts, ThreadState } from './reply-queue';
export {
  TODAY_NOW_SECTIONS,
  TODAY_SECTION_ORDER,
  placeOfDeadline,
  todaySections,
  todayWindow,
} from './today';
export type {
  TodayInput,
  TodayItem,
  TodayPlace,
  TodayRiskFlag,
  TodaySection,
  TodaySectionKey,
  TodaySession,
  TodayTicketKind,
} from './today';
