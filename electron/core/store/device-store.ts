import type { KeyProtection, KeyStore } from '../keys/key-store';
import { loadOrCreateDatabaseKey } from '../keys/device-key';
import type { OpenStoreOptions, OpenedStore } from './interface';
import { openStore } from './open';

/**
 * The usual way in: unseal (or create) the device key through the KeyStore, open the store,
 * and zero the key. `protection` is for the UI ('unprotected' must be said to the user).
 */
export async function openDeviceStore(
  options: Omit<OpenStoreOptions, 'key'> & { readonly keyStore: KeyStore },
): Promise<OpenedStore & { readonly protection: KeyProtection }> {
  const { keyStore, ...rest } = options;
  const { key, protection } = await loadOrCreateDatabaseKey(options.directory, keyStore);
  try {
    return { ...openStore({ ...rest, key }), protection };
  } finally {
    key.fill(0);
  }
}
