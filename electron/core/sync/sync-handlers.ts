import { type ClinicianHandlers, RefusedError, type SyncStatus } from '../../../shared/ipc';
import type { WorkspaceContext } from '../workspace/context';
import { changeInFull } from './change-in-full';
import { discardHeldBack, discardRefused, resendRefused, retryHeldBack } from './refused-changes';
import type { SyncEngine } from './sync-engine';

export const signedOutSync: SyncStatus = {
  connection: 'signed-out',
  phase: 'idle',
  lastSyncedAt: null,
  serverTimeOffsetMs: 0,
  progress: { core: { applied: 0, caughtUp: false }, transcripts: { applied: 0, caughtUp: false } },
  pendingChanges: 0,
  rejected: [],
  heldBack: [],
  noteConflicts: 0,
  nextAttemptAt: null,
  lastError: null,
};

/**
 * The IPC contract's sync methods: status, sync now, and what a person may do with a change
 * that needs them — read it in full, edit and send it again, retry, or discard it by choice.
 */
export function syncHandlers(
  ctx: WorkspaceContext,
  engine: () => SyncEngine | null,
): Omit<ClinicianHandlers['sync'], 'freshness'> {
  /** The outbox changed by the person's choice: figures, events, and a push soon. */
  const changed = (): void => {
    ctx.changed(['outbox', '*'], null, false);
    engine()?.localChange();
  };
  return {
    status: () => engine()?.current() ?? signedOutSync,
    now: async () => {
      const running = engine();
      if (!running) throw new RefusedError('Sign in to sync.');
      void running.syncNow();
      return { ok: true as const };
    },
    change: ({ seq }) => {
      const entry = ctx.store().outbox.get(seq);
      if (entry?.status !== 'rejected' && entry?.status !== 'held')
        throw new RefusedError('That change is no longer waiting.');
      return changeInFull(ctx.store(), entry, ctx.zone());
    },
    resendRefused: ({ seq, text }) => {
      const next = resendRefused(ctx.store(), seq, text, ctx.now().toISOString());
      changed();
      return { seq: next };
    },
    discardRefused: ({ seq }) => {
      discardRefused(ctx.store(), seq);
      changed();
      return { ok: true as const };
    },
    retryHeldBack: ({ seq }) => {
      retryHeldBack(ctx.store(), seq, ctx.now().toISOString());
      changed();
      return { ok: true as const };
    },
    discardHeldBack: ({ seq }) => {
      discardHeldBack(ctx.store(), seq);
      changed();
      return { ok: true as const };
    },
  };
}
