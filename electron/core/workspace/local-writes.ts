import type { MutationKind } from '../../../shared/api';
import type { Store } from '../store';

export interface WriteState {
  readonly syncState: 'synced' | 'pending' | 'rejected';
  readonly rejectedReason: string | null;
}
export type SyncStateOf = (id: string, version: number | null) => WriteState;

/** Which payload field names the record a mutation writes. */
export const subjectKey: Record<MutationKind, string> = {
  'message.send': 'messageId',
  'note.save': 'noteId',
  'note.submit': 'noteId',
  'appointment.recordOutcome': 'appointmentId',
  'measure.record': 'measureId',
  'ticket.raise': 'ticketId',
  'ticket.decide': 'ticketId',
  'utterance.comment': 'commentId',
  'ctsr.rate': 'ratingId',
  'audit.record': 'eventId',
  'emergencyContact.set': 'contactId',
  'workAbroad.declare': 'declarationId',
};

/**
 * Where each locally written record stands: pending while its outbox entry is unsent,
 * rejected (with the server's reason) when refused. A rejected write stays visible.
 */
export function syncStates(store: Store): SyncStateOf {
  const unsettled = new Map<string, { rejected: boolean; reason: string | null }>();
  for (const entry of store.outbox.listUnsettled()) {
    const id = ((entry.payload ?? {}) as Record<string, unknown>)[subjectKey[entry.kind]];
    if (typeof id !== 'string') continue;
    const rejected = entry.status === 'rejected';
    if (!unsettled.get(id)?.rejected) unsettled.set(id, { rejected, reason: entry.rejectReason });
  }
  return (id, version) => {
    const entry = unsettled.get(id);
    if (entry?.rejected) return { syncState: 'rejected', rejectedReason: entry.reason };
    if (entry || version === null) return { syncState: 'pending', rejectedReason: null };
    return { syncState: 'synced', rejectedReason: null };
  };
}
