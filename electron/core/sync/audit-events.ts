import type { Store } from '../store';

/**
 * Audit events (who opened which record, recorded even offline) become audit.record
 * mutations, each in the same transaction as it leaves the audit queue: pushed in order with
 * the rest of the outbox, exactly once.
 */
export function queueAuditEvents(store: Store, now: () => string): void {
  for (;;) {
    const batch = store.audit.listQueued(200);
    if (batch.length === 0) return;
    store.applyInTransaction(() => {
      for (const event of batch) {
        const { queueId: _queueId, ...payload } = event;
        store.outbox.enqueue({
          mutationId: event.eventId,
          kind: 'audit.record',
          payload,
          createdAt: now(),
        });
      }
      store.audit.acknowledge(batch.map((e) => e.queueId));
    });
  }
}
