import { describe, expect, it } from 'vitest';
import { safeStorageKeyStore } from '../../../electron/main/keystore/safe-storage-key-store';

/**
 * Test seam at a true edge: the OS keychain. A reversible fake sealing stands in for
 * safeStorage; what is under test is how the adapter reports protection and round-trips keys.
 */
function fakeSafeStorage(backend: string, available = true) {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text: string) => Buffer.from(`sealed:${Buffer.from(text).toString('hex')}`),
    decryptString: (sealed: Buffer) => {
      const text = sealed.toString();
      if (!text.startsWith('sealed:')) throw new Error('not sealed by this keychain');
      return Buffer.from(text.slice('sealed:'.length), 'hex').toString();
    },
    getSelectedStorageBackend: () => backend,
  };
}

describe('safeStorageKeyStore', () => {
  it('round-trips a 32-byte key without keeping it in the clear', async () => {
    const store = safeStorageKeyStore(fakeSafeStorage('gnome_libsecret'), 'linux');
    const key = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
    const sealed = await store.wrap(key);
    expect(sealed.includes(key)).toBe(false);
    expect(await store.unwrap(sealed)).toEqual(key);
  });

  it.each([
    ['linux', 'basic_text', 'unprotected'],
    ['linux', 'unknown', 'unprotected'],
    ['linux', 'gnome_libsecret', 'os-protected'],
    ['linux', 'kwallet5', 'os-protected'],
    ['darwin', 'basic_text', 'os-protected'],
    ['win32', '', 'os-protected'],
  ] as const)('on %s with backend %s reports %s', (platform, backend, protection) => {
    expect(safeStorageKeyStore(fakeSafeStorage(backend), platform).protection).toBe(protection);
  });

  it('refuses to run without any OS encryption', () => {
    expect(() => safeStorageKeyStore(fakeSafeStorage('basic_text', false), 'linux')).toThrow(
      /no way to protect/,
    );
  });

  it('fails to unseal bytes it did not seal', async () => {
    const store = safeStorageKeyStore(fakeSafeStorage('kwallet5'), 'linux');
    await expect(store.unwrap(Buffer.from('tampered'))).rejects.toThrow();
  });
});
