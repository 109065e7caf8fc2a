import { describe, expect, it } from 'vitest';
import {
  byReplyDeadline,
  dueInWords,
  threadState,
  type QueuedThreadFacts,
  type ThreadState,
} from '../../../shared/clinical';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const now = Date.UTC(2026, 11, 2, 9, 0);

describe('how long until a reply is due, in words', () => {
  it.each([
    [5 * HOUR + 40 * MINUTE, 'due in 5 hours'],
    [1 * HOUR, 'due in 1 hour'],
    [59 * MINUTE + 59_000, 'due in 59 minutes'],
    [1 * MINUTE, 'due in 1 minute'],
    [30_000, 'due now'],
    // "Within 48 hours" is inclusive: at the due instant itself it is not overdue yet.
    [0, 'due now'],
    [-1, 'overdue by less than a minute'],
    [-2 * MINUTE, 'overdue by 2 minutes'],
    [-2 * HOUR - 59 * MINUTE, 'overdue by 2 hours'],
    [-1 * HOUR, 'overdue by 1 hour'],
    [47 * HOUR, 'due in 47 hours'],
    [49 * HOUR, 'due in 2 days'],
    [-73 * HOUR, 'overdue by 3 days'],
  ])('%d ms before the deadline reads "%s"', (left, words) => {
    expect(dueInWords(now + left, now)).toBe(words);
  });
});

describe("a thread's state", () => {
  const cases: [Omit<QueuedThreadFacts, 'patientId' | 'name' | 'lastMessageAt'>, ThreadState][] = [
    [{ replyDueAt: '2026-12-02T12:00:00.000Z', reply: null, hasDraft: false }, 'awaiting_reply'],
    [{ replyDueAt: '2026-12-02T12:00:00.000Z', reply: null, hasDraft: true }, 'draft_waiting'],
    [{ replyDueAt: '2026-12-02T12:00:00.000Z', reply: 'queued', hasDraft: false }, 'reply_queued'],
    // A refused reply needs the person more than a draft or a queued one.
    [{ replyDueAt: '2026-12-02T12:00:00.000Z', reply: 'refused', hasDraft: true }, 'reply_refused'],
    [{ replyDueAt: null, reply: 'refused', hasDraft: false }, 'reply_refused'],
    // A draft is shown even when nothing waits: it is words the therapist has not sent.
    [{ replyDueAt: null, reply: null, hasDraft: true }, 'draft_waiting'],
    [{ replyDueAt: null, reply: 'queued', hasDraft: false }, 'reply_queued'],
    [{ replyDueAt: null, reply: null, hasDraft: false }, 'replied'],
  ];
  it.each(cases)('%o is %s', (facts, state) => {
    expect(threadState(facts)).toBe(state);
  });
});

describe('the order of the messages queue', () => {
  const thread = (
    name: string,
    replyDueAt: string | null,
    lastMessageAt: string | null = null,
  ): QueuedThreadFacts => ({
    patientId: name,
    name,
    replyDueAt,
    lastMessageAt,
    reply: null,
    hasDraft: false,
  });

  it('puts the earliest reply deadline first (overdue ones are earliest), then threads with nothing due', () => {
    const threads = [
      thread('Quiet, recent', null, '2026-12-02T08:00:00.000Z'),
      thread('Due tomorrow', '2026-12-03T09:00:00.000Z'),
      thread('Quiet, older', null, '2026-11-30T08:00:00.000Z'),
      thread('Overdue', '2026-12-01T09:00:00.000Z'),
      thread('Due tonight', '2026-12-02T20:00:00.000Z'),
      thread('Never written', null, null),
    ];
    expect([...threads].sort(byReplyDeadline).map((t) => t.name)).toEqual([
      'Overdue',
      'Due tonight',
      'Due tomorrow',
      'Quiet, recent',
      'Quiet, older',
      'Never written',
    ]);
  });

  it('breaks a tie by name, so the order never jumps between refreshes', () => {
    const due = '2026-12-02T20:00:00.000Z';
    const threads = [
      thread('Zoe', due),
      thread('Adam', due),
      thread('Mia', null),
      thread('Ben', null),
    ];
    expect([...threads].sort(byReplyDeadline).map((t) => t.name)).toEqual([
      'Adam',
      'Zoe',
      'Ben',
      'Mia',
    ]);
  });

  it('compares instants, not strings (an offset or a missing fraction sorts by time)', () => {
    const threads = [
      thread('Later', '2026-12-02T10:30:00Z'),
      thread('Earlier', '2026-12-02T11:00:00+01:00'),
    ];
    expect([...threads].sort(byReplyDeadline).map((t) => t.name)).toEqual(['Earlier', 'Later']);
  });
});
