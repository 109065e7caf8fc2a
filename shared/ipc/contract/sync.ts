import { z } from 'zod';
import { MutationKind } from '../../api/mutations';
import { event, method } from '../define';
import { Ack, Instant, NoArguments } from './common';

export const LaneProgress = z.strictObject({
  applied: z.int().min(0),
  caughtUp: z.boolean(),
});

/** A change that needs the person: refused by the server, or held back after repeated failures. */
export const ChangeNeedingAttention = z.strictObject({
  seq: z.int().positive(),
  kind: MutationKind,
  /** What the change was, in words ("Reply to Sam Carter"). */
  summary: z.string(),
  reason: z.string(),
  createdAt: Instant,
});
export type ChangeNeedingAttention = z.infer<typeof ChangeNeedingAttention>;

export const SyncStatus = z.strictObject({
  connection: z.enum(['online', 'offline', 'signed-out']),
  phase: z.enum(['idle', 'first-sync', 'pulling', 'pushing', 'backing-off']),
  lastSyncedAt: Instant.nullable(),
  /** server clock − device clock, learnt at each sync; deadlines use corrected time. */
  serverTimeOffsetMs: z.int(),
  progress: z.strictObject({ core: LaneProgress, transcripts: LaneProgress }),
  /** Changes the person made waiting to be sent (or sent and unanswered); a note's autosaves count as one. */
  pendingChanges: z.int().min(0),
  /** Refused by the server: readable, editable and re-sendable, or discarded by choice. */
  rejected: z.array(ChangeNeedingAttention),
  /** Set aside after the service failed on them repeatedly: retry or discard. */
  heldBack: z.array(ChangeNeedingAttention),
  noteConflicts: z.int().min(0),
  nextAttemptAt: Instant.nullable(),
  lastError: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

/** One labelled part of a change, in words ("Patient", "Sam Carter"). */
export const ChangeField = z.strictObject({ label: z.string(), value: z.string() });

/** A refused or held-back change in full: everything it said, for reading and copying. */
export const ChangeInFull = z.strictObject({
  seq: z.int().positive(),
  kind: MutationKind,
  state: z.enum(['refused', 'held-back']),
  summary: z.string(),
  reason: z.string(),
  createdAt: Instant,
  /** The text the person wrote (the reply, the note…), if the change carries one. */
  text: z.strictObject({ label: z.string(), value: z.string() }).nullable(),
  /** Everything else it said, in words. */
  fields: z.array(ChangeField),
  /** The whole change as plain text, for the clipboard. */
  asPlainText: z.string(),
  /** Whether it can be edited and sent again as a new change. */
  resendable: z.boolean(),
});
export type ChangeInFull = z.infer<typeof ChangeInFull>;

/** Which cached data changed, so the UI re-reads only what it shows. */
export const DataChanged = z.strictObject({
  entities: z.array(z.string()),
  patientIds: z.array(z.string()).nullable(),
});

/** How current the cached data is (shared/clinical dataFreshness, on service-corrected time). */
export const DataFreshnessView = z.strictObject({
  /** When the caseload, messages and measures were last downloaded in full; null: never. */
  dataAsOf: Instant.nullable(),
  /** The service's setting: older than this many hours is stale. */
  staleAfterHours: z.number().positive(),
  stale: z.boolean(),
  /** "Data as of …" in UK time. */
  sentence: z.string(),
  /** Why stale data matters, when it is stale. */
  warning: z.string().nullable(),
});
export type DataFreshnessView = z.infer<typeof DataFreshnessView>;

const Seq = z.strictObject({ seq: z.int().positive() });

export const syncContract = {
  status: method(NoArguments, SyncStatus, 'Connection, progress, pending and refused changes.'),
  changed: event(SyncStatus, 'Sync status changed.'),
  dataChanged: event(
    DataChanged,
    'Cached data changed (a pull applied, a local write, an eviction).',
  ),
  now: method(NoArguments, Ack, 'Sync now instead of waiting for the next round.'),
  freshness: method(
    NoArguments,
    DataFreshnessView,
    'How current the cached data is, and whether it is too old to rely on where risk is shown.',
  ),
  change: method(Seq, ChangeInFull, 'A refused or held-back change, in full.'),
  resendRefused: method(
    z.strictObject({ seq: z.int().positive(), text: z.string().max(100_000).nullable() }),
    z.strictObject({ seq: z.int().positive() }),
    'Send a refused change again as a new change, with its text edited (null: unchanged).',
  ),
  discardRefused: method(
    Seq,
    Ack,
    'The person chose to discard a refused change: its text is deleted from this device.',
  ),
  retryHeldBack: method(
    Seq,
    Ack,
    'Try a held-back change again (it goes to the end of the queue).',
  ),
  discardHeldBack: method(
    Seq,
    Ack,
    'The person chose to discard a held-back change: it is never sent.',
  ),
} as const;
