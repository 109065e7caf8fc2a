import {
  databasePathIn,
  FileKeyStoreTestSeam,
  loadOrCreateDatabaseKey,
} from '../../../electron/core/keys';
import { openEncryptedConnection } from '../../../electron/core/store/connection';

/**
 * Read a device's encrypted database through a second connection (WAL lets it read beside the
 * core's own), for assertions the store's interface does not answer.
 */
export async function readLocal<T>(
  dataDir: string,
  read: (query: <R>(sql: string, ...params: unknown[]) => R[]) => T,
): Promise<T> {
  const { key } = await loadOrCreateDatabaseKey(
    dataDir,
    new FileKeyStoreTestSeam({ isPackaged: false }),
  );
  const db = openEncryptedConnection(databasePathIn(dataDir), key, undefined);
  try {
    return read(<R>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as R[]);
  } finally {
    db.close();
    key.fill(0);
  }
}
