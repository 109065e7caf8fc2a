import {
  Mutation,
  PUSH_BATCH_MAX,
  type MutationResult,
  type PushResponse,
} from '../../../shared/api';
import { ApiCallError } from '../api/failure';
import type { OutboxEntry, Store } from '../store';
import { optimisticEntity } from '../store/mutation-subject';
import { HOLD_BACK_AFTER_SERVER_FAILURES } from '../store/outbox-policy';
import { isNoteMutation, settleNoteResult } from './note-results';
import { refusalNaming, refusalText } from './refusals';
import { patientOfChange, summariseMutation } from './summaries';
import { decideAfterFailure, type SyncDecision } from './sync-api';
import type { SyncApi } from './sync-api';

export interface PushOutcome {
  readonly applied: number;
  readonly rejected: number;
  readonly conflicts: number;
  readonly heldBack: number;
  readonly patientIds: ReadonlySet<string>;
  /** The cached entities whose rows the answers changed (optimistic rows settled). */
  readonly entities: ReadonlySet<string>;
  readonly serverTime: string | null;
}

interface Checked {
  readonly entry: OutboxEntry;
  readonly mutation: Mutation;
}
type Sent =
  | { readonly ok: true; readonly response: PushResponse }
  | { readonly ok: false; readonly error: unknown; readonly decision: SyncDecision };

/**
 * Send the outbox in order, in batches, each entry checked out (counted as in flight) in the
 * same transaction that reads it. Each answer is settled in one transaction with its local
 * consequences. The failure policy, from the one classification of each failure:
 *
 * - Only our server's refusal that names a mutation refuses it: a result `rejected`, or a 4xx
 *   whose field errors point at one mutation (or a single mutation too large). The entry is
 *   kept, readable, for the person; the queue moves on. Those before it are sent first.
 * - A refusal that names no mutation, no answer, or an answer that is not the service's
 *   (a portal's page, a proxy's 407…) refuses nothing: it propagates for the engine to retry.
 * - The service failing (5xx, malformed answer): a batch is narrowed to its head, sent alone.
 *   A head that keeps failing alone is held back after HOLD_BACK_AFTER_SERVER_FAILURES — but
 *   only once the next change has gone through without it, which proves the head, not the
 *   service, is the problem; otherwise it goes back in the queue and nothing is set aside.
 */
export async function pushOutbox(
  store: Store,
  api: SyncApi,
  deviceId: string,
  now: () => string,
  batchSize = PUSH_BATCH_MAX,
): Promise<PushOutcome> {
  const outcome = {
    applied: 0,
    rejected: 0,
    conflicts: 0,
    heldBack: 0,
    patientIds: new Set<string>(),
    entities: new Set<string>(['outbox']),
    serverTime: null as string | null,
  };
  const send = async (batch: readonly Checked[]): Promise<Sent> => {
    try {
      return {
        ok: true,
        response: await api.push({ deviceId, mutations: batch.map((c) => c.mutation) }),
      };
    } catch (error) {
      return { ok: false, error, decision: decideAfterFailure(error) };
    }
  };
  const settle = (batch: readonly Checked[], response: PushResponse): void => {
    outcome.serverTime = response.serverTime;
    const counted = settleResponse(store, batch, response, now());
    outcome.applied += counted.applied;
    outcome.rejected += counted.rejected;
    outcome.conflicts += counted.conflicts;
    for (const id of counted.patientIds) outcome.patientIds.add(id);
    for (const entity of counted.entities) outcome.entities.add(entity);
  };

  let limit = batchSize;
  for (;;) {
    const { valid, invalid } = partition(store.outbox.checkOutForPush(limit));
    if (invalid.length > 0) {
      store.applyInTransaction(() => {
        for (const { entry, reason } of invalid) refuse(store, entry, reason, now());
      });
      outcome.rejected += invalid.length;
    }
    if (valid.length === 0) {
      if (invalid.length > 0) continue;
      return outcome;
    }
    const sent = await send(valid);
    if (sent.ok) {
      settle(valid, sent.response);
      limit = batchSize;
      continue;
    }
    const { decision } = sent;
    const [head] = valid as [Checked, ...Checked[]];
    if (decision.next === 'refused') {
      const named = refusalNaming(decision.failure, valid.length);
      if (named === 'too-large-batch') {
        limit = Math.max(1, Math.floor(valid.length / 2));
        continue;
      }
      if (named === null) throw sent.error; // about no change in particular: retry later
      if (named > 0) {
        limit = named; // the ones before it first
        continue;
      }
      store.applyInTransaction(() =>
        refuse(store, head.entry, refusalText(decision.failure), now()),
      );
      outcome.rejected += 1;
      limit = batchSize;
      continue;
    }
    if (decision.next !== 'retry' || !decision.serviceFault) throw sent.error;
    if (valid.length > 1) {
      limit = 1; // the service failed on this batch: find out whether its head is the cause
      continue;
    }
    if (store.outbox.recordServerFailure(head.entry.seq) < HOLD_BACK_AFTER_SERVER_FAILURES)
      throw sent.error;
    // Enough: set the head aside and see whether the next change goes through without it.
    store.outbox.holdBack(
      head.entry.seq,
      heldReason(decision),
      now(),
      summariseMutation(store, head.entry),
    );
    const { valid: behind } = partition(store.outbox.checkOutForPush(1));
    const probe = behind.length > 0 ? await send(behind) : null;
    // The next change went through, or our server answered it in words: the service works,
    // and this change is what it fails on. It stays held back; the queue goes on (a refusal
    // of the next one is settled on the next turn, like any other).
    if (probe?.ok || probe?.decision.next === 'refused') {
      outcome.heldBack += 1;
      if (probe.ok) settle(behind, probe.response);
      limit = batchSize;
      continue;
    }
    // Nothing behind it, or the next one fails too: the service, not this change, is the
    // problem. Back in the queue it goes, after anything the server may have taken meanwhile.
    store.outbox.retryHeld(head.entry.seq, now());
    throw sent.error;
  }
}

function heldReason(decision: Extract<SyncDecision, { next: 'retry' }>): string {
  return `The service failed on this change ${HOLD_BACK_AFTER_SERVER_FAILURES} times in a row while it accepted others (${decision.message}). It is set aside so the changes after it can go; try it again or discard it.`;
}

function partition(entries: readonly OutboxEntry[]) {
  const valid: Checked[] = [];
  const invalid: { entry: OutboxEntry; reason: string }[] = [];
  for (const entry of entries) {
    const parsed = Mutation.safeParse({
      seq: entry.seq,
      id: entry.mutationId,
      kind: entry.kind,
      payload: entry.payload,
    });
    if (parsed.success) valid.push({ entry, mutation: parsed.data });
    else
      invalid.push({
        entry,
        reason: `This change could not be sent: ${parsed.error.issues[0]?.message ?? 'invalid'}.`,
      });
  }
  return { valid, invalid };
}

/** A refusal, with its local consequences: the shadowed server row takes over again. */
function refuse(store: Store, entry: OutboxEntry, reason: string, at: string): void {
  store.outbox.markRejected(entry.seq, reason, at, summariseMutation(store, entry));
  if (entry.subjectId !== null)
    store.records.settleLocalChange(optimisticEntity[entry.kind], entry.subjectId, {
      kind: 'refused',
    });
}

/** One push answer, settled in one transaction. */
function settleResponse(
  store: Store,
  batch: readonly Checked[],
  response: PushResponse,
  at: string,
): {
  applied: number;
  rejected: number;
  conflicts: number;
  patientIds: Set<string>;
  entities: Set<string>;
} {
  const counted = {
    applied: 0,
    rejected: 0,
    conflicts: 0,
    patientIds: new Set<string>(),
    entities: new Set<string>(),
  };
  const bySeq = new Map(batch.map((c) => [c.entry.seq, c]));
  const answered = new Set(response.results.map((r) => r.seq));
  store.applyInTransaction(() => {
    for (const result of response.results) {
      const item = bySeq.get(result.seq);
      if (!item || item.mutation.id !== result.id) continue;
      // What the person sees changes with the answer: the record it wrote, its patient.
      const entity =
        optimisticEntity[item.entry.kind] ?? (isNoteMutation(item.mutation) ? 'note' : null);
      const patientId = entity ? patientOfChange(store, item.entry) : null;
      if (entity) counted.entities.add(entity);
      if (patientId) counted.patientIds.add(patientId);
      settleResult(store, item, result, at);
      if (result.status === 'applied') counted.applied += 1;
      else if (result.status === 'conflict') counted.conflicts += 1;
      else counted.rejected += 1;
    }
    // Anything at or below lastAppliedSeq the server did not answer for was applied earlier
    // (a replay after a lost response): exactly-once means it is done.
    for (const item of batch) {
      if (item.entry.seq > response.lastAppliedSeq || answered.has(item.entry.seq)) continue;
      settleResult(
        store,
        item,
        { seq: item.entry.seq, id: item.mutation.id, status: 'applied', version: null },
        at,
      );
    }
    store.outbox.pruneSent();
    // A rebuilt store must never reuse a seq the server has seen (it would be rejected).
    store.outbox.raiseSeqFloor(response.lastAppliedSeq);
  });
  if (response.results.length === 0 && response.lastAppliedSeq < (batch[0]?.entry.seq ?? 0)) {
    throw new ApiCallError({
      kind: 'malformed',
      status: 200,
      message: 'The service answered a push without results; will try again.',
    });
  }
  return counted;
}

/** The local consequences of one result (inside the caller's transaction). */
function settleResult(store: Store, item: Checked, result: MutationResult, at: string): void {
  const { entry, mutation } = item;
  const entity = optimisticEntity[entry.kind];
  if (result.status === 'rejected') {
    refuse(store, entry, result.reason, at);
    return;
  }
  if (isNoteMutation(mutation)) {
    // Answered either way: a conflict's two texts live on as conflict copies to merge.
    store.outbox.markSent([entry.seq]);
    settleNoteResult(store, mutation, result, at);
    return;
  }
  if (result.status === 'conflict') {
    refuse(store, entry, result.reason, at);
    // The server's current row, as it answered: what the person now sees beside the refusal.
    const server = result.serverVersion;
    store.records.put(server.entity, {
      id: server.id,
      version: server.version,
      scope: { kind: 'patient', id: server.data.patientId },
      data: server.data,
    } as never);
    return;
  }
  store.outbox.markSent([entry.seq]);
  if (entry.subjectId !== null)
    store.records.settleLocalChange(entity, entry.subjectId, {
      kind: 'accepted',
      version: result.version,
    });
}
