import { z } from 'zod';
import { Appointment, AppointmentOutcome, CancelledBy } from '../../api/entities';
import { Instant, Id, LocalWrite } from './common';

// Views of the workspace contract (workspace.ts) about appointment outcomes and urgent risk.

/** An outcome this device recorded that the server refused (kept until discarded). */
export const RefusedOutcome = z.strictObject({
  seq: z.int().positive(),
  reason: z.string(),
  outcome: AppointmentOutcome,
  cancelledAt: Instant.nullable(),
  cancelledBy: CancelledBy.nullable(),
  recordedAt: Instant,
});
/**
 * An appointment as the patient record shows it: the synced record (or this device's
 * pending outcome), its episode's step, and any refused outcome beside it — never hidden.
 */
export const AppointmentView = Appointment.extend(LocalWrite.shape).extend({
  step: z.union([z.literal(2), z.literal(3)]).nullable(),
  refused: z.array(RefusedOutcome),
});
export type AppointmentView = z.infer<typeof AppointmentView>;

/**
 * A cancellation: recorded (sent to the service, pending until it confirms), or — for a
 * booking this device had not sent yet — withdrawn, so that it is gone and never sent.
 */
export const CancelledSession = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('cancelled'), appointment: AppointmentView }),
  z.strictObject({ kind: z.literal('withdrawn') }),
]);
export type CancelledSession = z.infer<typeof CancelledSession>;

/** What the therapist says happened; the status (late or not) is computed from it. */
export const OutcomeRequest = z.strictObject({
  appointmentId: Id,
  outcome: z.enum(['attended', 'dna', 'cancelled']),
  cancelledAt: Instant.nullable(),
  cancelledBy: CancelledBy.nullable(),
});
export type OutcomeRequest = z.infer<typeof OutcomeRequest>;
export const OutcomeCheck = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), status: AppointmentOutcome, explanation: z.string() }),
  z.strictObject({ ok: z.literal(false), reason: z.string() }),
]);
export type OutcomeCheck = z.infer<typeof OutcomeCheck>;

const WeeklyHoursView = z.strictObject({
  days: z.array(z.int().min(1).max(7)),
  from: z.string(),
  to: z.string(),
});
/** Who to call about urgent risk now, and the service's weekly cover (UK time). */
export const UrgentRiskView = z.strictObject({
  cover: z.enum(['office_hours', 'on_call', 'outside']),
  number: z.string().nullable(),
  until: Instant.nullable(),
  sentence: z.string(),
  officeHours: z.array(WeeklyHoursView),
  officeNumber: z.string().nullable(),
  onCallHours: z.array(WeeklyHoursView),
  onCallNumber: z.string().nullable(),
  outsideHours: z.string(),
  asOf: Instant,
});
export type UrgentRiskView = z.infer<typeof UrgentRiskView>;

/** A length the booking form proposes for a kind of session, the others allowed, and why. */
const ProposedLengthView = z.strictObject({
  minutes: z.int().positive(),
  allowed: z.array(z.int().positive()),
  why: z.string(),
});

/** What the booking form offers (shared/clinical proposedLength, sessionLimitWords). */
export const BookingOptions = z.discriminatedUnion('bookable', [
  z.strictObject({
    bookable: z.literal(true),
    episodeId: Id,
    step: z.union([z.literal(2), z.literal(3)]),
    lengths: z.strictObject({ assessment: ProposedLengthView, treatment: ProposedLengthView }),
    /** "3 of 4 treatment sessions used; 1 booked". */
    sessions: z.string(),
    /** Why a treatment session cannot be booked now (the step 2 limit), or null. */
    treatmentRefusal: z.string().nullable(),
  }),
  z.strictObject({ bookable: z.literal(false), reason: z.string() }),
]);
export type BookingOptions = z.infer<typeof BookingOptions>;

/**
 * A session to book: the start as the UK wall clock the therapist typed ("2026-03-03T14:00");
 * the core reads it as UK time (a time the clocks skip is refused in words).
 */
export const BookingInput = z.strictObject({
  patientId: Id,
  kind: z.enum(['assessment', 'treatment']),
  durationMinutes: z.union([z.literal(60), z.literal(45), z.literal(30)]),
  startsAtUk: z.string().max(20),
});
export type BookingInput = z.infer<typeof BookingInput>;
