import type { SeedCalendar } from './calendar';
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
 * The next session on the diary: later today while the diary is open (from an hour ahead),
 * else on the next working day; or `workingDays` working days ahead. Never on a weekend or
 * out of hours (`SeedCalendar.sessionOn`).
 */
const nextSessionStart = (
  calendar: SeedCalendar,
  prng: Prng,
  now: number,
  workingDays: number,
): number =>
  workingDays > 0
    ? calendar.sessionOn(prng, calendar.workingDaysAfter(now, workingDays), 60, 'forward')
    : calendar.sessionOn(prng, now, 60, 'forward', now + HOUR);

/**
 * How long ago a session ended, `fromHours`–`toHours` before now, at the end of a session in
 * the diary (a working day, office hours, on the quarter hour); undefined when that window
 * holds none (it spans a weekend or a night).
 */
const endedAgo = (
  calendar: SeedCalendar,
  prng: Prng,
  now: number,
  fromHours: number,
  toHours: number,
): number | undefined => {
  const ends = calendar.sessionEndsBetween(now - toHours * HOUR, now - fromHours * HOUR, 60, 30);
  return ends.length > 0 ? now - prng.pick(ends) : undefined;
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
  options: {
    overdueReview: boolean;
    now: number;
    dischargedShare: number;
    calendar: SeedCalendar;
  },
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
  const { calendar, now } = options;
  // When a patient wrote, `fromHours`–`toHours` ago: any hour, mostly day and evening.
  const wrote = (fromHours: number, toHours: number) =>
    now - calendar.patientWrites(prng, now - toHours * HOUR, now - fromHours * HOUR);
  // One or two overdue items in all: a note or a reply past its 48 hours (at most one of
  // each), or the overdue case review and perhaps one more. A note is of a session in the
  // diary: when the last days were a weekend, of the last working day's.
  const overdue = prng.int(1, 2) - (options.overdueReview ? 1 : 0);
  const kinds = prng.shuffle(['note', 'reply'] as const).slice(0, overdue);
  for (const kind of kinds) {
    const endedAgoMs =
      kind === 'note'
        ? (endedAgo(calendar, prng, now, 49.5, 68) ?? endedAgo(calendar, prng, now, 49.5, 120))
        : undefined;
    if (endedAgoMs !== undefined) forNote().unwrittenNote = { endedAgoMs, state: 'missing' };
    else forReply().awaitingReplyAgoMs = wrote(48 + 1.5, 66);
  }
  // Due within 24 hours: notes of sessions that ended 25–47 hours ago (none after a weekend:
  // then a message waiting since the weekend instead), and a message waiting since yesterday.
  for (let i = prng.int(1, 2); i > 0; i--) {
    const endedAgoMs = endedAgo(calendar, prng, now, 25, 47);
    if (endedAgoMs !== undefined)
      forNote().unwrittenNote = { endedAgoMs, state: prng.chance(0.5) ? 'draft' : 'missing' };
    else forReply().awaitingReplyAgoMs = wrote(25, 46);
  }
  forReply().awaitingReplyAgoMs = wrote(25, 44);
  // Messages that came in this morning or overnight: due tomorrow.
  for (let i = prng.int(0, 2); i > 0; i--) forReply().awaitingReplyAgoMs = wrote(40 / 60, 20);
  // The next sessions on the diary: later today, or on the next working day when the diary
  // is closed (an evening, a weekend).
  const forSession = taker(order());
  for (let i = prng.int(1, 2); i > 0; i--)
    forSession().nextSessionInMs = nextSessionStart(calendar, prng, now, 0) - now;
  // And more later in the week (besides those a fortnight after a session last week).
  for (let i = prng.int(1, 2); i > 0; i--)
    forSession().nextSessionInMs = nextSessionStart(calendar, prng, now, prng.int(1, 4)) - now;
  // Case reviews falling due this week (last reviewed three to four weeks ago), and the one overdue.
  const forReview = taker(order());
  // (22–24 days: due in four to six days, and within the week when the review moves back
  // from a weekend to the Friday or falls later in the day than now.)
  for (let i = prng.int(1, 2); i > 0; i--) forReview().lastReviewAgoDays = prng.int(22, 24);
  if (options.overdueReview) forReview().lastReviewAgoDays = prng.int(29, 31);
  return plans;
};

/** Whether the plan puts anything live on the patient (then the patient is active, in treatment). */
export const isLive = (plan: PatientPlan): boolean =>
  plan.unwrittenNote !== undefined ||
  plan.awaitingReplyAgoMs !== undefined ||
  plan.nextSessionInMs !== undefined ||
  plan.lastReviewAgoDays !== undefined;
