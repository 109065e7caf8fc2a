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

export const locationContract = {
  status: method(
    NoArguments,
    LocationStatus,
    'Where the service last saw this device, and whether that is allowed.',
  ),
  changed: event(LocationStatus, 'The location check changed.'),
  declareWorkAbroad: method(
    z.strictObject({
      country: CountryCode,
      from: z.iso.date(),
      to: z.iso.date(),
      patientsInformed: z.literal(true, 'tell each patient first'),
      emergencyContactsConfirmed: z.literal(
        true,
        "know each patient's local emergency contact first",
      ),
    }),
    z.strictObject({ declarationId: z.uuid() }),
    'Declare a period of working abroad from an approved country.',
  ),
} as const;
