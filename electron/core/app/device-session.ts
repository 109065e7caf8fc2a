import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { generate } from 'otplib';
import type { DemoAccount, PullResponse, SessionGrant } from '../../../shared/api';
import {
  type ClinicianHandlers,
  type LocationStatus,
  RefusedError,
  type SessionStatus,
} from '../../../shared/ipc';
import { createServerClock } from '../clock';
import { type KeyStore, sealedKeyPathIn, wipeDeviceData } from '../keys';
import { openDeviceStore, type Store, type StoreRecovery } from '../store';
import { apiFailureOf } from '../api/failure';
import { createHttpApi, type HttpApi } from '../api/http-api';
import { evaluateLocation } from './location-rule';
import { hashPasscode, MAX_UNLOCK_ATTEMPTS, verifyPasscode } from './passcode';
import type { SessionPort } from './session-port';
import { loadSession, type PersistedSession, saveSession } from './session-state';
import { refreshingApi } from './refreshing-api';

export interface DeviceSessionOptions {
  readonly dataDir: string;
  readonly keyStore: KeyStore;
  readonly defaultServerUrl: string;
  readonly demo: boolean;
  readonly nativeBinding?: string;
  readonly localAddress?: string;
  /** Device clock (tests move it); the server-corrected clock is built on it. */
  readonly now?: () => number;
  readonly deviceZone?: string;
}

type State = SessionStatus['state'];

/**
 * The signed-in person on this device: sign-in (password + TOTP, device key registered),
 * tokens refreshed without user action, the offline lease, the passcode lock, the
 * approved-country rule, audit, and wiping the device when access ends.
 */
export function createDeviceSession(options: DeviceSessionOptions): SessionPort {
  const deviceNow = options.now ?? Date.now;
  const clock = createServerClock(deviceNow);
  const zone = options.deviceZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const listeners = new Set<(status: SessionStatus) => void>();
  const locationListeners = new Set<(status: LocationStatus) => void>();
  let store: Store | null = null;
  let persisted: PersistedSession | null = null;
  let state: State = 'signed-out';
  let reason: string | null = null;
  let recovery: StoreRecovery | null = null;
  let protection: SessionStatus['keyProtection'] = null;
  let changedAt = new Date(deviceNow()).toISOString();
  let lockTimer: NodeJS.Timeout | null = null;
  let demoSecrets = new Map<string, DemoAccount>();
  let opening: Promise<void> | null = null;

  const iso = () => clock.now().toISOString();
  const location = (): LocationStatus => {
    const config = store?.records.list('serviceConfig')[0]?.data;
    return evaluateLocation({
      country: persisted?.country ?? null,
      attestationExpiresAt: persisted?.attestationExpiresAt ?? null,
      approvedCountries:
        config?.approvedCountries ?? (persisted?.country ? [persisted.country] : []),
      deviceZone: zone,
      deviceNowMs: deviceNow(),
      lastServerTimeMs: clock.lastServerTime?.getTime() ?? null,
    });
  };

  const status = (): SessionStatus => ({
    state,
    user: persisted
      ? {
          id: persisted.user.id,
          displayName: persisted.user.displayName,
          role: persisted.user.role,
          email: persisted.user.email,
        }
      : null,
    serverUrl: persisted?.serverUrl ?? options.defaultServerUrl,
    demo: options.demo,
    keyProtection: protection,
    offlineLeaseExpiresAt: persisted?.offlineLeaseExpiresAt ?? null,
    lockAfterMinutes: persisted?.lockAfterMinutes ?? 5,
    reason,
    unlockAttemptsLeft: persisted
      ? Math.max(0, MAX_UNLOCK_ATTEMPTS - persisted.failedUnlocks)
      : null,
    recovery: recovery
      ? {
          reason: recoveryText(recovery),
          outboxEntriesKept: recovery.outboxExported,
          at: recovery.at,
        }
      : null,
    changedAt,
  });

  const publish = (): void => {
    changedAt = new Date(deviceNow()).toISOString();
    const current = status();
    for (const l of listeners) l(current);
    const where = location();
    for (const l of locationListeners) l(where);
  };

  const persist = (patch: Partial<PersistedSession>): void => {
    if (!persisted || !store) return;
    persisted = {
      ...persisted,
      ...patch,
      clockOffsetMs: clock.offsetMs,
      lastServerTime: clock.lastServerTime?.toISOString() ?? null,
    };
    saveSession(store, persisted, iso());
  };

  /** Unlocked only while the location rule holds; otherwise the location screen. */
  const openState = (): void => {
    const where = location();
    state = where.state === 'ok' ? 'unlocked' : 'location-check-needed';
    reason = where.state === 'ok' ? null : where.reason;
    armLock();
  };

  const armLock = (): void => {
    if (lockTimer) clearTimeout(lockTimer);
    lockTimer = null;
    if (state !== 'unlocked' && state !== 'location-check-needed') return;
    const minutes = persisted?.lockAfterMinutes ?? 5;
    lockTimer = setTimeout(() => {
      state = 'locked';
      reason = `Locked after ${minutes} minutes without activity.`;
      publish();
    }, minutes * 60_000);
    lockTimer.unref?.();
  };

  const wipe = async (why: string): Promise<void> => {
    if (lockTimer) clearTimeout(lockTimer);
    store?.close();
    store = null;
    persisted = null;
    wipeDeviceData(options.dataDir);
    state = 'signed-out';
    reason = why;
    recovery = null;
    publish();
  };

  const api = (): HttpApi =>
    createHttpApi({
      baseUrl: persisted?.serverUrl ?? options.defaultServerUrl,
      clock,
      ...(options.localAddress ? { localAddress: options.localAddress } : {}),
      onAttestation: (jws) => void acceptAttestation(jws),
    });

  const acceptAttestation = async (jws: string): Promise<void> => {
    if (!persisted) return;
    try {
      const { payload } = await jwtVerify(jws, createLocalJWKSet({ keys: persisted.jwks }), {
        typ: 'location+jwt',
        currentDate: clock.now(),
      });
      if (payload.sub !== persisted.user.id || payload['did'] !== persisted.deviceId) return;
      const before = location().state;
      persist({
        attestation: jws,
        attestationExpiresAt: new Date((payload.exp ?? 0) * 1000).toISOString(),
        country: String(payload['country']),
      });
      if (
        state === 'location-check-needed' ||
        (state === 'unlocked' && location().state !== before)
      ) {
        openState();
        publish();
      }
    } catch {
      // An attestation that does not verify against the pinned keys is ignored, never trusted.
    }
  };

  const grant = (g: SessionGrant): Partial<PersistedSession> => ({
    user: g.user,
    deviceId: g.deviceId,
    tokens: g.tokens,
    offlineLease: g.offlineLease,
    offlineLeaseExpiresAt: g.offlineLeaseExpiresAt,
  });

  /** Open an existing device's store at start: locked until the passcode is given. */
  const openExisting = async (): Promise<void> => {
    if (!existsSync(sealedKeyPathIn(options.dataDir))) return;
    const opened = await openDeviceStore({
      directory: options.dataDir,
      keyStore: options.keyStore,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    store = opened.store;
    recovery = opened.recovery;
    protection = opened.protection;
    persisted = loadSession(store);
    if (!persisted) {
      // Keys without a session: a sign-in never finished. Start clean (the outbox is empty).
      await wipe('The last sign-in did not finish. Please sign in again.');
      return;
    }
    clock.restore(
      persisted.clockOffsetMs,
      persisted.lastServerTime ? new Date(persisted.lastServerTime) : null,
    );
    state = 'locked';
    reason = 'Enter your passcode to open patient data.';
    publish();
  };
  opening = openExisting().catch((error: unknown) => {
    reason = `The local database could not be opened: ${error instanceof Error ? error.message : String(error)}`;
    publish();
  });

  const authorized = refreshingApi({
    api,
    session: () => persisted,
    onTokens: (g) => persist(grant(g)),
    onRevoked: (why) => wipe(why),
    now: deviceNow,
  });

  const handlers: {
    session: ClinicianHandlers['session'];
    location: ClinicianHandlers['location'];
  } = {
    session: {
      status: async () => {
        await opening;
        return status();
      },
      demoAccounts: async () => {
        if (!options.demo)
          throw new RefusedError('Demo accounts exist only on the embedded demo service.');
        const response = await createHttpApi({ baseUrl: options.defaultServerUrl, clock }).call(
          'demoAccounts',
        );
        demoSecrets = new Map(response.accounts.map((a) => [a.email.toLowerCase(), a]));
        return {
          accounts: response.accounts.map(({ totpSecret: _secret, ...account }) => account),
        };
      },
      demoTotp: async ({ email }) => {
        const account = demoSecrets.get(email.toLowerCase());
        if (!options.demo || !account) throw new RefusedError('No demo account with that email.');
        const period = 30;
        return {
          code: await generate({ secret: account.totpSecret }),
          validForSeconds: period - (Math.floor(deviceNow() / 1000) % period),
        };
      },
      signIn: async ({ serverUrl, email, password, totp, passcode }) => {
        await opening;
        if (state !== 'signed-out')
          throw new RefusedError('Someone is signed in on this device: sign out first.');
        const baseUrl = serverUrl ?? options.defaultServerUrl;
        const { publicKey, privateKey } = generateKeyPairSync('ed25519');
        const jwk = publicKey.export({ format: 'jwk' });
        const http = createHttpApi({
          baseUrl,
          clock,
          ...(options.localAddress ? { localAddress: options.localAddress } : {}),
        });
        let session: SessionGrant;
        try {
          session = await http.call('signIn', {
            body: {
              email,
              password,
              totp,
              device: {
                name: `${process.platform} device`,
                platform:
                  process.platform === 'darwin' || process.platform === 'win32'
                    ? process.platform
                    : 'linux',
                publicKey: { kty: 'OKP', crv: 'Ed25519', x: String(jwk.x) },
              },
            },
          });
        } catch (error) {
          const failure = apiFailureOf(error);
          if (
            failure?.kind === 'refused' ||
            failure?.kind === 'country' ||
            failure?.kind === 'rate-limited'
          )
            throw new RefusedError(failure.message);
          throw error;
        }
        const jwks = await http.call('jwks');
        const opened = await openDeviceStore({
          directory: options.dataDir,
          keyStore: options.keyStore,
          ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
        });
        store = opened.store;
        protection = opened.protection;
        recovery = null;
        persisted = {
          serverUrl: baseUrl,
          ...(grant(session) as Pick<
            PersistedSession,
            'user' | 'deviceId' | 'tokens' | 'offlineLease' | 'offlineLeaseExpiresAt'
          >),
          jwks: jwks.keys,
          attestation: null,
          attestationExpiresAt: null,
          country: null,
          passcode: await hashPasscode(passcode),
          failedUnlocks: 0,
          lockAfterMinutes: 5,
          clockOffsetMs: clock.offsetMs,
          lastServerTime: null,
        };
        store.settings.set('device-private-key', privateKey.export({ format: 'jwk' }), iso());
        persist({});
        await acceptAttestation(session.locationAttestation);
        openState();
        publish();
        return status();
      },
      unlock: async ({ passcode }) => {
        await opening;
        if (!persisted || state === 'signed-out') throw new RefusedError('Sign in first.');
        if (state !== 'locked') return status();
        if (persisted.failedUnlocks >= MAX_UNLOCK_ATTEMPTS) {
          throw new RefusedError(
            'Too many wrong passcodes: sign out and sign in again online to open patient data.',
          );
        }
        if (!(await verifyPasscode(passcode, persisted.passcode))) {
          persist({ failedUnlocks: persisted.failedUnlocks + 1 });
          reason = `Wrong passcode. ${Math.max(0, MAX_UNLOCK_ATTEMPTS - persisted.failedUnlocks)} attempts left.`;
          publish();
          throw new RefusedError(reason);
        }
        if (Date.parse(persisted.offlineLeaseExpiresAt) <= clock.now().getTime()) {
          try {
            await authorized.call('me');
          } catch {
            throw new RefusedError(
              'Your offline period has ended: connect to the internet to unlock.',
            );
          }
        }
        persist({ failedUnlocks: 0 });
        openState();
        publish();
        return status();
      },
      lock: async () => {
        if (state === 'unlocked' || state === 'location-check-needed') {
          state = 'locked';
          reason = 'Locked.';
          if (lockTimer) clearTimeout(lockTimer);
          publish();
        }
        return status();
      },
      touch: async () => {
        armLock();
        return { ok: true as const };
      },
      setLockAfter: async ({ minutes }) => {
        if (!persisted) throw new RefusedError('Sign in first.');
        persist({ lockAfterMinutes: minutes });
        armLock();
        publish();
        return status();
      },
      signOut: async () => {
        const current = persisted;
        if (current) {
          await authorized
            .call('signOut', { body: { refreshToken: current.tokens.refreshToken } })
            .catch(() => undefined);
        }
        await wipe('Signed out. Nothing of your caseload is left on this device.');
        return status();
      },
      dismissRecovery: async () => {
        recovery = null;
        publish();
        return status();
      },
    },
    location: {
      status: () => location(),
      declareWorkAbroad: ({ country, from, to, patientsInformed, emergencyContactsConfirmed }) => {
        if (!store || state !== 'unlocked') throw new RefusedError('Unlock the app first.');
        const declarationId = randomUUID();
        const open = store;
        open.applyInTransaction(() =>
          open.outbox.enqueue({
            mutationId: randomUUID(),
            kind: 'workAbroad.declare',
            payload: {
              declarationId,
              country,
              from,
              to,
              patientsInformed,
              emergencyContactsConfirmed,
            },
            createdAt: iso(),
          }),
        );
        return { declarationId };
      },
    },
  };

  return {
    status,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    store: () => store,
    api: () =>
      persisted && store
        ? {
            pull: (query) => authorized.call('pull', { query }) as Promise<PullResponse>,
            push: (request) => authorized.call('push', { body: request }),
            checksums: (lane) => authorized.call('checksums', { query: { lane } }),
          }
        : null,
    deviceId: () => persisted?.deviceId ?? null,
    clock,
    patientDataOpen: () => state === 'unlocked' && location().state === 'ok',
    audit(action, patientId, entityId) {
      store?.audit.record({
        eventId: randomUUID(),
        action,
        patientId,
        entityId,
        occurredAt: iso(),
        country: persisted?.country ?? null,
      });
    },
    syncStopped(error) {
      const failure = apiFailureOf(error);
      if (failure?.kind === 'revoked') {
        void wipe('This device was removed from your account, so its data has been erased.');
      } else if (failure?.kind === 'country') {
        persist({
          attestation: null,
          attestationExpiresAt: null,
          country: failure.country,
        });
        if (state === 'unlocked') openState();
        reason = failure.message;
        publish();
      }
    },
    handlers,
    locationEvents(listener) {
      locationListeners.add(listener);
      return () => locationListeners.delete(listener);
    },
    async close() {
      if (lockTimer) clearTimeout(lockTimer);
      await opening;
      persist({});
      store?.close();
      store = null;
    },
  };
}

function recoveryText(r: StoreRecovery): string {
  const what =
    r.reason === 'corrupt'
      ? 'The local database was damaged'
      : 'The local database could not be upgraded';
  const kept = r.outboxReadable
    ? `${r.outboxExported} unsent changes were kept and will be sent.`
    : 'Some unsent changes could not be read and may need to be made again.';
  return `${what}, so it was rebuilt and is syncing again. ${kept}`;
}
