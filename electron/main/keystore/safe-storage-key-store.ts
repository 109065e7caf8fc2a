import type { SafeStorage } from 'electron';

export type SealingProtection = 'os-protected' | 'unprotected';

/**
 * The database key sealed with Electron's safeStorage (Keychain, DPAPI, libsecret/kwallet).
 * On Linux, the `basic_text` backend seals with a hard-coded password: it is reported as
 * unprotected so the UI can say so, never presented as protection.
 */
export function safeStorageKeyStore(
  safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & {
    getSelectedStorageBackend?: () => string;
  },
  platform: NodeJS.Platform,
) {
  if (!safeStorage.isEncryptionAvailable()) {
    throw new Error(
      'The operating system offers no way to protect the database key (safeStorage unavailable).',
    );
  }
  const backend = platform === 'linux' ? safeStorage.getSelectedStorageBackend?.() : undefined;
  const protection: SealingProtection =
    backend === 'basic_text' || backend === 'unknown' ? 'unprotected' : 'os-protected';
  return {
    protection,
    wrap: async (raw: Buffer): Promise<Buffer> => safeStorage.encryptString(raw.toString('base64')),
    unwrap: async (sealed: Buffer): Promise<Buffer> =>
      Buffer.from(safeStorage.decryptString(sealed), 'base64'),
  };
}
