import type { Appointment, Episode, MeasureRecord, Ticket, TicketKind } from './facts';
import type { Deadline, DeadlineContext } from './deadline';
import { earliest, emitDeadline, patientName, when } from './deadline';
import { byStart, countedTreatmentSessions } from './appointments';
import { isOpenEpisode } from './deadlines-contact';
import { hoursToMillis, instantToMillis } from './time';

/** Earliest raise of a ticket of these kinds for an episode, at or after `fromMs`. */
function raisedSince(
  tickets: readonly Ticket[],
  episodeId: string,
  kinds: readonly TicketKind[],
  fromMs: number,
): number | undefined {
  return earliest(
    tickets
      .filter((t) => t.episodeId === episodeId && kinds.includes(t.kind))
      .map((t) => instantToMillis(t.raisedAt))
      .filter((ms) => ms >= fromMs),
  );
}

/**
 * A PHQ-9 with item 9 (thoughts of self-harm) above 0 prompts a non-urgent risk ticket,
 * due `riskTicketHours` after the score; done by such a ticket of the episode raised since.
 * A record that is not a whole PHQ-9 is left to the measure checks (it is refused there).
 */
export function riskTicketDeadlines(
  measures: readonly MeasureRecord[],
  tickets: readonly Ticket[],
  ctx: DeadlineContext,
): Deadline[] {
  const deadlines: Deadline[] = [];
  for (const m of measures) {
    if (m.measure !== 'phq9' || m.items.length !== 9) continue;
    const item9 = m.items[8] as number;
    if (!(item9 > 0)) continue;
    const takenMs = instantToMillis(m.takenAt);
    deadlines.push(
      ...emitDeadline(ctx, {
        kind: 'risk_ticket',
        subjectId: m.id,
        patientId: m.patientId,
        triggeredAtMs: takenMs,
        dueAtMs: takenMs + hoursToMillis(ctx.config.deadlines.riskTicketHours),
        completedAtMs: raisedSince(tickets, m.episodeId, ['non_urgent_risk'], takenMs),
        action: () =>
          `Raise a non-urgent risk ticket for ${patientName(ctx, m.patientId)} (PHQ-9 item 9 scored ${item9} on ${when(ctx, takenMs)})`,
      }),
    );
  }
  return deadlines;
}

const END_TICKETS: Partial<
  Record<NonNullable<Episode['endReason']>, { kind: TicketKind; words: string; ended: string }>
> = {
  step_up: { kind: 'step_up_and_reallocate', words: 'step-up-and-reallocate', ended: 'stepped up' },
  refer_back_to_service: {
    kind: 'refer_back_to_service',
    words: 'refer-back-to-service',
    ended: 'referred back',
  },
  non_recovered_discharge: {
    kind: 'non_recovered_discharge',
    words: 'non-recovered-discharge',
    ended: 'discharged',
  },
};

/**
 * An episode ended by a step up, a referral back or a non-recovered discharge needs the
 * ticket that decision takes: due when the episode ended, so an ending without it is
 * flagged at once (a ticket raised later completes it late).
 */
export function episodeEndTicketDeadlines(
  episodes: readonly Episode[],
  tickets: readonly Ticket[],
  ctx: DeadlineContext,
): Deadline[] {
  const deadlines: Deadline[] = [];
  for (const episode of episodes) {
    const needed = episode.endReason ? END_TICKETS[episode.endReason] : undefined;
    if (!needed || isOpenEpisode(episode, ctx.nowMs)) continue;
    const endedMs = instantToMillis(episode.endedAt as string);
    deadlines.push(
      ...emitDeadline(ctx, {
        kind: 'episode_end_ticket',
        subjectId: episode.id,
        patientId: episode.patientId,
        triggeredAtMs: endedMs,
        dueAtMs: endedMs,
        completedAtMs: raisedSince(tickets, episode.id, [needed.kind], -Infinity),
        action: () =>
          `Raise a ${needed.words} ticket for ${patientName(ctx, episode.patientId)} (${needed.ended} ${when(ctx, endedMs)})`,
      }),
    );
  }
  return deadlines;
}

/**
 * Step 3 has no session cap, but after about `step3ReviewAfterSessions` attended treatment
 * sessions a case-management review decides on more: due before the next treatment session
 * (or within `step3ReviewHours` when none is booked); done by a four-weekly review or a
 * session extension ticket raised from that session on.
 */
export function step3ReviewDeadlines(
  episodes: readonly Episode[],
  appointments: readonly Appointment[],
  tickets: readonly Ticket[],
  ctx: DeadlineContext,
): Deadline[] {
  const after = ctx.config.sessions.step3ReviewAfterSessions;
  const deadlines: Deadline[] = [];
  for (const episode of episodes) {
    if (episode.step !== 3 || !isOpenEpisode(episode, ctx.nowMs)) continue;
    const attended = appointments
      .filter((a) => a.episodeId === episode.id && a.kind === 'treatment')
      .filter((a) => a.outcome === 'attended')
      .sort(byStart);
    const nth = attended[after - 1];
    if (nth === undefined) continue;
    const startMs = instantToMillis(nth.startsAt);
    const endMs = startMs + nth.durationMinutes * 60_000;
    const next = countedTreatmentSessions(episode.id, appointments, ctx.config).find(
      (a) => instantToMillis(a.startsAt) > startMs,
    );
    deadlines.push(
      ...emitDeadline(ctx, {
        kind: 'step3_review',
        subjectId: episode.id,
        patientId: episode.patientId,
        triggeredAtMs: endMs,
        dueAtMs: next
          ? instantToMillis(next.startsAt)
          : endMs + hoursToMillis(ctx.config.deadlines.step3ReviewHours),
        completedAtMs: raisedSince(
          tickets,
          episode.id,
          ['four_weekly_review', 'session_extension_request'],
          startMs,
        ),
        action: () =>
          `Review ${patientName(ctx, episode.patientId)} in case management before further sessions (${after} treatment sessions, the last on ${when(ctx, startMs)})`,
      }),
    );
  }
  return deadlines;
}
