import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openEncryptedConnection } from '../../../../electron/core/store/connection';
import { migrate } from '../../../../electron/core/store/migrations';
import {
  DURABLE_WAL_PAGES,
  REFETCHABLE_WAL_PAGES,
  createStore,
} from '../../../../electron/core/store/store';
import { patientRecord, temporaryDeviceDirectory } from './fixtures';

/**
 * Every commit is flushed to disk (synchronous=FULL) except a page of a lane's first download,
 * which the server can send again: that one transaction commits with synchronous=NORMAL
 * (atomic, survives an app crash, flushed by the next durable commit). At 34 pages of core
 * records, the flushes were most of the wait for a new device's caseload (npm run bench).
 */
let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

function openRaw() {
  const dir = temporaryDeviceDirectory();
  const db = openEncryptedConnection(join(dir.directory, 'store.db'), randomBytes(32), undefined);
  migrate(db);
  const store = createStore(db, join(dir.directory, 'store.db'));
  cleanup = () => {
    db.close();
    dir.cleanup();
  };
  return { db, store };
}
const synchronous = (db: ReturnType<typeof openRaw>['db']): unknown =>
  db.pragma('synchronous', { simple: true });
const FULL = 2;
const NORMAL = 1;

describe('durability of a transaction', () => {
  it('is FULL by default, inside and after', () => {
    const { db, store } = openRaw();
    expect(synchronous(db)).toBe(FULL);
    expect(store.applyInTransaction(() => synchronous(db))).toBe(FULL);
    expect(synchronous(db)).toBe(FULL);
  });

  it('is NORMAL for a refetchable page only, and FULL again after it, even when it throws', () => {
    const { db, store } = openRaw();
    const patient = patientRecord('Ada', 'Quill');
    const inside = store.applyInTransaction(() => {
      store.records.put('patient', patient);
      return synchronous(db);
    }, 'refetchable');
    expect(inside).toBe(NORMAL);
    expect(synchronous(db)).toBe(FULL);
    expect(store.records.get('patient', patient.id)?.data.givenName).toBe('Ada');

    expect(() =>
      store.applyInTransaction(() => {
        throw new Error('a malformed page');
      }, 'refetchable'),
    ).toThrow('a malformed page');
    expect(synchronous(db)).toBe(FULL);
    // A local write after it is durable again.
    expect(store.applyInTransaction(() => synchronous(db))).toBe(FULL);
  });

  it('lets a refetchable page leave the WAL to grow, and folds it in at the next durable commit', () => {
    const { db, store } = openRaw();
    const autocheckpoint = (): unknown => db.pragma('wal_autocheckpoint', { simple: true });
    expect(autocheckpoint()).toBe(DURABLE_WAL_PAGES);
    expect(store.applyInTransaction(() => autocheckpoint(), 'refetchable')).toBe(
      REFETCHABLE_WAL_PAGES,
    );
    expect(autocheckpoint()).toBe(DURABLE_WAL_PAGES);
    expect(() =>
      store.applyInTransaction(() => {
        throw new Error('a malformed page');
      }, 'refetchable'),
    ).toThrow('a malformed page');
    expect(autocheckpoint()).toBe(DURABLE_WAL_PAGES);
    expect(store.applyInTransaction(() => autocheckpoint())).toBe(DURABLE_WAL_PAGES);
  });

  it('leaves a nested refetchable call to the outer transaction', () => {
    const { db, store } = openRaw();
    const nested = store.applyInTransaction(() =>
      store.applyInTransaction(() => synchronous(db), 'refetchable'),
    );
    expect(nested).toBe(FULL);
  });
});
