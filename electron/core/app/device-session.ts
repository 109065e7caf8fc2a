import { randomUUID } from 'node:crypto';
import type { PullResponse } from '../../../shared/api';
import { RefusedError } from '../../../shared/ipc';
import { apiFailureOf } from '../api/failure';
import * as commands from './session/commands';
import { sessionConsequenceOf } from './session/consequences';
import { afterCountryRefusal } from './location-rule';
import { demoHandlers } from './session/demo';
import { createSessionKernel, type DeviceSessionOptions, locked } from './session/kernel';
import type { SessionPort } from './session-port';

export type { DeviceSessionOptions } from './session/kernel';

/** Lived time moves on (and is kept) while the app runs, not only when someone looks. */
const CLOCK_TICK_MS = 60_000;

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

  const ticking = setInterval(() => {
    clock.now();
    if (!facts.session || !k.store() || machine.state.name === 'closed') return;
    try {
      k.persist({});
    } catch (error) {
      (options.onError ?? console.error)(error);
    }
  }, CLOCK_TICK_MS);
  ticking.unref?.();

  const handlers: SessionPort['handlers'] = {
    session: {
      status: async () => {
        await started.catch(() => undefined);
        return k.status();
      },
      ...demoHandlers({ demo: options.demo, serverUrl: options.defaultServerUrl, clock }),
      signIn: commands.signIn(k),
      unlock: commands.unlock(k),
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
      status: () => k.location(),
      declareWorkAbroad: (declaration) => {
        const open = k.store();
        if (!open || machine.state.name !== 'unlocked')
          throw new RefusedError('Unlock the app first.');
        const declarationId = randomUUID();
        open.applyInTransaction(() =>
          open.outbox.enqueue({
            mutationId: randomUUID(),
            kind: 'workAbroad.declare',
            payload: { declarationId, ...declaration },
            createdAt: clock.now().toISOString(),
          }),
        );
        return { declarationId };
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
      const failure = apiFailureOf(error);
      if (!failure) return;
      const consequence = sessionConsequenceOf(failure);
      k.background((t) => {
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
      });
    },
    handlers,
    locationEvents(listener) {
      k.locationListeners.add(listener);
      return () => k.locationListeners.delete(listener);
    },
    close: () =>
      machine.serialise((t) => {
        clearInterval(ticking);
        if (machine.state.name === 'closed') return;
        if (facts.session && k.store()) k.persist({});
        if (facts.lock) k.saveLock({});
        facts.vault?.close();
        facts.vault = null;
        t({ name: 'closed' });
      }),
  };
}
