import type { OutboxEntry, Store } from '../../store';

/**
 * What erasing this device would lose of what people did here: every change the server has
 * not accepted yet (pending or refused). Access records (audit.record) are the app's own
 * bookkeeping, not someone's work: they are not counted as "unsent changes" (they are kept
 * and sent like the rest while the device keeps its data).
 */
export const isUnsentWork = (entry: Pick<OutboxEntry, 'kind'>): boolean =>
  entry.kind !== 'audit.record';

export const countUnsentWork = (store: Store): number =>
  store.outbox.listUnsettled().filter(isUnsentWork).length;
