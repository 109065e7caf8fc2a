import type { LocationStatus } from '../../../shared/ipc';

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
  readonly approvedCountries: readonly string[];
  readonly deviceZone: string;
  /** The device clock as it reads now, corrected by the last learnt server offset. */
  readonly deviceNowMs: number;
  readonly lastServerTimeMs: number | null;
  /**
   * Lived time (ServerClock.now()): the device clock's high-water mark, which never goes
   * back offline. Expiry is measured on it, and a device clock behind it has been wound back.
   * Defaults to deviceNowMs.
   */
  readonly livedNowMs?: number;
}

/**
 * The approved-country rule offline (docs/architecture.md): patient data opens only with a valid
 * attestation for an approved country, a time zone that fits that country, and a clock that
 * has not gone backwards (past the last server time seen, or the time the device has lived
 * through). The attestation expires on lived time, so winding the clock back never keeps it
 * alive. Otherwise: check needed, in words.
 */
export function evaluateLocation(f: LocationFacts): LocationStatus {
  const base = {
    country: f.country,
    approvedCountries: [...f.approvedCountries],
    attestationExpiresAt: f.attestationExpiresAt,
    deviceZone: f.deviceZone,
  };
  const needed = (reason: string): LocationStatus => ({ ...base, state: 'check-needed', reason });
  if (!f.country || !f.attestationExpiresAt)
    return needed('The service has not confirmed where you are yet. Connect to the internet.');
  const lived = Math.max(f.deviceNowMs, f.livedNowMs ?? f.deviceNowMs);
  const latestKnown = Math.max(lived, f.lastServerTimeMs ?? lived);
  if (f.deviceNowMs < latestKnown - CLOCK_TOLERANCE_MS) {
    return needed(
      "This computer's clock is earlier than the service's last known time. Correct the clock and connect to the internet.",
    );
  }
  if (Date.parse(f.attestationExpiresAt) <= lived) {
    return needed(
      'The location confirmation has expired. Connect to the internet so the service can check your country again.',
    );
  }
  if (!f.approvedCountries.includes(f.country)) {
    return needed(
      `${f.country} is not an approved country for working with patients. Patient data stays closed; drafts and unsent work are safe.`,
    );
  }
  const zones = zonesOf[f.country];
  if (!zones)
    return needed(
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
      `This computer's time zone (${f.deviceZone}) does not fit ${f.country}. If you have travelled, connect to the internet so the service can check your country.`,
    );
  }
  return { ...base, state: 'ok', reason: null };
}

/**
 * Two zones show the same wall clock now (e.g. a UK laptop set to UTC in winter). Beyond
 * the named zones, that is the most an offline check can ask of a device's zone.
 */
function sameWallClock(a: string, b: string, atMs: number): boolean {
  try {
    const offset = (zone: string) =>
      new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'longOffset' })
        .formatToParts(atMs)
        .find((p) => p.type === 'timeZoneName')?.value;
    return offset(a) === offset(b);
  } catch {
    return false;
  }
}
