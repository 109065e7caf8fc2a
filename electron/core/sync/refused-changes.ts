import { randomUUID } from 'node:crypto';
import { Mutation, type MutationKind, type MutationPayload } from '../../../shared/api';
import { RefusedError } from '../../../shared/ipc';
import type { CachedRecord, OutboxEntry, RecordEntity, Store } from '../store';
import { optimisticEntity, subjectKey } from '../store/mutation-subject';
import { textField } from './change-in-full';

/**
 * What a person can do with a change the server refused, or one held back: nothing goes
 * without their explicit choice, and each choice is one transaction with its consequences.
 */

/** Kinds whose mutation creates a record: sent again, it is a new record with a new id. */
const createsRecord: ReadonlySet<MutationKind> = new Set([
  'message.send',
  'measure.record',
  'appointment.book',
  'ticket.raise',
  'utterance.comment',
  'ctsr.rate',
  'audit.record',
  'workAbroad.declare',
  'leave.declare',
]);

function waiting(store: Store, seq: number, status: OutboxEntry['status']): OutboxEntry {
  const entry = store.outbox.get(seq);
  if (entry?.status !== status) throw new RefusedError('That change is no longer waiting.');
  return entry;
}

/**
 * Discard a refused change on the person's explicit choice: the entry goes, and with it its
 * optimistic record (a refused reply leaves the thread) — or, where the change updated a
 * record, the server's version is what stays. A note draft that still says exactly what was
 * refused goes too; one that moved on is the person's newer text and stays.
 */
export function discardRefused(store: Store, seq: number): void {
  const entry = waiting(store, seq, 'rejected');
  store.applyInTransaction(() => discard(store, entry));
}

/** Discard a held-back change: it is never sent. Changes queued behind it go on. */
export function discardHeldBack(store: Store, seq: number): void {
  const entry = waiting(store, seq, 'held');
  store.applyInTransaction(() => discard(store, entry));
}

/** Try a held-back change again: to the end of the queue, with what waits behind it. */
export function retryHeldBack(store: Store, seq: number, at: string): void {
  waiting(store, seq, 'held');
  store.outbox.retryHeld(seq, at);
}

function discard(store: Store, entry: OutboxEntry): void {
  store.outbox.discard(entry.seq);
  if (entry.subjectId === null) return;
  store.records.settleLocalChange(optimisticEntity[entry.kind], entry.subjectId, {
    kind: 'discarded',
  });
  if (entry.kind === 'note.save') {
    const draft = store.noteDrafts.get(entry.subjectId);
    const body = (entry.payload as { body?: unknown } | null)?.body;
    if (draft && draft.body === body) store.noteDrafts.discard(entry.subjectId);
  }
}

/**
 * Send a refused change again as a new change (a new mutation id; a new record id where the
 * change creates a record), with its text edited (`text` null: unchanged). Checked against
 * shared/api first: a change that cannot be sent is refused in words and the refused one
 * stays. The refused entry and its optimistic record are replaced in the same transaction.
 * Returns the new change's seq.
 */
export function resendRefused(store: Store, seq: number, text: string | null, at: string): number {
  const entry = waiting(store, seq, 'rejected');
  const field = textField[entry.kind];
  if (text !== null && field === null)
    throw new RefusedError('This change has no text to edit; send it again unchanged.');
  const key = subjectKey[entry.kind];
  const newId = createsRecord.has(entry.kind) ? randomUUID() : null;
  const payload = {
    ...(entry.payload as Record<string, unknown>),
    ...(field && text !== null ? { [field.key]: text } : {}),
    ...(newId ? { [key]: newId } : {}),
  };
  const mutationId = randomUUID();
  const parsed = Mutation.safeParse({ seq: 1, id: mutationId, kind: entry.kind, payload });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.slice(1).join('.') ?? '';
    throw new RefusedError(
      `This change cannot be sent as it is${where ? ` (${where})` : ''}: ${issue?.message ?? 'invalid'}. Edit it and try again.`,
    );
  }
  return store.applyInTransaction(() => {
    const entity = optimisticEntity[entry.kind];
    const before =
      entity !== null && entry.subjectId !== null
        ? store.records.get(entity, entry.subjectId)
        : undefined;
    discard(store, entry);
    if (entity !== null && before?.version === null)
      reviveOptimistic(
        store,
        entity,
        before,
        newId,
        field && text !== null ? { key: field.key, text } : null,
        at,
      );
    if (entry.kind === 'note.save') {
      const saved = payload as MutationPayload<'note.save'>;
      const draft = store.noteDrafts.get(saved.noteId);
      store.noteDrafts.save({
        ...saved,
        baseVersion: draft?.baseVersion ?? saved.baseVersion,
        savedAt: at,
      });
    }
    return store.outbox.enqueue({
      mutationId,
      kind: entry.kind,
      payload: payload as MutationPayload<typeof entry.kind>,
      createdAt: at,
    }).seq;
  });
}

/** The refused change's optimistic record, as the new change will write it. */
function reviveOptimistic(
  store: Store,
  entity: RecordEntity,
  before: CachedRecord<RecordEntity>,
  newId: string | null,
  edit: { key: string; text: string } | null,
  at: string,
): void {
  const data = { ...(before.data as Record<string, unknown>) };
  if (edit && edit.key in data) data[edit.key] = edit.text;
  if (edit && entity === 'ticket' && data['decision'] && typeof data['decision'] === 'object')
    data['decision'] = { ...(data['decision'] as Record<string, unknown>), comment: edit.text };
  if (newId) {
    data['id'] = newId;
    if ('sentAt' in data) data['sentAt'] = at;
  }
  store.records.put(entity, {
    id: newId ?? before.id,
    version: null,
    scope: before.scope,
    data,
  } as never);
}
