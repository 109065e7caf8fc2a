import type { LocationClosedWhy, LocationStatus } from '../../../shared/ipc';
import type { ServerClock } from '../clock';
import { verifyAttestation } from './session/online-sign-in';

/**
 * Time zones that fit a country: the offline check that the laptop has not moved. Only the
 * countries a service is likely to approve are listed; a country not listed here is never
 * silently accepted: the check then asks for a connection.
 */
const zonesOf: Readonly<Record<string, readonly string[]>> = {
  GB: ['Europe/London'],
  IE: ['Europe/Dublin'],
  FR: ['Europe/Paris'],
  ES: ['Europe/Madrid', 'Atlantic/Canary', 'Africa/Ceuta'],
  PT: ['Europe/Lisbon', 'Atlantic/Madeira', 'Atlantic/Azores'],
  DE: ['Europe/Berlin', 'Europe/Busingen'],
  NL: ['Europe/Amsterdam'],
  BE: ['Europe/Brussels'],
  IT: ['Europe/Rome'],
  GR: ['Europe/Athens'],
  CY: ['Asia/Nicosia', 'Asia/Famagusta'],
  MT: ['Europe/Malta'],
  JE: ['Europe/Jersey', 'Europe/London'],
  GG: ['Europe/Guernsey', 'Europe/London'],
  IM: ['Europe/Isle_of_Man', 'Europe/London'],
  GI: ['Europe/Gibraltar'],
};

/** How far the device clock may run behind the last server time seen before it is suspicious. */
const CLOCK_TOLERANCE_MS = 10 * 60_000;

export interface LocationFacts {
  readonly country: string | null;
  readonly attestationExpiresAt: string | null;
  /** The service refused `country` (no attestation then): not approved, named. */
  readonly countryRefused?: boolean;
  readonly approvedCountries: readonly string[];
  readonly deviceZone: string;
  /** The device clock as it reads now, corrected by the last learnt server offset. */
  readonly deviceNowMs: number;
  readonly lastServerTimeMs: number | null;
  /**
   * Lived time (ServerClock.now()): the device clock's high-water mark, which never goes
   * back offline. Expiry is measured on it. Defaults to deviceNowMs.
   */
  readonly livedNowMs?: number;
  /**
   * The highest device reading since the service last vouched for the time, corrected like
   * deviceNowMs: a device clock behind it has been wound back; back at it, put right.
   * Defaults to deviceNowMs.
   */
  readonly highestDeviceNowMs?: number;
}

/**
 * The approved-country rule (docs/architecture.md), the same online and offline: patient data
 * opens only with a valid attestation for an approved country, a time zone that fits that
 * country, and a clock that has not gone backwards (past the last server time seen, or the
 * highest reading of the device clock since). Online, the service's answer is what renews the
 * attestation, corrects the clock or names a refused country. The attestation expires on lived
 * time, so winding the clock back never keeps it alive. Otherwise: check needed, with why and
 * in words. The checks run in this order, so the first reason a person can act on is given.
 */
export function evaluateLocation(f: LocationFacts): LocationStatus {
  const base = {
    country: f.country,
    approvedCountries: [...f.approvedCountries],
    attestationExpiresAt: f.attestationExpiresAt,
    deviceZone: f.deviceZone,
  };
  const needed = (why: LocationClosedWhy, reason: string): LocationStatus => ({
    ...base,
    state: 'check-needed',
    why,
    reason,
  });
  if (f.country && f.countryRefused) {
    return needed(
      'not-approved',
      `The service saw this computer connect from ${f.country}, which is not an approved country for working with patients. Patient data stays closed; drafts and unsent work are safe.`,
    );
  }
  if (!f.country || !f.attestationExpiresAt)
    return needed(
      'no-attestation',
      'The service has not confirmed where you are yet. Connect to the internet.',
    );
  const lived = Math.max(f.deviceNowMs, f.livedNowMs ?? f.deviceNowMs);
  const highest = Math.max(f.deviceNowMs, f.highestDeviceNowMs ?? f.deviceNowMs);
  const latestKnown = Math.max(highest, f.lastServerTimeMs ?? highest);
  if (f.deviceNowMs < latestKnown - CLOCK_TOLERANCE_MS) {
    return needed(
      'clock',
      "This computer's clock is earlier than the service's last known time. Correct the clock and connect to the internet.",
    );
  }
  if (Date.parse(f.attestationExpiresAt) <= lived) {
    return needed(
      'expired',
      'The location confirmation has expired. Connect to the internet so the service can check your country again.',
    );
  }
  if (!f.approvedCountries.includes(f.country)) {
    return needed(
      'not-approved',
      `${f.country} is not an approved country for working with patients. Patient data stays closed; drafts and unsent work are safe.`,
    );
  }
  const zones = zonesOf[f.country];
  if (!zones)
    return needed(
      'zone-unknown',
      `The time zone of ${f.country} cannot be checked offline. Connect to the internet.`,
    );
  // A named zone of the country fits; a zone-less clock (UTC, Etc/*) fits only while it shows
  // the country's wall clock (a UK laptop on UTC in winter). Another country's zone never
  // fits, even when its offset happens to match (Lisbon is not London).
  const zoneless = f.deviceZone === 'UTC' || f.deviceZone.startsWith('Etc/');
  const fits =
    zones.includes(f.deviceZone) ||
    (zoneless && zones.some((z) => sameWallClock(z, f.deviceZone, f.deviceNowMs)));
  if (!fits) {
    return needed(
      'zone',
      `This computer's time zone (${f.deviceZone}) does not fit ${f.country}. If you have travelled, connect to the internet so the service can check your country.`,
    );
  }
  return { ...base, state: 'ok', why: null, reason: null };
}

/** What the device holds of the service's word on where it is (in the persisted session). */
export interface HeldLocation {
  readonly attestation: string | null;
  readonly attestationExpiresAt: string | null;
  readonly country: string | null;
  readonly countryRefused?: boolean | undefined;
}

/** Whose attestation this device may take: pinned at sign-in. */
export interface AttestationOwner {
  readonly jwks: Parameters<typeof verifyAttestation>[1]['jwks'];
  readonly userId: string;
  readonly deviceId: string;
}

/**
 * An attestation arrived (with a response, or at sign-in). Only one signed by the pinned keys,
 * for this user and this device and not yet expired, is taken; anything else (forged, another
 * device's, another user's, expired) leaves what the device held unchanged.
 */
export async function afterAttestation(
  held: HeldLocation,
  jws: string,
  owner: AttestationOwner,
  clock: ServerClock,
): Promise<{ taken: boolean; held: HeldLocation }> {
  const verified = await verifyAttestation(jws, { ...owner, clock });
  if (!verified) return { taken: false, held };
  return {
    taken: true,
    held: {
      attestation: jws,
      attestationExpiresAt: verified.expiresAt,
      country: verified.country,
      countryRefused: false,
    },
  };
}

/** The service refused this country: no attestation is held any more, and the country is named. */
export const afterCountryRefusal = (country: string): HeldLocation => ({
  attestation: null,
  attestationExpiresAt: null,
  country,
  countryRefused: true,
});

/**
 * The rule now, from what the device holds, the approved list it has cached, its zone and its
 * clock: what the session shows and what opens patient data.
 */
export function locationNow(
  held: HeldLocation | null,
  context: {
    readonly approvedCountries: readonly string[] | null;
    readonly deviceZone: string;
    readonly clock: ServerClock;
  },
): LocationStatus {
  const { clock } = context;
  const country = held?.country ?? null;
  const refused = held?.countryRefused ?? false;
  // The service's refusal is newer than the cached list: the refused country is not on it.
  const cached = context.approvedCountries?.filter((c) => !(refused && c === country)) ?? null;
  return evaluateLocation({
    country,
    attestationExpiresAt: held?.attestationExpiresAt ?? null,
    countryRefused: refused,
    // Before the first sync brings the list, the attested country stands (the service attests
    // only a country it approves for this user).
    approvedCountries: cached ?? (country && !refused ? [country] : []),
    deviceZone: context.deviceZone,
    livedNowMs: clock.now().getTime(),
    deviceNowMs: clock.deviceNowMs() + clock.offsetMs,
    highestDeviceNowMs: clock.highestDeviceMs() + clock.offsetMs,
    lastServerTimeMs: clock.lastServerTime?.getTime() ?? null,
  });
}

/** The same decision, for the same reason: whether the session has news to publish. */
export const sameDecision = (a: LocationStatus, b: LocationStatus): boolean =>
  a.state === b.state && a.why === b.why && a.country === b.country;

/**
 * Two zones show the same wall clock now (e.g. a UK laptop set to UTC in winter). Beyond
 * the named zones, that is the most an offline check can ask of a device's zone.
 */
function sameWallClock(a: string, b: string, atMs: number): boolean {
  try {
    return utcOffsetOf(a, atMs) === utcOffsetOf(b, atMs);
  } catch {
    return false;
  }
}

/** One formatter per zone: the rule runs on every read of patient data and every sync call. */
const offsetFormatters = new Map<string, Intl.DateTimeFormat>();
function utcOffsetOf(zone: string, atMs: number): string | undefined {
  let format = offsetFormatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'longOffset' });
    offsetFormatters.set(zone, format);
  }
  return format.formatToParts(atMs).find((p) => p.type === 'timeZoneName')?.value;
}
