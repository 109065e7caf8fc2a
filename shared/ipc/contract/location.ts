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

/** A period of working abroad as the therapist plans it (checked on the device, then by the service). */
export const TripPlan = z.strictObject({
  country: CountryCode,
  from: z.iso.date(),
  to: z.iso.date(),
  patientsInformed: z.literal(true, 'tell each patient first'),
  emergencyContactsConfirmed: z.literal(true, "know each patient's local emergency contact first"),
});
export type TripPlan = z.infer<typeof TripPlan>;

export const PlannedTrip = z.strictObject({
  id: z.uuid(),
  country: CountryCode,
  from: z.iso.date(),
  to: z.iso.date(),
  declaredAt: Instant,
  /** Cancelled before it started (pending until the service confirms the cancellation). */
  cancelledAt: Instant.nullable(),
  /** Whether it may still be cancelled: not cancelled, and its first day (UK) is still ahead. */
  cancellable: z.boolean(),
  /** pending: not yet confirmed by the service; rejected: refused, with its reason. */
  syncState: z.enum(['synced', 'pending', 'rejected']),
  rejectedReason: z.string().nullable(),
});
export type PlannedTrip = z.infer<typeof PlannedTrip>;

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
