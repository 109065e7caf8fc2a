import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutboxOutsideTransactionError } from '../../../../electron/core/store';
import type { Store } from '../../../../electron/core/store';
import {
  messageRecord,
  newKey,
  noteSaveMutation,
  open,
  patientRecord,
  temporaryDeviceDirectory,
} from './fixtures';

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

const patient = patientRecord('Outbox', 'Example');
const enqueueNote = (body: string) =>
  store.applyInTransaction(() =>
    store.outbox.enqueue(noteSaveMutation(randomUUID(), patient.id, body)),
  );

describe('the outbox', () => {
  it('hands mutations out in the order they were made, with increasing seqs', () => {
    const entries = ['one', 'two', 'three', 'four'].map(enqueueNote);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(store.outbox.listPending(10).map((e) => (e.payload as { body: string }).body)).toEqual([
      'one',
      'two',
      'three',
      'four',
    ]);
    expect(store.outbox.listPending(2).map((e) => e.seq)).toEqual([1, 2]);
  });

  it('commits the optimistic write and its outbox entry together', () => {
    const message = messageRecord(patient.id, 'outbound', 5, 'See you Tuesday');
    store.applyInTransaction(() => {
      store.records.put('message', { ...message, version: null });
      store.outbox.enqueue({
        mutationId: randomUUID(),
        kind: 'message.send',
        payload: { messageId: message.id, patientId: patient.id, body: 'See you Tuesday' },
        createdAt: new Date().toISOString(),
      });
    });
    expect(store.records.get('message', message.id)?.version).toBeNull();
    expect(store.outbox.listPending(10)).toHaveLength(1);
  });

  it('rolls back both the row and the outbox entry when the change throws', () => {
    const message = messageRecord(patient.id, 'outbound', 5, 'never sent');
    expect(() =>
      store.applyInTransaction(() => {
        store.records.put('message', message);
        store.outbox.enqueue(noteSaveMutation(randomUUID(), patient.id, 'never queued'));
        throw new Error('validation failed after the write');
      }),
    ).toThrow('validation failed');
    expect(store.records.get('message', message.id)).toBeUndefined();
    expect(store.outbox.listUnsettled()).toEqual([]);
    // The failed transaction did not burn a seq.
    expect(enqueueNote('after').seq).toBe(1);
  });

  it('refuses an enqueue outside a transaction', () => {
    expect(() => store.outbox.enqueue(noteSaveMutation(randomUUID(), patient.id, 'loose'))).toThrow(
      OutboxOutsideTransactionError,
    );
  });

  it('keeps a rejected mutation with its reason without blocking the queue', () => {
    const [first, second, third] = ['a', 'b', 'c'].map(enqueueNote);
    store.outbox.markRejected(
      first!.seq,
      '422 VALIDATION_FAILED: body too long',
      new Date().toISOString(),
    );
    store.outbox.markSent([second!.seq]);
    expect(store.outbox.listPending(10).map((e) => e.seq)).toEqual([third!.seq]);
    expect(store.outbox.listRejected()).toMatchObject([
      { seq: first!.seq, rejectReason: '422 VALIDATION_FAILED: body too long' },
    ]);
    expect(store.outbox.listUnsettled().map((e) => e.seq)).toEqual([first!.seq, third!.seq]);
  });

  it('never reuses a seq, even after sent entries are pruned', () => {
    const entries = ['a', 'b'].map(enqueueNote);
    store.outbox.markSent(entries.map((e) => e.seq));
    expect(store.outbox.pruneSent()).toBe(2);
    expect(enqueueNote('c').seq).toBe(3);
    expect(store.outbox.highestSeq()).toBe(3);
  });

  it("raises the seq floor above the server's last applied seq", () => {
    store.outbox.raiseSeqFloor(41);
    expect(enqueueNote('next').seq).toBe(42);
    store.outbox.raiseSeqFloor(10); // never lowers
    expect(enqueueNote('later').seq).toBe(43);
  });

  it('rejects a duplicate mutation id (a retried enqueue is not a second mutation)', () => {
    const mutation = noteSaveMutation(randomUUID(), patient.id, 'once');
    store.applyInTransaction(() => store.outbox.enqueue(mutation));
    expect(() => store.applyInTransaction(() => store.outbox.enqueue(mutation))).toThrow(/UNIQUE/);
    expect(store.outbox.listPending(10)).toHaveLength(1);
  });
});
