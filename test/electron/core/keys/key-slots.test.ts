import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createPasscodeSealedKey,
  DEVICE_FILES,
  FileKeyStoreTestSeam,
  KeyUnwrapError,
  loadOrCreateDatabaseKey,
  passcodeSealsKey,
  readDeviceKeyFile,
  resealPasscodeKey,
  sealedKeyPathIn,
  SLOT_KDF,
  unsealWithSecret,
  wipeDeviceData,
} from '../../../../electron/core/keys';
import { openKeySlot, sealKeySlot } from '../../../../electron/core/keys/key-slots';

/**
 * Key slots: the database key sealed under a key derived from what a person knows. Each slot
 * costs a real scrypt (N = 2^17): these tests open as few as they need.
 */
let directory: string;
beforeEach(() => {
  directory = mkdtempSync(path.join(tmpdir(), 'key-slots-'));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

describe('a key slot', { timeout: 120_000 }, () => {
  it('opens with its secret only, and not as another purpose or with weaker parameters', async () => {
    const key = randomBytes(32);
    const slot = await sealKeySlot('passcode', 'the passcode', key);
    expect(slot.kdf).toMatchObject({ algorithm: 'scrypt', N: SLOT_KDF.N, r: 8, p: 1 });
    expect((await openKeySlot('passcode', 'the passcode', slot))?.equals(key)).toBe(true);
    expect(await openKeySlot('passcode', 'the passcodf', slot)).toBeNull();
    expect(await openKeySlot('account-password', 'the passcode', slot)).toBeNull();
    const weaker = { ...slot, kdf: { ...slot.kdf, N: 2 ** 14 } };
    expect(await openKeySlot('passcode', 'the passcode', weaker)).toBeNull();
  });
});

describe('the passcode-sealed key file', { timeout: 180_000 }, () => {
  it('holds no usable key without a secret, and a new passcode keeps the password slot', async () => {
    const key = await createPasscodeSealedKey(directory, 'test-seam', {
      passcode: 'first passcode',
      accountPassword: 'account password',
    });
    const file = readFileSync(sealedKeyPathIn(directory));
    expect(file.includes(key)).toBe(false);
    expect(file.includes(Buffer.from(key.toString('base64')))).toBe(false);
    expect(readDeviceKeyFile(directory)).toEqual({
      format: 'passcode',
      protection: 'test-seam',
      hasAccountPasswordSlot: true,
    });
    await expect(
      loadOrCreateDatabaseKey(directory, new FileKeyStoreTestSeam({ isPackaged: false })),
    ).rejects.toThrow(KeyUnwrapError);

    await resealPasscodeKey(directory, 'test-seam', key, { passcode: 'second passcode' });
    expect(await unsealWithSecret(directory, 'passcode', 'first passcode')).toBeNull();
    expect((await unsealWithSecret(directory, 'passcode', 'second passcode'))?.equals(key)).toBe(
      true,
    );
    expect(
      (await unsealWithSecret(directory, 'account-password', 'account password'))?.equals(key),
    ).toBe(true);
  });

  it('is wiped with the lock state and everything else of the device', async () => {
    await createPasscodeSealedKey(directory, 'unprotected', {
      passcode: 'a passcode',
      accountPassword: 'a password',
    });
    writeFileSync(path.join(directory, DEVICE_FILES.lockState), '{}');
    wipeDeviceData(directory);
    expect(existsSync(sealedKeyPathIn(directory))).toBe(false);
    expect(existsSync(path.join(directory, DEVICE_FILES.lockState))).toBe(false);
  });
});

describe('which keys the passcode seals', () => {
  it('every key the OS does not protect', () => {
    expect(passcodeSealsKey('os-protected')).toBe(false);
    expect(passcodeSealsKey('unprotected')).toBe(true);
    expect(passcodeSealsKey('test-seam')).toBe(true);
  });
});
