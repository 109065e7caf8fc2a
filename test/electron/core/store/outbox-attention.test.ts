import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewMutation, OutboxEntry, Store } from '../../../../electron/core/store';
import { mayCoalesceInto } from '../../../../electron/core/store/outbox-policy';
import { newKey, noteSaveMutation, open, temporaryDeviceDirectory } from './fixtures';

/**
 * The outbox's own rules: which autosave may replace an unsent one (mayCoalesceInto, on its
 * own and in the store), and what holding a change back does to the queue.
 */
const entry = (overrides: Partial<OutboxEntry>): OutboxEntry => ({
  seq: 1,
  mutationId: randomUUID(),
  kind: 'note.save',
  subjectId: 'n',
  payload: {},
  status: 'pending',
  rejectReason: null,
  heldReason: null,
  summary: null,
  attempts: 0,
  serverFailures: 0,
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
  ...overrides,
});
const save = noteSaveMutation('n', 'p', 'newer text');

describe('mayCoalesceInto', () => {
  it.each([
    ['nothing queued for the note', undefined, false],
    ['an unsent save', entry({}), true],
    ['a save a push has carried (in flight, or maybe applied)', entry({ attempts: 1 }), false],
    [
      'a refused save (the person must see it)',
      entry({ status: 'rejected', rejectReason: 'x' }),
      false,
    ],
    [
      'a held-back save (set aside for the person)',
      entry({ status: 'held', heldReason: 'x' }),
      false,
    ],
    ['a submit queued after the save', entry({ kind: 'note.submit' }), false],
  ])('%s → %s', (_name, latest, expected) => {
    expect(mayCoalesceInto(latest, save)).toBe(expected);
  });
  it('never folds anything but a note save', () => {
    const reply: NewMutation<'message.send'> = {
      mutationId: randomUUID(),
      kind: 'message.send',
      payload: { messageId: 'n', patientId: 'p', body: 'hello' },
      createdAt: '2026-12-01T10:00:00.000Z',
    };
    expect(mayCoalesceInto(entry({ kind: 'message.send' }), reply)).toBe(false);
  });
});

let directory: string;
let cleanup: () => void;
let store: Store;
beforeEach(() => {
  ({ directory, cleanup } = temporaryDeviceDirectory());
  store = open(directory, newKey()).store;
});
afterEach(() => {
  store.close();
  cleanup();
});

const noteId = randomUUID();
const autosave = (body: string) =>
  store.applyInTransaction(() =>
    store.outbox.enqueueReplacingUnsent(noteSaveMutation(noteId, 'p', body)),
  );
const bodies = () => store.outbox.listUnsettled().map((e) => (e.payload as { body: string }).body);

describe('autosaves in the store', () => {
  it('replace the unsent save in place: same seq and id, the newest text', () => {
    const first = autosave('a');
    const second = autosave('ab');
    expect(second).toMatchObject({ seq: first.seq, mutationId: first.mutationId });
    expect(bodies()).toEqual(['ab']);
  });

  it('start a new entry once the previous one has been checked out for a push', () => {
    autosave('a');
    expect(store.outbox.checkOutForPush(10).map((e) => e.attempts)).toEqual([1]);
    autosave('ab');
    autosave('abc');
    expect(bodies()).toEqual(['a', 'abc']);
  });
});

describe('changes waiting (the sync bar’s count)', () => {
  it('counts one change per note however many autosaves a push split it into, and each other change once', () => {
    autosave('a');
    store.outbox.checkOutForPush(10);
    autosave('ab');
    store.outbox.checkOutForPush(10);
    autosave('abc');
    expect(bodies()).toEqual(['a', 'ab', 'abc']);
    expect(store.outbox.figures().pending).toBe(1);

    store.applyInTransaction(() =>
      store.outbox.enqueue(noteSaveMutation(randomUUID(), 'p', 'another note')),
    );
    const reply = (body: string): NewMutation<'message.send'> => ({
      mutationId: randomUUID(),
      kind: 'message.send',
      payload: { messageId: randomUUID(), patientId: 'p', body },
      createdAt: new Date().toISOString(),
    });
    store.applyInTransaction(() => store.outbox.enqueue(reply('one')));
    store.applyInTransaction(() => store.outbox.enqueue(reply('two')));
    expect(store.outbox.figures().pending).toBe(4);
  });
});

describe('holding a change back', () => {
  it('lets other records’ changes through, and keeps the same record’s changes behind it', () => {
    const first = autosave('held text');
    store.outbox.checkOutForPush(1);
    const later = autosave('typed after');
    const other = store.applyInTransaction(() =>
      store.outbox.enqueue(noteSaveMutation(randomUUID(), 'p', 'another note')),
    );
    store.outbox.holdBack(first.seq, 'the service failed on it', new Date().toISOString());
    expect(store.outbox.listPending(10).map((e) => e.seq)).toEqual([other.seq]);
    expect(store.outbox.figures()).toMatchObject({ pending: 2, held: 1, rejected: 0 });

    // Retried: it and what waits behind it go to the end, in their order, with new seqs.
    store.outbox.markSent([other.seq]);
    const requeued = store.outbox.retryHeld(first.seq, new Date().toISOString());
    expect(requeued.map((e) => (e.payload as { body: string }).body)).toEqual([
      'held text',
      'typed after',
    ]);
    expect(requeued.map((e) => e.mutationId)).toEqual([first.mutationId, later.mutationId]);
    expect(Math.min(...requeued.map((e) => e.seq))).toBeGreaterThan(other.seq);
    expect(store.outbox.listPending(10).map((e) => e.seq)).toEqual(requeued.map((e) => e.seq));
  });

  it('is discarded only when held back or refused', () => {
    const pending = autosave('still pending');
    expect(store.applyInTransaction(() => store.outbox.discard(pending.seq))).toBeUndefined();
    store.outbox.holdBack(pending.seq, 'x', new Date().toISOString());
    expect(store.applyInTransaction(() => store.outbox.discard(pending.seq))?.seq).toBe(
      pending.seq,
    );
    expect(store.outbox.listUnsettled()).toEqual([]);
  });
});
