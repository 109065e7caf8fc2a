import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomically } from './atomic-file';
import { sealedKeyPathIn } from './device-files';
import { KeySlot, type KeySlotPurpose, openKeySlot, sealKeySlot } from './key-slots';
import type { KeyProtection, KeyStore } from './key-store';
import { DATABASE_KEY_BYTES, KeyUnwrapError } from './key-store';

/** Version 1: the key sealed by the KeyStore (the OS keychain). */
const sealedKeyFile = z.object({
  version: z.literal(1),
  protection: z.enum(['os-protected', 'unprotected', 'test-seam']),
  sealed: z.base64(),
});

/**
 * Version 2: the key sealed by what the person knows, for a KeyStore that protects nothing
 * (Linux `basic_text`, the test seam): a slot for the local passcode, and one for the account
 * password of the last online sign-in (the way back in after a forgotten passcode). No copy
 * of the key that opens without one of them is kept.
 */
const passcodeKeyFile = z.strictObject({
  version: z.literal(2),
  protection: z.enum(['unprotected', 'test-seam']),
  slots: z.strictObject({ passcode: KeySlot, accountPassword: KeySlot.nullable() }),
});
type PasscodeKeyFile = z.infer<typeof passcodeKeyFile>;
type WeakProtection = PasscodeKeyFile['protection'];

/**
 * Which keys the passcode must seal: every key the OS does not protect. With an OS keychain
 * the key opens at start (the passcode gates the UI); without one, the passcode is all there
 * is, so the store opens only after it is given.
 */
export const passcodeSealsKey = (protection: KeyProtection): protection is WeakProtection =>
  protection !== 'os-protected';

/** What the device key file holds, without opening anything. Null when there is none. */
export type DeviceKeyFile =
  | { readonly format: 'keychain'; readonly protection: KeyProtection }
  | {
      readonly format: 'passcode';
      readonly protection: WeakProtection;
      readonly hasAccountPasswordSlot: boolean;
    };

function readFileOf(directory: string) {
  const path = sealedKeyPathIn(directory);
  if (!existsSync(path)) return null;
  const raw = parseJson(readFileSync(path, 'utf8'));
  const v1 = sealedKeyFile.safeParse(raw);
  if (v1.success) return { format: 'keychain' as const, file: v1.data };
  const v2 = passcodeKeyFile.safeParse(raw);
  if (v2.success) return { format: 'passcode' as const, file: v2.data };
  throw new KeyUnwrapError(`The sealed database key at ${path} is unreadable.`);
}

export function readDeviceKeyFile(directory: string): DeviceKeyFile | null {
  const found = readFileOf(directory);
  if (!found) return null;
  return found.format === 'keychain'
    ? { format: 'keychain', protection: found.file.protection }
    : {
        format: 'passcode',
        protection: found.file.protection,
        hasAccountPasswordSlot: found.file.slots.accountPassword !== null,
      };
}

/** A new random database key, sealed by the passcode and the account password. */
export async function createPasscodeSealedKey(
  directory: string,
  protection: WeakProtection,
  secrets: { readonly passcode: string; readonly accountPassword: string },
): Promise<Buffer> {
  if (existsSync(sealedKeyPathIn(directory)))
    throw new Error('This device already has a database key: wipe it first.');
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const key = randomBytes(DATABASE_KEY_BYTES);
  await resealPasscodeKey(directory, protection, key, secrets);
  return key;
}

/**
 * Seal `key` again with a new passcode and/or account password; a secret not given keeps its
 * current slot. Written atomically: a crash leaves the old file or the new one.
 */
export async function resealPasscodeKey(
  directory: string,
  protection: WeakProtection,
  key: Buffer,
  secrets: { readonly passcode?: string; readonly accountPassword?: string },
): Promise<void> {
  const found = readFileOf(directory);
  const current = found?.format === 'passcode' ? found.file.slots : null;
  const [passcode, accountPassword] = await Promise.all([
    secrets.passcode !== undefined
      ? sealKeySlot('passcode', secrets.passcode, key)
      : Promise.resolve(current?.passcode ?? null),
    secrets.accountPassword !== undefined
      ? sealKeySlot('account-password', secrets.accountPassword, key)
      : Promise.resolve(current?.accountPassword ?? null),
  ]);
  if (!passcode) throw new Error('A passcode-sealed key needs a passcode slot.');
  const file: PasscodeKeyFile = { version: 2, protection, slots: { passcode, accountPassword } };
  writeFileAtomically(sealedKeyPathIn(directory), JSON.stringify(file));
}

/** The database key from a passcode-sealed file, or null when the secret does not open it. */
export async function unsealWithSecret(
  directory: string,
  purpose: KeySlotPurpose,
  secret: string,
): Promise<Buffer | null> {
  const found = readFileOf(directory);
  if (found?.format !== 'passcode')
    throw new KeyUnwrapError('This device key is not sealed by a passcode.');
  const slot =
    purpose === 'passcode' ? found.file.slots.passcode : found.file.slots.accountPassword;
  return slot ? openKeySlot(purpose, secret, slot) : null;
}

export interface DatabaseKey {
  /** 32 random bytes. The caller zeroes it (`key.fill(0)`) once the store is open. */
  readonly key: Buffer;
  readonly protection: KeyProtection;
  /** True when this call generated the key: a first run on this device. */
  readonly created: boolean;
}

/**
 * The device's database key sealed by the KeyStore (format 1): unsealed from the device data
 * directory, or, on first use, generated with crypto.randomBytes and stored sealed
 * (owner-only file, atomic write). A passcode-sealed key (format 2) is refused here.
 */
export async function loadOrCreateDatabaseKey(
  directory: string,
  keyStore: KeyStore,
): Promise<DatabaseKey> {
  const path = sealedKeyPathIn(directory);
  if (!existsSync(path)) {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    const key = randomBytes(DATABASE_KEY_BYTES);
    const sealed = await keyStore.wrap(key);
    const file: z.infer<typeof sealedKeyFile> = {
      version: 1,
      protection: keyStore.protection,
      sealed: sealed.toString('base64'),
    };
    writeFileAtomically(path, JSON.stringify(file));
    return { key, protection: keyStore.protection, created: true };
  }
  const raw = parseJson(readFileSync(path, 'utf8'));
  if (passcodeKeyFile.safeParse(raw).success) {
    throw new KeyUnwrapError(
      `The database key at ${path} is sealed by the passcode: it opens only with it.`,
    );
  }
  const parsed = sealedKeyFile.safeParse(raw);
  if (!parsed.success) {
    throw new KeyUnwrapError(`The sealed database key at ${path} is unreadable.`);
  }
  if (parsed.data.protection !== keyStore.protection) {
    throw new KeyUnwrapError(
      `The database key was sealed as '${parsed.data.protection}' but this key store is ` +
        `'${keyStore.protection}'; it cannot be unsealed here.`,
    );
  }
  const key = await keyStore.unwrap(Buffer.from(parsed.data.sealed, 'base64'));
  if (key.length !== DATABASE_KEY_BYTES) {
    throw new KeyUnwrapError(`The unsealed database key has ${key.length} bytes, not 32.`);
  }
  return { key, protection: keyStore.protection, created: false };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
