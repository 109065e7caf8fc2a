import { z } from 'zod';
import { MutationKind } from '../../api/mutations';
import { event, method } from '../define';
import { Ack, Instant, NoArguments } from './common';

export const LaneProgress = z.strictObject({
  applied: z.int().min(0),
  caughtUp: z.boolean(),
});

export const RejectedChange = z.strictObject({
  seq: z.int().positive(),
  kind: MutationKind,
  /** What the change was, in words ("Reply to Sam Carter"). */
  summary: z.string(),
  reason: z.string(),
  createdAt: Instant,
});

export const SyncStatus = z.strictObject({
  connection: z.enum(['online', 'offline', 'signed-out']),
  phase: z.enum(['idle', 'first-sync', 'pulling', 'pushing', 'backing-off']),
  lastSyncedAt: Instant.nullable(),
  /** server clock − device clock, learnt at each sync; deadlines use corrected time. */
  serverTimeOffsetMs: z.int(),
  progress: z.strictObject({ core: LaneProgress, transcripts: LaneProgress }),
  pendingChanges: z.int().min(0),
  rejected: z.array(RejectedChange),
  noteConflicts: z.int().min(0),
  nextAttemptAt: Instant.nullable(),
  lastError: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

/** Which cached data changed, so the UI re-reads only what it shows. */
export const DataChanged = z.strictObject({
  entities: z.array(z.string()),
  patientIds: z.array(z.string()).nullable(),
});

export const syncContract = {
  status: method(NoArguments, SyncStatus, 'Connection, progress, pending and rejected changes.'),
  changed: event(SyncStatus, 'Sync status changed.'),
  dataChanged: event(
    DataChanged,
    'Cached data changed (a pull applied, a local write, an eviction).',
  ),
  now: method(NoArguments, Ack, 'Sync now instead of waiting for the next round.'),
  dismissRejected: method(
    z.strictObject({ seq: z.int().positive() }),
    Ack,
    'The user has seen a rejected change and let it go (it stays in the audit trail).',
  ),
} as const;
