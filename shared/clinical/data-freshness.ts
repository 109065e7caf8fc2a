import { formatForPeople } from './people-time';
import type { Instant } from './time';
import { hoursToMillis, instantToMillis } from './time';

/** How current the cached data is, and whether it is too old to rely on for risk. */
export interface DataFreshness {
  /** When the caseload, messages and measures were last downloaded in full; null: never. */
  readonly asOf: Instant | null;
  readonly stale: boolean;
  /** "Data as of Tuesday 1 December 2026, 18:00" (UK time, the device's reading beside it). */
  readonly sentence: string;
  /** Why it matters, in words, when stale; null otherwise. */
  readonly warning: string | null;
}

/**
 * Cached data is stale when it was last downloaded in full more than `staleAfterHours` ago
 * (exactly that age is not yet stale), or never: a risk disclosed since may not be on this
 * device. `now` is the service-corrected time.
 */
export function dataFreshness(
  asOf: Instant | null,
  now: Instant,
  staleAfterHours: number,
  options: { deviceZone?: string | undefined } = {},
): DataFreshness {
  const limit = staleAfterHours === 1 ? '1 hour' : `${staleAfterHours} hours`;
  if (asOf === null) {
    return {
      asOf: null,
      stale: true,
      sentence: 'Data not downloaded yet',
      warning:
        'Nothing has been downloaded from the service yet: messages and questionnaire answers, including any risk, are not on this device.',
    };
  }
  const stale = instantToMillis(now) - instantToMillis(asOf) > hoursToMillis(staleAfterHours);
  const when = formatForPeople(asOf, { deviceZone: options.deviceZone });
  return {
    asOf,
    stale,
    sentence: `Data as of ${when}`,
    warning: stale
      ? `This device has not synced with the service for more than ${limit}. Messages and questionnaire answers since then, including any risk, are not shown: connect and sync before relying on it.`
      : null,
  };
}
