/**
 * The KeyStore port: how the device's random database key is sealed at rest.
 *
 * The core generates the key (32 random bytes) and owns the file that holds the sealed form;
 * an adapter only seals and unseals bytes. Electron's safeStorage adapter lives in
 * electron/main (safeStorage exists only in the main process, so a worker reaches it by a
 * message: hence the async methods). No Electron type appears here.
 */

/**
 * How well the sealed key is protected, for the UI to state honestly:
 * - 'os-protected': sealed by the OS keychain / DPAPI / libsecret / kwallet;
 * - 'unprotected': Linux safeStorage `basic_text` backend (a hard-coded password), so the
 *   key is effectively readable by anyone who can read the user's files;
 * - 'test-seam': the file-key test seam, never in a packaged build.
 */
export type KeyProtection = 'os-protected' | 'unprotected' | 'test-seam';

export const DATABASE_KEY_BYTES = 32;

export interface KeyStore {
  readonly protection: KeyProtection;
  /** Seal the raw database key for storage at rest. */
  wrap(rawKey: Buffer): Promise<Buffer>;
  /** Recover the raw database key from its sealed form; throws if it cannot. */
  unwrap(sealed: Buffer): Promise<Buffer>;
}

/** The sealed key on disk could not be turned back into a database key. */
export class KeyUnwrapError extends Error {
  override readonly name = 'KeyUnwrapError';
}
