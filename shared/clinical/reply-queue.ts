import { instantToMillis } from './time';

/**
 * The messages work queue: where each patient's thread stands and the order the therapist
 * works through them (the 48-hour reply rule's deadlines come from deadlines-contact.ts).
 */

/** Where a thread stands, from the therapist's side. */
export type ThreadState =
  'reply_refused' | 'draft_waiting' | 'reply_queued' | 'awaiting_reply' | 'replied';

export interface QueuedThreadFacts {
  readonly patientId: string;
  readonly name: string;
  /** The earliest open reply deadline of the thread; null: no patient message waits. */
  readonly replyDueAt: string | null;
  /** This device's newest undelivered reply: still in the outbox, or refused by the service. */
  readonly reply: 'queued' | 'refused' | null;
  /** Words typed in the reply box and kept on this device, not yet queued. */
  readonly hasDraft: boolean;
  readonly lastMessageAt: string | null;
}

/**
 * A refused reply needs the person first (it never reached the patient); then words typed but
 * not sent; then a reply on its way; then a message that waits for an answer.
 */
export function threadState(
  facts: Pick<QueuedThreadFacts, 'replyDueAt' | 'reply' | 'hasDraft'>,
): ThreadState {
  if (facts.reply === 'refused') return 'reply_refused';
  if (facts.hasDraft) return 'draft_waiting';
  if (facts.reply === 'queued') return 'reply_queued';
  if (facts.replyDueAt !== null) return 'awaiting_reply';
  return 'replied';
}

const ms = (instant: string | null): number | null =>
  instant === null ? null : instantToMillis(instant);

/**
 * The queue's order: threads with a reply due first, the earliest deadline first (so the
 * overdue ones lead); then the rest, the most recent message first; a tie by name, so the
 * order never jumps between refreshes.
 */
export function byReplyDeadline(a: QueuedThreadFacts, b: QueuedThreadFacts): number {
  const dueA = ms(a.replyDueAt);
  const dueB = ms(b.replyDueAt);
  if (dueA !== null || dueB !== null) {
    if (dueA === null) return 1;
    if (dueB === null) return -1;
    if (dueA !== dueB) return dueA - dueB;
  } else {
    const lastA = ms(a.lastMessageAt) ?? -Infinity;
    const lastB = ms(b.lastMessageAt) ?? -Infinity;
    if (lastA !== lastB) return lastB > lastA ? 1 : -1;
  }
  return a.name.localeCompare(b.name, 'en-GB');
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

const count = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** A span in the largest whole unit it fills (never more than it is): minutes, hours, days. */
function span(spanMs: number): string {
  if (spanMs > 48 * HOUR_MS) return count(Math.floor(spanMs / DAY_MS), 'day');
  if (spanMs >= HOUR_MS) return count(Math.floor(spanMs / HOUR_MS), 'hour');
  return count(Math.floor(spanMs / MINUTE_MS), 'minute');
}

/**
 * "due in 5 hours", "due now", "overdue by 2 hours": how a deadline stands against now, in
 * whole units rounded down. At the due instant itself it is still due ("within 48 hours" is
 * inclusive). The instant itself is shown beside it in UK time (people-time.ts).
 */
export function dueInWords(dueAtMs: number, nowMs: number): string {
  const left = dueAtMs - nowMs;
  if (left >= 0) return left < MINUTE_MS ? 'due now' : `due in ${span(left)}`;
  return -left < MINUTE_MS ? 'overdue by less than a minute' : `overdue by ${span(-left)}`;
}
