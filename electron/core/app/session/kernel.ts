import type { SessionGrant } from '../../../../shared/api';
import type { LocationStatus, SessionStatus, SignInNeededWhy } from '../../../../shared/ipc';
import { createHttpApi, type HttpApi } from '../../api/http-api';
import { createServerClock, type ServerClock } from '../../clock';
import { type KeyStore, wipeDeviceData } from '../../keys';
import type { Durability, Store, StoreRecovery } from '../../store';
import { approvedCountriesOf } from '../approved-countries';
import { recordLocationDecision } from '../location-audit';
import { afterAttestation, locationNow, sameDecision } from '../location-rule';
import { signInNeededText } from './consequences';
import { type LockState, writeLockState } from './lock-state';
import {
  createSessionMachine,
  type SessionMachine,
  type SessionState,
  type Transition,
} from './machine';
import { inactivityLock } from './passcode-lock';
import { loadSession, type PersistedSession, saveSession } from './persisted-session';
import { sessionStatusOf } from './status';
import { countUnsentWork } from './unsent-work';
import { type AuthorisedApi, authorisedApi } from './tokens';
import type { DeviceVault } from './vault';

export interface DeviceSessionOptions {
  readonly dataDir: string;
  readonly keyStore: KeyStore;
  readonly defaultServerUrl: string;
  readonly demo: boolean;
  readonly nativeBinding?: string;
  readonly localAddress?: string;
  /** Device clock (tests move it); the server-corrected clock is built on it. */
  readonly now?: () => number;
  /**
   * The device's IANA time zone, part of the location rule. A function is read again at each
   * zone poll (tests move it); absent: the zone the runtime reports, read again at each poll.
   */
  readonly deviceZone?: string | (() => string);
  /** How often the zone is read again (default every minute; tests shorten it). */
  readonly zonePollMs?: number;
  /** Where a failure nobody awaits is reported (a bug of ours, never a user's error). */
  readonly onError?: (error: unknown) => void;
}

/**
 * What the session's commands keep. Read anywhere; changed only inside serialised commands
 * (the one exception: the authorised API saves renewed tokens as it gets them).
 */
export interface SessionFacts {
  vault: DeviceVault | null;
  session: PersistedSession | null;
  lock: LockState | null;
  recovery: StoreRecovery | null;
  /** The service's own words when it refused this country; cleared by a good attestation. */
  countryRefusal: string | null;
  changedAt: string;
}

/** The session's parts the commands (commands.ts) and the composition share. */
export interface SessionKernel {
  readonly options: DeviceSessionOptions;
  readonly machine: SessionMachine;
  readonly facts: SessionFacts;
  readonly clock: ServerClock;
  readonly authorised: AuthorisedApi;
  readonly listeners: Set<(status: SessionStatus) => void>;
  readonly locationListeners: Set<(status: LocationStatus) => void>;
  store(): Store | null;
  location(): LocationStatus;
  status(): SessionStatus;
  publish(): void;
  unsentChanges(): number | null;
  /** A command nobody awaits (a timer, the sync engine): its failure is reported. */
  background(command: (t: Transition) => Promise<void> | void): void;
  /** Re-arm the inactivity lock (activity, or a new delay). */
  touched(): void;
  /**
   * Persist the session (new tokens before they are used): throws when it cannot.
   * 'refetchable' only for what the service sends again with its next answer (a location
   * attestation and the clock facts read with it): see Store.applyInTransaction.
   */
  persist(patch: Partial<PersistedSession>, durability?: Durability): void;
  saveLock(patch: Partial<Omit<LockState, 'version'>>): void;
  /** The store just opened: take the session it holds and what the clock lived through. */
  adoptStoredSession(): boolean;
  takeAttestation(jws: string): Promise<void>;
  /** Tell the screen if the location decision is not the one it was last told. */
  publishIfLocationChanged(): void;
  /** Read the device's time zone again; true when it changed (the rule must be decided again). */
  rereadZone(): boolean;
  http(baseUrl: string): HttpApi;
  /** Erase everything this device holds (revocation, account deleted, sign-out). */
  wipe(t: Transition, reason: string): void;
  needSignIn(t: Transition, why: SignInNeededWhy): void;
}

export function createSessionKernel(options: DeviceSessionOptions): SessionKernel {
  const deviceNow = options.now ?? Date.now;
  const clock = createServerClock(deviceNow);
  const { deviceZone } = options;
  const readZone =
    typeof deviceZone === 'function'
      ? deviceZone
      : deviceZone !== undefined
        ? () => deviceZone
        : () => Intl.DateTimeFormat().resolvedOptions().timeZone;
  let zone = readZone();
  const onError = options.onError ?? ((error: unknown) => console.error('[session]', error));
  const facts: SessionFacts = {
    vault: null,
    session: null,
    lock: null,
    recovery: null,
    countryRefusal: null,
    changedAt: new Date(deviceNow()).toISOString(),
  };
  const listeners = new Set<(status: SessionStatus) => void>();
  const locationListeners = new Set<(status: LocationStatus) => void>();
  const iso = () => clock.now().toISOString();

  const store = (): Store | null => facts.vault?.store() ?? null;
  const location = (): LocationStatus =>
    locationNow(facts.session, {
      approvedCountries: approvedCountriesOf(
        store(),
        facts.session?.user.id ?? null,
        facts.session?.country ?? null,
      ),
      deviceZone: zone,
      clock,
    });
  const unsentChanges = (): number | null => {
    const open = store();
    return open ? countUnsentWork(open) : (facts.lock?.unsentChanges ?? null);
  };
  const status = (): SessionStatus =>
    sessionStatusOf({
      state: machine.state,
      session: facts.session,
      lock: facts.lock,
      location: location(),
      countryRefusal: facts.countryRefusal,
      keyProtection: facts.vault?.protection ?? null,
      unsentChanges: unsentChanges(),
      recovery: facts.recovery,
      serverUrl: options.defaultServerUrl,
      demo: options.demo,
      changedAt: facts.changedAt,
    });
  let published: LocationStatus | null = null;
  /**
   * Each location decision the device makes (allowed or locked, why) is an audit event for
   * the service, recorded when it differs from the last one recorded (offline too).
   */
  let recorded: LocationStatus | null = null;
  const recordDecision = (where: LocationStatus): void => {
    const open = store();
    if (!open || !facts.session || where.state === 'unknown') return;
    if (recorded && sameDecision(where, recorded)) return;
    try {
      recordLocationDecision(open, where, {
        attestation: facts.session.attestation,
        at: clock.now(),
      });
      recorded = where;
    } catch (error) {
      onError(error);
    }
  };
  const publish = (): void => {
    facts.changedAt = new Date(deviceNow()).toISOString();
    const current = status();
    for (const l of listeners) l(current);
    const where = location();
    published = where;
    recordDecision(where);
    for (const l of locationListeners) l(where);
  };
  /**
   * The location decision moves without a command: an answer corrects the clock, the
   * attestation runs out, the clock is wound back. Whoever notices calls this; the screen is
   * told when the decision differs from the one it was last told.
   */
  const publishIfLocationChanged = (): void => {
    if (!published || !sameDecision(location(), published)) publish();
  };

  const inactivity = inactivityLock((minutes) =>
    background((t) => {
      if (machine.state.name === 'unlocked')
        t(locked(`Locked after ${minutes} minutes without activity.`));
    }),
  );
  const machine = createSessionMachine((next) => {
    if (next.name === 'unlocked') inactivity.arm(facts.session?.lockAfterMinutes ?? 5);
    else inactivity.disarm();
    if (next.name === 'locked') saveLock({}); // what is unsent, counted while we can
    publish();
  });
  const background = (command: (t: Transition) => Promise<void> | void): void =>
    void machine.serialise(command).catch(onError);

  const persist = (patch: Partial<PersistedSession>, durability: Durability = 'durable'): void => {
    const open = store();
    if (!facts.session || !open) throw new Error('The session cannot be saved: no open store.');
    const c = clock.snapshot();
    facts.session = {
      ...facts.session,
      ...patch,
      clockOffsetMs: c.offsetMs,
      lastServerTime: c.lastServerTime,
      livedMs: c.livedMs,
      lastDeviceMs: c.lastDeviceMs,
      ...(c.highestDeviceMs !== undefined ? { highestDeviceMs: c.highestDeviceMs } : {}),
    };
    const session = facts.session;
    open.applyInTransaction(() => saveSession(open, session, iso()), durability);
  };
  const saveLock = (patch: Partial<Omit<LockState, 'version'>>): void => {
    const owner = facts.session?.user ?? facts.lock?.owner ?? null;
    facts.lock = {
      version: 1,
      owner: owner && {
        id: owner.id,
        email: owner.email,
        displayName: owner.displayName,
        role: owner.role,
      },
      failedUnlocks: facts.lock?.failedUnlocks ?? 0,
      signInNeeded: facts.lock?.signInNeeded ?? null,
      unsentChanges: unsentChanges() ?? 0,
      ...patch,
    };
    writeLockState(options.dataDir, facts.lock);
  };

  const adoptStoredSession = (): boolean => {
    const open = store();
    facts.session = open ? loadSession(open) : null;
    facts.recovery = facts.vault?.recovery ?? null;
    if (!facts.session) return false;
    const s = facts.session;
    clock.restore({
      offsetMs: s.clockOffsetMs,
      lastServerTime: s.lastServerTime,
      livedMs: s.livedMs ?? deviceNow(),
      lastDeviceMs: s.lastDeviceMs ?? deviceNow(),
      ...(s.highestDeviceMs !== undefined ? { highestDeviceMs: s.highestDeviceMs } : {}),
    });
    if (!facts.lock) saveLock({ failedUnlocks: s.failedUnlocks ?? 0 });
    return true;
  };

  const http = (baseUrl: string): HttpApi =>
    createHttpApi({
      baseUrl,
      clock,
      ...(options.localAddress ? { localAddress: options.localAddress } : {}),
      onAttestation: (jws) => background(() => takeAttestation(jws)),
    });
  const authorised = authorisedApi({
    api: () => http(facts.session?.serverUrl ?? options.defaultServerUrl),
    tokens: () => facts.session?.tokens ?? null,
    save: (grant) => persist(fromGrant(grant)),
    now: () => clock.now().getTime(),
  });

  const takeAttestation = async (jws: string): Promise<void> => {
    const s = facts.session;
    if (!s || !store()) return;
    const next = await afterAttestation(
      s,
      jws,
      { jwks: s.jwks, userId: s.user.id, deviceId: s.deviceId },
      clock,
    );
    if (!next.taken || facts.session?.deviceId !== s.deviceId) return;
    // Every answer of the service brings one: each a flushed commit (and, during a first
    // download, a fold of the WAL the pages left) was a third of a new device's first sync.
    // A power cut can lose only this one; the device then holds the one before, which
    // expires sooner, until the next answer brings another.
    persist(next.held, 'refetchable');
    facts.countryRefusal = null;
    // Against what the screen was last told: the response that brought the attestation may
    // already have corrected the clock and changed the decision by itself.
    publishIfLocationChanged();
  };

  const wipe = (t: Transition, reason: string): void => {
    recorded = null;
    facts.vault?.close();
    facts.vault = null;
    facts.session = null;
    facts.lock = null;
    facts.recovery = null;
    facts.countryRefusal = null;
    wipeDeviceData(options.dataDir);
    t({ name: 'signed-out', reason });
  };
  const needSignIn = (t: Transition, why: SignInNeededWhy): void => {
    saveLock({ signInNeeded: why });
    t({ name: 'sign-in-needed', why, reason: signInNeededText[why] });
  };

  return {
    options,
    machine,
    facts,
    clock,
    authorised,
    listeners,
    locationListeners,
    store,
    location,
    status,
    publish,
    unsentChanges,
    background,
    touched: () => {
      if (machine.state.name === 'unlocked') inactivity.arm(facts.session?.lockAfterMinutes ?? 5);
    },
    persist,
    saveLock,
    adoptStoredSession,
    takeAttestation,
    publishIfLocationChanged,
    rereadZone: () => {
      const now = readZone();
      if (now === zone) return false;
      zone = now;
      return true;
    },
    http,
    wipe,
    needSignIn,
  };
}

export const locked = (reason: string): SessionState => ({
  name: 'locked',
  reason,
  then: 'unlocked',
});

export const fromGrant = (g: SessionGrant) => ({
  user: g.user,
  deviceId: g.deviceId,
  tokens: g.tokens,
  offlineLease: g.offlineLease,
  offlineLeaseExpiresAt: g.offlineLeaseExpiresAt,
});
