import type { LocationClosedWhy, LocationStatus } from '../../../../shared/ipc';
import { formatTime } from '../../ui/format';

/** "France (FR)": a country code as people read it. */
export function countryName(code: string | null): string {
  if (!code) return 'unknown';
  try {
    return `${new Intl.DisplayNames(['en-GB'], { type: 'region' }).of(code) ?? code} (${code})`;
  } catch {
    return code;
  }
}

export interface LocationGuidance {
  /** The screen's heading: why patient data is closed, in a few words. */
  readonly title: string;
  /** What the app saw, in a sentence with the facts in it. */
  readonly explanation: string;
  /** What to do, in order. */
  readonly steps: readonly string[];
}

/**
 * Why patient data is closed and what to do, for each reason the location rule gives
 * (docs/domain.md, "Working abroad"). Every reason ends in something the therapist can do;
 * none of them touches drafts or unsent work.
 */
export function locationGuidance(location: LocationStatus): LocationGuidance {
  const why: LocationClosedWhy = location.why ?? 'no-attestation';
  const country = countryName(location.country);
  const connect = 'Connect to the internet, then press “Check again now”.';
  switch (why) {
    case 'no-attestation':
      return {
        title: 'The service has not confirmed where you are',
        explanation:
          'Patient data opens only after the service has confirmed, over the internet, that you are in a country approved for you. This computer holds no confirmation it can trust.',
        steps: [connect],
      };
    case 'expired':
      return {
        title: 'Your location confirmation has run out',
        explanation: `The service last confirmed that you were in ${country}; that confirmation ran out ${
          location.attestationExpiresAt ? `on ${formatTime(location.attestationExpiresAt)}` : ''
        }. Offline, patient data stays open only while a confirmation is valid (24 hours).`,
        steps: [connect],
      };
    case 'clock':
      return {
        title: 'This computer’s clock has gone back',
        explanation:
          'The clock reads earlier than a time this computer has already seen from the service or from itself, so the app cannot tell how long it has been offline.',
        steps: [
          'Set the date and time to be set automatically (or correct them by hand).',
          connect + ' The service’s own time settles it.',
        ],
      };
    case 'not-approved':
      return {
        title: `${country} is not approved for working with patients`,
        explanation: `The service ${
          location.attestationExpiresAt
            ? 'confirmed that you are in'
            : 'saw this computer connect from'
        } ${country}, which is not on your approved list (${
          location.approvedCountries.map(countryName).join(', ') || 'none received yet'
        }).`,
        steps: [
          'If you are on leave abroad, pause your work with online patients until you are back.',
          'If you need to work from there, ask your supervisor to have the country approved before you work; approval is the service’s decision.',
          'If you are in fact in an approved country (a VPN or a work network can make you appear elsewhere), turn the VPN off and check again.',
        ],
      };
    case 'zone':
      return {
        title: 'Your time zone does not fit your country',
        explanation: `This computer’s time zone is ${location.deviceZone}, which does not fit ${country}, the country the service last confirmed.`,
        steps: [
          'If you have travelled: connect to the internet, then press “Check again now”; the service will check the country you are in now.',
          `If you have not: set the computer’s time zone to that of ${country}.`,
        ],
      };
    case 'zone-unknown':
      return {
        title: `Your location in ${country} cannot be checked offline`,
        explanation: `The app cannot check offline that this computer’s time zone fits ${country}.`,
        steps: [connect],
      };
  }
}
