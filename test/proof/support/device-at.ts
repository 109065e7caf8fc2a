import { generate } from 'otplib';
import type { DemoAccount } from '../../../shared/api';
import { clinicianContract, createDispatcher } from '../../../shared/ipc';
import { createClinicianCore, type ClinicianCore } from '../../../electron/core/app/clinician-core';
import { createDeviceSession } from '../../../electron/core/app/device-session';
import { resolveHandler } from '../../../electron/core/app/resolve-handler';
import { FileKeyStoreTestSeam } from '../../../electron/core/keys';

export const PASSCODE = 'correct horse battery';

/** A device core on a data directory that outlives it (restarts, SIGKILLs). */
export interface DeviceAt {
  readonly core: ClinicianCore;
  call<T = unknown>(channel: string, request?: unknown): Promise<T>;
  signIn(account: DemoAccount): Promise<void>;
  store: ReturnType<ReturnType<typeof createDeviceSession>['store']> extends infer S
    ? () => S
    : never;
  /** A sync round now, and wait until nothing is in flight. */
  syncNow(): Promise<void>;
  close(): Promise<void>;
}

export function openDeviceAt(options: {
  dataDir: string;
  serverUrl: string;
  checksumEvery?: number;
}): DeviceAt {
  const session = createDeviceSession({
    dataDir: options.dataDir,
    keyStore: new FileKeyStoreTestSeam({ isPackaged: false }),
    defaultServerUrl: options.serverUrl,
    demo: true,
    deviceZone: 'Europe/London',
  });
  const core = createClinicianCore({
    host: 'preview',
    appName: 'proof',
    appVersion: '0',
    platform: process.platform,
    packaged: false,
    session,
    zone: 'Europe/London',
    sync: {
      intervalMs: 3_600_000,
      ...(options.checksumEvery ? { checksumEvery: options.checksumEvery } : {}),
    },
  });
  const dispatcher = createDispatcher(
    clinicianContract,
    (channel) => resolveHandler(core.handlers, channel),
    (channel, error) => process.stderr.write(`[device] ${channel}: ${String(error)}\n`),
  );
  const call = async <T>(channel: string, request: unknown = {}): Promise<T> => {
    const result = await dispatcher.dispatch(channel, request);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };
  return {
    core,
    call,
    store: () => session.store(),
    async signIn(account) {
      await call('session.signIn', {
        email: account.email,
        password: account.password,
        totp: await generate({ secret: account.totpSecret }),
        passcode: PASSCODE,
      });
    },
    async syncNow() {
      await core.syncEngine()?.syncNow();
      await core.syncEngine()?.idle();
    },
    close: () => core.close(),
  };
}
