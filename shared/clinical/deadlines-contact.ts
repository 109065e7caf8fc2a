import type { Appointment, Episode, Message } from './facts';
import type { Deadline, DeadlineContext } from './deadline';
import { latest, emitDeadline, patientName, when } from './deadline';
import { hoursToMillis, instantToMillis } from './time';

/** Sorted therapist-message instants per patient. */
function therapistMessageTimes(messages: readonly Message[]): Map<string, number[]> {
  const byPatient = new Map<string, number[]>();
  for (const message of messages) {
    if (message.sender !== 'therapist') continue;
    const times = byPatient.get(message.patientId) ?? [];
    times.push(instantToMillis(message.receivedAt));
    byPatient.set(message.patientId, times);
  }
  for (const times of byPatient.values()) times.sort((a, b) => a - b);
  return byPatient;
}

/** The first value strictly after `after` in an ascending list. */
function firstAfter(sorted: readonly number[], after: number): number | undefined {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) <= after) low = middle + 1;
    else high = middle;
  }
  return sorted[low];
}

/**
 * Every patient message must be answered within `messageReplyHours`. Any therapist message
 * to that patient after it answers it, so one reply closes every message waiting before it:
 * a message received while another is unanswered keeps its own, later, deadline.
 */
export function messageReplyDeadlines(
  messages: readonly Message[],
  ctx: DeadlineContext,
): Deadline[] {
  const replies = therapistMessageTimes(messages);
  const hours = ctx.config.deadlines.messageReplyHours;
  return messages
    .filter((m) => m.sender === 'patient')
    .flatMap((message) => {
      const receivedMs = instantToMillis(message.receivedAt);
      const name = patientName(ctx, message.patientId);
      return emitDeadline(ctx, {
        kind: 'message_reply',
        subjectId: message.id,
        patientId: message.patientId,
        triggeredAtMs: receivedMs,
        dueAtMs: receivedMs + hoursToMillis(hours),
        completedAtMs: firstAfter(replies.get(message.patientId) ?? [], receivedMs),
        action: () => `Reply to ${name}'s message from ${when(ctx, receivedMs)}`,
      });
    });
}

export function isOpenEpisode(episode: Episode, nowMs: number): boolean {
  return episode.endedAt === undefined || instantToMillis(episode.endedAt) > nowMs;
}

/**
 * Never more than `contactGapHours` without contact with a patient in an open episode.
 * Contact is a message either way or an attended appointment, up to now; a booked future
 * appointment is not contact yet. With no contact, the clock runs from the episode start.
 * The deadline rolls: new contact moves it, so it is never "done".
 */
export function contactGapDeadlines(
  episodes: readonly Episode[],
  messages: readonly Message[],
  appointments: readonly Appointment[],
  ctx: DeadlineContext,
): Deadline[] {
  const lastContact = new Map<string, number>();
  const record = (patientId: string, ms: number): void => {
    if (ms > ctx.nowMs) return;
    lastContact.set(patientId, Math.max(ms, lastContact.get(patientId) ?? ms));
  };
  for (const m of messages) record(m.patientId, instantToMillis(m.receivedAt));
  for (const a of appointments) {
    if (a.outcome === 'attended') record(a.patientId, instantToMillis(a.startsAt));
  }
  const openStarts = new Map<string, number[]>();
  for (const episode of episodes) {
    if (!isOpenEpisode(episode, ctx.nowMs)) continue;
    const starts = openStarts.get(episode.patientId) ?? [];
    starts.push(instantToMillis(episode.startedAt));
    openStarts.set(episode.patientId, starts);
  }
  const hours = ctx.config.deadlines.contactGapHours;
  return [...openStarts].flatMap(([patientId, starts]) => {
    const startedMs = latest(starts) as number;
    const contactMs = lastContact.get(patientId);
    const sinceMs = contactMs !== undefined && contactMs >= startedMs ? contactMs : startedMs;
    const since = (): string =>
      `${sinceMs === contactMs ? 'last contact' : 'episode started'} ${when(ctx, sinceMs)}`;
    return emitDeadline(ctx, {
      kind: 'contact_gap',
      subjectId: patientId,
      patientId,
      triggeredAtMs: sinceMs,
      dueAtMs: sinceMs + hoursToMillis(hours),
      action: () => `Contact ${patientName(ctx, patientId)} (${since()})`,
    });
  });
}
