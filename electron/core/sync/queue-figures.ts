import type { ChangeNeedingAttention, SyncStatus } from '../../../shared/ipc';
import type { OutboxEntry, Store } from '../store';
import { summariseMutation } from './summaries';

/**
 * The outbox as the sync bar shows it, at a cost that does not grow with the queue: counts
 * come from one SQL aggregate (no payload is read), and the refused and held-back summaries
 * are rebuilt only when that set changes (the outbox's attention revision moves).
 */
export class QueueFigures {
  private seenRevision = -1;
  private attention: Pick<SyncStatus, 'rejected' | 'heldBack'> = { rejected: [], heldBack: [] };

  constructor(private readonly store: Store) {}

  read(): Pick<SyncStatus, 'pendingChanges' | 'rejected' | 'heldBack' | 'noteConflicts'> {
    const { store } = this;
    const figures = store.outbox.figures();
    if (figures.attentionRevision !== this.seenRevision) {
      const summary = (entry: OutboxEntry, reason: string | null): ChangeNeedingAttention => ({
        seq: entry.seq,
        kind: entry.kind,
        summary: summariseMutation(store, entry),
        reason: reason ?? 'No reason was given.',
        createdAt: entry.createdAt,
      });
      this.attention = {
        rejected: store.outbox.listRejected().map((e) => summary(e, e.rejectReason)),
        heldBack: store.outbox.listHeld().map((e) => summary(e, e.heldReason)),
      };
      this.seenRevision = figures.attentionRevision;
    }
    return {
      ...this.attention,
      pendingChanges: figures.pending,
      noteConflicts: store.noteDrafts.countNotesInConflict(),
    };
  }
}
