import { z } from 'zod';
import { InstantSchema } from './time';

/**
 * Plain domain facts the rules read. The local store, the server and the UI all map their
 * own records onto these shapes; parse at that boundary (ClinicalFactsSchema.parse), the
 * rules themselves trust their typed input.
 */
const id = z.string().min(1);

export const StepSchema = z.union([z.literal(2), z.literal(3)]);
export type Step = z.infer<typeof StepSchema>;

export const PatientSchema = z.object({
  id,
  /** Display name used in deadline sentences. */
  name: z.string().min(1),
});
export type Patient = z.infer<typeof PatientSchema>;

export const EpisodeEndReasonSchema = z.enum([
  'recovered_discharge',
  'non_recovered_discharge',
  'step_up',
  'step_down',
  'refer_back_to_service',
]);
export type EpisodeEndReason = z.infer<typeof EpisodeEndReasonSchema>;

export const EpisodeSchema = z
  .object({
    id,
    patientId: id,
    step: StepSchema,
    startedAt: InstantSchema,
    endedAt: InstantSchema.optional(),
    endReason: EpisodeEndReasonSchema.optional(),
    /** Selects an ADSM (see ServiceConfig.measures.adsm) in outcome calculations. */
    problemDescriptor: z.string().min(1).optional(),
  })
  .refine((e) => (e.endedAt === undefined) === (e.endReason === undefined), {
    message: 'endedAt and endReason go together',
  });
export type Episode = z.infer<typeof EpisodeSchema>;

export const MessageSchema = z.object({
  id,
  patientId: id,
  sender: z.enum(['patient', 'therapist']),
  /** When the service received it (server time). */
  receivedAt: InstantSchema,
  /** A therapist's reply: when it was written (it may reach the service later, from offline). */
  writtenAt: InstantSchema.optional(),
  /**
   * A therapist's reply still in this device's outbox is `queued`, one the server refused
   * `refused`: neither has reached the patient. Absent: delivered.
   */
  delivery: z.enum(['delivered', 'queued', 'refused']).optional(),
});
export type Message = z.infer<typeof MessageSchema>;

export const AppointmentSchema = z
  .object({
    id,
    patientId: id,
    episodeId: id,
    kind: z.enum(['assessment', 'treatment']),
    durationMinutes: z.int().min(1).max(240),
    startsAt: InstantSchema,
    /** Absent while the appointment is booked and not yet recorded. */
    outcome: z.enum(['attended', 'dna', 'cancelled']).optional(),
    cancelledAt: InstantSchema.optional(),
    cancelledBy: z.enum(['patient', 'therapist', 'service']).optional(),
  })
  .refine(
    (a) =>
      (a.outcome === 'cancelled') === (a.cancelledAt !== undefined) &&
      (a.outcome === 'cancelled') === (a.cancelledBy !== undefined),
    { message: 'a cancelled appointment has cancelledAt and cancelledBy, and only it has them' },
  );
export type Appointment = z.infer<typeof AppointmentSchema>;

export const NoteSchema = z.object({
  id,
  patientId: id,
  kind: z.enum(['session_note', 'assessment_letter', 'discharge_letter']),
  /** Session notes and assessment letters belong to an appointment. */
  appointmentId: id.optional(),
  /** Discharge letters belong to an episode. */
  episodeId: id.optional(),
  completedAt: InstantSchema,
});
export type Note = z.infer<typeof NoteSchema>;

export const TicketKindSchema = z.enum([
  'new_patient',
  'four_weekly_review',
  'non_urgent_risk',
  'step_up_and_reallocate',
  'refer_back_to_service',
  'non_recovered_discharge',
  'session_extension_request',
]);
export type TicketKind = z.infer<typeof TicketKindSchema>;

export const TicketSchema = z.object({
  id,
  patientId: id,
  episodeId: id,
  kind: TicketKindSchema,
  raisedAt: InstantSchema,
  decision: z.enum(['approved', 'declined', 'advice']).optional(),
  decidedAt: InstantSchema.optional(),
});
export type Ticket = z.infer<typeof TicketSchema>;

/** A patient reviewed in case-management supervision. */
export const CaseReviewSchema = z.object({
  id,
  patientId: id,
  reviewedAt: InstantSchema,
});
export type CaseReview = z.infer<typeof CaseReviewSchema>;

const measureBase = {
  id,
  patientId: id,
  episodeId: id,
  /** Measures are collected at a session; scores are paired by appointment. */
  appointmentId: id,
  takenAt: InstantSchema,
};
export const MeasureRecordSchema = z.discriminatedUnion('measure', [
  z.object({
    ...measureBase,
    measure: z.enum(['phq9', 'gad7', 'wsas']),
    items: z.array(z.number()),
  }),
  z.object({ ...measureBase, measure: z.literal('adsm'), adsmId: id, total: z.number() }),
]);
export type MeasureRecord = z.infer<typeof MeasureRecordSchema>;

export const ClinicalFactsSchema = z.object({
  patients: z.array(PatientSchema).default([]),
  episodes: z.array(EpisodeSchema).default([]),
  messages: z.array(MessageSchema).default([]),
  appointments: z.array(AppointmentSchema).default([]),
  notes: z.array(NoteSchema).default([]),
  tickets: z.array(TicketSchema).default([]),
  reviews: z.array(CaseReviewSchema).default([]),
  measures: z.array(MeasureRecordSchema).default([]),
});
export type ClinicalFacts = z.infer<typeof ClinicalFactsSchema>;
