import { type Connection, DURABLE_SYNCHRONOUS } from './connection';
import { scopeEvictor } from './eviction';
import type { Store } from './interface';
import { auditQueue, deviceSettings, syncCursors } from './repositories/bookkeeping';
import { ctsrDrafts } from './repositories/ctsr-drafts';
import { decisionNotices } from './repositories/decision-notices';
import { messageDrafts } from './repositories/message-drafts';
import { noteDrafts } from './repositories/note-drafts';
import { outbox } from './repositories/outbox';
import { caseloadQueries } from './repositories/caseload';
import { entityCache } from './repositories/records';
import { transcriptQueries, transcriptWriter } from './repositories/transcripts';

/** SQLite's default: a commit that leaves the WAL over 1,000 pages (~4 MB) folds it in. */
export const DURABLE_WAL_PAGES = 1000;
/** During a first download: ~40 MB of WAL, folded in when the download ends. */
export const REFETCHABLE_WAL_PAGES = 10_000;

/** Assemble the Store over an open, migrated connection. */
export function createStore(db: Connection, path: string, onClose: () => void = () => {}): Store {
  const evict = scopeEvictor(db);
  return {
    path,
    records: entityCache(db, transcriptWriter(db)),
    caseload: caseloadQueries(db),
    transcripts: transcriptQueries(db),
    noteDrafts: noteDrafts(db),
    ctsrDrafts: ctsrDrafts(db),
    messageDrafts: messageDrafts(db),
    decisionNotices: decisionNotices(db),
    cursors: syncCursors(db),
    outbox: outbox(db),
    audit: auditQueue(db),
    settings: deviceSettings(db),
    applyInTransaction: (fn, durability = 'durable') => {
      // Inside another transaction the outer one decides (the pragma cannot change there).
      if (durability === 'durable' || db.inTransaction) return db.transaction(fn).immediate();
      db.pragma('synchronous = NORMAL');
      // Nor does it fold the WAL into the database (a checkpoint every ~4 MB was a third of a
      // first download's commits): up to REFETCHABLE_WAL_PAGES wait for the checkpoint that
      // ends the download (Store.checkpoint) or for the next durable commit.
      db.pragma(`wal_autocheckpoint = ${REFETCHABLE_WAL_PAGES}`);
      try {
        return db.transaction(fn).immediate();
      } finally {
        db.pragma(`synchronous = ${DURABLE_SYNCHRONOUS}`);
        db.pragma(`wal_autocheckpoint = ${DURABLE_WAL_PAGES}`);
      }
    },
    evictScope: evict,
    integrityCheck: () => integrityCheck(db, 'integrity_check'),
    quickCheck: () => integrityCheck(db, 'quick_check'),
    checkpoint: () => void db.pragma('wal_checkpoint(TRUNCATE)'),
    sizeInBytes: () =>
      Number(db.pragma('page_count', { simple: true })) *
      Number(db.pragma('page_size', { simple: true })),
    close: () => {
      db.close();
      onClose();
    },
  };
}

/** PRAGMA integrity_check / quick_check as one string: 'ok' or the problems found. */
export function integrityCheck(db: Connection, pragma: 'integrity_check' | 'quick_check'): string {
  const rows = db.pragma(`${pragma}(20)`, { simple: false }) as Record<string, unknown>[];
  return rows.map((row) => String(Object.values(row)[0])).join('\n');
}
