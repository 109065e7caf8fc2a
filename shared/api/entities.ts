import { z } from 'zod';
import { CTSR_ITEM_COUNT, CTSR_TOTAL_MAX, CtsrScoreSchema } from '../clinical/ctsr';
import { CountryCode, IsoDate, IsoDateTime, Role, Uuid } from './common';

// Records the client caches. Field names are the wire names; the server projects its tables
// onto exactly these shapes, and the client validates every one before writing it.

export const UserProfile = z.strictObject({
  id: Uuid,
  orgId: Uuid,
  email: z.string(),
  displayName: z.string(),
  role: Role,
  step: z.union([z.literal(2), z.literal(3)]).nullable(),
  serviceStartDate: IsoDate,
  validationEndsOn: IsoDate.nullable(),
  desiredCaseload: z.int().nullable(),
  /** Employed or agency (minimum caseloads differ); absent from older servers: employed. */
  contractType: z.enum(['employed', 'agency']).optional(),
  /**
   * Countries approved for this person alone (`approve-country CC --user`), on top of the
   * service's list; absent from older servers: none.
   */
  approvedCountries: z.array(CountryCode).optional(),
});

export const SupervisionAssignment = z.strictObject({
  id: Uuid,
  supervisorId: Uuid,
  supervisorName: z.string(),
  therapistId: Uuid,
  from: IsoDateTime,
  to: IsoDateTime.nullable(),
});

export const PatientStatus = z.enum(['active', 'discharged']);
export const Patient = z.strictObject({
  id: Uuid,
  orgId: Uuid,
  caseReference: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: IsoDate,
  phone: z.string(),
  therapistId: Uuid,
  status: PatientStatus,
  dischargedAt: IsoDateTime.nullable(),
});

export const EpisodeStatus = z.enum([
  'awaiting_assessment',
  'in_treatment',
  'discharged_recovered',
  'discharged_non_recovered',
  'referred_back',
  'stepped_up',
  'stepped_down',
]);
export const Reallocation = z.strictObject({
  therapistId: Uuid,
  from: IsoDateTime,
  to: IsoDateTime.nullable(),
  reason: z.string(),
});
export const Episode = z.strictObject({
  id: Uuid,
  patientId: Uuid,
  step: z.union([z.literal(2), z.literal(3)]),
  problemDescriptor: z.string(),
  status: EpisodeStatus,
  allocatedTherapistId: Uuid,
  openedAt: IsoDateTime,
  closedAt: IsoDateTime.nullable(),
  allocationHistory: z.array(Reallocation),
});

export const AppointmentOutcome = z.enum(['attended', 'dna', 'late_cancellation', 'cancelled']);
/** Who cancelled: only the patient's cancellation within the notice period is "late". */
export const CancelledBy = z.enum(['patient', 'therapist', 'service']);
export const Appointment = z.strictObject({
  id: Uuid,
  patientId: Uuid,
  episodeId: Uuid,
  therapistId: Uuid,
  kind: z.enum(['assessment', 'treatment']),
  durationMinutes: z.union([z.literal(60), z.literal(45), z.literal(30)]),
  startsAt: IsoDateTime,
  sessionNumber: z.int().min(0),
  /** Computed by the server from the facts (shared/clinical decideOutcome), never chosen by hand. */
  outcome: AppointmentOutcome.nullable(),
  cancelledAt: IsoDateTime.nullable(),
  /** Null (or absent, from servers before it was kept) unless cancelled. */
  cancelledBy: CancelledBy.nullable().optional(),
});

export const Message = z.strictObject({
  id: Uuid,
  patientId: Uuid,
  therapistId: Uuid.nullable(),
  direction: z.enum(['inbound', 'outbound']),
  body: z.string(),
  /** When the service received it. */
  sentAt: IsoDateTime,
  readAt: IsoDateTime.nullable(),
  /** A therapist's reply: when it was written (it may reach the service later, from offline). */
  writtenAt: IsoDateTime.nullable().optional(),
});

export const NoteKind = z.enum(['session_note', 'assessment_letter', 'discharge_letter']);
export const Note = z.strictObject({
  id: Uuid,
  patientId: Uuid,
  appointmentId: Uuid.nullable(),
  authorId: Uuid,
  kind: NoteKind,
  body: z.string(),
  status: z.enum(['draft', 'submitted']),
  updatedAt: IsoDateTime,
  submittedAt: IsoDateTime.nullable(),
});

export const MeasureKind = z.enum(['PHQ9', 'GAD7', 'WSAS', 'SPIN', 'PDSS', 'OCI', 'PCL5', 'HAI']);
export const Measure = z.strictObject({
  id: Uuid,
  patientId: Uuid,
  appointmentId: Uuid.nullable(),
  kind: MeasureKind,
  items: z.array(z.int().min(0).max(8)).nullable(),
  total: z.int().min(0),
  recordedAt: IsoDateTime,
});

export const TicketType = z.enum([
  'new_patient',
  'four_weekly_review',
  'non_urgent_risk',
  'step_up_and_reallocate',
  'refer_back_to_service',
  'non_recovered_discharge',
  'session_extension_request',
]);
export const TicketDecisionKind = z.enum(['approve', 'decline', 'advice']);
/** open → approved | declined | advised; a decided ticket is final. */
export const TicketState = z.enum(['open', 'approved', 'declined', 'advised']);
export const Ticket = z.strictObject({
  id: Uuid,
  patientId: Uuid,
  therapistId: Uuid,
  type: TicketType,
  body: z.string(),
  state: TicketState,
  raisedAt: IsoDateTime,
  decision: z
    .strictObject({ by: Uuid, decision: TicketDecisionKind, comment: z.string(), at: IsoDateTime })
    .nullable(),
});

export const UtteranceComment = z.strictObject({
  id: Uuid,
  transcriptId: Uuid,
  utteranceId: Uuid,
  patientId: Uuid,
  authorId: Uuid,
  body: z.string(),
  createdAt: IsoDateTime,
});

export { CTSR_ITEM_COUNT };
/** A submitted CTS-R rating: every item scored (shared/clinical/ctsr.ts). */
export const CtsrRating = z.strictObject({
  id: Uuid,
  transcriptId: Uuid,
  patientId: Uuid,
  raterId: Uuid,
  items: z.array(CtsrScoreSchema.unwrap()).length(CTSR_ITEM_COUNT),
  /** One note per item ('' for none); absent from ratings made before item notes. */
  itemNotes: z
    .array(z.string())
    .length(CTSR_ITEM_COUNT)
    .default(() => Array.from({ length: CTSR_ITEM_COUNT }, () => '')),
  total: z.int().min(0).max(CTSR_TOTAL_MAX),
  comment: z.string(),
  createdAt: IsoDateTime,
});

export const EmergencyContact = z.strictObject({
  id: Uuid,
  patientId: Uuid,
  name: z.string(),
  phone: z.string(),
  relationship: z.string(),
  localEmergencyNumber: z.string(),
  updatedAt: IsoDateTime,
});

export const WorkAbroadDeclaration = z.strictObject({
  id: Uuid,
  therapistId: Uuid,
  /** Working abroad, or leave (absent from servers before migration 8: working). */
  purpose: z.enum(['working', 'annual_leave', 'sick_leave']).optional(),
  /** Null only for leave that is not abroad. */
  country: CountryCode.nullable(),
  from: IsoDate,
  to: IsoDate,
  patientsInformed: z.boolean(),
  emergencyContactsConfirmed: z.boolean(),
  declaredAt: IsoDateTime,
  /** Cancelled before it started (absent from servers before migration 6). */
  cancelledAt: IsoDateTime.nullable().optional(),
  /**
   * Working trips: the active patients told of it by a message the service holds (its
   * checklist, from `workAbroad.told`; absent from servers before migration 10).
   */
  toldPatientIds: z.array(Uuid).optional(),
});

export const PayRate = z.strictObject({
  effectiveFrom: IsoDate,
  step: z.union([z.literal(2), z.literal(3)]),
  appointmentKind: z.enum(['assessment', 'treatment']),
  durationMinutes: z.union([z.literal(60), z.literal(45), z.literal(30)]),
  ratePence: z.int().min(0),
  holidayPayBasisPoints: z.int().min(0),
});

const sessionMinutes = z.array(z.int().positive().max(240)).min(1);
const stepLengths = z.strictObject({ assessment: sessionMinutes, treatment: sessionMinutes });
const missedOutcomes = z.array(z.enum(['dna', 'late_cancellation']));
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time such as 17:30');
const weeklyHours = z.strictObject({
  days: z.array(z.int().min(1).max(7)).min(1).max(7),
  from: hhmm,
  to: hhmm,
});

const noteTemplate = z.string().min(1).max(20_000);

export const ServiceConfig = z.strictObject({
  id: Uuid,
  orgId: Uuid,
  deadlines: z.strictObject({
    messageReplyHours: z.int().positive(),
    contactGapDays: z.int().positive(),
    clinicalNoteHours: z.int().positive(),
    caseReviewWeeks: z.int().positive(),
    lateCancellationHours: z.int().positive(),
    step2TreatmentSessionsBeforeExtension: z.int().positive(),
    /** A non-urgent risk ticket after a PHQ-9 item 9 above 0 (absent: 24). */
    riskTicketHours: z.int().positive().optional(),
    /** Step 3: a case-management review after this many sessions (absent: 4). */
    step3ReviewAfterSessions: z.int().positive().optional(),
  }),
  caseloadCaps: z.strictObject({
    newPwpCap: z.int().positive(),
    newPwpCapWeeks: z.int().positive(),
    pwpMinimumCaseload: z.int().positive(),
    step3ValidationCap: z.int().positive(),
    step3ValidationMinimum: z.int().positive(),
    /** Minimum caseload of an agency therapist (absent: 10). */
    agencyMinimumCaseload: z.int().positive().optional(),
  }),
  payRates: z.array(PayRate),
  paidMissedSessionsPerEpisode: z.int().min(0),
  dischargedRetentionDays: z.int().positive(),
  offlineLeaseHours: z.int().positive(),
  approvedCountries: z.array(CountryCode),
  adsmThresholds: z.record(
    z.string(),
    z.strictObject({ caseness: z.number(), reliableChange: z.number() }),
  ),
  /** Session lengths booked per step and kind (absent: docs/domain.md's). */
  sessionLengths: z.strictObject({ step2: stepLengths, step3: stepLengths }).optional(),
  /** Per step, the missed sessions paid at half rate (absent: step 2 DNAs; step 3 DNAs and late cancellations). */
  halfRateOutcomes: z.strictObject({ step2: missedOutcomes, step3: missedOutcomes }).optional(),
  /** Hours after the last complete sync when cached data is flagged as stale (absent: 24). */
  staleDataWarningHours: z.number().positive().max(720).optional(),
  /** A CTS-R total at or above this is competent (absent: 36). */
  ctsrCompetenceThreshold: z.int().min(0).max(72).optional(),
  /** The text notes and letters start from, per template (absent: shared/clinical's defaults). */
  noteTemplates: z
    .strictObject({
      assessment: noteTemplate,
      treatmentSession: noteTemplate,
      assessmentLetter: noteTemplate,
      dischargeLetter: noteTemplate,
    })
    .partial()
    .optional(),
  /** Who handles urgent risk, when (UK time), on which numbers (absent: hours only, no numbers). */
  urgentRisk: z
    .strictObject({
      officeHours: z.array(weeklyHours),
      officeNumber: z.string().min(1).max(40).nullable(),
      onCallHours: z.array(weeklyHours),
      onCallNumber: z.string().min(1).max(40).nullable(),
      outsideHours: z.string().min(1).max(500),
    })
    .optional(),
});

export const Speaker = z.enum(['therapist', 'patient']);
export const Utterance = z.strictObject({
  id: Uuid,
  seq: z.int().min(0),
  speaker: Speaker,
  text: z.string(),
  sentAt: IsoDateTime,
});
/** A whole session transcript travels as one change so 400k utterances stay a few thousand changes. */
export const Transcript = z.strictObject({
  id: Uuid,
  appointmentId: Uuid,
  patientId: Uuid,
  therapistId: Uuid,
  startedAt: IsoDateTime,
  utterances: z.array(Utterance),
});

/** Entity name → record schema: the one table the pull feed, the loaders and the client share. */
export const entitySchemas = {
  user: UserProfile,
  supervisionAssignment: SupervisionAssignment,
  patient: Patient,
  episode: Episode,
  appointment: Appointment,
  message: Message,
  note: Note,
  measure: Measure,
  ticket: Ticket,
  utteranceComment: UtteranceComment,
  ctsrRating: CtsrRating,
  emergencyContact: EmergencyContact,
  workAbroadDeclaration: WorkAbroadDeclaration,
  serviceConfig: ServiceConfig,
  transcript: Transcript,
} as const;
export type EntityName = keyof typeof entitySchemas;
export const EntityName = z.enum(Object.keys(entitySchemas) as [EntityName, ...EntityName[]]);
export type EntityData<E extends EntityName> = z.infer<(typeof entitySchemas)[E]>;

export type UserProfile = z.infer<typeof UserProfile>;
export type Patient = z.infer<typeof Patient>;
export type Episode = z.infer<typeof Episode>;
export type Appointment = z.infer<typeof Appointment>;
export type Message = z.infer<typeof Message>;
export type Note = z.infer<typeof Note>;
export type Measure = z.infer<typeof Measure>;
export type Ticket = z.infer<typeof Ticket>;
export type Transcript = z.infer<typeof Transcript>;
export type ServiceConfig = z.infer<typeof ServiceConfig>;
