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
      try {
        return db.transaction(fn).immediate();
      } finally {
        db.pragma(`synchronous = ${DURABLE_SYNCHRONOUS}`);
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
