import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEVICE_FILES } from '../../../../electron/core/keys';
import { CIPHER, WrongKeyError } from '../../../../electron/core/store';
import {
  messageRecord,
  newKey,
  noteSaveMutation,
  open,
  patientRecord,
  temporaryDeviceDirectory,
  transcriptRecord,
} from './fixtures';

let directory: string;
let cleanup: () => void;
beforeEach(() => ({ directory, cleanup } = temporaryDeviceDirectory()));
afterEach(() => cleanup());

const databaseFile = () => join(directory, DEVICE_FILES.database);

/** Every secret seeded below, and the encodings a leak could take. */
const secrets = [
  'Quillfeather',
  'Zephyrine',
  'Marrowdale',
  'Oswin',
  'lighthouse-keeper',
  'panicky-on-trains',
];
function leaksIn(bytes: Buffer): string[] {
  return secrets.filter((secret) =>
    [Buffer.from(secret, 'utf8'), Buffer.from(secret, 'utf16le')].some((needle) =>
      bytes.includes(needle),
    ),
  );
}

describe('the native binding', () => {
  it('can be given explicitly (Electron loads a binary built for its own ABI)', () => {
    const binding = createRequire(import.meta.url).resolve(
      'better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node',
    );
    const { store } = open(directory, newKey(), { nativeBinding: binding });
    store.records.put('patient', patientRecord('Native', 'Binding'));
    store.close();
    expect(() =>
      open(join(directory, 'other'), newKey(), { nativeBinding: join(directory, 'missing.node') }),
    ).toThrow(/missing/);
  });
});

describe('the database at rest', () => {
  it(`is encrypted with ${CIPHER}: the header is not "SQLite format 3"`, () => {
    const { store } = open(directory, newKey());
    store.records.put('patient', patientRecord('Zephyrine', 'Quillfeather'));
    store.close();
    const header = readFileSync(databaseFile()).subarray(0, 16);
    expect(header.toString('latin1')).not.toContain('SQLite format 3');
  });

  it('refuses a wrong key with WrongKeyError and leaves the file as it was', () => {
    const key = newKey();
    const { store } = open(directory, key);
    store.records.put('patient', patientRecord('Zephyrine', 'Quillfeather'));
    store.close();
    const before = readFileSync(databaseFile());

    expect(() => open(directory, newKey())).toThrow(WrongKeyError);

    expect(readFileSync(databaseFile()).equals(before)).toBe(true);
    expect(
      readdirSync(directory).filter((n) => n.startsWith(DEVICE_FILES.outboxExportPrefix)),
    ).toEqual([]);
    const reopened = open(directory, key);
    expect(reopened.recovery).toBeNull();
    expect(reopened.store.records.count('patient')).toBe(1);
    reopened.store.close();
  });

  it('keeps patient names, transcripts, messages and drafts out of the database, WAL and journal bytes', () => {
    const { store } = open(directory, newKey());
    const patient = patientRecord('Zephyrine', 'Quillfeather');
    const other = patientRecord('Oswin', 'Marrowdale');
    store.applyInTransaction(() => {
      store.records.put('patient', patient);
      store.records.put('patient', other);
      store.records.put(
        'message',
        messageRecord(patient.id, 'inbound', 1, 'Zephyrine here, panicky-on-trains again'),
      );
      store.records.put(
        'transcript',
        transcriptRecord(patient.id, [
          'How was the week, Zephyrine?',
          'I kept thinking about the lighthouse-keeper story and felt calmer.',
        ]),
      );
      store.noteDrafts.save({
        noteId: 'n1',
        patientId: patient.id,
        appointmentId: null,
        kind: 'session_note',
        body: 'Quillfeather reports fewer panicky-on-trains episodes',
        baseVersion: null,
        savedAt: new Date().toISOString(),
      });
      store.outbox.enqueue(noteSaveMutation('n1', patient.id, 'Marrowdale draft'));
    });
    // Deleted text must not survive in free pages either (secure_delete).
    store.evictScope({ kind: 'patient', id: other.id });

    // While open: the data is in the WAL.
    const wal = `${databaseFile()}-wal`;
    expect(statSync(wal).size).toBeGreaterThan(0);
    const scanAll = () =>
      readdirSync(directory).flatMap((name) =>
        leaksIn(readFileSync(join(directory, name))).map((s) => `${name}: ${s}`),
      );
    expect(scanAll()).toEqual([]);

    store.checkpoint();
    expect(scanAll()).toEqual([]);
    store.close();
    expect(existsSync(wal)).toBe(false);
    expect(scanAll()).toEqual([]);
    // The scan would find them if they were there.
    expect(leaksIn(Buffer.from('x Zephyrine x'))).toEqual(['Zephyrine']);
  });
});
