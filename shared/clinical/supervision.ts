import type { ServiceConfig } from './config';
import type { Appointment, CaseReview, Episode, Ticket, TicketKind } from './facts';
import { sessionLimitStatus } from './appointments';
import { caseReviewClocks } from './deadlines-supervision';
import { deadlineState } from './deadline';
import type { DeadlineState } from './deadline';
import type { EpisodeOutcome } from './outcomes';
import { hoursToMillis, instantToMillis, millisToInstant } from './time';
import type { Instant } from './time';

/**
 * What a supervisor answers first (docs/domain.md, Supervision): risk, then a session
 * extension that blocks a session already booked, then new patients, then the rest. Within
 * a rank, the ticket waiting longest comes first.
 */
export const TICKET_URGENCY_ORDER = [
  'risk',
  'extension_blocking_booked_session',
  'new_patient',
  'other',
] as const;
export type TicketUrgency = (typeof TICKET_URGENCY_ORDER)[number];

export const TICKET_URGENCY_WORDS: Readonly<Record<TicketUrgency, string>> = {
  risk: 'Risk',
  extension_blocking_booked_session: 'Session extension blocking a booked session',
  new_patient: 'New patient',
  other: 'Other decisions',
};

/**
 * Whether the step 2 session extension of an episode stands between the patient and a
 * session already booked: a booked (future, unrecorded) treatment session beyond the limit
 * without an approved extension.
 */
export function extensionBlocksBookedSession(
  episode: Episode,
  appointments: readonly Appointment[],
  tickets: readonly Ticket[],
  config: ServiceConfig,
  now: Instant,
): boolean {
  const nowMs = instantToMillis(now);
  const status = sessionLimitStatus(episode, appointments, tickets, config);
  const blocked = new Set(status.beyondLimitWithoutApproval);
  return appointments.some(
    (a) => blocked.has(a.id) && a.outcome === undefined && instantToMillis(a.startsAt) >= nowMs,
  );
}

/** The urgency of one open ticket (`blocksBookedSession` from extensionBlocksBookedSession). */
export function ticketUrgency(kind: TicketKind, blocksBookedSession: boolean): TicketUrgency {
  switch (kind) {
    case 'non_urgent_risk':
      return 'risk';
    case 'session_extension_request':
      return blocksBookedSession ? 'extension_blocking_booked_session' : 'other';
    case 'new_patient':
      return 'new_patient';
    case 'four_weekly_review':
    case 'step_up_and_reallocate':
    case 'refer_back_to_service':
    case 'non_recovered_discharge':
      return 'other';
  }
}

/** Most urgent first; within a rank the oldest raised first, then by id (stable). */
export function byTicketUrgency<
  T extends { readonly urgency: TicketUrgency; readonly raisedAt: Instant; readonly id: string },
>(tickets: readonly T[]): T[] {
  const rank = (u: TicketUrgency): number => TICKET_URGENCY_ORDER.indexOf(u);
  return tickets
    .map((t) => ({ t, raisedMs: instantToMillis(t.raisedAt) }))
    .sort(
      (a, b) =>
        rank(a.t.urgency) - rank(b.t.urgency) ||
        a.raisedMs - b.raisedMs ||
        (a.t.id < b.t.id ? -1 : a.t.id > b.t.id ? 1 : 0),
    )
    .map(({ t }) => t);
}

export interface CaseReviewDue {
  readonly patientId: string;
  readonly dueAt: Instant;
  readonly state: Exclude<DeadlineState, 'done'>;
  /** The last review (or four-weekly review ticket) it counts from; null: the episode start. */
  readonly sinceAt: Instant;
  readonly since: 'last_review' | 'episode_start';
}

/**
 * The four-weekly rule, looked at from the supervisor's week: every patient in an open
 * episode whose case review is overdue or falls due within `horizonHours` of now, soonest
 * first. Counted as caseReviewDeadlines counts it (from the last review or four-weekly
 * review ticket, else the episode start; `caseReviewHours`).
 */
export function caseReviewsFallingDue(
  facts: {
    readonly episodes: readonly Episode[];
    readonly reviews: readonly CaseReview[];
    readonly tickets: readonly Ticket[];
  },
  config: ServiceConfig,
  now: Instant,
  horizonHours: number,
): CaseReviewDue[] {
  const nowMs = instantToMillis(now);
  const limitMs = nowMs + hoursToMillis(horizonHours);
  return caseReviewClocks(
    facts.episodes,
    facts.reviews,
    facts.tickets,
    nowMs,
    config.deadlines.caseReviewHours,
  )
    .filter((c) => c.dueAtMs <= limitMs)
    .sort((a, b) => a.dueAtMs - b.dueAtMs || (a.patientId < b.patientId ? -1 : 1))
    .map((c) => ({
      patientId: c.patientId,
      dueAt: millisToInstant(c.dueAtMs),
      // The same state rule as every deadline (a rolling review is never done).
      state: deadlineState(c.dueAtMs, undefined, nowMs, config.deadlines.dueSoonHours) as Exclude<
        DeadlineState,
        'done'
      >,
      sinceAt: millisToInstant(c.sinceMs),
      since: c.since,
    }));
}

export interface OutcomesSummary {
  /** Episodes that ended in the period. */
  readonly ended: number;
  /** Of those, finished treatment (at least `finishedTreatmentMinSessions` attended). */
  readonly finishedTreatment: number;
  /** Finished, assessed and at caseness at the start: the recovery denominator. */
  readonly atCasenessAtStart: number;
  readonly recovered: number;
  /** recovered / atCasenessAtStart; null with no one in the denominator. */
  readonly recoveryRate: number | null;
  /** Finished and assessed (paired scores): the reliable-change denominator. */
  readonly assessed: number;
  readonly reliablyImproved: number;
  readonly reliableImprovementRate: number | null;
  readonly reliablyDeteriorated: number;
}

/**
 * A therapist's outcomes over a period, from the episodeOutcome of each episode that ended
 * in it: the rates the service reports (recovery among those at caseness at the start;
 * reliable improvement among those with paired scores).
 */
export function outcomesSummary(
  outcomes: readonly Pick<
    EpisodeOutcome,
    | 'finishedTreatment'
    | 'status'
    | 'atCasenessAtStart'
    | 'recovered'
    | 'reliablyImproved'
    | 'reliablyDeteriorated'
  >[],
): OutcomesSummary {
  const finished = outcomes.filter((o) => o.finishedTreatment);
  const assessed = finished.filter((o) => o.status === 'assessed');
  const atCaseness = assessed.filter((o) => o.atCasenessAtStart === true);
  const recovered = atCaseness.filter((o) => o.recovered === true).length;
  const improved = assessed.filter((o) => o.reliablyImproved === true).length;
  const rate = (n: number, of: number): number | null => (of === 0 ? null : n / of);
  return {
    ended: outcomes.length,
    finishedTreatment: finished.length,
    atCasenessAtStart: atCaseness.length,
    recovered,
    recoveryRate: rate(recovered, atCaseness.length),
    assessed: assessed.length,
    reliablyImproved: improved,
    reliableImprovementRate: rate(improved, assessed.length),
    reliablyDeteriorated: assessed.filter((o) => o.reliablyDeteriorated === true).length,
  };
}
