import { DateTime } from 'luxon';
import type { WeeklyHours } from '../../shared/clinical';
import type { Prng } from './prng';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const LONDON = 'Europe/London';

/** How many minutes after midnight a UK wall-clock time ("17:30") is. */
const clockMinutes = (hhmm: string): number => {
  const [hour, minute] = hhmm.split(':').map(Number) as [number, number];
  return hour * 60 + minute;
};

/**
 * A patient's writing hours: anyone may write at any hour, but mostly in the day and the
 * evening (weights per UK hour, 00–23).
 */
const PATIENT_HOUR_WEIGHTS = [
  0.15, 0.1, 0.05, 0.05, 0.05, 0.1, 0.3, 0.6, 0.9, 1, 1, 1, 1.2, 1.1, 1, 1, 1, 1.1, 1.2, 1.3, 1.4,
  1.3, 1, 0.5,
] as const;

/**
 * When things happen in the seeded service, UK time (clock changes included): the staff work
 * in the service's office hours (its configuration's `urgentRisk.officeHours`, Monday–Friday
 * 09:00–17:30 in the demo), the diary's sessions end by `diaryClose` (half an hour before the
 * office closes, the last half hour being for writing up), and patients write at any hour,
 * mostly by day and in the evening.
 */
export class SeedCalendar {
  private readonly hours: readonly { days: readonly number[]; from: number; to: number }[];

  constructor(
    officeHours: readonly WeeklyHours[],
    /** Minutes before an office period's end by which the diary's last session ends. */
    private readonly diaryClose = 30,
  ) {
    this.hours = officeHours.map((h) => ({
      days: h.days,
      from: clockMinutes(h.from),
      to: clockMinutes(h.to),
    }));
  }

  // Luxon is slow for the large profile's tens of thousands of instants: what a UK hour is
  // (its clock hour, weekday and day's midnight) and each day's office periods are worked
  // out once. UK offsets are whole hours, so an hour of the epoch is one UK clock hour.
  private readonly hourInfo = new Map<
    number,
    { hour: number; midnight: number; offsetMs: number }
  >();
  private readonly dayPeriods = new Map<number, [number, number][]>();

  private ukHour(ms: number): { hour: number; midnight: number; offsetMs: number } {
    const key = Math.floor(ms / HOUR);
    const known = this.hourInfo.get(key);
    if (known !== undefined) return known;
    // Work out the whole UK day at once: one Luxon day for 23 to 25 hours.
    const day = DateTime.fromMillis(key * HOUR, { zone: LONDON }).startOf('day');
    const midnight = day.toMillis();
    const next = day.plus({ days: 1 });
    const steady = day.offset === next.offset;
    for (let t = midnight; t < next.toMillis(); t += HOUR) {
      const uk = steady ? null : DateTime.fromMillis(t, { zone: LONDON });
      this.hourInfo.set(t / HOUR, {
        hour: uk ? uk.hour : (t - midnight) / HOUR,
        midnight,
        offsetMs: (uk ? uk.offset : day.offset) * MINUTE,
      });
    }
    return this.hourInfo.get(key) ?? this.ukHour(ms);
  }

  /** The UK midnight starting the day of `ms`, and of the days after or before it. */
  private midnight(ms: number, days = 0): number {
    let m = this.ukHour(ms).midnight;
    // A UK day lasts 23 to 25 hours: 25 hours on lands in the next day, an hour back in the previous.
    for (let i = 0; i < days; i++) m = this.ukHour(m + 25 * HOUR).midnight;
    for (let i = 0; i > days; i--) m = this.ukHour(m - HOUR).midnight;
    return m;
  }

  /** The office periods of the UK day starting at `midnight`, as [start, end) instants. */
  private periodsOn(midnight: number): [number, number][] {
    let periods = this.dayPeriods.get(midnight);
    if (periods === undefined) {
      const day = DateTime.fromMillis(midnight, { zone: LONDON });
      periods = this.hours
        .filter((h) => h.days.includes(day.weekday))
        .map(
          (h) =>
            [
              day.set({ hour: Math.floor(h.from / 60), minute: h.from % 60 }).toMillis(),
              day.set({ hour: Math.floor(h.to / 60), minute: h.to % 60 }).toMillis(),
            ] as [number, number],
        );
      this.dayPeriods.set(midnight, periods);
    }
    return periods;
  }

  isWorkingDay(ms: number): boolean {
    return this.periodsOn(this.midnight(ms)).length > 0;
  }

  /** The UK day (its midnight) of `ms` when it is a working day, or the nearest one in `direction`. */
  private workingDay(ms: number, direction: 'back' | 'forward'): number {
    let day = this.midnight(ms);
    for (let i = 0; i < 14 && this.periodsOn(day).length === 0; i++)
      day = this.midnight(day, direction === 'back' ? -1 : 1);
    return day;
  }

  /**
   * A session start on the quarter hour on the UK day of `dayMs` (or the nearest working day
   * in `direction`), in office hours, ending by the diary's close; with `from`, not before it
   * (then perhaps on a later working day).
   */
  sessionOn(
    prng: Prng,
    dayMs: number,
    minutes: number,
    direction: 'back' | 'forward',
    from = -Infinity,
  ): number {
    let day = this.workingDay(dayMs, direction);
    for (let i = 0; i < 14; i++) {
      const starts: number[] = [];
      for (const [open, close] of this.periodsOn(day)) {
        const last = close - (this.diaryClose + minutes) * MINUTE;
        for (let t = open; t <= last; t += 15 * MINUTE) if (t >= from) starts.push(t);
      }
      if (starts.length > 0) return prng.pick(starts);
      day = this.workingDay(this.midnight(day, 1), 'forward');
    }
    throw new Error('no working day in a fortnight: check the office hours');
  }

  /** The same UK wall-clock time `weeks` weeks away (a fortnightly session keeps its slot). */
  weeksFrom(ms: number, weeks: number): number {
    const shifted = ms + weeks * 7 * 24 * HOUR;
    return shifted + this.ukHour(ms).offsetMs - this.ukHour(shifted).offsetMs;
  }

  /** `days` working days after the UK day of `ms` (its own day when 0 and working). */
  workingDaysAfter(ms: number, days: number): number {
    let day = this.workingDay(ms, 'forward');
    for (let i = 0; i < days; i++) day = this.workingDay(this.midnight(day, 1), 'forward');
    return day;
  }

  /** Session ends (quarter hours) between `fromMs` and `toMs` that fit the diary. */
  sessionEndsBetween(fromMs: number, toMs: number, longest: number, shortest: number): number[] {
    const out: number[] = [];
    for (let day = this.midnight(fromMs); day <= toMs; day = this.midnight(day, 1)) {
      for (const [open, close] of this.periodsOn(day)) {
        const first = open + longest * MINUTE;
        const last = close - this.diaryClose * MINUTE;
        for (let t = first; t <= last; t += 15 * MINUTE)
          if (t >= fromMs && t <= toMs && t - shortest * MINUTE >= open) out.push(t);
      }
    }
    return out;
  }

  /** A minute in office hours between `fromMs` and `toMs`, or null when there is none. */
  officeBetween(prng: Prng, fromMs: number, toMs: number): number | null {
    const spans: [number, number][] = [];
    for (let day = this.midnight(fromMs); day <= toMs; day = this.midnight(day, 1)) {
      for (const [open, close] of this.periodsOn(day)) {
        const a = Math.max(open, fromMs);
        const b = Math.min(close, toMs);
        if (b > a) spans.push([a, b]);
      }
    }
    const total = spans.reduce((sum, [a, b]) => sum + (b - a), 0);
    let roll = prng.next() * total;
    for (const [a, b] of spans) {
      if (roll < b - a) return Math.floor((a + roll) / MINUTE) * MINUTE;
      roll -= b - a;
    }
    return null;
  }

  /**
   * A minute in office hours from `fromMs` to at most `toMs`: in the window when it holds
   * office time, else on the next working day (a task left at the office's close is done the
   * next morning), never after `capMs`; null when only the cap's far side has any.
   */
  officeAfter(prng: Prng, fromMs: number, toMs: number, capMs = Infinity): number | null {
    const within = this.officeBetween(prng, fromMs, Math.min(toMs, capMs));
    if (within !== null) return within;
    const [open] = this.periodsOn(this.workingDay(this.midnight(toMs, 1), 'forward'))[0] ?? [];
    if (open === undefined) return null;
    const next = this.officeBetween(prng, Math.max(toMs, fromMs), open + 3 * HOUR);
    return next !== null && next <= capMs ? next : null;
  }

  /** A minute in office hours on the working day of `dayMs` (or the nearest one in `direction`). */
  officeOn(prng: Prng, dayMs: number, direction: 'back' | 'forward'): number {
    const day = this.workingDay(dayMs, direction);
    return this.officeBetween(prng, day, this.midnight(day, 1) - 1) ?? day;
  }

  /** A minute in office hours at or before `ms`: the same working day, or the last one before. */
  officeBefore(prng: Prng, ms: number): number {
    const today = this.officeBetween(prng, this.midnight(ms), ms);
    if (today !== null) return today;
    const day = this.workingDay(this.midnight(ms, -1), 'back');
    return this.officeBetween(prng, day, this.midnight(day, 1) - 1) ?? day;
  }

  /** When a patient writes between `fromMs` and `toMs`: any hour, mostly day and evening. */
  patientWrites(prng: Prng, fromMs: number, toMs: number): number {
    if (toMs <= fromMs) return fromMs;
    // Each UK hour of the window weighted by how much of it is inside and how likely the hour.
    const weightOf = (t: number) =>
      (PATIENT_HOUR_WEIGHTS[this.ukHour(t).hour] ?? 1) *
      (Math.min(t + HOUR, toMs) - Math.max(t, fromMs));
    const first = Math.floor(fromMs / HOUR) * HOUR;
    let total = 0;
    for (let t = first; t < toMs; t += HOUR) total += weightOf(t);
    let roll = prng.next() * total;
    for (let t = first; t < toMs; t += HOUR) {
      const weight = weightOf(t);
      if (roll < weight) {
        const a = Math.max(t, fromMs);
        const b = Math.min(t + HOUR, toMs);
        return Math.floor((a + ((b - a) * roll) / weight) / MINUTE) * MINUTE;
      }
      roll -= weight;
    }
    return fromMs;
  }
}
