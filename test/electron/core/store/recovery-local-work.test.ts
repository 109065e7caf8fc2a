import { randomUUID } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEVICE_FILES } from '../../../../electron/core/keys';
import { openEncryptedConnection } from '../../../../electron/core/store/connection';
import { migrate, migrations } from '../../../../electron/core/store/migrations';
import {
  messageRecord,
  newKey,
  noteSaveMutation,
  open,
  patientRecord,
  temporaryDeviceDirectory,
  transcriptRecord,
} from './fixtures';

/**
 * What a rebuild keeps beyond the outbox: the device's settings (its session and id), note
 * drafts, CTS-R drafts and unresolved conflict copies, queued audit events and the optimistic rows of
 * unsent changes — everything that exists only on this device. And migration 3 itself keeps
 * every outbox entry, seq and the sequence.
 */
let directory: string;
let cleanup: () => void;
let key: Buffer;
beforeEach(() => {
  ({ directory, cleanup } = temporaryDeviceDirectory());
  key = newKey();
});
afterEach(() => cleanup());

function corruptUtterances(): void {
  const file = join(directory, DEVICE_FILES.database);
  const db = openEncryptedConnection(file, key, undefined);
  const pageSize = Number(db.pragma('page_size', { simple: true }));
  const page = Number(
    db.prepare('SELECT min(pageno) FROM dbstat WHERE name = ?').pluck().get('utterances'),
  );
  db.close();
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(64, 0xa5), 0, 64, (page - 1) * pageSize + 512);
  closeSync(fd);
}

describe('a rebuilt store', () => {
  it('keeps the session, drafts, conflict copies, audit events and optimistic rows', () => {
    const { store } = open(directory, key);
    const patient = patientRecord('Kept', 'Everything');
    const at = new Date().toISOString();
    store.records.put('patient', patient);
    store.records.put('transcript', transcriptRecord(patient.id, ['a', 'b', 'c']));
    const reply = messageRecord(patient.id, 'outbound', 1, 'pending reply');
    store.applyInTransaction(() => {
      store.settings.set('session', { deviceId: 'device-1', user: 'Priya' }, at);
      store.noteDrafts.save({
        noteId: 'note-1',
        patientId: patient.id,
        appointmentId: null,
        kind: 'session_note',
        body: 'draft text',
        baseVersion: 2,
        savedAt: at,
      });
      store.noteDrafts.keepConflictCopy({
        noteId: 'note-1',
        patientId: patient.id,
        body: 'other device text',
        version: 3,
        source: 'other_device',
        savedAt: at,
      });
      store.audit.record({
        eventId: randomUUID(),
        action: 'open_patient',
        patientId: patient.id,
        entityId: patient.id,
        occurredAt: at,
        country: 'GB',
      });
      store.ctsrDrafts.save({
        transcriptId: 'transcript-1',
        patientId: patient.id,
        items: [4, null, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0],
        itemNotes: ['agenda ok', '', '', '', '', '', '', '', '', '', '', ''],
        comment: 'half way',
        savedAt: at,
      });
      store.messageDrafts.save({
        patientId: patient.id,
        body: 'reply being written',
        resendOf: null,
        savedAt: at,
      });
      store.records.put('message', { ...reply, version: null });
      store.outbox.enqueue({
        mutationId: randomUUID(),
        kind: 'message.send',
        payload: { messageId: reply.id, patientId: patient.id, body: 'pending reply' },
        createdAt: at,
      });
    });
    store.close();
    corruptUtterances();

    const rebuilt = open(directory, key, { quickCheckOnOpen: 'always' });
    try {
      expect(rebuilt.recovery).toMatchObject({
        reason: 'corrupt',
        outboxExported: 1,
        kept: {
          settings: true,
          drafts: 3,
          conflictCopies: 1,
          auditEvents: 1,
          optimisticRecords: 1,
        },
      });
      const s = rebuilt.store;
      expect(s.settings.get('session')).toEqual({ deviceId: 'device-1', user: 'Priya' });
      expect(s.noteDrafts.get('note-1')).toMatchObject({ body: 'draft text', baseVersion: 2 });
      // A supervisor's unfinished CTS-R, its unscored item still unscored (not 0).
      expect(s.ctsrDrafts.get('transcript-1')).toMatchObject({
        items: [4, null, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0],
        itemNotes: ['agenda ok', '', '', '', '', '', '', '', '', '', '', ''],
        comment: 'half way',
      });
      // The reply box's words to a patient.
      expect(s.messageDrafts.get(patient.id)?.body).toBe('reply being written');
      expect(s.noteDrafts.listConflictCopies('note-1').map((c) => c.body)).toEqual([
        'other device text',
      ]);
      expect(s.audit.listQueued(10)).toHaveLength(1);
      expect(s.records.get('message', reply.id)).toMatchObject({
        version: null,
        data: { body: 'pending reply' },
      });
      // The server's rows are not kept: they are pulled again.
      expect(s.records.count('patient')).toBe(0);
      expect(s.outbox.listPending(10)).toHaveLength(1);
    } finally {
      rebuilt.store.close();
    }
  });
});

describe('migration 3', () => {
  it('keeps every outbox entry, its seq and the sequence, and learns each subject', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.slice(0, 2));
    const insert = db.prepare(
      `INSERT INTO outbox (mutation_id, kind, payload, status, reject_reason, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    const mutation = noteSaveMutation('note-9', 'p', 'text');
    for (const [status, reason] of [
      ['sent', null],
      ['rejected', 'refused'],
      ['pending', null],
      ['sent', null],
    ] as const) {
      insert.run(
        randomUUID(),
        'note.save',
        JSON.stringify(mutation.payload),
        status,
        reason,
        'now',
      );
    }
    db.exec(`DELETE FROM outbox WHERE status = 'sent'`);
    migrate(db);
    const rows = db
      .prepare('SELECT seq, status, subject_id AS subjectId, attempts FROM outbox ORDER BY seq')
      .all();
    expect(rows).toEqual([
      { seq: 2, status: 'rejected', subjectId: 'note-9', attempts: 0 },
      // An older build may have sent it: never edited in place.
      { seq: 3, status: 'pending', subjectId: 'note-9', attempts: 1 },
    ]);
    db.prepare(
      `INSERT INTO outbox (mutation_id, kind, payload, created_at, updated_at)
       VALUES (?, 'note.save', '{}', 'now', 'now')`,
    ).run(randomUUID());
    expect(db.prepare('SELECT max(seq) FROM outbox').pluck().get()).toBe(5);
    db.close();
  });
});
