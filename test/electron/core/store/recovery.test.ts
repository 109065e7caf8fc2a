import { randomUUID } from 'node:crypto';
import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEVICE_FILES } from '../../../../electron/core/keys';
import { openEncryptedConnection } from '../../../../electron/core/store/connection';
import { migrations } from '../../../../electron/core/store/migrations';
import { WrongKeyError } from '../../../../electron/core/store';
import type { OutboxEntry } from '../../../../electron/core/store';
import {
  newKey,
  noteSaveMutation,
  open,
  patientRecord,
  temporaryDeviceDirectory,
  transcriptRecord,
} from './fixtures';

let directory: string;
let cleanup: () => void;
let key: Buffer;
beforeEach(() => {
  ({ directory, cleanup } = temporaryDeviceDirectory());
  key = newKey();
});
afterEach(() => cleanup());

const databaseFile = () => join(directory, DEVICE_FILES.database);
const stable = (entries: readonly OutboxEntry[]) =>
  entries.map(({ seq, mutationId, kind, payload, status, rejectReason, createdAt }) => ({
    seq,
    mutationId,
    kind,
    payload,
    status,
    rejectReason,
    createdAt,
  }));

/** A store with a caseload, a transcript spanning many pages, and an outbox in every state. */
function seed(familyName = 'Seeded'): OutboxEntry[] {
  const { store } = open(directory, key);
  const patient = patientRecord('Recoverable', familyName);
  store.records.put('patient', patient);
  store.records.put(
    'transcript',
    transcriptRecord(
      patient.id,
      Array.from({ length: 400 }, (_, i) => `utterance ${i} about sleep hygiene and routines`),
    ),
  );
  const note = (body: string) =>
    store.applyInTransaction(() =>
      store.outbox.enqueue(noteSaveMutation(randomUUID(), patient.id, body)),
    );
  const sent = note('already on the server');
  const rejected = note('the server refused this one');
  note('unsent draft about PHQ-9 item nine');
  note('second unsent draft');
  store.outbox.markSent([sent.seq]);
  store.outbox.markRejected(rejected.seq, '409 note already submitted', new Date().toISOString());
  const unsettled = store.outbox.listUnsettled();
  store.close();
  return unsettled;
}

/** Overwrite bytes inside the first page that holds `table`, as a failing disk would. */
function corruptPageOf(table: string): number {
  const db = openEncryptedConnection(databaseFile(), key, undefined);
  const pageSize = Number(db.pragma('page_size', { simple: true }));
  const page = Number(
    db.prepare('SELECT min(pageno) FROM dbstat WHERE name = ?').pluck().get(table),
  );
  db.close();
  overwrite((page - 1) * pageSize + 512, 64);
  return page;
}
function overwrite(offset: number, length: number): void {
  const fd = openSync(databaseFile(), 'r+');
  writeSync(fd, Buffer.alloc(length, 0xa5), 0, length, offset);
  closeSync(fd);
}

describe('recovery from a corrupt database', () => {
  it('exports the outbox, rebuilds empty and re-imports every unsettled entry with its seq', () => {
    const unsettled = seed();
    expect(unsettled).toHaveLength(3);
    corruptPageOf('utterances');

    const { store, recovery } = open(directory, key, { quickCheckOnOpen: 'always' });

    expect(recovery).toMatchObject({ reason: 'corrupt', outboxExported: 3, outboxReadable: true });
    expect(recovery!.detail).toMatch(/quick_check|SQLITE_CORRUPT/);
    expect(stable(store.outbox.listUnsettled())).toEqual(stable(unsettled));
    expect(store.outbox.listRejected()[0]?.rejectReason).toBe('409 note already submitted');
    // The cache is rebuilt empty, to be resynced; the outbox continues after every old seq.
    expect(store.records.count('patient')).toBe(0);
    expect(store.transcripts.countUtterances()).toBe(0);
    expect(
      store.applyInTransaction(() =>
        store.outbox.enqueue(noteSaveMutation(randomUUID(), 'p', 'new')),
      ).seq,
    ).toBe(5);
    expect(store.integrityCheck()).toBe('ok');
    store.close();

    // The export is kept, sealed: no clinical text in clear.
    expect(recovery!.path.endsWith('.imported.json')).toBe(true);
    expect(readFileSync(recovery!.path, 'utf8')).not.toMatch(/PHQ-9|unsent draft/);
    // The next open is an ordinary one.
    const again = open(directory, key);
    expect(again.recovery).toBeNull();
    expect(again.store.outbox.listUnsettled()).toHaveLength(4);
    again.store.close();
  });

  it('tells a damaged first page from a wrong key, and says the outbox was unreadable', () => {
    seed();
    overwrite(100, 200); // inside page 1: SQLite cannot even read the schema
    expect(() => open(directory, newKey())).toThrow(WrongKeyError);

    const { store, recovery } = open(directory, key);

    expect(recovery).toMatchObject({ reason: 'corrupt', outboxReadable: false, outboxExported: 0 });
    expect(recovery!.detail).toMatch(/SQLITE_NOTADB|SQLITE_CORRUPT/);
    expect(store.integrityCheck()).toBe('ok');
    // The seqs issued before are unknown: the next one is above any this device can have
    // issued, so the server never takes it for a replay.
    const next = store.applyInTransaction(() =>
      store.outbox.enqueue(noteSaveMutation(randomUUID(), 'p', 'after the rebuild')),
    );
    expect(next.seq).toBeGreaterThan(Date.parse(recovery!.at));
    store.close();
  });

  it('rebuilds a file that is not a database at all', () => {
    seed();
    for (const name of readdirSync(directory))
      if (name.startsWith(`${DEVICE_FILES.database}-`)) rmSync(join(directory, name));
    const fd = openSync(databaseFile(), 'w');
    writeSync(fd, Buffer.alloc(8192, 7));
    closeSync(fd);
    const { store, recovery } = open(directory, key);
    expect(recovery?.reason).toBe('corrupt');
    store.close();
  });
});

describe('the page check on open', () => {
  it('runs after an unclean shutdown, and is skipped after a clean close', () => {
    seed();
    corruptPageOf('utterances');
    // Closed cleanly last time: no check, the damage surfaces only when the page is read.
    const clean = open(directory, key);
    expect(clean.recovery).toBeNull();
    expect(clean.store.quickCheck()).not.toBe('ok');
    // Killed while open: the in-use marker stays behind and the next open checks.
    writeFileSync(join(directory, DEVICE_FILES.inUseMarker), 'killed');
    const afterKill = open(directory, key);
    expect(afterKill.recovery?.reason).toBe('corrupt');
    afterKill.store.close();
    clean.store.close();
  });
});

describe('recovery from a failed migration', () => {
  it('keeps the outbox, rebuilds at the new version, and says why', () => {
    const unsettled = seed('SameName');
    // A second patient with the same family name makes the next migration fail on this data.
    const first = open(directory, key);
    first.store.records.put('patient', patientRecord('Other', 'SameName'));
    first.store.close();
    const next = [
      ...migrations,
      {
        version: migrations.length + 1,
        name: 'one patient per family name (fails on existing data)',
        up: (db: Parameters<(typeof migrations)[number]['up']>[0]) =>
          void db.exec('CREATE UNIQUE INDEX patients_family ON patients (family_name)'),
      },
    ];

    const { store, recovery } = open(directory, key, { migrations: next });

    expect(recovery).toMatchObject({
      reason: 'migration-failed',
      outboxExported: 3,
      outboxReadable: true,
    });
    expect(recovery!.detail).toMatch(new RegExp(`Migration ${migrations.length + 1} failed`));
    expect(stable(store.outbox.listUnsettled())).toEqual(stable(unsettled));
    store.close();
    const db = openEncryptedConnection(databaseFile(), key, undefined);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length + 1);
    db.close();
  });
});

describe('a recovery interrupted after the old database was deleted', () => {
  it('imports the export it left on the next open', () => {
    const unsettled = seed();
    corruptPageOf('utterances');
    const { store, recovery } = open(directory, key, { quickCheckOnOpen: 'always' });
    store.close();
    // Simulate the crash: the new database never received the export.
    renameSync(recovery!.path, recovery!.path.replace('.imported.json', '.json'));
    for (const name of readdirSync(directory))
      if (name.startsWith(DEVICE_FILES.database)) rmSync(join(directory, name));

    const reopened = open(directory, key);

    expect(reopened.recovery).toMatchObject({ reason: 'corrupt', outboxExported: 3 });
    expect(stable(reopened.store.outbox.listUnsettled())).toEqual(stable(unsettled));
    expect(existsSync(recovery!.path)).toBe(true);
    reopened.store.close();
  });
});
