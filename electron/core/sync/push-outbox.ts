import {
  Mutation,
  PUSH_BATCH_MAX,
  type MutationPayload,
  type MutationResult,
  type PushResponse,
} from '../../../shared/api';
import type { OutboxEntry, Store } from '../store';
import { classifyFailure, failureMessage, type SyncApi } from './sync-api';

export interface PushOutcome {
  readonly applied: number;
  readonly rejected: number;
  readonly conflicts: number;
  readonly patientIds: ReadonlySet<string>;
  readonly serverTime: string | null;
}

/**
 * Send the outbox in order, in batches. Each result is settled in one transaction with its
 * local consequences. A 4xx for a whole batch is narrowed down to the offending mutation by
 * retrying one at a time, so one bad change never blocks the queue; network errors and 5xx
 * propagate for the engine's backoff.
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
    patientIds: new Set<string>(),
    serverTime: null as string | null,
  };
  for (;;) {
    const pending = store.outbox.listPending(batchSize);
    if (pending.length === 0) break;
    const { valid, invalid } = partition(pending);
    store.applyInTransaction(() => {
      for (const { entry, reason } of invalid) store.outbox.markRejected(entry.seq, reason);
    });
    outcome.rejected += invalid.length;
    if (valid.length === 0) continue;

    let response: PushResponse;
    try {
      response = await api.push({ deviceId, mutations: valid.map((v) => v.mutation) });
    } catch (error) {
      if (classifyFailure(error) !== 'refused') throw error;
      if (valid.length > 1) {
        // Narrow down: push the first one alone; the rest follow in later rounds.
        const single = await pushOutbox(store, api, deviceId, now, 1);
        outcome.applied += single.applied;
        outcome.rejected += single.rejected;
        outcome.conflicts += single.conflicts;
        continue;
      }
      const [only] = valid;
      if (only) {
        store.applyInTransaction(() =>
          store.outbox.markRejected(only.entry.seq, failureMessage(error)),
        );
        outcome.rejected += 1;
      }
      continue;
    }
    outcome.serverTime = response.serverTime;
    const bySeq = new Map(valid.map((v) => [v.entry.seq, v]));
    store.applyInTransaction(() => {
      const sent: number[] = [];
      for (const result of response.results) {
        const item = bySeq.get(result.seq);
        if (!item) continue;
        const patientId = patientOfMutation(item.mutation);
        if (patientId) outcome.patientIds.add(patientId);
        settle(store, item.mutation, result, now());
        if (result.status === 'applied') {
          sent.push(result.seq);
          outcome.applied += 1;
        } else if (result.status === 'conflict') {
          outcome.conflicts += 1;
        } else {
          outcome.rejected += 1;
        }
      }
      store.outbox.markSent(sent);
      // Anything at or below lastAppliedSeq the server did not answer for was applied earlier
      // (a replay after a lost response): exactly-once means it is done.
      const settledEarlier = valid
        .filter(
          (v) =>
            v.entry.seq <= response.lastAppliedSeq &&
            !response.results.some((r) => r.seq === v.entry.seq),
        )
        .map((v) => v.entry.seq);
      store.outbox.markSent(settledEarlier);
      store.outbox.pruneSent();
      // A rebuilt store must never reuse a seq the server has seen (it would be rejected).
      store.outbox.raiseSeqFloor(response.lastAppliedSeq);
    });
    if (response.results.length === 0 && response.lastAppliedSeq < (valid[0]?.entry.seq ?? 0)) {
      throw new Error('The server answered a push without results; will retry.');
    }
  }
  return outcome;
}

function partition(entries: readonly OutboxEntry[]) {
  const valid: { entry: OutboxEntry; mutation: Mutation }[] = [];
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

function patientOfMutation(mutation: Mutation): string | null {
  const payload = mutation.payload as { patientId?: unknown };
  return typeof payload.patientId === 'string' ? payload.patientId : null;
}

/** The local consequences of one push result (inside the caller's transaction). */
function settle(store: Store, mutation: Mutation, result: MutationResult, at: string): void {
  if (result.status === 'rejected') {
    store.outbox.markRejected(result.seq, result.reason);
    return;
  }
  if (mutation.kind !== 'note.save' && mutation.kind !== 'note.submit') {
    if (result.status === 'conflict') store.outbox.markRejected(result.seq, result.reason);
    return;
  }
  // Mutation's payload union does not narrow by kind through the generic builder: say it.
  const saved =
    mutation.kind === 'note.save' ? (mutation.payload as MutationPayload<'note.save'>) : null;
  const noteId = (mutation.payload as MutationPayload<'note.submit'>).noteId;
  const draft = store.noteDrafts.get(noteId);
  if (result.status === 'applied') {
    // The server has this text: a draft that still says the same is no longer needed; one
    // that moved on is rebased on the new server version so its next save does not conflict.
    if (draft && saved && draft.body === saved.body) store.noteDrafts.discard(noteId);
    else if (draft && result.version !== null) {
      store.noteDrafts.discard(noteId);
      store.noteDrafts.save({ ...draft, baseVersion: result.version });
    }
    return;
  }
  // Edited on two devices: keep both versions as conflict copies, never lose the loser.
  const server = result.serverVersion;
  const serverBody = 'body' in server.data ? String(server.data.body) : '';
  const localBody = saved ? saved.body : (draft?.body ?? '');
  const patientId =
    draft?.patientId ?? ('patientId' in server.data ? String(server.data.patientId) : '');
  store.noteDrafts.keepConflictCopy({
    noteId,
    patientId,
    body: localBody,
    version: null,
    source: 'this_device',
    savedAt: at,
  });
  store.noteDrafts.keepConflictCopy({
    noteId,
    patientId,
    body: serverBody,
    version: server.version,
    source: 'other_device',
    savedAt: at,
  });
  if (draft) {
    store.noteDrafts.discard(noteId);
    store.noteDrafts.save({ ...draft, baseVersion: server.version });
  }
  store.outbox.markRejected(
    result.seq,
    `${result.reason} Both versions are kept: merge them in the note.`,
  );
}
