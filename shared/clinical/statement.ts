import type { PayRate, ServiceConfig } from './config';
import type { Appointment, Episode, Step } from './facts';
import type { AppointmentStatus } from './appointments';
import { appointmentStatus, byStart } from './appointments';
import { sessionPay } from './money';
import { sessionLengthRule } from './session-lengths';
import type { Instant } from './time';
import { instantToMillis, localDate, monthRange } from './time';

export class PayConfigError extends Error {
  override name = 'PayConfigError';
}

/** The rate for a step in force on a local date: the latest `effectiveFrom` on or before it. */
export function rateOn(step: Step, date: string, config: ServiceConfig): PayRate {
  let best: PayRate | undefined;
  for (const rate of config.pay.rates) {
    if (rate.step !== step || rate.effectiveFrom > date) continue;
    if (best === undefined || rate.effectiveFrom > best.effectiveFrom) best = rate;
  }
  if (best === undefined) throw new PayConfigError(`No step ${step} pay rate in force on ${date}`);
  return best;
}

/**
 * How a line is paid: in full (attended), at half rate (a missed session the step pays), or
 * not: beyond the episode's paid missed sessions, a missed session the step does not pay
 * (step 2 late cancellations), or a length the service does not book (shown, unpaid, until
 * the booking is corrected).
 */
export type PaidAs =
  'full' | 'half' | 'unpaid_over_limit' | 'unpaid_not_paid_at_step' | 'unpaid_length_not_booked';

export interface StatementLine {
  appointmentId: string;
  patientId: string;
  episodeId: string;
  startsAt: Instant;
  step: Step;
  kind: Appointment['kind'];
  durationMinutes: number;
  outcome: Extract<AppointmentStatus, 'attended' | 'dna' | 'late_cancellation'>;
  paidAs: PaidAs;
  rateEffectiveFrom: string;
  hourlyRatePence: number;
  basePence: number;
  holidayPence: number;
  totalPence: number;
}

export interface StatementOfHours {
  /** "2026-03", a calendar month in the service zone. */
  month: string;
  /** Paid a month in arrears: "2026-04". */
  paidInMonth: string;
  zone: string;
  lines: StatementLine[];
  basePence: number;
  holidayPence: number;
  totalPence: number;
}

/** How one attended or missed session is paid, and whether it used one of the episode's slots. */
export function paidAs(
  step: Step,
  appointment: Pick<Appointment, 'kind' | 'durationMinutes'>,
  outcome: StatementLine['outcome'],
  slotsUsedBefore: number,
  config: ServiceConfig,
): { paidAs: PaidAs; usesSlot: boolean } {
  if (!sessionLengthRule(step, appointment.kind, appointment.durationMinutes, config).ok) {
    return { paidAs: 'unpaid_length_not_booked', usesSlot: false };
  }
  if (outcome === 'attended') return { paidAs: 'full', usesSlot: false };
  const paidMissed = config.pay.halfRateOutcomes[step === 2 ? 'step2' : 'step3'];
  if (!paidMissed.includes(outcome)) return { paidAs: 'unpaid_not_paid_at_step', usesSlot: false };
  const within = slotsUsedBefore < config.pay.halfRateEventsPerEpisode;
  return { paidAs: within ? 'half' : 'unpaid_over_limit', usesSlot: true };
}

/**
 * One therapist's statement of hours for a calendar month in the service zone: a line per
 * attended session, DNA or late cancellation starting in that month. Missed sessions the
 * step pays (`halfRateOutcomes`) are paid at half rate, at most `halfRateEventsPerEpisode`
 * per episode of care counted over the whole episode (earlier months included); later ones,
 * and missed sessions the step does not pay, appear at £0. Rates are taken on the local
 * date of the session. Pass only this therapist's facts.
 */
export function statementOfHours(
  episodes: readonly Episode[],
  appointments: readonly Appointment[],
  year: number,
  month: number,
  config: ServiceConfig,
): StatementOfHours {
  const zone = config.serviceZone;
  const range = monthRange(year, month, zone);
  const fromMs = instantToMillis(range.startsAt);
  const toMs = instantToMillis(range.endsAt);
  const steps = new Map(episodes.map((e) => [e.id, e.step]));
  const halfRateUsed = new Map<string, number>();
  const lines: StatementLine[] = [];
  for (const a of [...appointments].sort(byStart)) {
    const outcome = appointmentStatus(a, config);
    if (outcome !== 'attended' && outcome !== 'dna' && outcome !== 'late_cancellation') continue;
    const startMs = instantToMillis(a.startsAt);
    const inMonth = startMs >= fromMs && startMs < toMs;
    const step = steps.get(a.episodeId);
    if (step === undefined) {
      if (!inMonth) continue;
      throw new PayConfigError(`Appointment ${a.id}: episode ${a.episodeId} is not in the facts`);
    }
    const used = halfRateUsed.get(a.episodeId) ?? 0;
    const paid = paidAs(step, a, outcome, used, config);
    if (paid.usesSlot) halfRateUsed.set(a.episodeId, used + 1);
    if (!inMonth) continue;
    const rate = rateOn(step, localDate(a.startsAt, zone), config);
    const pay =
      paid.paidAs === 'full' || paid.paidAs === 'half'
        ? sessionPay(
            rate.hourlyRatePence,
            a.durationMinutes,
            paid.paidAs,
            rate.holidayPayBasisPoints,
          )
        : { basePence: 0, holidayPence: 0, totalPence: 0 };
    lines.push({
      appointmentId: a.id,
      patientId: a.patientId,
      episodeId: a.episodeId,
      startsAt: a.startsAt,
      step,
      kind: a.kind,
      durationMinutes: a.durationMinutes,
      outcome,
      paidAs: paid.paidAs,
      rateEffectiveFrom: rate.effectiveFrom,
      hourlyRatePence: rate.hourlyRatePence,
      ...pay,
    });
  }
  const sum = (pick: (l: StatementLine) => number): number =>
    lines.reduce((t, l) => t + pick(l), 0);
  return {
    month: range.month,
    paidInMonth: range.nextMonth,
    zone,
    lines,
    basePence: sum((l) => l.basePence),
    holidayPence: sum((l) => l.holidayPence),
    totalPence: sum((l) => l.totalPence),
  };
}
