import type { KeyProtection, KeyStore } from './key-store';

/**
 * TEST SEAM — not a protection. Keeps the database key in the device key file in clear
 * (the file is owner-only, 0600), for tests, the crash harness and the browser preview host,
 * which have no OS keychain. A packaged build must never use it, so the constructor refuses
 * when told the app is packaged; production uses the safeStorage adapter in electron/main.
 */
export class FileKeyStoreTestSeam implements KeyStore {
  readonly protection: KeyProtection = 'test-seam';

  constructor(options: { readonly isPackaged: boolean }) {
    if (options.isPackaged) {
      throw new Error(
        'FileKeyStoreTestSeam refused: it stores the database key unsealed and is a test seam; ' +
          'a packaged build must use the OS key store (safeStorage).',
      );
    }
  }

  async wrap(rawKey: Buffer): Promise<Buffer> {
    return Buffer.from(rawKey);
  }

  async unwrap(sealed: Buffer): Promise<Buffer> {
    return Buffer.from(sealed);
  }
}
