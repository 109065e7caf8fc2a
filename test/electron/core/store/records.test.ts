import { createHash, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../../electron/core/store';
import {
  appointmentRecord,
  messageRecord,
  newKey,
  open,
  patientRecord,
  temporaryDeviceDirectory,
  therapistId,
  transcriptRecord,
} from './fixtures';

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

describe('cached records', () => {
  it('round-trip in the wire shape with their version and scope', () => {
    const patient = patientRecord('Ada', 'Example');
    store.records.put('patient', patient);
    expect(store.records.get('patient', patient.id)).toEqual(patient);
    const other = patientRecord('Bo', 'Example');
    store.records.put('patient', other);
    expect(store.records.list('patient')).toEqual([patient, other]);
    expect(store.records.list('user')).toEqual([]);
  });

  it('never go back to an older server version, but take optimistic and newer ones', () => {
    const v2 = patientRecord('Ada', 'Second', 2);
    store.records.put('patient', v2);
    store.records.put('patient', { ...v2, version: 1, data: { ...v2.data, familyName: 'First' } });
    expect(store.records.get('patient', v2.id)?.data.familyName).toBe('Second');
    store.records.put('patient', { ...v2, version: 3, data: { ...v2.data, familyName: 'Third' } });
    expect(store.records.get('patient', v2.id)?.data.familyName).toBe('Third');
  });

  it('answer the caseload queries', () => {
    const b = patientRecord('Bea', 'Brown');
    const a = patientRecord('Al', 'Adams');
    const gone = patientRecord('Cy', 'Carter');
    store.applyInTransaction(() => {
      for (const p of [b, a]) store.records.put('patient', p);
      store.records.put('patient', { ...gone, data: { ...gone.data, status: 'discharged' } });
      store.records.put('message', messageRecord(a.id, 'inbound', 10, 'question'));
      store.records.put('message', messageRecord(a.id, 'outbound', 20, 'answer'));
      store.records.put('message', messageRecord(b.id, 'outbound', 5, 'hello'));
      store.records.put('message', messageRecord(b.id, 'inbound', 30, 'unanswered'));
      store.records.put('appointment', appointmentRecord(a.id, 60));
      store.records.put('appointment', appointmentRecord(b.id, 60 * 24 * 30));
    });
    expect(store.caseload.activePatients(therapistId).map((p) => p.data.familyName)).toEqual([
      'Adams',
      'Brown',
    ]);
    expect(store.caseload.messagesAwaitingReply().map((m) => m.data.body)).toEqual(['unanswered']);
    expect(store.caseload.messagePage(a.id, null, 1).map((m) => m.data.body)).toEqual(['answer']);
    expect(
      store.caseload.appointmentsBetween('2026-11-02T00:00:00.000Z', '2026-11-03T00:00:00.000Z'),
    ).toHaveLength(1);
    expect(store.records.listForPatient('message', b.id)).toHaveLength(2);
  });

  it('list what a scope holds in a lane, sorted for the checksum', () => {
    const p = patientRecord('Scope', 'Example');
    store.records.put('patient', p);
    store.records.put('message', messageRecord(p.id, 'inbound', 1, 'x'));
    store.records.put('transcript', transcriptRecord(p.id, ['a']));
    const scope = { kind: 'patient', id: p.id } as const;
    expect(store.records.scopeVersions(scope, 'core').map((v) => v.entity)).toEqual([
      'message',
      'patient',
    ]);
    expect(store.records.scopeVersions(scope, 'transcripts').map((v) => v.entity)).toEqual([
      'transcript',
    ]);
  });

  it('compute scope checksums the way the server does, leaving optimistic rows out', () => {
    const p = patientRecord('Sum', 'Example', 7);
    const m1 = { ...messageRecord(p.id, 'inbound', 1, 'x'), id: 'b-message' };
    const m2 = { ...messageRecord(p.id, 'inbound', 2, 'y'), id: 'a-message', version: 3 };
    store.records.put('patient', p);
    store.records.put('message', m1);
    store.records.put('message', m2);
    store.records.put('message', {
      ...messageRecord(p.id, 'outbound', 3, 'unsent'),
      version: null,
    });
    const expected = createHash('md5')
      .update(`message:a-message:3,message:b-message:1,patient:${p.id}:7`)
      .digest('hex');
    expect(store.records.scopeChecksums('core')).toEqual([
      { scope: { kind: 'patient', id: p.id }, count: 3, md5: expected },
    ]);
    expect(store.records.scopeChecksums('transcripts')).toEqual([]);
  });
});

describe('transcripts and full-text search', () => {
  it('page utterances in order', () => {
    const p = patientRecord('Page', 'Example');
    const t = transcriptRecord(
      p.id,
      Array.from({ length: 10 }, (_, i) => `line ${i}`),
    );
    store.records.put('transcript', t);
    expect(store.transcripts.utterancePage(t.id, -1, 4).map((u) => u.seq)).toEqual([0, 1, 2, 3]);
    expect(store.transcripts.utterancePage(t.id, 3, 4).map((u) => u.seq)).toEqual([4, 5, 6, 7]);
    expect(store.transcripts.get(t.id)?.utteranceCount).toBe(10);
  });

  it('finds words as they are inserted, and forgets them when deleted or replaced', () => {
    const p = patientRecord('Search', 'Example');
    store.records.put('patient', p);
    const t = transcriptRecord(p.id, [
      'I avoided the supermarket all week',
      'What went through your mind?',
    ]);
    store.records.put('transcript', t);

    const hits = store.transcripts.search('supermarket', 10);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({
      transcriptId: t.id,
      patientId: p.id,
      seq: 0,
      speaker: 'therapist',
    });
    expect(hits[0]?.text).toBe('I avoided the supermarket all week');
    expect(hits[0]?.sessionStartedAt).toBe(t.data.startedAt);
    expect(store.transcripts.search('superm', 10)).toHaveLength(1); // prefix of the last word
    expect(store.transcripts.search('avoided week', 10)).toHaveLength(1);
    expect(store.transcripts.search('"unbalanced OR (syntax', 10)).toEqual([]); // no FTS syntax injection

    // A new version of the transcript replaces its words.
    store.records.put('transcript', {
      ...t,
      version: 2,
      data: { ...t.data, utterances: [{ ...t.data.utterances[0]!, text: 'I went to the bakery' }] },
    });
    expect(store.transcripts.search('supermarket', 10)).toEqual([]);
    expect(store.transcripts.search('bakery', 10)).toHaveLength(1);

    store.records.remove('transcript', t.id);
    expect(store.transcripts.search('bakery', 10)).toEqual([]);
    expect(store.transcripts.countUtterances()).toBe(0);
  });
});

describe('evictScope', () => {
  it('removes every local row of a reallocated patient, and only theirs', () => {
    const leaving = patientRecord('Leaving', 'Patient');
    const staying = patientRecord('Staying', 'Patient');
    for (const p of [leaving, staying]) {
      store.applyInTransaction(() => {
        store.records.put('patient', p);
        store.records.put('message', messageRecord(p.id, 'inbound', 1, 'hi'));
        store.records.put('appointment', appointmentRecord(p.id, 1));
        store.records.put('transcript', transcriptRecord(p.id, ['one', 'two', 'three']));
        store.noteDrafts.save({
          noteId: randomUUID(),
          patientId: p.id,
          appointmentId: null,
          kind: 'session_note',
          body: 'draft',
          baseVersion: null,
          savedAt: new Date().toISOString(),
        });
      });
    }
    const noteId = store.noteDrafts.listForPatient(leaving.id)[0]!.noteId;
    store.noteDrafts.keepConflictCopy({
      noteId,
      patientId: leaving.id,
      body: 'theirs',
      version: 3,
      source: 'other_device',
      savedAt: new Date().toISOString(),
    });

    const eviction = store.evictScope({ kind: 'patient', id: leaving.id });

    expect(eviction.removed).toEqual({
      utterances: 3,
      patients: 1,
      messages: 1,
      appointments: 1,
      transcripts: 1,
      note_drafts: 1,
      note_conflict_copies: 1,
    });
    expect(store.records.get('patient', leaving.id)).toBeUndefined();
    for (const lane of ['core', 'transcripts'] as const) {
      expect(store.records.scopeVersions({ kind: 'patient', id: leaving.id }, lane)).toEqual([]);
    }
    expect(store.transcripts.search('two', 10).map((h) => h.patientId)).toEqual([staying.id]);
    expect(store.records.scopeVersions({ kind: 'patient', id: staying.id }, 'core')).toHaveLength(
      3,
    );
    expect(store.transcripts.countUtterances()).toBe(3);
    store.transcripts.compactSearchIndex();
    expect(store.integrityCheck()).toBe('ok');
  });

  it('removes one lane of a patient at a time: an old eviction of one lane never takes what the other brought back', () => {
    // Reallocated away and back: the core lane has applied its eviction and re-pulled the
    // patient; the transcripts lane's eviction (older than the patient's return) comes next.
    const back = patientRecord('Back', 'Again');
    store.applyInTransaction(() => {
      store.records.put('patient', back);
      store.records.put('message', messageRecord(back.id, 'inbound', 1, 'hello again'));
      store.records.put('transcript', transcriptRecord(back.id, ['one', 'two']));
    });
    const transcripts = store.evictScope({ kind: 'patient', id: back.id }, ['transcripts']);
    expect(transcripts.removed).toEqual({ utterances: 2, transcripts: 1 });
    expect(store.records.get('patient', back.id)).toBeDefined();
    expect(store.records.scopeVersions({ kind: 'patient', id: back.id }, 'core')).toHaveLength(2);

    store.records.put('transcript', transcriptRecord(back.id, ['three']));
    const core = store.evictScope({ kind: 'patient', id: back.id }, ['core']);
    expect(core.removed).toEqual({ patients: 1, messages: 1 });
    expect(
      store.records.scopeVersions({ kind: 'patient', id: back.id }, 'transcripts'),
    ).toHaveLength(1);
    expect(store.transcripts.countUtterances()).toBe(1);
  });

  it("removes only a supervisee's own records when supervision ends (patients leave by patient evictions)", () => {
    const supervisee = randomUUID();
    const p = patientRecord('Supervised', 'Patient');
    store.records.put('patient', { ...p, data: { ...p.data, therapistId: supervisee } });
    store.records.put('transcript', transcriptRecord(p.id, ['hello']));
    store.records.put('supervisionAssignment', {
      id: randomUUID(),
      version: 1,
      scope: { kind: 'therapist', therapistId: supervisee },
      data: {
        id: randomUUID(),
        supervisorId: randomUUID(),
        supervisorName: 'S',
        therapistId: supervisee,
        from: '2026-01-01T00:00:00.000Z',
        to: null,
      },
    });
    const eviction = store.evictScope({ kind: 'supervisee', therapistId: supervisee });
    expect(eviction.removed).toEqual({ supervision_assignments: 1 });
    expect(store.records.get('patient', p.id)).toBeDefined();
  });
});
