import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  openSync,
  readdirSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { fsyncDirectory } from './atomic-file';
import {
  DEVICE_FILES,
  databaseCompanions,
  databasePathIn,
  inUseMarkerPathIn,
  keyCheckPathIn,
} from './device-files';

/**
 * Remove everything this device keeps about its user (sign-out, revocation, account
 * deletion): the database and its -wal, -shm and -journal files, the key check, the in-use
 * marker, every outbox export, and the sealed key — overwritten with random bytes and synced before it is
 * unlinked, so the key is gone even if the unlink is undone by a crash. The database needs
 * no overwrite: without the key it is noise. Returns the paths removed.
 * The database must be closed first.
 */
export function wipeDeviceData(directory: string): string[] {
  if (!existsSync(directory)) return [];
  const removed: string[] = [];
  const keyPath = join(directory, DEVICE_FILES.sealedKey);
  if (existsSync(keyPath)) {
    overwriteWithRandomBytes(keyPath);
  }
  const databasePath = databasePathIn(directory);
  const exports = readdirSync(directory)
    .filter((name) => name.startsWith(DEVICE_FILES.outboxExportPrefix))
    .map((name) => join(directory, name));
  for (const path of [
    keyPath,
    databasePath,
    ...databaseCompanions(databasePath),
    keyCheckPathIn(directory),
    inUseMarkerPathIn(directory),
    ...exports,
  ]) {
    if (existsSync(path)) {
      rmSync(path, { force: true });
      removed.push(path);
    }
  }
  fsyncDirectory(directory);
  return removed;
}

function overwriteWithRandomBytes(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    const size = fstatSync(fd).size;
    writeSync(fd, randomBytes(Math.max(size, 1)), 0, Math.max(size, 1), 0);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
