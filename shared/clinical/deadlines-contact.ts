import type { Appointment, Episode, Message } from './facts';
import type { Deadline, DeadlineContext } from './deadline';
import { latest, emitDeadline, patientName, when } from './deadline';
import { hoursToMillis, instantToMillis } from './time';

/** When a therapist's message counts: when it was written (it may have reached the service later). */
const writtenMs = (m: Message): number => instantToMillis(m.writtenAt ?? m.receivedAt);

const isDelivered = (m: Message): boolean => m.delivery === undefined || m.delivery === 'delivered';

/** Sorted instants of delivered therapist messages per patient. */
function deliveredReplyTimes(messages: readonly Message[]): Map<string, number[]> {
  const byPatient = new Map<string, number[]>();
  for (const message of messages) {
    if (message.sender !== 'therapist' || !isDelivered(message)) continue;
    const times = byPatient.get(message.patientId) ?? [];
    times.push(writtenMs(message));
    byPatient.set(message.patientId, times);
  }
  for (const times of byPatient.values()) times.sort((a, b) => a - b);
  return byPatient;
}

type Undelivered = ReadonlyMap<string, readonly { ms: number; queued: boolean }[]>;

/** Therapist messages not delivered (queued in the outbox, or refused), per patient. */
function undeliveredReplies(messages: readonly Message[]): Undelivered {
  const byPatient = new Map<string, { ms: number; queued: boolean }[]>();
  for (const m of messages) {
    if (m.sender !== 'therapist' || isDelivered(m)) continue;
    const list = byPatient.get(m.patientId) ?? [];
    list.push({ ms: writtenMs(m), queued: m.delivery === 'queued' });
    byPatient.set(m.patientId, list);
  }
  return byPatient;
}

/**
 * Whether an undelivered reply was written after `afterMs`: queued (still in the outbox)
 * wins over refused, since it may yet arrive.
 */
function undeliveredSince(
  undelivered: Undelivered,
  patientId: string,
  afterMs: number,
): 'queued' | 'refused' | undefined {
  const later = (undelivered.get(patientId) ?? []).filter((u) => u.ms > afterMs);
  if (later.length === 0) return undefined;
  return later.some((u) => u.queued) ? 'queued' : 'refused';
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
 * to that patient written after it answers it, so one reply closes every message waiting
 * before it: a message received while another is unanswered keeps its own, later, deadline.
 * Only a delivered reply answers (one still in the outbox has not reached the patient); it
 * counts from when it was written, even if the service received it later.
 */
export function messageReplyDeadlines(
  messages: readonly Message[],
  ctx: DeadlineContext,
): Deadline[] {
  const replies = deliveredReplyTimes(messages);
  const undelivered = undeliveredReplies(messages);
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
        reply: undeliveredSince(undelivered, message.patientId, receivedMs),
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
  // Contact is made when a message reaches the patient (a therapist's counts from when it was
  // written); one still in the outbox, or refused, has not reached them.
  for (const m of messages) {
    if (m.sender === 'patient') record(m.patientId, instantToMillis(m.receivedAt));
    else if (isDelivered(m)) record(m.patientId, writtenMs(m));
  }
  const undelivered = undeliveredReplies(messages);
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
      reply: undeliveredSince(undelivered, patientId, sinceMs),
      action: () => `Contact ${patientName(ctx, patientId)} (${since()})`,
    });
  });
}
