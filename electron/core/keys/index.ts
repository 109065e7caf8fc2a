export type { KeyProtection, KeyStore } from './key-store';
export { DATABASE_KEY_BYTES, KeyUnwrapError } from './key-store';
export type { DatabaseKey, DeviceKeyFile } from './device-key';
export {
  createPasscodeSealedKey,
  loadOrCreateDatabaseKey,
  passcodeSealsKey,
  readDeviceKeyFile,
  resealPasscodeKey,
  unsealWithSecret,
} from './device-key';
export { SLOT_KDF } from './key-slots';
export { FileKeyStoreTestSeam } from './file-key-store-test-seam';
export { wipeDeviceData } from './wipe';
export {
  DEVICE_FILES,
  databasePathIn,
  lockStatePathIn,
  sealedKeyPathIn,
  serviceCoverPathIn,
} from './device-files';
