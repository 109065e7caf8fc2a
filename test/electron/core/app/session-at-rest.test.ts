import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPasscode } from '../../../../electron/core/app/session/passcode';
import {
  FileKeyStoreTestSeam,
  KeyUnwrapError,
  type KeyStore,
  loadOrCreateDatabaseKey,
  readDeviceKeyFile,
  sealedKeyPathIn,
  unsealWithSecret,
} from '../../../../electron/core/keys';
import { openStore } from '../../../../electron/core/store';
import type { SessionStatus } from '../../../../shared/ipc';
import type { TestServer } from '../../../server/support/harness';
import { startDevice, type TestDevice } from '../../../support/device';
import { useReferenceServer } from '../../../support/reference-server';
import type { FaultProxy } from '../../../support/fault-proxy';
import { refusal, unsentReply } from './support/session-fixtures';

// Each sign-in and passcode check costs an scrypt of 128 MiB (keys/key-slots.ts): on a busy
// two-core machine a test of several of them needs more than the default 30 s.
const SCRYPT_HEAVY_MS = 180_000;
/**
 * The database at rest. Without an OS keychain worth the name (Linux basic_text, the file-key
 * test seam), the passcode seals the database key, so a copy of the data directory cannot be
 * read without it; with one, the keychain seals it and the store opens at start.
 */
const reference = useReferenceServer();
let server: TestServer;
let proxyFor: FaultProxy;
beforeAll(() => {
  server = reference.server();
  proxyFor = reference.proxy();
});
const devices: TestDevice[] = [];
const temporary: string[] = [];
afterAll(async () => {
  for (const d of devices) await d.close().catch(() => undefined);
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});
const device = async (options: { dataDir?: string; keyStore?: KeyStore } = {}) => {
  const d = await startDevice({ serverUrl: proxyFor.url, ...options });
  devices.push(d);
  return d;
};

/** TEST SEAM for an OS keychain: seals by XOR with a secret held only in this process. */
class KeychainTestSeam implements KeyStore {
  readonly protection = 'os-protected' as const;
  constructor(private readonly pad = Buffer.alloc(32, 0x5c)) {}
  async wrap(raw: Buffer) {
    return Buffer.from(raw.map((b, i) => b ^ (this.pad[i] ?? 0)));
  }
  async unwrap(sealed: Buffer) {
    return this.wrap(sealed);
  }
}

const copyOf = (dir: string): string => {
  const copy = mkdtempSync(path.join(tmpdir(), 'copied-device-'));
  temporary.push(copy);
  cpSync(dir, copy, { recursive: true });
  return copy;
};

describe('without an OS keychain', { timeout: SCRYPT_HEAVY_MS }, () => {
  it('a copied data directory cannot be opened without the passcode', async () => {
    const d = await device();
    await d.signIn(server.account('Priya Nair'), 'a long local passcode');
    await d.synced();
    await d.close({ keepData: true });
    const copy = copyOf(d.dataDir);

    const key = await unsealWithSecret(copy, 'passcode', 'a long local passcode');
    expect(key).toHaveLength(32);
    for (const name of readdirSync(copy)) {
      const bytes = readFileSync(path.join(copy, name));
      expect(bytes.includes(key as Buffer), name).toBe(false);
      expect(bytes.includes(Buffer.from((key as Buffer).toString('base64'))), name).toBe(false);
      expect(bytes.includes(Buffer.from((key as Buffer).toString('hex'))), name).toBe(false);
    }
    const seam = new FileKeyStoreTestSeam({ isPackaged: false });
    await expect(loadOrCreateDatabaseKey(copy, seam)).rejects.toThrow(KeyUnwrapError);
    expect(await unsealWithSecret(copy, 'passcode', 'a guess')).toBeNull();

    const thief = await device({ dataDir: copy });
    expect((await thief.call<SessionStatus>('session.status')).state).toBe('locked');
    expect(thief.store()).toBeNull(); // nothing is open before the passcode
    expect(await refusal(thief.call('session.unlock', { passcode: 'a guess at it' }))).toMatch(
      /Wrong passcode/,
    );
    expect(thief.store()).toBeNull();
    await thief.call('session.unlock', { passcode: 'a long local passcode' });
    expect(thief.store()?.records.count('patient')).toBeGreaterThan(0);
  });

  it('a key sealed by a weak key store before moves to passcode sealing at the next unlock', async () => {
    const d = await device();
    await d.signIn(server.account('Tom Reeve'), 'tom passcode');
    await d.close({ keepData: true });
    // As a device of the first release kept it: the passcode's hash in the database …
    const key = (await unsealWithSecret(d.dataDir, 'passcode', 'tom passcode')) as Buffer;
    const { store } = openStore({ directory: d.dataDir, key: Buffer.from(key) });
    const saved = store.settings.get('session') as Record<string, unknown>;
    store.settings.set('session', { ...saved, passcode: await hashPasscode('tom passcode') }, '');
    store.close();
    // … and the key sealed by the (file) key store only.
    writeFileSync(
      sealedKeyPathIn(d.dataDir),
      JSON.stringify({ version: 1, protection: 'test-seam', sealed: key.toString('base64') }),
    );

    const again = await device({ dataDir: d.dataDir });
    expect((await again.call<SessionStatus>('session.status')).state).toBe('locked');
    await again.call('session.unlock', { passcode: 'tom passcode' });
    expect(readDeviceKeyFile(d.dataDir)).toMatchObject({ format: 'passcode' });
    expect(readFileSync(sealedKeyPathIn(d.dataDir)).includes(key.toString('base64'))).toBe(false);
  });
});

describe('with an OS keychain', { timeout: SCRYPT_HEAVY_MS }, () => {
  it('the keychain seals the key, the store opens at start, the passcode gates patient data', async () => {
    const keychain = new KeychainTestSeam();
    const d = await device({ keyStore: keychain });
    expect((await d.signIn(server.account('Amelia Hart'), 'amelia passcode')).keyProtection).toBe(
      'os-protected',
    );
    expect(readDeviceKeyFile(d.dataDir)).toMatchObject({ format: 'keychain' });
    await d.close({ keepData: true });

    const again = await device({ dataDir: d.dataDir, keyStore: keychain });
    expect((await again.call<SessionStatus>('session.status')).state).toBe('locked');
    expect(again.store()).not.toBeNull(); // sync goes on while locked
    expect(await refusal(again.call('caseload.list', {}))).toMatch(/REFUSED/);
    expect(await refusal(again.call('session.unlock', { passcode: 'not the one' }))).toMatch(
      /Wrong passcode/,
    );
    await again.call('session.unlock', { passcode: 'amelia passcode' });
    expect((await again.call<SessionStatus>('session.status')).state).toBe('unlocked');
  });

  it('a store the keychain can no longer open is never erased by a sign-in, only knowingly', async () => {
    const d = await device({ keyStore: new KeychainTestSeam() });
    const tom = server.account('Tom Reeve');
    await d.signIn(tom, 'tom passcode');
    await d.synced();
    proxyFor.offline = true;
    try {
      await unsentReply(d);
      await d.close({ keepData: true });
    } finally {
      proxyFor.offline = false;
    }
    // The keychain now unseals something else (a new login keyring, say).
    const again = await device({
      dataDir: d.dataDir,
      keyStore: new KeychainTestSeam(Buffer.alloc(32, 0x3a)),
    });
    const status = await again.call<SessionStatus>('session.status');
    expect(status).toMatchObject({ state: 'signed-out', unsentChanges: 1 });
    expect(status.reason).toMatch(/could not be opened/);
    const amelia = server.account('Amelia Hart');
    expect(await refusal(again.signIn(amelia, 'amelia passcode'))).toMatch(
      /still holds data that could not be opened/,
    );
    expect(await refusal(again.call('session.signOut', {}))).toMatch(/1 change has not reached/);
    expect(readdirSync(d.dataDir)).toContain('store.db');
    await again.call('session.signOut', { discardUnsentChanges: 1 });
    expect(readdirSync(d.dataDir)).toEqual([]);
  });
});
