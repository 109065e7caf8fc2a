import type { Appointment, CaseReview, Episode, Ticket, TicketKind } from './facts';
import type { Deadline, DeadlineContext } from './deadline';
import { earliest, latest, emitDeadline, patientName, when } from './deadline';
import { byStart, countedTreatmentSessions } from './appointments';
import { isOpenEpisode } from './deadlines-contact';
import { hoursToMillis, instantToMillis } from './time';

/** Earliest raise of a ticket kind per episode. */
function firstRaised(tickets: readonly Ticket[], kind: TicketKind): Map<string, number> {
  const raised = new Map<string, number>();
  for (const t of tickets) {
    if (t.kind !== kind) continue;
    const ms = instantToMillis(t.raisedAt);
    raised.set(t.episodeId, earliest([ms, raised.get(t.episodeId) ?? ms]) as number);
  }
  return raised;
}

/** A `new_patient` ticket is due `newPatientTicketHours` after the first attended assessment. */
export function newPatientTicketDeadlines(
  episodes: readonly Episode[],
  appointments: readonly Appointment[],
  tickets: readonly Ticket[],
  ctx: DeadlineContext,
): Deadline[] {
  const raised = firstRaised(tickets, 'new_patient');
  const deadlines: Deadline[] = [];
  for (const episode of episodes) {
    const assessment = appointments
      .filter((a) => a.episodeId === episode.id && a.kind === 'assessment')
      .filter((a) => a.outcome === 'attended')
      .sort(byStart)[0];
    if (assessment === undefined) continue;
    const assessedMs = instantToMillis(assessment.startsAt);
    deadlines.push(
      ...emitDeadline(ctx, {
        kind: 'new_patient_ticket',
        subjectId: episode.id,
        patientId: episode.patientId,
        triggeredAtMs: assessedMs,
        dueAtMs: assessedMs + hoursToMillis(ctx.config.deadlines.newPatientTicketHours),
        completedAtMs: raised.get(episode.id),
        action: () =>
          `Raise a new-patient ticket for ${patientName(ctx, episode.patientId)} (assessed ${when(ctx, assessedMs)})`,
      }),
    );
  }
  return deadlines;
}

/**
 * Step 2: once the limit-th treatment session (attended or booked) exists, a session
 * extension request must be raised before another one is booked. docs/domain.md gives no
 * clock for "before booking", so it is due at the start of that last allowed session,
 * when the therapist knows whether more are needed. Closed episodes need none.
 */
export function sessionExtensionDeadlines(
  episodes: readonly Episode[],
  appointments: readonly Appointment[],
  tickets: readonly Ticket[],
  ctx: DeadlineContext,
): Deadline[] {
  const limit = ctx.config.sessions.step2TreatmentSessionLimit;
  const raised = firstRaised(tickets, 'session_extension_request');
  const deadlines: Deadline[] = [];
  for (const episode of episodes) {
    if (episode.step !== 2 || !isOpenEpisode(episode, ctx.nowMs)) continue;
    const last = countedTreatmentSessions(episode.id, appointments, ctx.config)[limit - 1];
    if (last === undefined) continue;
    const dueMs = instantToMillis(last.startsAt);
    deadlines.push(
      ...emitDeadline(ctx, {
        kind: 'session_extension',
        subjectId: episode.id,
        patientId: episode.patientId,
        triggeredAtMs: dueMs,
        dueAtMs: dueMs,
        completedAtMs: raised.get(episode.id),
        action: () =>
          `Raise a session extension request for ${patientName(ctx, episode.patientId)} before booking treatment session ${limit + 1}`,
      }),
    );
  }
  return deadlines;
}

/** When a patient's case review falls due, and what the clock counts from. */
export interface CaseReviewClock {
  readonly patientId: string;
  readonly sinceMs: number;
  readonly since: 'last_review' | 'episode_start';
  readonly dueAtMs: number;
}

/**
 * Every patient in an open episode is reviewed in case management at least every
 * `caseReviewHours`, counted from the last review (or `four_weekly_review` ticket) up to
 * now, or from the episode start. The clocks alone (no sentence), for callers that only
 * need the instants.
 */
export function caseReviewClocks(
  episodes: readonly Episode[],
  reviews: readonly CaseReview[],
  tickets: readonly Ticket[],
  nowMs: number,
  caseReviewHours: number,
): CaseReviewClock[] {
  const reviewed = new Map<string, number>();
  const record = (patientId: string, ms: number): void => {
    if (ms <= nowMs) reviewed.set(patientId, Math.max(ms, reviewed.get(patientId) ?? ms));
  };
  for (const r of reviews) record(r.patientId, instantToMillis(r.reviewedAt));
  for (const t of tickets) {
    if (t.kind === 'four_weekly_review') record(t.patientId, instantToMillis(t.raisedAt));
  }
  const started = new Map<string, number>();
  for (const episode of episodes) {
    if (!isOpenEpisode(episode, nowMs)) continue;
    const ms = instantToMillis(episode.startedAt);
    started.set(episode.patientId, latest([ms, started.get(episode.patientId) ?? ms]) as number);
  }
  return [...started].map(([patientId, startedMs]) => {
    const reviewMs = reviewed.get(patientId);
    const fromReview = reviewMs !== undefined && reviewMs >= startedMs;
    const sinceMs = fromReview ? reviewMs : startedMs;
    return {
      patientId,
      sinceMs,
      since: fromReview ? ('last_review' as const) : ('episode_start' as const),
      dueAtMs: sinceMs + hoursToMillis(caseReviewHours),
    };
  });
}

/** The case-review deadline of every patient in an open episode. Rolling: never "done". */
export function caseReviewDeadlines(
  episodes: readonly Episode[],
  reviews: readonly CaseReview[],
  tickets: readonly Ticket[],
  ctx: DeadlineContext,
): Deadline[] {
  return caseReviewClocks(
    episodes,
    reviews,
    tickets,
    ctx.nowMs,
    ctx.config.deadlines.caseReviewHours,
  ).flatMap((clock) =>
    emitDeadline(ctx, {
      kind: 'case_review',
      subjectId: clock.patientId,
      patientId: clock.patientId,
      triggeredAtMs: clock.sinceMs,
      dueAtMs: clock.dueAtMs,
      action: () =>
        `Review ${patientName(ctx, clock.patientId)} in case management (${clock.since === 'last_review' ? 'last reviewed' : 'episode started'} ${when(ctx, clock.sinceMs)})`,
    }),
  );
}
