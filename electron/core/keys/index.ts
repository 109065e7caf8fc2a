export type { KeyProtection, KeyStore } from './key-store';
export { DATABASE_KEY_BYTES, KeyUnwrapError } from './key-store';
export type { DatabaseKey } from './device-key';
export { loadOrCreateDatabaseKey } from './device-key';
export { FileKeyStoreTestSeam } from './file-key-store-test-seam';
export { wipeDeviceData } from './wipe';
export { DEVICE_FILES, databasePathIn, sealedKeyPathIn } from './device-files';
