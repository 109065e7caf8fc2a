import { z } from 'zod';
import { method } from '../define';
import { Id, Instant, NoArguments, pageLimit } from './common';
import { LocalMessage } from './workspace';

/** A message in a thread; a refused reply names its outbox entry, to be edited and sent again. */
export const ThreadMessage = LocalMessage.extend({ refusedSeq: z.int().positive().nullable() });
export type ThreadMessage = z.infer<typeof ThreadMessage>;

const ReplyBody = z.string().trim().min(1, 'write a message first').max(10_000);

/** The reply box's words kept on this device (null: none). */
export const MessageDraftView = z
  .strictObject({
    body: z.string(),
    /** The refused reply (outbox seq) these words replace when sent; null: a new reply. */
    resendOf: z.int().positive().nullable(),
    savedAt: Instant,
  })
  .nullable();

/** One patient's thread in the messages work queue (shared/clinical reply-queue.ts). */
export const MessageThreadSummary = z.strictObject({
  patientId: Id,
  name: z.string(),
  caseReference: z.string(),
  state: z.enum(['reply_refused', 'draft_waiting', 'reply_queued', 'awaiting_reply', 'replied']),
  /** The earliest open reply deadline (48 hours after the message); null: nothing waits. */
  replyDueAt: Instant.nullable(),
  /** "due in 5 hours", "overdue by 2 hours" against the service-corrected clock. */
  dueWords: z.string().nullable(),
  overdue: z.boolean(),
  /** When the oldest unanswered message arrived. */
  waitingSince: Instant.nullable(),
  /** Patient messages waiting for an answer. */
  awaiting: z.int().min(0),
  lastMessageAt: Instant.nullable(),
});
export type MessageThreadSummary = z.infer<typeof MessageThreadSummary>;

export const messagesContract = {
  queue: method(
    NoArguments,
    z.strictObject({ threads: z.array(MessageThreadSummary) }),
    'Threads with messages or a draft, the earliest reply deadline first.',
  ),
  thread: method(
    z.strictObject({
      patientId: Id,
      before: Instant.nullable().default(null),
      limit: pageLimit(200, 50),
    }),
    z.strictObject({ messages: z.array(ThreadMessage), hasMore: z.boolean() }),
    'A patient thread, newest first, a page at a time.',
  ),
  reply: method(
    z.strictObject({
      patientId: Id,
      body: ReplyBody,
      /** A refused reply (its outbox seq) these words replace, sent as a new change. */
      resendOf: z.int().positive().nullable().default(null),
    }),
    LocalMessage,
    'Send a message (kept locally and sent when online); the draft goes in the same transaction.',
  ),
  draft: method(
    z.strictObject({ patientId: Id }),
    MessageDraftView,
    "The reply box's words kept on this device for this patient.",
  ),
  saveDraft: method(
    z.strictObject({
      patientId: Id,
      body: z.string().max(10_000),
      resendOf: z.int().positive().nullable().default(null),
    }),
    z.strictObject({ savedAt: Instant }),
    'Keep the reply box words in the encrypted store (durable when this resolves); blank words clear the draft.',
  ),
} as const;
