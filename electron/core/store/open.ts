import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fsyncDirectory, writeFileAtomically } from '../keys/atomic-file';
import {
  DEVICE_FILES,
  databaseCompanions,
  databasePathIn,
  inUseMarkerPathIn,
  keyCheckPathIn,
} from '../keys/device-files';
import type { Connection } from './connection';
import { keyCheckMatches, openEncryptedConnection, writeKeyCheck } from './connection';
import { WrongKeyError, isCorruptionCode } from './errors';
import type {
  OpenStoreOptions,
  OpenedStore,
  StoreRecovery,
  StoreRecoveryReason,
} from './interface';
import type { Migration } from './migrations';
import { MigrationError, migrate, migrations as appMigrations } from './migrations';
import { restoreLocalWork, salvageLocalWork } from './local-work';
import { type OutboxExport, readOutboxExport, writeOutboxExport } from './outbox-export';
import { createStore, integrityCheck } from './store';

interface Failure {
  readonly reason: StoreRecoveryReason;
  readonly detail: string;
}

/**
 * Open (or create) the device's encrypted store and bring its schema up to date.
 *
 * A wrong key throws WrongKeyError and touches nothing. A damaged file (quick_check, or
 * SQLite reporting corruption while the key check proves the key right) or a failed
 * migration is recovered: the device's local work (local-work.ts: the unsettled outbox, the
 * device settings with the session and device id, drafts, conflict copies, queued audit
 * events, optimistic rows) is exported (sealed) beside the database, the database is
 * deleted — not kept aside, since a copy would escape later evictions — an empty one is
 * built, the local work is re-imported (outbox seqs included), and `recovery` tells the
 * caller what happened so the UI can say it and the sync engine can resync from scratch.
 * The session survives, so the person unlocks as before and finds their pending work.
 * An export left by a recovery that crashed half way is imported on the next open.
 */
export function openStore(
  options: OpenStoreOptions & { readonly migrations?: readonly Migration[] },
): OpenedStore {
  const { directory, key, nativeBinding } = options;
  const steps = options.migrations ?? appMigrations;
  const now = options.now ?? (() => new Date());
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const path = databasePathIn(directory);
  const keyCheckPath = keyCheckPathIn(directory);
  const inUseMarker = inUseMarkerPathIn(directory);
  const when = options.quickCheckOnOpen ?? 'after-unclean-shutdown';
  const quickCheck =
    when === 'always' || (when === 'after-unclean-shutdown' && existsSync(inUseMarker));
  if (!existsSync(path)) writeKeyCheck(keyCheckPath, key);
  // Removed by close(): if it is still here next time, this session did not end cleanly.
  writeFileAtomically(inUseMarker, new Date().toISOString());
  const closed = () => rmSync(inUseMarker, { force: true });

  let db: Connection | null = null;
  let failure: Failure | null = null;
  try {
    db = openEncryptedConnection(path, key, nativeBinding);
  } catch (error) {
    if (!isCorruptionCode(error)) throw error;
    // A wrong key and a damaged first page look the same to SQLite: the key check decides.
    if (!keyCheckMatches(keyCheckPath, key)) throw new WrongKeyError(path);
    failure = { reason: 'corrupt', detail: describe(error) };
  }
  if (db !== null) {
    // The key opened the database, so it is the right key whatever the check file says.
    if (!keyCheckMatches(keyCheckPath, key)) writeKeyCheck(keyCheckPath, key);
    failure = checkAndMigrate(db, steps, quickCheck);
  }
  if (failure === null && db !== null) {
    const leftover = importLeftoverExports(db, directory, key);
    return { store: createStore(db, path, closed), recovery: leftover };
  }
  const rebuilt = rebuild({ ...options, path, steps, now }, db, failure ?? unreachable());
  return { store: createStore(rebuilt.db, path, closed), recovery: rebuilt.recovery };
}

function checkAndMigrate(
  db: Connection,
  steps: readonly Migration[],
  quickCheck: boolean,
): Failure | null {
  try {
    if (quickCheck) {
      const result = integrityCheck(db, 'quick_check');
      if (result !== 'ok')
        return { reason: 'corrupt', detail: `quick_check: ${result.slice(0, 400)}` };
    }
    migrate(db, steps);
    return null;
  } catch (error) {
    if (isCorruptionCode(error) || isCorruptionCode(error instanceof Error ? error.cause : null)) {
      return { reason: 'corrupt', detail: describe(error) };
    }
    if (error instanceof MigrationError)
      return { reason: 'migration-failed', detail: error.message };
    db.close();
    throw error;
  }
}

function rebuild(
  options: OpenStoreOptions & {
    readonly path: string;
    readonly steps: readonly Migration[];
    readonly now: () => Date;
  },
  broken: Connection | null,
  failure: Failure,
): { db: Connection; recovery: StoreRecovery } {
  const { directory, key, path } = options;
  const at = options.now().toISOString();
  const found = salvageLocalWork(broken);
  // Seqs already issued (and perhaps applied by the server) may be unknown: the outbox or
  // its sequence was unreadable. The server rejects a reused seq, so continue above any
  // seq this device can have issued: the clock in milliseconds (a device would need a
  // mutation per millisecond since 1970 to have got there; the server's seq is a bigint).
  const highestSeq = found.seqFloorKnown
    ? found.highestSeq
    : Math.max(found.highestSeq, options.now().getTime());
  const exportPath = join(
    directory,
    `${DEVICE_FILES.outboxExportPrefix}${at.replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}.json`,
  );
  // The export is on disk (synced) before anything is deleted.
  const { outboxReadable, seqFloorKnown: _known, unreadable: _unreadable, ...work } = found;
  writeOutboxExport(exportPath, key, {
    ...failure,
    createdAt: at,
    outboxReadable,
    work: { ...work, highestSeq },
  });
  broken?.close();
  // Companions first: a stale WAL must never be replayed into the new database.
  for (const file of [...databaseCompanions(path), path]) rmSync(file, { force: true });
  fsyncDirectory(directory);
  writeKeyCheck(keyCheckPathIn(directory), key);

  const db = openEncryptedConnection(path, key, options.nativeBinding);
  try {
    migrate(db, options.steps);
  } catch (error) {
    // Even an empty database cannot be built: a defect of this build. The export stays.
    db.close();
    throw error;
  }
  const imported = importExport(db, exportPath, key);
  return { db, recovery: recoveryOf(imported.saved, imported.path) };
}

function recoveryOf(saved: OutboxExport, path: string): StoreRecovery {
  return {
    reason: saved.reason,
    detail: saved.detail,
    outboxExported: saved.work.entries.length,
    outboxReadable: saved.outboxReadable,
    kept: {
      settings: saved.work.settings.length > 0,
      drafts:
        saved.work.drafts.length + saved.work.ctsrDrafts.length + saved.work.messageDrafts.length,
      conflictCopies: saved.work.conflictCopies.length,
      auditEvents: saved.work.audit.length,
      optimisticRecords: saved.work.optimistic.length,
    },
    path,
    at: saved.createdAt,
  };
}

/** Put an export's local work back (idempotent), then mark the file imported. */
function importExport(
  db: Connection,
  exportPath: string,
  key: Buffer,
): { path: string; saved: OutboxExport } {
  const saved = readOutboxExport(exportPath, key);
  restoreLocalWork(db, {
    ...saved.work,
    outboxReadable: saved.outboxReadable,
    seqFloorKnown: true,
    unreadable: [],
  });
  const importedPath = exportPath.replace(/\.json$/, '.imported.json');
  renameSync(exportPath, importedPath);
  return { path: importedPath, saved };
}

/** An export not yet imported means a recovery crashed after deleting the old database. */
function importLeftoverExports(
  db: Connection,
  directory: string,
  key: Buffer,
): StoreRecovery | null {
  const leftovers = readdirSync(directory)
    .filter((name) => name.startsWith(DEVICE_FILES.outboxExportPrefix))
    .filter((name) => name.endsWith('.json') && !name.endsWith('.imported.json'))
    .sort();
  let recovery: StoreRecovery | null = null;
  for (const name of leftovers) {
    const imported = importExport(db, join(directory, name), key);
    recovery = recoveryOf(imported.saved, imported.path);
  }
  return recovery;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

function unreachable(): never {
  throw new Error('openStore: no database and no failure');
}
