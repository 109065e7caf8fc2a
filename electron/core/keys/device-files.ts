import { join } from 'node:path';

/**
 * The device data directory holds everything this device keeps about its user: the
 * encrypted database (with its WAL, shared-memory and journal files), the sealed key,
 * the key check, and any outbox export written during a recovery. Wiping the device means
 * removing exactly these.
 */
export const DEVICE_FILES = {
  database: 'store.db',
  sealedKey: 'database-key.json',
  keyCheck: 'store.db.keycheck',
  /** Present while the store is open: found at open, the last session did not close. */
  inUseMarker: 'store.db.in-use',
  /** Outbox exports written by a recovery: `outbox-export-<stamp>.json` (sealed). */
  outboxExportPrefix: 'outbox-export-',
  /**
   * The lock's own state, in clear (owner-only): whose device it is, wrong passcodes so far,
   * whether an online sign-in is needed, unsent changes when last counted. No patient data.
   */
  lockState: 'device-lock.json',
  /**
   * The service's urgent-risk cover (hours, numbers, what to do outside them), in clear, so
   * the crisis panel can show it on a locked screen before the database opens. The
   * service's own contact details: nothing about any patient.
   */
  serviceCover: 'service-urgent-risk.json',
} as const;

/** SQLite's companion files of a database at `databasePath`. */
export const databaseCompanions = (databasePath: string): string[] => [
  `${databasePath}-wal`,
  `${databasePath}-shm`,
  `${databasePath}-journal`,
];

export const databasePathIn = (directory: string): string => join(directory, DEVICE_FILES.database);
export const sealedKeyPathIn = (directory: string): string =>
  join(directory, DEVICE_FILES.sealedKey);
export const lockStatePathIn = (directory: string): string =>
  join(directory, DEVICE_FILES.lockState);
export const serviceCoverPathIn = (directory: string): string =>
  join(directory, DEVICE_FILES.serviceCover);
export const keyCheckPathIn = (directory: string): string => join(directory, DEVICE_FILES.keyCheck);
export const inUseMarkerPathIn = (directory: string): string =>
  join(directory, DEVICE_FILES.inUseMarker);
