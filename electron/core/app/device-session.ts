import { randomUUID } from 'node:crypto';
import type { PullResponse } from '../../../shared/api';
import { type LocationCheck, RefusedError } from '../../../shared/ipc';
import { apiFailureOf } from '../api/failure';
import * as commands from './session/commands';
import { sessionConsequenceOf } from './session/consequences';
import { afterCountryRefusal } from './location-rule';
import { readClocks, sleptBetween } from './sleep-watch';
import { cancelTrip, listTrips, planWorkingTrip, tripReadiness } from './work-abroad';
import { demoHandlers } from './session/demo';
import { createSessionKernel, type DeviceSessionOptions, locked } from './session/kernel';
import type { Transition } from './session/machine';
import type { SessionPort } from './session-port';

export type { DeviceSessionOptions } from './session/kernel';

/** Lived time moves on (and is kept) while the app runs, not only when someone looks. */
const CLOCK_TICK_MS = 60_000;
/** How often the device's time zone is read again (no platform event says it changed). */
const ZONE_POLL_MS = 60_000;

/**
 * The signed-in person on this device: online sign-in (password + TOTP, device key
 * registered), tokens renewed without user action, the offline lease, the passcode lock, the
 * approved-country rule, audit, and the end of access. The session is a state machine
 * (session/machine.ts); every change of state is one of its serialised commands
 * (session/commands.ts) over the facts in session/kernel.ts. This file wires them to the
 * SessionPort the core and the IPC contract use.
 */
export function createDeviceSession(options: DeviceSessionOptions): SessionPort {
  const k = createSessionKernel(options);
  const { machine, facts, clock } = k;
  const started = commands.start(k);

  let lastTick = readClocks();
  const ticking = setInterval(() => {
    clock.now();
    const tick = readClocks();
    const woke = sleptBetween(lastTick, tick);
    lastTick = tick;
    if (!facts.session || !k.store() || machine.state.name === 'closed') return;
    try {
      k.persist({});
      // The attestation may have run out, or the clock been wound back, while nobody asked.
      if (machine.state.name === 'unlocked') k.publishIfLocationChanged();
      // Back from sleep (where nothing locked the app on suspend): ask the service again.
      if (woke && machine.state.name === 'unlocked') recheckWithService();
    } catch (error) {
      (options.onError ?? console.error)(error);
    }
  }, CLOCK_TICK_MS);
  ticking.unref?.();

  // No platform event tells the core the time zone moved: read it every minute. A new zone
  // decides the rule again at once (patient data closes if the zone no longer fits).
  const zoneWatch = setInterval(() => {
    try {
      if (!k.rereadZone()) return;
      if (machine.state.name === 'unlocked') k.publishIfLocationChanged();
    } catch (error) {
      (options.onError ?? console.error)(error);
    }
  }, options.zonePollMs ?? ZONE_POLL_MS);
  zoneWatch.unref?.();

  /** What a failed call means for the session (sync and "Check again" alike). */
  const applyFailure = (t: Transition, error: unknown): void => {
    const failure = apiFailureOf(error);
    if (!failure) return;
    const consequence = sessionConsequenceOf(failure);
    const name = machine.state.name;
    if (name === 'signed-out' || name === 'closed' || name === 'starting') return;
    switch (consequence.kind) {
      case 'erase':
        return k.wipe(t, consequence.message);
      case 'sign-in-needed':
        return k.needSignIn(t, consequence.why);
      case 'country-refused':
        k.persist(afterCountryRefusal(consequence.country));
        facts.countryRefusal = consequence.message;
        return k.publish();
      case 'none':
        return;
    }
  };

  /**
   * "Check again now": one authorised call the country gate applies to (`/me`). Its answer
   * carries the service's time (the clock) and a fresh attestation, or a refusal naming the
   * country; either is taken in the session's queue, then the rule is decided and published.
   */
  const checkAgain = async (): Promise<LocationCheck> => {
    if (!facts.session || !k.store() || machine.state.name !== 'unlocked')
      throw new RefusedError('Unlock the app first.');
    let serviceReached = true;
    let message: string | null = null;
    try {
      await k.authorised.call('me', { query: {} });
    } catch (error) {
      const failure = apiFailureOf(error);
      if (!failure) throw error;
      await machine.serialise((t) => applyFailure(t, error));
      if (failure.kind !== 'country') {
        serviceReached = false;
        message =
          failure.kind === 'network'
            ? 'Could not reach the service: this computer seems to be offline.'
            : `Could not reach the service: ${failure.message}`;
      }
    }
    // The attestation the answer brought is taken in the queue: wait for it, then tell.
    await machine.serialise(() => undefined);
    k.publish();
    return {
      location: k.location(),
      serviceReached,
      checkedAt: clock.now().toISOString(),
      message,
    };
  };

  const unlock = commands.unlock(k);
  /** "Check again" nobody pressed (unlock, waking from sleep): its answer is published. */
  const recheckWithService = (): void => {
    checkAgain().catch((error: unknown) => {
      if (!(error instanceof RefusedError)) (options.onError ?? console.error)(error);
    });
  };

  const handlers: SessionPort['handlers'] = {
    session: {
      status: async () => {
        await started.catch(() => undefined);
        return k.status();
      },
      ...demoHandlers({ demo: options.demo, serverUrl: options.defaultServerUrl, clock }),
      signIn: commands.signIn(k),
      // Unlocked: the rule is decided again with the service (when it can be reached), so a
      // clock put right or a fresh attestation opens the data without "Check again".
      unlock: async (request) => {
        const status = await unlock(request);
        if (machine.state.name === 'unlocked') recheckWithService();
        return status;
      },
      reauthenticate: commands.reauthenticate(k),
      lock: () =>
        machine.serialise((t) => {
          if (machine.state.name === 'unlocked') t(locked('Locked.'));
          return k.status();
        }),
      touch: async () => {
        k.touched();
        return { ok: true as const };
      },
      setLockAfter: ({ minutes }) =>
        machine.serialise(() => {
          if (!facts.session) throw new RefusedError('Sign in first.');
          k.persist({ lockAfterMinutes: minutes });
          k.touched();
          k.publish();
          return k.status();
        }),
      signOut: commands.signOut(k),
      dismissRecovery: async () => {
        facts.recovery = null;
        k.publish();
        return k.status();
      },
    },
    location: {
      status: () => {
        // Whoever reads the decision and finds it moved (the clock, an expiry) tells the screen.
        if (machine.state.name === 'unlocked') k.publishIfLocationChanged();
        return k.location();
      },
      checkAgain: () => checkAgain(),
      declareWorkAbroad: (plan) => {
        const open = k.store();
        if (!open || !facts.session || machine.state.name !== 'unlocked')
          throw new RefusedError('Unlock the app first.');
        return planWorkingTrip(open, { userId: facts.session.user.id, now: clock.now() }, plan);
      },
      cancelTrip: ({ declarationId }) => {
        const open = k.store();
        if (!open || !facts.session || machine.state.name !== 'unlocked')
          throw new RefusedError('Unlock the app first.');
        cancelTrip(open, { userId: facts.session.user.id, now: clock.now() }, declarationId);
        return { ok: true as const };
      },
      // Names patients: only while patient data is open.
      readiness: () => {
        const open = k.store();
        if (!open || !facts.session || machine.state.name !== 'unlocked')
          throw new RefusedError('Unlock the app first.');
        if (k.location().state !== 'ok')
          throw new RefusedError('Patient data is closed until the location check passes.');
        return tripReadiness(open, facts.session.user.id);
      },
      // The therapist's own plans, no patient in them: readable on the location screen too.
      trips: () => {
        const open = k.store();
        if (!open || !facts.session || machine.state.name !== 'unlocked')
          throw new RefusedError('Unlock the app first.');
        return listTrips(open, facts.session.user.id, clock.now());
      },
    },
  };

  return {
    status: k.status,
    onChange(listener) {
      k.listeners.add(listener);
      return () => k.listeners.delete(listener);
    },
    store: k.store,
    api: () => {
      // Sync goes on while locked; not while a sign-in is owed, nor before the store opens.
      const name = machine.state.name;
      return facts.session && k.store() && (name === 'unlocked' || name === 'locked')
        ? {
            pull: (query) => k.authorised.call('pull', { query }) as Promise<PullResponse>,
            push: (request) => k.authorised.call('push', { body: request }),
            checksums: (lane) => k.authorised.call('checksums', { query: { lane } }),
          }
        : null;
    },
    deviceId: () => facts.session?.deviceId ?? null,
    clock,
    patientDataOpen: () => machine.state.name === 'unlocked' && k.location().state === 'ok',
    audit(action, patientId, entityId) {
      k.store()?.audit.record({
        eventId: randomUUID(),
        action,
        patientId,
        entityId,
        occurredAt: clock.now().toISOString(),
        country: facts.session?.country ?? null,
      });
    },
    syncStopped(error) {
      k.background((t) => applyFailure(t, error));
    },
    handlers,
    locationEvents(listener) {
      k.locationListeners.add(listener);
      return () => k.locationListeners.delete(listener);
    },
    close: () =>
      machine.serialise((t) => {
        clearInterval(ticking);
        clearInterval(zoneWatch);
        if (machine.state.name === 'closed') return;
        if (facts.session && k.store()) k.persist({});
        if (facts.lock) k.saveLock({});
        facts.vault?.close();
        facts.vault = null;
        t({ name: 'closed' });
      }),
  };
}
