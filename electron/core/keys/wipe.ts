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
import { DEVICE_FILES } from './device-files';

/**
 * Remove everything this device keeps about its user (sign-out, revocation, account
 * deletion): every file of ours in the device data directory — the database and its -wal,
 * -shm and -journal files, the key check, the in-use marker, outbox exports, the lock state,
 * the saved urgent-risk cover, and the sealed key (with any temporary file a crash left beside them). Key files are overwritten
 * with random bytes and synced before they are unlinked, so the key is gone even if the
 * unlink is undone by a crash; the database needs no overwrite: without the key it is
 * noise. Returns the paths removed. Close the store first.
 */
export function wipeDeviceData(directory: string): string[] {
  if (!existsSync(directory)) return [];
  const ours = readdirSync(directory).filter((name) =>
    [
      DEVICE_FILES.sealedKey,
      DEVICE_FILES.database,
      DEVICE_FILES.outboxExportPrefix,
      DEVICE_FILES.lockState,
      DEVICE_FILES.serviceCover,
    ].some((prefix) => name.startsWith(prefix)),
  );
  const keyFiles = ours.filter((name) => name.startsWith(DEVICE_FILES.sealedKey));
  for (const name of keyFiles) overwriteWithRandomBytes(join(directory, name));
  // Key first, then the database's companions before the database itself.
  const order = (name: string): number =>
    name.startsWith(DEVICE_FILES.sealedKey) ? 0 : name === DEVICE_FILES.database ? 2 : 1;
  const removed: string[] = [];
  for (const name of ours.sort((a, b) => order(a) - order(b))) {
    const path = join(directory, name);
    rmSync(path, { force: true });
    removed.push(path);
  }
  fsyncDirectory(directory);
  return removed;
}

function overwriteWithRandomBytes(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    const size = Math.max(fstatSync(fd).size, 1);
    writeSync(fd, randomBytes(size), 0, size, 0);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
