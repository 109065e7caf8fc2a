import { DateTime } from 'luxon';
import type { Instant } from './time';
import { instantToMillis, LONDON, millisToInstant } from './time';

/**
 * The one formatter for every time a person reads (docs/architecture.md, "Contracts"): UK time
 * (Europe/London), and the same instant on the device's clock beside it when that reads
 * differently — a therapist working from Madrid sees "16:00 UK time (17:00 Europe/Madrid)".
 * The renderer, the deadline sentences and the core all call this; nothing else formats a
 * time for people.
 */
export type PeopleTimeStyle = 'datetime' | 'date' | 'month' | 'clock';

export interface PeopleTimeOptions {
  style?: PeopleTimeStyle;
  /** The device's IANA zone; absent or the service zone: no second reading. */
  deviceZone?: string | undefined;
  /** Default Europe/London. */
  serviceZone?: string;
}

export interface PeopleTime {
  /** "Saturday 19 September 2026, 16:00" in the service zone. */
  readonly uk: string;
  /** "17:00 Europe/Madrid" (or with the date when the day differs); null when it reads the same. */
  readonly device: string | null;
  /** What to show in running text: `uk`, or "… UK time (device)" when the device differs. */
  readonly text: string;
}

/** A wall-clock reading in one zone, as en-GB names it ("Tuesday", "3", "March", "14"). */
interface WallTime {
  weekday: string;
  day: string;
  month: string;
  year: string;
  hour: string;
  minute: string;
}

const STYLES: Record<PeopleTimeStyle, (w: WallTime) => string> = {
  datetime: (w) => `${w.weekday} ${w.day} ${w.month} ${w.year}, ${w.hour}:${w.minute}`,
  date: (w) => `${w.day} ${w.month} ${w.year}`,
  month: (w) => `${w.month} ${w.year}`,
  clock: (w) => `${w.hour}:${w.minute}`,
};

/**
 * One Intl formatter per zone, kept: building one costs about a millisecond, using it a few
 * microseconds, and a screen shows hundreds of times (a supervisor's home: its first paint
 * spent 0.3 s in per-time date objects before this). Intl is the platform's own tz database,
 * the same one luxon reads.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-GB', {
        timeZone: zone,
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
    } catch {
      throw new RangeError(`Unknown time zone: "${zone}"`);
    }
    formatters.set(zone, formatter);
  }
  return formatter;
}

function wallTime(ms: number, zone: string): WallTime {
  const w: WallTime = { weekday: '', day: '', month: '', year: '', hour: '', minute: '' };
  for (const part of formatterFor(zone).formatToParts(ms)) {
    if (part.type in w) w[part.type as keyof WallTime] = part.value;
  }
  return w;
}

const sameDay = (a: WallTime, b: WallTime): boolean =>
  a.year === b.year && a.month === b.month && a.day === b.day;

/** An instant as a person reads it (see the module comment). */
export function peopleTime(instant: Instant, options: PeopleTimeOptions = {}): PeopleTime {
  const style = options.style ?? 'datetime';
  const serviceZone = options.serviceZone ?? LONDON;
  const ms = instantToMillis(instant);
  const service = wallTime(ms, serviceZone);
  const uk = STYLES[style](service);
  const zone = options.deviceZone;
  // A calendar date or month is the service's; only clock readings get a second reading.
  if (style === 'date' || style === 'month' || zone === undefined || zone === serviceZone) {
    return { uk, device: null, text: uk };
  }
  const device = wallTime(ms, zone);
  const day = sameDay(device, service);
  if (day && device.hour === service.hour && device.minute === service.minute) {
    return { uk, device: null, text: uk };
  }
  const clock = `${device.hour}:${device.minute}`;
  const reading = `${day ? clock : `${device.weekday} ${device.day} ${device.month}, ${clock}`} ${zone}`;
  return { uk, device: reading, text: `${uk} UK time (${reading})` };
}

/** `peopleTime(...).text`: the string to put in a sentence. */
export function formatForPeople(instant: Instant, options: PeopleTimeOptions = {}): string {
  return peopleTime(instant, options).text;
}

/** UK wall-clock input ("2026-09-19T16:00", as an <input type="datetime-local"> gives it). */
export type UkTimeInput =
  | { readonly ok: true; readonly instant: Instant; readonly ambiguous: boolean }
  | { readonly ok: false; readonly reason: string };

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * What a person typed as a UK time, as an instant. Refused (in words) when it is not a time,
 * or does not exist in the UK (the hour skipped when the clocks go forward). In the hour
 * that happens twice when the clocks go back, the first (BST) is taken and `ambiguous` says so.
 */
export function ukTimeInput(text: string, serviceZone: string = LONDON): UkTimeInput {
  const match = LOCAL_INPUT.exec(text.trim());
  if (!match) return { ok: false, reason: 'Give a date and a time (day, month, year, hh:mm).' };
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = { year, month, day, hour, minute };
  const guess = DateTime.fromObject(wall, { zone: serviceZone });
  if (!guess.isValid) return { ok: false, reason: `${text} is not a date and time.` };
  // Every instant within three hours whose UK wall clock reads exactly what was typed.
  const readings = [-2, -1, 0, 1, 2]
    .map((h) => guess.toMillis() + h * 3_600_000)
    .filter((ms) => {
      const at = DateTime.fromMillis(ms, { zone: serviceZone });
      return (
        at.year === year &&
        at.month === month &&
        at.day === day &&
        at.hour === hour &&
        at.minute === minute
      );
    });
  const first = readings[0];
  if (first === undefined) {
    return {
      ok: false,
      reason: `${text.replace('T', ' ')} does not exist in UK time (the clocks went forward).`,
    };
  }
  return { ok: true, instant: millisToInstant(first), ambiguous: readings.length > 1 };
}

function inZone(ms: number, zone: string): DateTime {
  const local = DateTime.fromMillis(ms, { zone, locale: 'en-GB' });
  if (!local.isValid) throw new RangeError(`Unknown time zone: "${zone}"`);
  return local;
}

/** An instant as a UK wall-clock input value ("2026-09-19T16:00"), the inverse of ukTimeInput. */
export function ukTimeInputValue(instant: Instant, serviceZone: string = LONDON): string {
  return inZone(instantToMillis(instant), serviceZone).toFormat("yyyy-MM-dd'T'HH:mm");
}
