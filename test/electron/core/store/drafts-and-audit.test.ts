import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NoteDraft, Store } from '../../../../electron/core/store';
import { newKey, open, temporaryDeviceDirectory } from './fixtures';

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

const draft = (body: string, baseVersion: number | null, savedAt: string): NoteDraft => ({
  noteId: 'note-1',
  patientId: 'patient-1',
  appointmentId: null,
  kind: 'session_note',
  body,
  baseVersion,
  savedAt,
});

describe('note drafts', () => {
  it('autosave replaces the body but keeps the version the edit started from', () => {
    store.noteDrafts.save(draft('first words', 3, '2026-11-02T09:00:00.000Z'));
    store.noteDrafts.save(draft('first words and more', 4, '2026-11-02T09:00:05.000Z'));
    expect(store.noteDrafts.get('note-1')).toEqual(
      draft('first words and more', 3, '2026-11-02T09:00:05.000Z'),
    );
    expect(store.noteDrafts.discard('note-1')).toBe(true);
    expect(store.noteDrafts.get('note-1')).toBeUndefined();
  });

  it('keeps both versions of a conflict until the therapist resolves it', () => {
    const mine = store.noteDrafts.keepConflictCopy({
      noteId: 'note-1',
      patientId: 'patient-1',
      body: 'this device',
      version: 3,
      source: 'this_device',
      savedAt: '2026-11-02T09:00:00.000Z',
    });
    store.noteDrafts.keepConflictCopy({
      noteId: 'note-1',
      patientId: 'patient-1',
      body: 'the other device',
      version: 4,
      source: 'other_device',
      savedAt: '2026-11-02T09:01:00.000Z',
    });
    store.noteDrafts.resolveConflictCopy(mine, '2026-11-02T10:00:00.000Z');
    expect(
      store.noteDrafts.listConflictCopies('note-1').map((c) => [c.body, c.resolvedAt]),
    ).toEqual([
      ['this device', '2026-11-02T10:00:00.000Z'],
      ['the other device', null],
    ]);
  });
});

describe('the audit queue', () => {
  it('keeps events in order until the server has them, once each', () => {
    const event = (action: 'open_patient' | 'open_note') => ({
      eventId: randomUUID(),
      action,
      patientId: 'patient-1',
      entityId: null,
      occurredAt: new Date().toISOString(),
      country: 'GB',
    });
    const first = event('open_patient');
    store.audit.record(first);
    store.audit.record(first); // recorded twice (a retried handler): queued once
    store.audit.record(event('open_note'));
    const queued = store.audit.listQueued(10);
    expect(queued.map((e) => e.action)).toEqual(['open_patient', 'open_note']);
    store.audit.acknowledge([queued[0]!.queueId]);
    expect(store.audit.listQueued(10).map((e) => e.action)).toEqual(['open_note']);
  });
});
