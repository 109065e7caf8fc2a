import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generate } from 'otplib';
import type { DemoAccount } from '../../shared/api';
import { clinicianContract, createDispatcher, type SessionStatus } from '../../shared/ipc';
import { createClinicianCore, type ClinicianCore } from '../../electron/core/app/clinician-core';
import { resolveHandler } from '../../electron/core/app/resolve-handler';
import { createDeviceSession } from '../../electron/core/app/device-session';
import {
  databasePathIn,
  FileKeyStoreTestSeam,
  type KeyStore,
  loadOrCreateDatabaseKey,
  readDeviceKeyFile,
  sealedKeyPathIn,
  unsealWithSecret,
} from '../../electron/core/keys';
import { openEncryptedConnection } from '../../electron/core/store/connection';

/** The session's open store, for tests that arrange or inspect what the device holds. */
export const sessionStoreOf = (device: TestDevice) => device.store();

export interface TestDevice {
  store(): ReturnType<ReturnType<typeof createDeviceSession>['store']>;
  readonly dataDir: string;
  readonly core: ClinicianCore;
  call<T = unknown>(channel: string, request?: unknown): Promise<T>;
  signIn(account: DemoAccount, passcode?: string): Promise<SessionStatus>;
  /** "Sign in again" on a device whose sign-in the service ended (state sign-in-needed). */
  reauthenticate(account: DemoAccount): Promise<SessionStatus>;
  /** Wait until the sync engine has nothing in flight and both lanes are caught up (or it gave up). */
  synced(): Promise<void>;
  /** Run a sync round now and wait for it. */
  syncNow(): Promise<void>;
  userId(): string;
  deviceId(): string;
  cursor(lane: 'core' | 'transcripts'): string | null;
  /** Rows anywhere in the local database that mention this patient, counted table by table. */
  rowsOfPatient(patientId: string): Promise<{ total: number; byTable: Record<string, number> }>;
  /** A read of the local database as it is on disk (its own connection). */
  query<T>(sql: string, ...params: unknown[]): Promise<T[]>;
  /** Stop the core; the data directory is removed unless `keepData` (to start it again). */
  close(options?: { keepData?: boolean }): Promise<void>;
}

/**
 * A whole client device in this process: the real core (session, encrypted store, sync
 * engine, workspace) behind the real validating dispatcher, with the file-key test seam
 * standing in for the OS keychain.
 */
export async function startDevice(options: {
  serverUrl: string;
  localAddress?: string;
  now?: () => number;
  /** A function is read again at each zone poll (a test moves the computer's zone). */
  deviceZone?: string | (() => string);
  zonePollMs?: number;
  /** Sync engine options (e.g. a drift check every round). */
  sync?: Parameters<typeof createClinicianCore>[0]['sync'];
  /** How often the core checks deadlines for falling due (default a minute). */
  deadlineNoticeEveryMs?: number;
  /** An existing device's data directory: the device starts again on it. */
  dataDir?: string;
  /** Default: the file-key test seam (no OS keychain, so the passcode seals the key). */
  keyStore?: KeyStore;
}): Promise<TestDevice> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'device-'));
  const keyStore = options.keyStore ?? new FileKeyStoreTestSeam({ isPackaged: false });
  let passcodeUsed = 'correct horse battery';
  const session = createDeviceSession({
    dataDir,
    keyStore,
    defaultServerUrl: options.serverUrl,
    demo: true,
    // Test seam: the device's time zone is part of the location rule; pin it.
    deviceZone: options.deviceZone ?? 'Europe/London',
    ...(options.zonePollMs ? { zonePollMs: options.zonePollMs } : {}),
    ...(options.localAddress ? { localAddress: options.localAddress } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const core = createClinicianCore({
    host: 'preview',
    appName: 'test',
    appVersion: '0',
    platform: process.platform,
    packaged: false,
    session,
    dataDir,
    zone: 'Europe/London',
    sync: { intervalMs: 3_600_000, ...options.sync },
    ...(options.deadlineNoticeEveryMs
      ? { deadlineNoticeEveryMs: options.deadlineNoticeEveryMs }
      : {}),
  });
  const dispatcher = createDispatcher(clinicianContract, (channel) =>
    resolveHandler(core.handlers, channel),
  );
  const call = async <T>(channel: string, request: unknown = {}): Promise<T> => {
    const result = await dispatcher.dispatch(channel, request);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };
  const synced = async (): Promise<void> => {
    const engine = core.syncEngine();
    if (!engine) return;
    await engine.idle();
  };
  // Without an OS keychain the passcode seals the key (the one given at sign-in). Unsealing
  // it costs an scrypt of 128 MiB, so it is done once per key file and passcode.
  let unsealed: { file: string; passcode: string; key: Buffer } | null = null;
  const databaseKey = async (): Promise<Buffer> => {
    if (readDeviceKeyFile(dataDir)?.format !== 'passcode')
      return (await loadOrCreateDatabaseKey(dataDir, keyStore)).key;
    const file = readFileSync(sealedKeyPathIn(dataDir), 'utf8');
    if (unsealed?.file !== file || unsealed.passcode !== passcodeUsed) {
      const key = await unsealWithSecret(dataDir, 'passcode', passcodeUsed);
      if (!key) throw new Error('the test device cannot open its own database key');
      unsealed = { file, passcode: passcodeUsed, key };
    }
    return Buffer.from(unsealed.key);
  };
  const rawQuery = async <T>(sql: string, ...params: unknown[]): Promise<T[]> => {
    const key = await databaseKey();
    const db = openEncryptedConnection(databasePathIn(dataDir), key, undefined);
    try {
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
      key.fill(0);
    }
  };
  const transcriptsOf = new Map<string, Set<string>>();
  return {
    dataDir,
    core,
    store: () => session.store(),
    call,
    reauthenticate: (account) =>
      generate({ secret: account.totpSecret }).then((totp) =>
        call<SessionStatus>('session.reauthenticate', {
          email: account.email,
          password: account.password,
          totp,
        }),
      ),
    signIn: (account, passcode = 'correct horse battery') =>
      generate({ secret: account.totpSecret }).then((totp) => {
        passcodeUsed = passcode;
        return call<SessionStatus>('session.signIn', {
          email: account.email,
          password: account.password,
          totp,
          passcode,
        });
      }),
    synced,
    async syncNow() {
      await core.syncEngine()?.syncNow();
      await synced();
    },
    userId: () => session.status().user?.id ?? '',
    deviceId: () => session.deviceId() ?? '',
    cursor: (lane) => session.store()?.cursors.get(lane) ?? null,
    query: rawQuery,
    async rowsOfPatient(patientId) {
      // Remember the patient's transcripts the first time, so their utterances (which do not
      // name the patient) are still counted after an eviction.
      const known = transcriptsOf.get(patientId) ?? new Set<string>();
      transcriptsOf.set(patientId, known);
      for (const row of await rawQuery<{ id: string }>(
        'SELECT id FROM transcripts WHERE patient_id = ?',
        patientId,
      ))
        known.add(row.id);
      const tables = await rawQuery<{ name: string }>(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'utterance_search%'`,
      );
      const byTable: Record<string, number> = {};
      for (const { name } of tables) {
        const columns = await rawQuery<{ name: string }>(
          `SELECT name FROM pragma_table_xinfo(?)`,
          name,
        );
        const mentions = columns.map((c) => `instr(CAST("${c.name}" AS TEXT), ?) > 0`).join(' OR ');
        const [row] = await rawQuery<{ n: number }>(
          `SELECT count(*) AS n FROM "${name}" WHERE ${mentions}`,
          ...columns.map(() => patientId),
        );
        let n = row?.n ?? 0;
        if (name === 'utterances' && known.size > 0) {
          const ids = [...known];
          const [u] = await rawQuery<{ n: number }>(
            `SELECT count(*) AS n FROM utterances WHERE transcript_id IN (${ids.map(() => '?').join(',')})`,
            ...ids,
          );
          n = Math.max(n, u?.n ?? 0);
        }
        if (n > 0) byTable[name] = n;
      }
      return { total: Object.values(byTable).reduce((a, b) => a + b, 0), byTable };
    },
    async close(closing = {}) {
      await core.close();
      if (!closing.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
