import { DateTime, SystemZone } from 'luxon';
import { z } from 'zod';

/**
 * An instant is an ISO-8601 string in UTC with a `Z` suffix ("2026-10-25T00:30:00Z").
 * Every input and output of shared/clinical uses this form; rules compare instants as
 * epoch milliseconds internally, never as strings (precision may differ).
 */
export const InstantSchema = z.iso.datetime();
export type Instant = z.infer<typeof InstantSchema>;

/** The zone the service runs in: sentences, statement months and pay rates use it. */
export const LONDON = 'Europe/London';

const HOUR_MS = 3_600_000;

export function instantToMillis(instant: Instant): number {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`Not an ISO-8601 instant: "${instant}"`);
  return ms;
}

export function millisToInstant(ms: number): Instant {
  return new Date(ms).toISOString();
}

/**
 * Adds elapsed hours: a 48-hour deadline is 48 real hours even when the clocks change in
 * between (the wall-clock time of the result then moves by an hour, on purpose).
 */
export function addHours(instant: Instant, hours: number): Instant {
  return millisToInstant(instantToMillis(instant) + hours * HOUR_MS);
}

export function hoursToMillis(hours: number): number {
  return hours * HOUR_MS;
}

/**
 * "Now" as the server sees it: the device clock corrected by the offset learnt at the
 * last sync (server time minus device time), so a wrong laptop clock cannot move a
 * deadline. The caller reads the device clock; this library never does.
 */
export function serverCorrectedNow(deviceClockMs: number, serverOffsetMs: number): Instant {
  return millisToInstant(deviceClockMs + serverOffsetMs);
}

/** The device's own IANA zone (from Intl, via luxon); no clock is read. */
export function deviceZone(): string {
  return SystemZone.instance.name;
}

function inZone(instant: Instant, zone: string): DateTime {
  const local = DateTime.fromMillis(instantToMillis(instant), { zone, locale: 'en-GB' });
  if (!local.isValid) throw new RangeError(`Unknown time zone: "${zone}"`);
  return local;
}

/** "2026-03-03 14:02" in the given zone: for tables and CSV (not running text; see people-time). */
export function formatLocalDateTime(instant: Instant, zone: string = LONDON): string {
  return inZone(instant, zone).toFormat('yyyy-MM-dd HH:mm');
}

/** The calendar date ("2026-03-29") of an instant in a zone. */
export function localDate(instant: Instant, zone: string = LONDON): string {
  return inZone(instant, zone).toISODate() as string;
}

export interface MonthRange {
  /** "2026-03" */
  month: string;
  startsAt: Instant;
  /** Exclusive. */
  endsAt: Instant;
  /** "2026-04": the month after. */
  nextMonth: string;
}

/** The UTC instants bounding a calendar month in a zone (a London month starts at 00:00 local). */
export function monthRange(year: number, month: number, zone: string = LONDON): MonthRange {
  if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`Not a calendar month: ${year}-${month}`);
  }
  const start = DateTime.fromObject({ year, month, day: 1 }, { zone });
  if (!start.isValid) throw new RangeError(`Unknown time zone: "${zone}"`);
  const next = start.plus({ months: 1 });
  return {
    month: start.toFormat('yyyy-MM'),
    startsAt: millisToInstant(start.toMillis()),
    endsAt: millisToInstant(next.toMillis()),
    nextMonth: next.toFormat('yyyy-MM'),
  };
}
