import {
  existsSync,
  linkSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEVICE_FILES,
  FileKeyStoreTestSeam,
  KeyUnwrapError,
  loadOrCreateDatabaseKey,
  sealedKeyPathIn,
  wipeDeviceData,
} from '../../../../electron/core/keys';
import type { KeyStore } from '../../../../electron/core/keys';
import { open, patientRecord, temporaryDeviceDirectory } from './fixtures';

let directory: string;
let cleanup: () => void;
beforeEach(() => ({ directory, cleanup } = temporaryDeviceDirectory()));
afterEach(() => cleanup());

describe('FileKeyStoreTestSeam', () => {
  it('refuses to exist in a packaged app', () => {
    expect(() => new FileKeyStoreTestSeam({ isPackaged: true })).toThrow(/test seam/);
  });

  it('reports itself as a test seam, not as protection', () => {
    expect(new FileKeyStoreTestSeam({ isPackaged: false }).protection).toBe('test-seam');
  });
});

describe('the device database key', () => {
  const seam = new FileKeyStoreTestSeam({ isPackaged: false });

  it('is 32 random bytes, created once, in an owner-only file', async () => {
    const first = await loadOrCreateDatabaseKey(directory, seam);
    expect(first.created).toBe(true);
    expect(first.key).toHaveLength(32);
    expect(statSync(sealedKeyPathIn(directory)).mode & 0o777).toBe(0o600);
    const again = await loadOrCreateDatabaseKey(directory, seam);
    expect(again.created).toBe(false);
    expect(again.key.equals(first.key)).toBe(true);
    const other = temporaryDeviceDirectory();
    try {
      expect((await loadOrCreateDatabaseKey(other.directory, seam)).key.equals(first.key)).toBe(
        false,
      );
    } finally {
      other.cleanup();
    }
  });

  it('goes through the KeyStore port: the file holds only what wrap returned', async () => {
    const xor: KeyStore = {
      protection: 'os-protected',
      wrap: async (key) => Buffer.from(key.map((b) => b ^ 0x5a)),
      unwrap: async (sealed) => Buffer.from(sealed.map((b) => b ^ 0x5a)),
    };
    const { key } = await loadOrCreateDatabaseKey(directory, xor);
    expect(readFileSync(sealedKeyPathIn(directory), 'utf8')).not.toContain(key.toString('base64'));
    expect((await loadOrCreateDatabaseKey(directory, xor)).key.equals(key)).toBe(true);
  });

  it('will not unseal a key sealed by another kind of key store', async () => {
    await loadOrCreateDatabaseKey(directory, seam);
    const keychain: KeyStore = {
      ...seam,
      protection: 'os-protected',
      wrap: seam.wrap,
      unwrap: seam.unwrap,
    };
    await expect(loadOrCreateDatabaseKey(directory, keychain)).rejects.toThrow(KeyUnwrapError);
  });

  it('rejects an unreadable key file clearly', async () => {
    writeFileSync(sealedKeyPathIn(directory), 'not json');
    await expect(loadOrCreateDatabaseKey(directory, seam)).rejects.toThrow(KeyUnwrapError);
  });
});

describe('wipeDeviceData', () => {
  it('removes the database, its WAL, shared memory, journal, key check, exports and key', async () => {
    const { key } = await loadOrCreateDatabaseKey(
      directory,
      new FileKeyStoreTestSeam({ isPackaged: false }),
    );
    const { store } = open(directory, key);
    store.records.put('patient', patientRecord('Wipeable', 'Person'));
    expect(existsSync(join(directory, `${DEVICE_FILES.database}-wal`))).toBe(true);
    store.close();
    // Files a crash or a recovery can leave behind.
    writeFileSync(join(directory, `${DEVICE_FILES.database}-wal`), 'x');
    writeFileSync(join(directory, `${DEVICE_FILES.database}-shm`), 'x');
    writeFileSync(join(directory, `${DEVICE_FILES.database}-journal`), 'x');
    writeFileSync(join(directory, DEVICE_FILES.inUseMarker), 'x');
    writeFileSync(join(directory, `${DEVICE_FILES.outboxExportPrefix}2026.imported.json`), '{}');
    writeFileSync(join(directory, `${DEVICE_FILES.sealedKey}.4242.tmp`), 'half-written key');
    writeFileSync(join(directory, 'unrelated.txt'), 'not ours');
    expect(readdirSync(directory)).toHaveLength(10);

    const removed = wipeDeviceData(directory);

    expect(readdirSync(directory)).toEqual(['unrelated.txt']);
    expect(removed).toHaveLength(9);
  });

  it('overwrites the key before unlinking it', async () => {
    await loadOrCreateDatabaseKey(directory, new FileKeyStoreTestSeam({ isPackaged: false }));
    const before = readFileSync(sealedKeyPathIn(directory));
    // A second name for the same inode shows what was left in the file's blocks.
    const witness = join(directory, '..', `${directory.split('/').pop()}-witness`);
    linkSync(sealedKeyPathIn(directory), witness);
    try {
      wipeDeviceData(directory);
      const after = readFileSync(witness);
      expect(after.length).toBe(before.length);
      expect(after.equals(before)).toBe(false);
    } finally {
      rmSync(witness, { force: true });
    }
  });

  it('is a no-op on a missing directory', () => {
    expect(wipeDeviceData(join(directory, 'absent'))).toEqual([]);
  });
});
