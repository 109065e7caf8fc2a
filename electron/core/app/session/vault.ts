import {
  createPasscodeSealedKey,
  type KeyProtection,
  type KeyStore,
  loadOrCreateDatabaseKey,
  passcodeSealsKey,
  readDeviceKeyFile,
  resealPasscodeKey,
  unsealWithSecret,
} from '../../keys';
import { openStore, type Store, type StoreRecovery } from '../../store';

/**
 * The device's encrypted store and the key that opens it, by how the key is sealed:
 * - 'keychain': the OS keychain seals it; the store opens at start (the passcode gates the UI);
 * - 'passcode': no OS keychain worth the name (Linux basic_text, the test seam), so the key
 *   is sealed by the passcode (and by the password of the last online sign-in); the store
 *   opens only once one of them is given, and a copied disk cannot be read without them.
 * While the store is open in passcode mode the key stays in memory (zeroed on close), so a
 * new passcode can seal it again; an os-protected key is zeroed as soon as the store opens.
 */
export interface DeviceVault {
  readonly protection: KeyProtection;
  sealedBy(): 'keychain' | 'passcode';
  store(): Store | null;
  /** Set when opening had to rebuild a damaged store (the outbox kept). */
  readonly recovery: StoreRecovery | null;
  /** Passcode mode: open (or check, when open) with a secret; false when it is not the one. */
  openWith(purpose: 'passcode' | 'account-password', secret: string): Promise<boolean>;
  /**
   * Seal the key again with a new passcode and/or the password just used online (passcode
   * mode; a weak keychain-sealed key from before moves to passcode mode here). No-op with an
   * OS keychain. Needs the store open.
   */
  reseal(secrets: { passcode?: string; accountPassword?: string }): Promise<void>;
  close(): void;
}

interface VaultOptions {
  readonly directory: string;
  readonly keyStore: KeyStore;
  readonly nativeBinding?: string;
}

/** What is on disk: nothing, or a vault (open when the keychain seals the key). */
export async function openVaultAtStart(options: VaultOptions): Promise<DeviceVault | null> {
  const file = readDeviceKeyFile(options.directory);
  if (!file) return null;
  if (file.format === 'passcode') return vault(options, 'passcode', null);
  const { key } = await loadOrCreateDatabaseKey(options.directory, options.keyStore);
  return vault(options, 'keychain', key);
}

/** A new device key at sign-in, sealed as this device's key store allows; the store open. */
export async function createVault(
  options: VaultOptions,
  secrets: { passcode: string; accountPassword: string },
): Promise<DeviceVault> {
  const { protection } = options.keyStore;
  if (passcodeSealsKey(protection)) {
    const key = await createPasscodeSealedKey(options.directory, protection, secrets);
    return vault(options, 'passcode', key);
  }
  const { key } = await loadOrCreateDatabaseKey(options.directory, options.keyStore);
  return vault(options, 'keychain', key);
}

function vault(
  options: VaultOptions,
  initiallySealedBy: 'keychain' | 'passcode',
  initialKey: Buffer | null,
): DeviceVault {
  const { protection } = options.keyStore;
  let sealedBy = initiallySealedBy;
  let key: Buffer | null = null;
  let store: Store | null = null;
  let recovery: StoreRecovery | null = null;

  const open = (databaseKey: Buffer): void => {
    const opened = openStore({
      directory: options.directory,
      key: databaseKey,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    store = opened.store;
    recovery = opened.recovery;
    if (passcodeSealsKey(protection)) key = databaseKey;
    else databaseKey.fill(0);
  };
  if (initialKey) open(initialKey);

  return {
    protection,
    sealedBy: () => sealedBy,
    store: () => store,
    get recovery() {
      return recovery;
    },
    async openWith(purpose, secret) {
      if (sealedBy !== 'passcode') throw new Error('Only a passcode-sealed key opens this way.');
      const found = await unsealWithSecret(options.directory, purpose, secret);
      if (!found) return false;
      if (store) found.fill(0);
      else open(found);
      return true;
    },
    async reseal(secrets) {
      if (!passcodeSealsKey(protection)) return;
      // A weak key-store-sealed key moves to passcode sealing when the passcode is given.
      if (sealedBy === 'keychain' && secrets.passcode === undefined) return;
      if (!key) throw new Error('Open the store before sealing its key again.');
      await resealPasscodeKey(options.directory, protection, key, secrets);
      sealedBy = 'passcode';
    },
    close() {
      store?.close();
      store = null;
      key?.fill(0);
      key = null;
    },
  };
}
