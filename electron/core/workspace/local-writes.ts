import { randomUUID } from 'node:crypto';
import { type MutationKind, type MutationPayload, mutationPayloads } from '../../../shared/api';
import type { Store } from '../store';
import type { WorkspaceContext } from './context';

export { subjectKey } from '../store/mutation-subject';

export interface WriteState {
  readonly syncState: 'synced' | 'pending' | 'rejected';
  readonly rejectedReason: string | null;
}
export type SyncStateOf = (id: string, version: number | null) => WriteState;

/**
 * Where each locally written record stands: pending while a change to it is unanswered
 * (queued, in flight, or held back), rejected (with the server's reason) when refused. A
 * refused write stays visible. Read from the outbox's subject index: no queued payload is
 * parsed, however long the queue.
 */
export function syncStates(store: Store): SyncStateOf {
  const unsettled = store.outbox.subjectStates();
  return (id, version) => stateOf(unsettled.get(id) ?? null, version);
}

/** The same for one record (a note while it is being typed): one indexed lookup. */
export function syncStateOf(store: Store, id: string, version: number | null): WriteState {
  return stateOf(store.outbox.stateOfSubject(id), version);
}

function stateOf(
  entry: { status: 'pending' | 'held' | 'rejected'; rejectReason: string | null } | null,
  version: number | null,
): WriteState {
  if (entry?.status === 'rejected')
    return { syncState: 'rejected', rejectedReason: entry.rejectReason };
  if (entry || version === null) return { syncState: 'pending', rejectedReason: null };
  return { syncState: 'synced', rejectedReason: null };
}

/**
 * A patient's local emergency contacts that stand: the service's, and this device's own
 * while they wait to be sent. One the service refused stays visible with its reason, but is
 * no one to call, nor the one to edit, nor counted before a trip.
 */
export function standingEmergencyContacts(store: Store, patientId: string) {
  const state = syncStates(store);
  return store.records
    .listForPatient('emergencyContact', patientId)
    .filter((r) => state(r.id, r.version).syncState !== 'rejected');
}

/** This device's outcome changes not yet settled with the server, per appointment, in seq order. */
export interface UnsettledOutcome {
  readonly seq: number;
  readonly status: 'pending' | 'rejected';
  readonly reason: string | null;
  readonly payload: MutationPayload<'appointment.recordOutcome'>;
  readonly createdAt: string;
}

/**
 * The outbox's outcome entries by appointment (read through the store interface only; pending
 * and refused ones). A payload that no longer parses is left out here: the sync engine refuses
 * it visibly on its own.
 */
export function unsettledOutcomes(store: Store): Map<string, UnsettledOutcome[]> {
  const byAppointment = new Map<string, UnsettledOutcome[]>();
  for (const entry of store.outbox.listUnsettled()) {
    if (entry.kind !== 'appointment.recordOutcome' || entry.status === 'sent') continue;
    const parsed = mutationPayloads['appointment.recordOutcome'].safeParse(entry.payload);
    if (!parsed.success) continue;
    const list = byAppointment.get(parsed.data.appointmentId) ?? [];
    list.push({
      seq: entry.seq,
      // held back after repeated service failures: still waiting, as far as the person goes
      status: entry.status === 'rejected' ? 'rejected' : 'pending',
      reason: entry.rejectReason,
      payload: parsed.data,
      createdAt: entry.createdAt,
    });
    byAppointment.set(parsed.data.appointmentId, list);
  }
  return byAppointment;
}

/**
 * This device's bookings the server has not settled, by appointment id: pending while queued
 * (or held back), rejected with the server's reason once refused. A refused booking stays
 * visible until the therapist discards it, but holds no time and counts toward no limit.
 */
export interface UnsettledBooking {
  readonly status: 'pending' | 'rejected';
  readonly reason: string | null;
}
export function unsettledBookings(store: Store): Map<string, UnsettledBooking> {
  const bookings = new Map<string, UnsettledBooking>();
  for (const entry of store.outbox.listUnsettled()) {
    if (entry.kind !== 'appointment.book' || entry.status === 'sent') continue;
    const parsed = mutationPayloads['appointment.book'].safeParse(entry.payload);
    if (!parsed.success) continue;
    bookings.set(parsed.data.appointmentId, {
      status: entry.status === 'rejected' ? 'rejected' : 'pending',
      reason: entry.rejectReason,
    });
  }
  return bookings;
}

/**
 * The appointment version an outcome is recorded against: the synced record's, or — while
 * this device's own earlier outcome still waits — the base that one carried (the server
 * counts this device's own changes since as no conflict). Null when neither is known (an
 * outcome the server accepted a moment ago, before the next pull): then wait for the sync.
 */
export function outcomeBaseVersion(
  version: number | null,
  unsettled: readonly UnsettledOutcome[],
): number | null {
  if (version !== null) return version;
  return unsettled.at(-1)?.payload.baseVersion ?? null;
}

/**
 * Every local write is one transaction: the optimistic record (version null until the
 * server confirms it) and its outbox entry commit together or not at all.
 */
export function writeInTransaction<K extends MutationKind>(
  ctx: WorkspaceContext,
  kind: K,
  payload: MutationPayload<K>,
  optimistic: () => void,
): void {
  const store = ctx.store();
  store.applyInTransaction(() => {
    optimistic();
    store.outbox.enqueue({
      mutationId: randomUUID(),
      kind,
      payload,
      createdAt: ctx.now().toISOString(),
    });
  });
}

/**
 * Therapist messages of this device not delivered yet, by message id: `queued` while the
 * outbox still holds them, `refused` once the server refused them. A message the server has
 * accepted (even before the next pull brings its record) is delivered.
 */
export function undeliveredMessages(store: Store): Map<string, 'queued' | 'refused'> {
  const undelivered = new Map<string, 'queued' | 'refused'>();
  for (const entry of store.outbox.listUnsettled()) {
    if (entry.kind !== 'message.send') continue;
    const id = ((entry.payload ?? {}) as Record<string, unknown>)['messageId'];
    if (typeof id !== 'string') continue;
    undelivered.set(id, entry.status === 'rejected' ? 'refused' : 'queued');
  }
  return undelivered;
}
