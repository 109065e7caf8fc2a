import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { entitySchemas } from '../../../../shared/api';
import { entityTables } from '../../../../electron/core/store/entity-tables';
import {
  MigrationError,
  migrate,
  migrations,
  userVersion,
} from '../../../../electron/core/store/migrations';
import { newKey, open, patientRecord, temporaryDeviceDirectory } from './fixtures';

let directory: string;
let cleanup: () => void;
beforeEach(() => ({ directory, cleanup } = temporaryDeviceDirectory()));
afterEach(() => cleanup());

const schemaOf = (db: Database.Database) =>
  db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all();

describe('migrations', () => {
  it('are numbered 1, 2, 3... with no gap', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('bring a new database to the newest user_version and are idempotent', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toEqual(migrations.map((m) => m.version));
    expect(userVersion(db)).toBe(migrations.at(-1)?.version);
    const schema = schemaOf(db);
    expect(migrate(db)).toEqual([]);
    expect(schemaOf(db)).toEqual(schema);
    db.close();
  });

  it('leave the store usable across reopenings without running again', () => {
    const key = newKey();
    const first = open(directory, key);
    first.store.records.put('patient', patientRecord('Ada', 'Example'));
    first.store.close();
    const second = open(directory, key);
    expect(second.recovery).toBeNull();
    expect(second.store.records.count('patient')).toBe(1);
    second.store.close();
  });

  it('move a store written before the search order (7) to it: search lists the newest session first', () => {
    const db = new Database(':memory:');
    migrate(
      db,
      migrations.filter((m) => m.version < 7),
    );
    // Stored in the order they arrived: this week's session first, last year's after it.
    const sessions = [
      { id: 't-this-week', startedAt: '2026-11-30T10:00:00.000Z' },
      { id: 't-last-year', startedAt: '2025-11-03T14:15:00.000Z' },
      { id: 't-same-hour', startedAt: '2026-11-30T10:00:00.000Z' },
    ];
    const header = db.prepare(
      `INSERT INTO transcripts (id, version, scope_kind, scope_id, patient_id, appointment_id,
         therapist_id, started_at) VALUES (?, 1, 'patient', 'p', 'p', 'a', 'th', ?)`,
    );
    const line = db.prepare(
      `INSERT INTO utterances (id, transcript_id, seq, speaker, text, sent_at)
       VALUES (?, ?, ?, 'patient', ?, ?)`,
    );
    for (const t of sessions) {
      header.run(t.id, t.startedAt);
      // Lines stored out of order too: the later line first.
      line.run(`${t.id}-1`, t.id, 1, 'panic again', t.startedAt);
      line.run(`${t.id}-0`, t.id, 0, 'panic first', t.startedAt);
    }
    expect(migrate(db)).toEqual(migrations.filter((m) => m.version >= 7).map((m) => m.version));
    const order = db
      .prepare(
        `SELECT u.id FROM utterance_search JOIN utterances u ON u.local_id = utterance_search.rowid
         WHERE utterance_search MATCH 'panic' ORDER BY utterance_search.rowid DESC`,
      )
      .pluck()
      .all();
    // The two sessions of the same second (in either order), each later line first, then last year's.
    expect(order.slice(0, 4).sort()).toEqual([
      't-same-hour-0',
      't-same-hour-1',
      't-this-week-0',
      't-this-week-1',
    ]);
    expect(order.slice(0, 4).filter((_, i) => i % 2 === 0)).toEqual(
      expect.arrayContaining(['t-same-hour-1', 't-this-week-1']),
    );
    expect(order.slice(4)).toEqual(['t-last-year-1', 't-last-year-0']);
    // The index holds each line once, under its new rowid.
    expect(
      db
        .prepare("SELECT count(*) FROM utterance_search WHERE utterance_search MATCH 'again'")
        .pluck()
        .get(),
    ).toBe(3);
    db.close();
  });

  it('cache every shared/api entity in a table of its own', () => {
    const db = new Database(':memory:');
    migrate(db);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all();
    for (const entity of Object.keys(entitySchemas)) {
      expect(tables).toContain(entityTables[entity as keyof typeof entityTables]);
    }
    db.close();
  });

  it('roll a failed migration back whole: no half schema, user_version unchanged', () => {
    const db = new Database(':memory:');
    migrate(db);
    const broken = [
      ...migrations,
      {
        version: migrations.length + 1,
        name: 'fails half way',
        up: (d: Database.Database) => {
          d.exec('CREATE TABLE half_done (x)');
          d.exec('SELECT no_such_function()');
        },
      },
    ];
    expect(() => migrate(db, broken)).toThrow(MigrationError);
    expect(userVersion(db)).toBe(migrations.length);
    expect(
      db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'").pluck().get(),
    ).toBe(0);
    db.close();
  });

  it('refuse a database newer than this build', () => {
    const db = new Database(':memory:');
    migrate(db);
    db.pragma(`user_version = ${migrations.length + 5}`);
    expect(() => migrate(db)).toThrow(/newer than this build/);
    db.close();
  });
});
