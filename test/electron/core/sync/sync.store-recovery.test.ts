import { closeSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { clinicianContract, createDispatcher, type SessionStatus } from '../../../../shared/ipc';
import { createClinicianCore } from '../../../../electron/core/app/clinician-core';
import { createDeviceSession } from '../../../../electron/core/app/device-session';
import { resolveHandler } from '../../../../electron/core/app/resolve-handler';
import {
  DEVICE_FILES,
  FileKeyStoreTestSeam,
  databasePathIn,
  loadOrCreateDatabaseKey,
  readDeviceKeyFile,
  unsealWithSecret,
} from '../../../../electron/core/keys';
import { openEncryptedConnection } from '../../../../electron/core/store/connection';
import type { TestServer } from '../../../server/support/harness';
import { startDevice } from '../../../support/device';
import type { FaultProxy } from '../../../support/fault-proxy';
import { useReferenceServer } from '../../../support/reference-server';
import { countRows } from './support';

/**
 * A damaged local database is rebuilt without losing the person: the device keeps its id
 * and session (the server de-duplicates on device and mutation id), so the next start asks
 * for the passcode as usual, and the pending work is there after unlocking — then sent
 * exactly once.
 */
const reference = useReferenceServer();
let server: TestServer;
let proxy: FaultProxy;
beforeAll(() => {
  server = reference.server();
  proxy = reference.proxy();
});

const keyStore = () => new FileKeyStoreTestSeam({ isPackaged: false });

/** The app starting again on an existing device directory. */
function restart(dataDir: string) {
  const session = createDeviceSession({
    dataDir,
    keyStore: keyStore(),
    defaultServerUrl: proxy.url,
    demo: true,
    deviceZone: 'Europe/London',
  });
  const core = createClinicianCore({
    host: 'preview',
    appName: 'test',
    appVersion: '0',
    platform: process.platform,
    packaged: false,
    session,
    zone: 'Europe/London',
    sync: { intervalMs: 3_600_000 },
  });
  const dispatcher = createDispatcher(clinicianContract, (channel) =>
    resolveHandler(core.handlers, channel),
  );
  return {
    core,
    async call<T>(channel: string, request: unknown = {}): Promise<T> {
      const result = await dispatcher.dispatch(channel, request);
      if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
      return result.value as T;
    },
    async syncNow() {
      await core.syncEngine()?.syncNow();
      await core.syncEngine()?.idle();
    },
  };
}

/** A failing disk: bytes of the transcripts' pages overwritten, after an unclean shutdown. */
async function damage(dataDir: string, passcode: string): Promise<void> {
  // Without an OS keychain (this test seam) the passcode seals the database key.
  const key =
    readDeviceKeyFile(dataDir)?.format === 'passcode'
      ? await unsealWithSecret(dataDir, 'passcode', passcode)
      : (await loadOrCreateDatabaseKey(dataDir, keyStore())).key;
  if (!key) throw new Error('the test cannot open the device database key');
  const file = databasePathIn(dataDir);
  const db = openEncryptedConnection(file, key, undefined);
  const pageSize = Number(db.pragma('page_size', { simple: true }));
  const page = Number(
    db.prepare('SELECT min(pageno) FROM dbstat WHERE name = ?').pluck().get('utterances'),
  );
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  key.fill(0);
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(64, 0xa5), 0, 64, (page - 1) * pageSize + 512);
  closeSync(fd);
  writeFileSync(path.join(dataDir, DEVICE_FILES.inUseMarker), 'killed');
}

describe('a damaged local database', () => {
  it('is rebuilt keeping the session and the pending work, which is then sent once', async () => {
    const device = await startDevice({ serverUrl: proxy.url });
    await device.signIn(server.account('Priya Nair'), 'recovery passcode');
    await device.synced();
    const deviceId = device.deviceId();
    const { entries } = await device.call<{ entries: { patientId: string }[] }>(
      'caseload.list',
      {},
    );
    const patientId = entries[0]?.patientId ?? '';
    proxy.offline = true;
    const replies = ['Written offline before the disk failed.', 'And a second one.'];
    for (const body of replies) await device.call('messages.reply', { patientId, body });
    const { noteId } = await device.call<{ noteId: string }>('notes.create', {
      patientId,
      appointmentId: null,
      kind: 'session_note',
    });
    await device.call('notes.autosave', { noteId, body: 'A note typed offline.' });
    await device.core.close();
    await damage(device.dataDir, 'recovery passcode');

    const again = restart(device.dataDir);
    try {
      const locked = await again.call<SessionStatus>('session.status');
      expect(locked.state).toBe('locked');
      expect(locked.user?.displayName).toBe('Priya Nair');
      const unlocked = await again.call<SessionStatus>('session.unlock', {
        passcode: 'recovery passcode',
      });
      expect(unlocked.state).toBe('unlocked');
      // Without an OS keychain the passcode seals the key: the store (and its repair) opens
      // at unlock, and the status says what happened from then on.
      expect(unlocked.recovery?.reason).toMatch(/damaged/);
      const note = await again.call<{ draft: { body: string } | null }>('notes.open', { noteId });
      expect(note.draft?.body).toBe('A note typed offline.');
      await again.syncNow(); // still offline
      expect(
        (await again.call<{ pendingChanges: number }>('sync.status')).pendingChanges,
      ).toBeGreaterThanOrEqual(3);

      proxy.offline = false;
      await again.syncNow();
      for (const body of replies)
        expect(await countRows(server, 'messages', 'body = $1', [body])).toBe(1);
      expect(await countRows(server, 'notes', 'id = $1', [noteId])).toBe(1);
      expect(
        await countRows(server, 'messages', 'patient_id = $1 AND body = ANY($2)', [
          patientId,
          replies,
        ]),
      ).toBe(2);
      // The same device, not a new one.
      expect(await countRows(server, 'devices', 'id = $1', [deviceId])).toBe(1);
      expect((await again.call<{ pendingChanges: number }>('sync.status')).pendingChanges).toBe(0);
    } finally {
      proxy.offline = false;
      await again.core.close();
      rmSync(device.dataDir, { recursive: true, force: true });
    }
  });
});
