import { z } from 'zod';
import {
  Appointment,
  EmergencyContact,
  Episode,
  Measure,
  MeasureKind,
  Message,
  Note,
  NoteKind,
  Patient,
  Ticket,
  TicketDecisionKind,
  TicketType,
} from '../../api/entities';
import { TREND_LENGTH } from '../../clinical/caseload-row';
import { DeadlineSchema } from '../../clinical/deadline';
import { TICKET_URGENCY_ORDER } from '../../clinical/supervision';
import { ticketDecisionNeedsReason } from '../../clinical/ticket-decisions';
import { method } from '../define';
import { Ack, Id, Instant, LocalWrite, NoArguments } from './common';
import {
  AppointmentView,
  BookingInput,
  BookingOptions,
  CancelledSession,
  OutcomeCheck,
  OutcomeRequest,
  UrgentRiskView,
} from './workspace-views';

export * from './workspace-views';

export const RiskFlagView = z.strictObject({ measuredAt: Instant, item9: z.int().min(1).max(3) });

/** Treatment sessions of the open episode (shared/clinical treatmentSessionsUsed). */
export const SessionsUsedView = z.strictObject({
  used: z.int().min(0),
  booked: z.int().min(0),
  limit: z.int().min(1).nullable(),
  extension: z.enum(['no_limit', 'not_needed', 'needed', 'requested', 'declined', 'approved']),
  words: z.string(),
});

export const CaseloadEntry = z.strictObject({
  patientId: Id,
  caseReference: z.string(),
  name: z.string(),
  step: z.union([z.literal(2), z.literal(3)]).nullable(),
  problemDescriptor: z.string().nullable(),
  /** Where the open episode stands, in words (as the facts show it). */
  episodeStatus: z.string().nullable(),
  therapistId: Id,
  therapistName: z.string().nullable(),
  nextAppointmentAt: Instant.nullable(),
  lastContactAt: Instant.nullable(),
  openDeadlines: z.int().min(0),
  overdueDeadlines: z.int().min(0),
  nextDueAt: Instant.nullable(),
  awaitingReply: z.int().min(0),
  latestPhq9: z.int().min(0).max(27).nullable(),
  latestGad7: z.int().min(0).max(21).nullable(),
  /** The latest scores, oldest first, for the sparklines (shared/clinical scoreTrend). */
  phq9Trend: z.array(z.int().min(0).max(27)).max(TREND_LENGTH),
  gad7Trend: z.array(z.int().min(0).max(21)).max(TREND_LENGTH),
  /** Null without an open episode. */
  sessions: SessionsUsedView.nullable(),
  risk: RiskFlagView.nullable(),
});
export type CaseloadEntry = z.infer<typeof CaseloadEntry>;

export const CaseloadWarningView = z.strictObject({ code: z.string(), message: z.string() });

/** The caseload's size against the service's cap and minimum (shared/clinical caseloadStatus). */
export const CaseloadSizeView = z.strictObject({
  patients: z.int().min(0),
  /** Null: no service cap in this period. */
  cap: z.int().min(0).nullable(),
  /** Null: no minimum in this period. */
  minimum: z.int().min(0).nullable(),
  /** Where allocation stops (the lower of cap and desired caseload); null: no limit. */
  allocationLimit: z.int().min(0).nullable(),
});
export type CaseloadSize = z.infer<typeof CaseloadSizeView>;

export const OutcomeView = z.strictObject({
  status: z.string(),
  label: z.string(),
  attendedTreatmentSessions: z.int().min(0),
});

export const PatientDetail = z.strictObject({
  patient: Patient,
  /** Newest first; `phase` is where the episode stands as the facts show it, in words. */
  episodes: z.array(Episode.extend({ phase: z.string() })),
  appointments: z.array(AppointmentView),
  measures: z.array(Measure.extend(LocalWrite.shape)),
  tickets: z.array(Ticket.extend(LocalWrite.shape)),
  notes: z.array(
    z.strictObject({
      note: Note.nullable(),
      noteId: Id,
      hasDraft: z.boolean(),
      hasConflict: z.boolean(),
      kind: NoteKind,
      appointmentId: Id.nullable(),
      updatedAt: Instant,
    }),
  ),
  /** The patient's local emergency contact (at most one), with where this device's edit stands. */
  emergencyContacts: z.array(EmergencyContact.extend(LocalWrite.shape)),
  deadlines: z.array(DeadlineSchema),
  risk: RiskFlagView.nullable(),
  outcome: OutcomeView.nullable(),
});
export type PatientDetail = z.infer<typeof PatientDetail>;

export const LocalMessage = Message.extend(LocalWrite.shape);
export type LocalMessage = z.infer<typeof LocalMessage>;

export const NoteView = z.strictObject({
  noteId: Id,
  patientId: Id,
  kind: NoteKind,
  appointmentId: Id.nullable(),
  server: Note.nullable(),
  serverVersion: z.int().positive().nullable(),
  draft: z
    .strictObject({
      body: z.string(),
      baseVersion: z.int().positive().nullable(),
      savedAt: Instant,
    })
    .nullable(),
  /** A note edited on two devices: both versions kept until the therapist merges them. */
  conflicts: z.array(
    z.strictObject({
      id: z.int(),
      body: z.string(),
      source: z.enum(['this_device', 'other_device']),
      savedAt: Instant,
    }),
  ),
  syncState: LocalWrite.shape.syncState,
  /**
   * The template this note starts from (service configuration), filled with the patient's
   * name and the session's date; null once submitted. The editor offers it only while the
   * text is empty.
   */
  template: z.strictObject({ name: z.string(), body: z.string() }).nullable(),
});
export type NoteView = z.infer<typeof NoteView>;

export const caseloadContract = {
  list: method(
    z.strictObject({ therapistId: Id.optional() }),
    z.strictObject({
      entries: z.array(CaseloadEntry),
      warnings: z.array(CaseloadWarningView),
      /** Null for a caseload with no one therapist (a supervisor's own). */
      size: CaseloadSizeView.nullable(),
      asOf: Instant,
    }),
    'The active caseload (a supervisor may pass a supervisee), with deadlines and risk at a glance.',
  ),
  therapists: method(
    NoArguments,
    z.strictObject({
      therapists: z.array(
        z.strictObject({
          id: Id,
          displayName: z.string(),
          role: z.string(),
          activePatients: z.int().min(0),
        }),
      ),
    }),
    'Supervisors: the therapists currently assigned to me.',
  ),
} as const;

/**
 * A patient's local emergency contact as the therapist types it (needed before working
 * abroad): who to call near the patient, and the emergency number of the patient's own
 * country. Each problem is said in words, for the form to show beside its field.
 */
export const EmergencyContactInput = z.strictObject({
  patientId: Id,
  /** Null: a new contact. The patient's existing contact's id: edit it. */
  contactId: Id.nullable(),
  name: z
    .string()
    .trim()
    .min(1, 'Enter the contact’s name.')
    .max(200, 'The name is too long: at most 200 characters.'),
  relationship: z
    .string()
    .trim()
    .min(1, 'Say who they are to the patient (for example partner, parent, friend).')
    .max(100, 'The relationship is too long: at most 100 characters.'),
  phone: z
    .string()
    .trim()
    .max(50, 'The phone number is too long: at most 50 characters.')
    .regex(
      /^\+?[0-9][0-9 ()-]*$/,
      'Enter the phone number in digits, with the country code (for example +33 6 12 34 56 78).',
    )
    .refine((v) => v.replace(/\D/g, '').length >= 6, 'The phone number needs at least 6 digits.'),
  localEmergencyNumber: z
    .string()
    .trim()
    .regex(
      /^[0-9]{2,6}$/,
      'Enter the emergency number of the patient’s own country in digits (for example 112, 911 or 000).',
    ),
});
export type EmergencyContactInput = z.infer<typeof EmergencyContactInput>;

export const patientsContract = {
  get: method(
    z.strictObject({ patientId: Id }),
    PatientDetail,
    'A patient record (audited as an open).',
  ),
  urgentRisk: method(
    NoArguments,
    UrgentRiskView,
    "Urgent risk: the service's on-call hours and numbers, and whether now is within them.",
  ),
  setEmergencyContact: method(
    EmergencyContactInput,
    EmergencyContact.extend(LocalWrite.shape),
    "Record or edit a patient's local emergency contact (kept locally and sent when online).",
  ),
} as const;

export const appointmentsContract = {
  upcoming: method(
    z.strictObject({ from: Instant, to: Instant }),
    z.strictObject({
      appointments: z.array(
        Appointment.extend({ patientName: z.string() }).extend(LocalWrite.shape),
      ),
    }),
    'Appointments in a window, for the day and week views.',
  ),
  checkOutcome: method(
    OutcomeRequest,
    OutcomeCheck,
    'What an outcome would be recorded as (late cancellation or not), or why it cannot be, without recording it.',
  ),
  recordOutcome: method(
    OutcomeRequest,
    AppointmentView,
    'Attended, DNA, or cancelled (when and by whom); late cancellation is computed, and a change made elsewhere since is a conflict.',
  ),
  bookingOptions: method(
    z.strictObject({ patientId: Id }),
    BookingOptions,
    "What the booking form offers for a patient: the open episode's step, the lengths per kind and why, and where the treatment sessions stand against the step 2 limit.",
  ),
  cancel: method(
    z.strictObject({ appointmentId: Id }),
    CancelledSession,
    'The therapist cancels a booked session now (never a late cancellation: only a patient’s can be). A booking this device has not sent yet is withdrawn: it never reaches the service.',
  ),
  book: method(
    BookingInput,
    AppointmentView,
    'Book a session in the open episode (kept locally and sent when online); refused in words at the step 2 limit, for a clash, a length the service does not book, or a time past.',
  ),
} as const;

/** One measure's scores for the chart (shared/clinical measureChartSeries). */
export const MeasureSeriesView = z.strictObject({
  kind: z.string(),
  name: z.string(),
  max: z.int().min(0),
  lines: z.array(z.strictObject({ value: z.number(), label: z.string() })),
  band: z
    .strictObject({ low: z.number(), high: z.number(), threshold: z.int().positive() })
    .nullable(),
  scores: z.array(
    z.strictObject({
      id: Id,
      recordedAt: Instant,
      total: z.int().min(0),
      appointmentId: Id.nullable(),
    }),
  ),
});
export type MeasureSeriesView = z.infer<typeof MeasureSeriesView>;

export const measuresContract = {
  record: method(
    z.strictObject({
      patientId: Id,
      appointmentId: Id.nullable(),
      kind: MeasureKind,
      items: z.array(z.int().min(0).max(8)).max(30),
    }),
    Measure.extend(LocalWrite.shape),
    'Score and record a questionnaire; invalid items are a clear error, never a wrong score.',
  ),
  chart: method(
    z.strictObject({ patientId: Id }),
    z.strictObject({ series: z.array(MeasureSeriesView) }),
    "A patient's scores per measure over time, with the service's caseness lines and the reliable-change band around the first score.",
  ),
} as const;

export const notesContract = {
  open: method(
    z.strictObject({ noteId: Id }),
    NoteView,
    'A note with its draft and any conflict copies (audited).',
  ),
  create: method(
    z.strictObject({ patientId: Id, appointmentId: Id.nullable(), kind: NoteKind }),
    NoteView,
    'Start a new note or letter.',
  ),
  autosave: method(
    z.strictObject({ noteId: Id, body: z.string().max(100_000) }),
    z.strictObject({ savedAt: Instant }),
    'Save the draft locally (durable when this resolves) and queue it for the server.',
  ),
  submit: method(
    z.strictObject({ noteId: Id }),
    NoteView,
    'Submit the note: it counts toward the 48-hour deadline.',
  ),
  resolveConflict: method(
    z.strictObject({ noteId: Id, body: z.string().max(100_000) }),
    NoteView,
    'Keep a merged text; the conflict copies are marked resolved, never deleted.',
  ),
} as const;

export const ticketsContract = {
  list: method(
    z.strictObject({ state: z.enum(['open', 'all']).default('open') }),
    z.strictObject({
      tickets: z.array(
        Ticket.extend({
          patientName: z.string(),
          therapistName: z.string().nullable(),
          /** Who took the stored decision (a supervisor's name), when decided. */
          decidedByName: z.string().nullable(),
          urgency: z.enum(TICKET_URGENCY_ORDER),
          /**
           * This device's decision the service refused (another supervisor decided first, or it
           * was refused for another reason): shown beside the stored one, never overwriting it.
           */
          refusedDecision: z
            .strictObject({
              decision: TicketDecisionKind,
              comment: z.string(),
              at: Instant,
              reason: z.string(),
            })
            .nullable(),
        }).extend(LocalWrite.shape),
      ),
    }),
    "Supervision tickets: mine (therapist) or my supervisees' (supervisor); open ones most urgent first.",
  ),
  raise: method(
    z.strictObject({ patientId: Id, type: TicketType, body: z.string().trim().min(1).max(20_000) }),
    Ticket.extend(LocalWrite.shape),
    'Raise a ticket for a case decision.',
  ),
  decide: method(
    z
      .strictObject({ ticketId: Id, decision: TicketDecisionKind, comment: z.string().max(20_000) })
      .superRefine((r, ctx) => {
        const missing = ticketDecisionNeedsReason(r.decision, r.comment);
        if (missing) ctx.addIssue({ code: 'custom', path: ['comment'], message: missing });
      }),
    Ticket.extend(LocalWrite.shape),
    'Supervisors: approve, decline or advise — offline too.',
  ),
  unseenDecisions: method(
    NoArguments,
    z.strictObject({
      decisions: z.array(
        z.strictObject({
          ticketId: Id,
          patientId: Id,
          caseReference: z.string(),
          type: TicketType,
          decision: TicketDecisionKind,
          reason: z.string(),
          decidedAt: Instant,
          /** The supervisor who decided (null: not on this device). */
          decidedByName: z.string().nullable(),
        }),
      ),
    }),
    "Therapists: supervisors' decisions on my tickets I have not seen yet, newest first.",
  ),
  markDecisionsSeen: method(
    z.strictObject({ ticketIds: z.array(Id).min(1).max(500) }),
    z.strictObject({ marked: z.int().min(0) }),
    'Therapists: these decisions have been seen (they leave Today).',
  ),
} as const;

export const deadlinesContract = {
  list: method(
    z.strictObject({ patientId: Id.optional(), includeDone: z.boolean().default(false) }),
    z.strictObject({ deadlines: z.array(DeadlineSchema), asOf: Instant }),
    'Deadlines from the cached facts, at server-corrected time.',
  ),
} as const;

export const hoursContract = {
  statement: method(
    z.strictObject({ year: z.int().min(2000).max(2100), month: z.int().min(1).max(12) }),
    z.strictObject({
      month: z.string(),
      lines: z.array(
        z.strictObject({
          appointmentId: Id,
          patientName: z.string(),
          startsAt: Instant,
          description: z.string(),
          paidAs: z.string(),
          totalPence: z.int(),
        }),
      ),
      basePence: z.int(),
      holidayPence: z.int(),
      totalPence: z.int(),
      csv: z.string(),
    }),
    'The statement of hours worked for a month, to the penny.',
  ),
  exported: method(
    z.strictObject({ year: z.int().min(2000).max(2100), month: z.int().min(1).max(12) }),
    Ack,
    'The person saved the statement as a file: an export, recorded in the audit trail the service keeps.',
  ),
} as const;
