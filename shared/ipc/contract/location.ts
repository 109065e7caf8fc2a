import { z } from 'zod';
import { CountryCode } from '../../api/common';
import { event, method } from '../define';
import { Instant, NoArguments } from './common';

/**
 * The approved-country rule, offline: patient data opens only with a valid attestation for
 * an approved country, a time zone that fits it, and a clock that has not gone backwards.
 */
/**
 * Why patient data is closed, for the screen to explain and say what to do: no attestation
 * the device can trust, one that has expired, a clock behind the time already seen, a
 * country the service does not approve (attested, or refused by the service), a time zone
 * that does not fit the attested country, or a country whose zones cannot be checked offline.
 */
export const LocationClosedWhy = z.enum([
  'no-attestation',
  'expired',
  'clock',
  'not-approved',
  'zone',
  'zone-unknown',
]);
export type LocationClosedWhy = z.infer<typeof LocationClosedWhy>;

export const LocationStatus = z.strictObject({
  state: z.enum(['ok', 'check-needed', 'unknown']),
  why: LocationClosedWhy.nullable(),
  country: CountryCode.nullable(),
  approvedCountries: z.array(CountryCode),
  attestationExpiresAt: Instant.nullable(),
  deviceZone: z.string(),
  reason: z.string().nullable(),
});
export type LocationStatus = z.infer<typeof LocationStatus>;

/** What "Check again now" found: the rule decided afresh, and whether the service answered. */
export const LocationCheck = z.strictObject({
  location: LocationStatus,
  /** The service answered (with an attestation or a refusal); false: no connection. */
  serviceReached: z.boolean(),
  checkedAt: Instant,
  /** Why the service could not be asked, in words; null when it answered. */
  message: z.string().nullable(),
});
export type LocationCheck = z.infer<typeof LocationCheck>;

/**
 * A period of working abroad as the therapist plans it (checked on the device, then by the
 * service). Each patient's local emergency contact and telling each patient come after, as
 * the trip's checklist.
 */
export const TripPlan = z.strictObject({
  country: CountryCode,
  from: z.iso.date(),
  to: z.iso.date(),
});
export type TripPlan = z.infer<typeof TripPlan>;

/** Leave as the therapist plans it: annual leave or sickness, abroad or not (country null). */
export const LeavePlan = z.strictObject({
  purpose: z.enum(['annual_leave', 'sick_leave']),
  country: CountryCode.nullable(),
  from: z.iso.date(),
  to: z.iso.date(),
});
export type LeavePlan = z.infer<typeof LeavePlan>;

export const TripPurpose = z.enum(['working', 'annual_leave', 'sick_leave']);

/** Whether a patient has been told of a trip or leave: by a message this device sent for it. */
export const PatientTold = z.enum(['not-sent', 'queued', 'delivered', 'refused']);
export type PatientTold = z.infer<typeof PatientTold>;

export const PlannedTrip = z.strictObject({
  id: z.uuid(),
  purpose: TripPurpose,
  /** Null only for leave that is not abroad. */
  country: CountryCode.nullable(),
  from: z.iso.date(),
  to: z.iso.date(),
  declaredAt: Instant,
  /** Cancelled before it started (pending until the service confirms the cancellation). */
  cancelledAt: Instant.nullable(),
  /** Whether it may still be cancelled or moved: not cancelled, its first day (UK) still ahead. */
  cancellable: z.boolean(),
  /** pending: not yet confirmed by the service; rejected: refused, with its reason. */
  syncState: z.enum(['synced', 'pending', 'rejected']),
  rejectedReason: z.string().nullable(),
  /**
   * Working abroad only (null for leave): the checklist per active patient, in counts — a local
   * emergency contact recorded, and told by a message the service has accepted. Ready when
   * every patient has both.
   */
  checklist: z
    .strictObject({
      activePatients: z.int().min(0),
      withoutContact: z.int().min(0),
      told: z.strictObject({
        notSent: z.int().min(0),
        queued: z.int().min(0),
        refused: z.int().min(0),
        delivered: z.int().min(0),
      }),
      ready: z.boolean(),
      /** The active patients still missing something, by name, and what each is missing. */
      missing: z.array(
        z.strictObject({
          patientId: z.uuid(),
          name: z.string(),
          /** A local emergency contact is recorded. */
          contact: z.boolean(),
          told: PatientTold,
        }),
      ),
    })
    .nullable(),
});
export type PlannedTrip = z.infer<typeof PlannedTrip>;

/** The leave covering today (UK date) for the signed-in therapist: the caseload is paused. */
export const LeaveToday = z.strictObject({
  id: z.uuid(),
  purpose: z.enum(['annual_leave', 'sick_leave']),
  from: z.iso.date(),
  to: z.iso.date(),
});
export type LeaveToday = z.infer<typeof LeaveToday>;

/** Each active patient with the message prepared for a trip or leave, and whether they were told. */
export const TripMessages = z.strictObject({
  declarationId: z.uuid(),
  purpose: TripPurpose,
  from: z.iso.date(),
  to: z.iso.date(),
  patients: z.array(
    z.strictObject({
      patientId: z.uuid(),
      name: z.string(),
      /** Prepared from the template (shared/clinical); the therapist may edit it before sending. */
      prepared: z.string(),
      told: PatientTold,
    }),
  ),
});
export type TripMessages = z.infer<typeof TripMessages>;

/** A supervisee's declared trips and leave, for the supervision home. */
export const SuperviseeTrips = z.strictObject({
  supervisees: z.array(
    z.strictObject({
      therapistId: z.uuid(),
      name: z.string(),
      /** The leave covering today (UK), if any: their caseload is paused. */
      onLeave: LeaveToday.nullable(),
      trips: z.array(
        z.strictObject({
          id: z.uuid(),
          purpose: TripPurpose,
          country: CountryCode.nullable(),
          from: z.iso.date(),
          to: z.iso.date(),
          /**
           * Working trips: every active patient has a local emergency contact and was told by a
           * message the service holds (null for leave).
           */
          ready: z.boolean().nullable(),
          /** Active patients with no local emergency contact (working trips; 0 for leave). */
          missingContacts: z.int().min(0),
          /** Active patients not told of it by a message the service holds (working trips; 0 for leave). */
          notTold: z.int().min(0),
        }),
      ),
      /** Open deadlines of their patients that fall inside one of their leaves. */
      deadlinesDuringLeave: z.array(
        z.strictObject({
          deadlineId: z.string(),
          patientId: z.uuid(),
          patientName: z.string(),
          sentence: z.string(),
          dueAt: Instant,
          state: z.enum(['upcoming', 'due_soon', 'overdue', 'done']),
          words: z.string(),
        }),
      ),
    }),
  ),
});
export type SuperviseeTrips = z.infer<typeof SuperviseeTrips>;

const DeclarationRef = z.strictObject({ declarationId: z.uuid() });

export const locationContract = {
  status: method(
    NoArguments,
    LocationStatus,
    'Where the service last saw this device, and whether that is allowed.',
  ),
  changed: event(LocationStatus, 'The location check changed.'),
  checkAgain: method(
    NoArguments,
    LocationCheck,
    'Ask the service now where this device is and what time it is, then decide the rule again.',
  ),
  declareWorkAbroad: method(
    TripPlan,
    z.strictObject({ declarationId: z.uuid() }),
    'Declare a period of working abroad from an approved country.',
  ),
  cancelTrip: method(
    z.strictObject({ declarationId: z.uuid() }),
    z.strictObject({ ok: z.literal(true) }),
    'Cancel one of one’s own planned trips before its first day.',
  ),
  planLeave: method(
    LeavePlan,
    z.strictObject({ declarationId: z.uuid() }),
    'Plan annual leave or sick leave: the caseload pauses for those dates.',
  ),
  moveTrip: method(
    z.strictObject({ declarationId: z.uuid(), from: z.iso.date(), to: z.iso.date() }),
    z.strictObject({ ok: z.literal(true) }),
    'Move one of one’s own trips or leave to other dates, before its first day.',
  ),
  leaveToday: method(
    NoArguments,
    z.strictObject({ leave: LeaveToday.nullable() }),
    'The signed-in therapist’s leave covering today (UK date), if any.',
  ),
  tripMessages: method(
    DeclarationRef,
    TripMessages,
    'The message prepared for each active patient about a trip or leave, and whether each was told.',
  ),
  sendTripMessages: method(
    z.strictObject({
      declarationId: z.uuid(),
      messages: z
        .array(z.strictObject({ patientId: z.uuid(), body: z.string().trim().min(1).max(10_000) }))
        .min(1)
        .max(500),
    }),
    z.strictObject({ queued: z.int().min(0) }),
    'Send the reviewed messages about a trip or leave (queued like every message; never automatic).',
  ),
  superviseeTrips: method(
    NoArguments,
    SuperviseeTrips,
    'Each supervisee’s declared trips and leave, and their deadlines falling in leave.',
  ),
  readiness: method(
    NoArguments,
    z.strictObject({
      activePatients: z.number().int().min(0),
      /** Active patients with no local emergency contact on this device (patient data open only). */
      withoutEmergencyContact: z.array(z.strictObject({ patientId: z.uuid(), name: z.string() })),
    }),
    'Whether every active patient has a local emergency contact recorded (before working abroad).',
  ),
  trips: method(
    NoArguments,
    z.strictObject({
      /** As cached from the service; null before the first sync brought it. */
      approvedCountries: z.array(CountryCode).nullable(),
      trips: z.array(PlannedTrip),
    }),
    'The therapist’s own planned periods of working abroad, and the approved countries.',
  ),
} as const;
