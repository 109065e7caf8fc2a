import { DateTime } from 'luxon';
import type { Prng } from './prng';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * What is live for one patient at the moment of seeding. A patient without a plan is a
 * diligent clinician's patient: every note written within 48 hours, every message answered,
 * reviewed in case management within the last three weeks, seen fortnightly, contacted weekly.
 */
export interface PatientPlan {
  /** The last session was held this long before now (its end) and its note is not submitted. */
  unwrittenNote?: { endedAgoMs: number; state: 'missing' | 'draft' };
  /** The patient's last message arrived this long before now and awaits a reply. */
  awaitingReplyAgoMs?: number;
  /** The next session is booked this far ahead (a session later today). */
  nextSessionInMs?: number;
  /** Discharged in the last three weeks (then nothing else is live). */
  discharged?: boolean;
  /** Days since the patient's last case-management review (three to four weeks: due soon). */
  lastReviewAgoDays?: number;
}

/**
 * A session start on the quarter hour in UK office hours: later today (or tomorrow morning,
 * when the day is over), or `days` ahead.
 */
const nextSessionStart = (prng: Prng, now: number, days: number): number => {
  const uk = DateTime.fromMillis(now, { zone: 'Europe/London' });
  if (days > 0)
    return uk
      .plus({ days })
      .set({ hour: prng.int(9, 16), minute: prng.int(0, 3) * 15, second: 0, millisecond: 0 })
      .toMillis();
  const lastStart = uk.set({ hour: 17, minute: 0, second: 0, millisecond: 0 });
  // From an hour ahead, and not before the office opens at nine.
  const from = DateTime.max(uk.plus({ hours: 1 }), uk.set({ hour: 9, minute: 0 }));
  const hoursLeft = Math.floor(lastStart.diff(from, 'hours').hours);
  const start =
    hoursLeft >= 0
      ? from.plus({ hours: prng.int(0, hoursLeft) }).set({ minute: prng.int(0, 3) * 15 })
      : uk
          .plus({ days: 1 })
          .set({ hour: prng.int(9, 12), minute: prng.int(0, 3) * 15, second: 0, millisecond: 0 });
  return start.set({ second: 0, millisecond: 0 }).toMillis();
};

/**
 * How long ago a session ended, somewhere `fromHours`–`toHours` before now, at the end of an
 * office-hours session (10:00–18:00 UK, on the quarter hour): windows of 18 hours or more
 * always hold one.
 */
const endedAgo = (prng: Prng, now: number, fromHours: number, toHours: number): number => {
  const candidates: number[] = [];
  const quarter = 15 * MINUTE;
  for (
    let ms = Math.ceil((now - toHours * HOUR) / quarter) * quarter;
    ms <= now - fromHours * HOUR;
    ms += quarter
  ) {
    const hour = DateTime.fromMillis(ms, { zone: 'Europe/London' }).hour;
    if (hour >= 10 && hour < 18) candidates.push(now - ms);
  }
  return candidates.length > 0 ? prng.pick(candidates) : prng.int(fromHours, toHours) * HOUR;
};

/**
 * A working day for one therapist of `patients` patients, from the seeded PRNG: a handful of
 * items due within 24 hours (notes of sessions held the day before yesterday, a message
 * waiting since yesterday), one or two overdue (a note or a reply just past 48 hours, or the
 * service's one overdue case review), fresh messages awaiting a reply, one or two sessions
 * later today and a couple of case reviews falling due this week. Live items concern active
 * patients in treatment (the generator makes planned patients so).
 */
export const planTherapistDay = (
  prng: Prng,
  patients: number,
  options: { overdueReview: boolean; now: number; dischargedShare: number },
): PatientPlan[] => {
  const plans: PatientPlan[] = Array.from({ length: patients }, () => ({}));
  if (patients === 0) return plans;
  // Some patients were discharged lately (the supervisor's outcomes count them); the live
  // items are the others'.
  const discharged = Math.round(patients * options.dischargedShare);
  const all = prng.shuffle(plans.map((_, i) => i));
  for (const i of all.slice(0, discharged)) (plans[i] as PatientPlan).discharged = true;
  const open = all.slice(discharged);
  const order = () => prng.shuffle(open.length > 0 ? open : all);
  const taker = (list: number[]) => {
    let next = 0;
    return (): PatientPlan => plans[list[next++ % list.length] as number] as PatientPlan;
  };
  const forNote = taker(order());
  const forReply = taker(order());
  // One or two overdue items in all: a note or a reply a few hours past its 48 hours (at
  // most one of each), or the overdue case review and perhaps one more.
  const overdue = prng.int(1, 2) - (options.overdueReview ? 1 : 0);
  const kinds = prng.shuffle(['note', 'reply'] as const).slice(0, overdue);
  for (const kind of kinds) {
    if (kind === 'note')
      forNote().unwrittenNote = {
        endedAgoMs: endedAgo(prng, options.now, 49.5, 68),
        state: 'missing',
      };
    else forReply().awaitingReplyAgoMs = 48 * HOUR + prng.int(90, 18 * 60) * MINUTE;
  }
  // Due within 24 hours: notes of sessions that ended 25–47 hours ago, and a message waiting since yesterday.
  for (let i = prng.int(1, 2); i > 0; i--)
    forNote().unwrittenNote = {
      endedAgoMs: endedAgo(prng, options.now, 25, 47),
      state: prng.chance(0.5) ? 'draft' : 'missing',
    };
  forReply().awaitingReplyAgoMs = prng.int(25 * 60, 44 * 60) * MINUTE;
  // Messages that came in this morning or overnight: due tomorrow.
  for (let i = prng.int(0, 2); i > 0; i--)
    forReply().awaitingReplyAgoMs = prng.int(40, 20 * 60) * MINUTE;
  // The next sessions on the diary: later today, or tomorrow morning when the day is over.
  const forSession = taker(order());
  for (let i = prng.int(1, 2); i > 0; i--)
    forSession().nextSessionInMs = nextSessionStart(prng, options.now, 0) - options.now;
  // And more later in the week (besides those a fortnight after a session last week).
  for (let i = prng.int(1, 2); i > 0; i--)
    forSession().nextSessionInMs =
      nextSessionStart(prng, options.now, prng.int(2, 6)) - options.now;
  // Case reviews falling due this week (last reviewed three to four weeks ago), and the one overdue.
  const forReview = taker(order());
  for (let i = prng.int(1, 2); i > 0; i--) forReview().lastReviewAgoDays = prng.int(21, 25);
  if (options.overdueReview) forReview().lastReviewAgoDays = prng.int(29, 31);
  return plans;
};

/** Whether the plan puts anything live on the patient (then the patient is active, in treatment). */
export const isLive = (plan: PatientPlan): boolean =>
  plan.unwrittenNote !== undefined ||
  plan.awaitingReplyAgoMs !== undefined ||
  plan.nextSessionInMs !== undefined ||
  plan.lastReviewAgoDays !== undefined;
