import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Instant } from './time';
import { instantToMillis, LONDON, millisToInstant } from './time';

/** A weekly period in UK time: ISO weekdays (1 = Monday … 7 = Sunday), "HH:mm" to "HH:mm". */
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time such as 17:30');
export const WeeklyHoursSchema = z.object({
  days: z.array(z.int().min(1).max(7)).min(1),
  from: clock,
  to: clock,
});
export type WeeklyHours = z.infer<typeof WeeklyHoursSchema>;

/**
 * Who handles urgent risk, when (docs/domain.md: the same day in office hours, an on-call
 * supervisor out of hours, roughly 08:00/17:30–20:00). Numbers come from the service's
 * configuration: none are invented.
 */
export const UrgentRiskSchema = z.object({
  officeHours: z.array(WeeklyHoursSchema),
  officeNumber: z.string().min(1).nullable(),
  onCallHours: z.array(WeeklyHoursSchema),
  onCallNumber: z.string().min(1).nullable(),
  /** What to do when neither is available. */
  outsideHours: z.string().min(1),
});
export type UrgentRisk = z.infer<typeof UrgentRiskSchema>;

export type UrgentRiskCover = 'office_hours' | 'on_call' | 'outside';

export interface UrgentRiskNow {
  /** Who covers urgent risk right now. */
  readonly cover: UrgentRiskCover;
  /** The number to call now (null outside hours, or when the service has not configured one). */
  readonly number: string | null;
  /** When the present cover ends, or the next one starts (outside). */
  readonly until: Instant | null;
  readonly next: {
    readonly cover: Exclude<UrgentRiskCover, 'outside'>;
    readonly at: Instant;
  } | null;
  /** One sentence for the page: what to do now. */
  readonly sentence: string;
}

/** The instant a UK wall-clock time ("17:30") falls on a UK day (clock changes included). */
const at = (day: DateTime, hhmm: string): number => {
  const [hour, minute] = hhmm.split(':').map(Number) as [number, number];
  return day.set({ hour, minute }).toMillis();
};

/** Every opening of some weekly hours between two UK days, as [start, end) instants. */
function windows(hours: readonly WeeklyHours[], from: DateTime, days: number) {
  const out: { start: number; end: number }[] = [];
  for (let d = -1; d <= days; d += 1) {
    const day = from.startOf('day').plus({ days: d });
    for (const h of hours) {
      if (!h.days.includes(day.weekday)) continue;
      const start = at(day, h.from);
      const end = at(day, h.to);
      if (end > start) out.push({ start, end });
    }
  }
  return out;
}

const COVER: Record<Exclude<UrgentRiskCover, 'outside'>, string> = {
  office_hours: 'the duty team (office hours)',
  on_call: 'the on-call supervisor',
};

/**
 * Who to call about urgent risk at `now` (UK time): the duty team in office hours, the on-call
 * supervisor in on-call hours, otherwise what the service says to do; with when that changes.
 */
export function urgentRiskNow(now: Instant, config: UrgentRisk): UrgentRiskNow {
  const ms = instantToMillis(now);
  const local = DateTime.fromMillis(ms, { zone: LONDON });
  const covers = [
    {
      cover: 'office_hours' as const,
      number: config.officeNumber,
      w: windows(config.officeHours, local, 8),
    },
    {
      cover: 'on_call' as const,
      number: config.onCallNumber,
      w: windows(config.onCallHours, local, 8),
    },
  ];
  for (const c of covers) {
    const open = c.w.find((w) => w.start <= ms && ms < w.end);
    if (!open) continue;
    const until = millisToInstant(open.end);
    const call = c.number
      ? `call ${c.number}`
      : 'the service has not configured a number: ask your supervisor';
    return {
      cover: c.cover,
      number: c.number,
      until,
      next: null,
      sentence: `Now within ${c.cover === 'on_call' ? 'on-call hours' : 'office hours'}: urgent risk goes to ${COVER[c.cover]} — ${call}.`,
    };
  }
  const upcoming = covers
    .flatMap((c) => c.w.filter((w) => w.start > ms).map((w) => ({ cover: c.cover, at: w.start })))
    .sort((a, b) => a.at - b.at)[0];
  const next = upcoming ? { cover: upcoming.cover, at: millisToInstant(upcoming.at) } : null;
  return {
    cover: 'outside',
    number: null,
    until: next?.at ?? null,
    next,
    sentence: `Now outside office and on-call hours: ${config.outsideHours}`,
  };
}
