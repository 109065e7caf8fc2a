import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deviceData } from '../../../../electron/core/app/clinician-core';
import type { Store } from '../../../../electron/core/store';
import {
  appointmentRecord,
  messageRecord,
  newKey,
  open,
  patientRecord,
  temporaryDeviceDirectory,
  transcriptRecord,
} from '../store/fixtures';

/** Settings' "data held on this computer", from a real encrypted store. */
let cleanup: () => void;
let store: Store;
beforeEach(() => {
  const dir = temporaryDeviceDirectory();
  cleanup = dir.cleanup;
  store = open(dir.directory, newKey()).store;
});
afterEach(() => {
  store.close();
  cleanup();
});

const countsOf = (data: ReturnType<typeof deviceData>): Record<string, number> =>
  Object.fromEntries(data.kinds.map((k) => [k.kind, k.count]));

describe('the data held on this computer', () => {
  it('counts each kind of record, utterances included, and the file grows with them', () => {
    const empty = deviceData(store);
    expect(Object.values(countsOf(empty)).every((n) => n === 0)).toBe(true);
    expect(empty.databaseBytes).toBeGreaterThan(0);

    const a = patientRecord('Al', 'Adams');
    const b = patientRecord('Bea', 'Brown');
    store.applyInTransaction(() => {
      store.records.put('patient', a);
      store.records.put('patient', b);
      store.records.put('message', messageRecord(a.id, 'inbound', 10, 'question'));
      store.records.put('appointment', appointmentRecord(a.id, 60));
      const lines = Array.from({ length: 400 }, (_, i) => `line ${i} about homework and sleep`);
      store.records.put('transcript', transcriptRecord(a.id, lines));
    });
    const held = deviceData(store);
    expect(countsOf(held)).toEqual({
      patients: 2,
      appointments: 1,
      messages: 1,
      notes: 0,
      measures: 0,
      tickets: 0,
      transcripts: 1,
      utterances: 400,
      emergencyContacts: 0,
    });
    expect(held.databaseBytes).toBeGreaterThan(empty.databaseBytes);
  });
});
