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
