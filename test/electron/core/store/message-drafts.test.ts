import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEVICE_FILES } from '../../../../electron/core/keys';
import { openEncryptedConnection } from '../../../../electron/core/store/connection';
import type { MessageDraft, Store } from '../../../../electron/core/store';
import { newKey, open, patientRecord, temporaryDeviceDirectory } from './fixtures';

/**
 * The reply box's draft: what the therapist typed to a patient and has not queued yet, kept
 * in the encrypted store (one per patient) so it survives navigation, a restart and the lock.
 */
let directory: string;
let cleanup: () => void;
let key: Buffer;
let store: Store;
beforeEach(() => {
  ({ directory, cleanup } = temporaryDeviceDirectory());
  key = newKey();
  store = open(directory, key).store;
});
afterEach(() => {
  store.close();
  cleanup();
});

const draft = (patientId: string, body: string, savedAt: string): MessageDraft => ({
  patientId,
  body,
  resendOf: null,
  savedAt,
});

describe('message drafts', () => {
  it('are saved per patient, replaced by each autosave, and discarded when the reply is queued', () => {
    store.messageDrafts.save(draft('patient-1', 'Thanks for', '2026-12-02T09:00:00.000Z'));
    store.messageDrafts.save(
      draft('patient-1', 'Thanks for your diary', '2026-12-02T09:00:02.000Z'),
    );
    store.messageDrafts.save(draft('patient-2', 'See you Tuesday', '2026-12-02T09:01:00.000Z'));
    expect(store.messageDrafts.get('patient-1')).toEqual(
      draft('patient-1', 'Thanks for your diary', '2026-12-02T09:00:02.000Z'),
    );
    expect(store.messageDrafts.patientsWithDrafts()).toEqual(new Set(['patient-1', 'patient-2']));
    expect(store.messageDrafts.discard('patient-1')).toBe(true);
    expect(store.messageDrafts.get('patient-1')).toBeUndefined();
    expect(store.messageDrafts.discard('patient-1')).toBe(false);
  });

  it('remember the refused reply the words will replace', () => {
    store.messageDrafts.save({
      ...draft('patient-1', 'again', '2026-12-02T09:00:00.000Z'),
      resendOf: 7,
    });
    expect(store.messageDrafts.get('patient-1')?.resendOf).toBe(7);
  });

  it('survive closing and reopening the encrypted store, and are not readable without the key', () => {
    const words = 'Draft-words-Zephyrine: how did the sleep diary go this week?';
    store.messageDrafts.save(draft('patient-1', words, '2026-12-02T09:00:00.000Z'));
    store.close();
    store = open(directory, key).store;
    expect(store.messageDrafts.get('patient-1')?.body).toBe(words);
    store.checkpoint();
    for (const name of readdirSync(directory)) {
      expect(readFileSync(join(directory, name)).includes(Buffer.from('Zephyrine'))).toBe(false);
    }
    // Another key does not open it.
    const file = join(directory, DEVICE_FILES.database);
    store.close();
    expect(() => {
      const db = openEncryptedConnection(file, newKey(), undefined);
      try {
        db.prepare('SELECT body FROM message_drafts').all();
      } finally {
        db.close();
      }
    }).toThrow();
    store = open(directory, key).store;
  });

  it('go with the patient when access ends (eviction)', () => {
    const patient = patientRecord('Gone', 'Away');
    store.records.put('patient', patient);
    store.messageDrafts.save(draft(patient.id, 'unsent words', '2026-12-02T09:00:00.000Z'));
    const evicted = store.evictScope({ kind: 'patient', id: patient.id });
    expect(evicted.removed['message_drafts']).toBe(1);
    expect(store.messageDrafts.get(patient.id)).toBeUndefined();
  });
});
