import {
  databasePathIn,
  FileKeyStoreTestSeam,
  loadOrCreateDatabaseKey,
  readDeviceKeyFile,
  unsealWithSecret,
} from '../../../electron/core/keys';
import { openEncryptedConnection } from '../../../electron/core/store/connection';

/** Every proof device's passcode (support/device-at.ts, chaos). */
const PROOF_PASSCODE = 'correct horse battery';

/**
 * A device's database key as the app opens it: without an OS keychain (the file-key test
 * seam) the passcode seals it. Null when the device has no key yet (killed before its first
 * sign-in finished); nothing is created.
 */
export async function deviceKeyOf(
  dataDir: string,
  passcode = PROOF_PASSCODE,
): Promise<Buffer | null> {
  const file = readDeviceKeyFile(dataDir);
  if (!file) return null;
  if (file.format === 'passcode') {
    const key = await unsealWithSecret(dataDir, 'passcode', passcode);
    if (!key) throw new Error(`the passcode does not open the database key in ${dataDir}`);
    return key;
  }
  return (await loadOrCreateDatabaseKey(dataDir, new FileKeyStoreTestSeam({ isPackaged: false })))
    .key;
}

/**
 * Read a device's encrypted database through a second connection (WAL lets it read beside the
 * core's own), for assertions the store's interface does not answer.
 */
export async function readLocal<T>(
  dataDir: string,
  read: (query: <R>(sql: string, ...params: unknown[]) => R[]) => T,
  passcode = PROOF_PASSCODE,
): Promise<T> {
  const key = await deviceKeyOf(dataDir, passcode);
  if (!key) throw new Error(`no database key in ${dataDir}`);
  const db = openEncryptedConnection(databasePathIn(dataDir), key, undefined);
  try {
    return read(<R>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as R[]);
  } finally {
    db.close();
    key.fill(0);
  }
}
