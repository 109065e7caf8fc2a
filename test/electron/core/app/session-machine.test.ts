import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  allowedTransitions,
  createSessionMachine,
  IllegalTransitionError,
  mayTransition,
  type SessionState,
  type SessionStateName,
} from '../../../../electron/core/app/session/machine';
import { sessionConsequenceOf } from '../../../../electron/core/app/session/consequences';
import { inactivityLock } from '../../../../electron/core/app/session/passcode-lock';
import type { ApiFailure } from '../../../../electron/core/api/failure';
import { revokeDevice } from '../../../../server/admin/operations';
import type { SessionStatus } from '../../../../shared/ipc';
import type { TestServer } from '../../../server/support/harness';
import { startDevice, type TestDevice } from '../../../support/device';
import { useReferenceServer } from '../../../support/reference-server';
import { laterTotp, refusal } from './support/session-fixtures';

// Each sign-in and passcode check costs an scrypt of 128 MiB (keys/key-slots.ts): on a busy
// two-core machine a test of several of them needs more than the default 30 s.
const SCRYPT_HEAVY_MS = 180_000;
/** The session as a state machine: the table, the one serialised place that moves it. */
describe('the transition table', () => {
  const names: SessionStateName[] = [
    'starting',
    'signed-out',
    'locked',
    'unlocked',
    'sign-in-needed',
    'closed',
  ];
  // from → the states it may move to (rows of the table in session/machine.ts, spelt out)
  const expected: Record<SessionStateName, SessionStateName[]> = {
    starting: ['signed-out', 'locked', 'sign-in-needed', 'closed'],
    'signed-out': ['signed-out', 'unlocked', 'closed'],
    locked: ['signed-out', 'locked', 'unlocked', 'sign-in-needed', 'closed'],
    unlocked: ['signed-out', 'locked', 'sign-in-needed', 'closed'],
    'sign-in-needed': ['signed-out', 'unlocked', 'sign-in-needed', 'closed'],
    closed: [],
  };
  for (const from of names)
    for (const to of names)
      it(`${from} → ${to}: ${expected[from].includes(to) ? 'allowed' : 'refused'}`, () => {
        expect(mayTransition(from, to)).toBe(expected[from].includes(to));
      });

  it('never unlocks without the passcode or a sign-in, and never erases from a lock', () => {
    expect(allowedTransitions['signed-out']).not.toContain('locked');
    expect(allowedTransitions.starting).not.toContain('unlocked');
  });
});

describe('the machine', () => {
  const state = (name: 'unlocked' | 'closed'): SessionState => ({ name });
  const locked: SessionState = { name: 'locked', reason: 'Locked.', then: 'unlocked' };

  it('runs commands one at a time, in the order they came', async () => {
    const machine = createSessionMachine(() => {});
    const seen: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = machine.serialise(async (t) => {
      seen.push('first starts');
      await gate;
      t(locked);
      seen.push('first ends');
    });
    const second = machine.serialise((t) => {
      seen.push(`second sees ${machine.state.name}`);
      t(state('unlocked'));
    });
    await Promise.resolve();
    release();
    await Promise.all([first, second]);
    expect(seen).toEqual(['first starts', 'first ends', 'second sees locked']);
    expect(machine.state.name).toBe('unlocked');
  });

  it('refuses a move the table does not allow, and keeps going after a failed command', async () => {
    const moves: string[] = [];
    const machine = createSessionMachine((next, previous) =>
      moves.push(`${previous.name}→${next.name}`),
    );
    await expect(machine.serialise((t) => t(state('unlocked')))).rejects.toThrow(
      IllegalTransitionError,
    );
    await machine.serialise((t) => t(locked));
    await machine.serialise((t) => t(state('closed')));
    await expect(machine.serialise((t) => t(locked))).rejects.toThrow(/closed to locked/);
    expect(moves).toEqual(['starting→locked', 'locked→closed']);
  });

  it('lets no command change the state after it has finished', async () => {
    const machine = createSessionMachine(() => {});
    let kept: ((next: SessionState) => void) | null = null;
    await machine.serialise((t) => {
      kept = t;
    });
    expect(() => kept?.(locked)).toThrow(/finished command/);
    expect(machine.state.name).toBe('starting');
  });
});

describe('what a failed call means for the session', () => {
  const cases: [ApiFailure, ReturnType<typeof sessionConsequenceOf>['kind'], string?][] = [
    [{ kind: 'revoked', reason: 'device', message: 'm' }, 'erase'],
    [{ kind: 'revoked', reason: 'account-deleted', message: 'm' }, 'erase'],
    [
      { kind: 'reauthenticate', code: 'REFRESH_TOKEN_REUSED', message: 'm' },
      'sign-in-needed',
      'session-ended',
    ],
    [
      { kind: 'reauthenticate', code: 'REFRESH_TOKEN_INVALID', message: 'm' },
      'sign-in-needed',
      'session-ended',
    ],
    [
      { kind: 'reauthenticate', code: 'REFRESH_TOKEN_EXPIRED', message: 'm' },
      'sign-in-needed',
      'session-expired',
    ],
    [
      { kind: 'reauthenticate', code: 'ACCOUNT_DISABLED', message: 'm' },
      'sign-in-needed',
      'account-disabled',
    ],
    [{ kind: 'country', country: 'FR', message: 'm' }, 'country-refused'],
    [{ kind: 'network', message: 'm' }, 'none'],
    [{ kind: 'unavailable', status: 503, message: 'm', retryAfterMs: null }, 'none'],
    [{ kind: 'malformed', status: 200, message: 'm' }, 'none'],
    [{ kind: 'rate-limited', message: 'm', retryAfterMs: 1000 }, 'none'],
    [{ kind: 'token-expired', code: 'TOKEN_EXPIRED', message: 'm' }, 'none'],
    [{ kind: 'refused', status: 403, code: 'FORBIDDEN', message: 'm', fieldErrors: null }, 'none'],
    [{ kind: 'signed-out', message: 'm' }, 'none'],
  ];
  for (const [failure, kind, why] of cases)
    it(`${failure.kind}${'code' in failure ? ` ${failure.code}` : ''} → ${kind}${why ? ` (${why})` : ''}`, () => {
      const consequence = sessionConsequenceOf(failure);
      expect(consequence.kind).toBe(kind);
      if (why) expect(consequence).toMatchObject({ why });
    });
});

describe('the inactivity lock', () => {
  afterEach(() => vi.useRealTimers());

  it('fires after the delay without activity, and activity starts the delay again', () => {
    vi.useFakeTimers();
    const fired: number[] = [];
    const lock = inactivityLock((minutes) => fired.push(minutes));
    lock.arm(5);
    vi.advanceTimersByTime(4 * 60_000);
    lock.arm(5); // activity
    vi.advanceTimersByTime(4 * 60_000);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(60_000);
    expect(fired).toEqual([5]);
    expect(lock.armed()).toBe(false);
    lock.arm(1);
    lock.disarm();
    vi.advanceTimersByTime(10 * 60_000);
    expect(fired).toEqual([5]);
  });
});

describe('a device through its states', { timeout: SCRYPT_HEAVY_MS }, () => {
  const reference = useReferenceServer();
  let server: TestServer;
  let d: TestDevice;
  const shift = { ms: 0 };
  beforeAll(async () => {
    server = reference.server();
    d = await startDevice({ serverUrl: server.url, now: () => Date.now() + shift.ms });
  });
  afterAll(() => d.close());
  afterEach(() => vi.useRealTimers());

  const state = async () => (await d.call<SessionStatus>('session.status')).state;
  const rhys = () => server.account('Rhys Ellis');
  const expireAccessToken = () => void (shift.ms += 11 * 60_000);

  // [what happens, the state after it]
  const path: [string, () => Promise<unknown>, SessionStatus['state']][] = [
    [
      'unlock while signed out is refused',
      () => refusal(d.call('session.unlock', { passcode: 'whatever one' })),
      'signed-out',
    ],
    ['sign in', () => d.signIn(rhys(), 'rhys passcode'), 'unlocked'],
    ['lock', () => d.call('session.lock'), 'locked'],
    [
      'a wrong passcode',
      () => refusal(d.call('session.unlock', { passcode: 'not the one' })),
      'locked',
    ],
    [
      'the right passcode',
      () => d.call('session.unlock', { passcode: 'rhys passcode' }),
      'unlocked',
    ],
    [
      'five minutes without activity',
      async () => {
        vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
        await d.call('session.touch'); // armed on the fake clock
        await vi.advanceTimersByTimeAsync(4 * 60_000);
        expect(await state()).toBe('unlocked');
        await d.call('session.touch');
        await vi.advanceTimersByTimeAsync(4 * 60_000);
        expect(await state()).toBe('unlocked');
        await vi.advanceTimersByTimeAsync(60_000);
        vi.useRealTimers();
      },
      'locked',
    ],
    [
      'the right passcode again',
      () => d.call('session.unlock', { passcode: 'rhys passcode' }),
      'unlocked',
    ],
    [
      'the service refuses the refresh token',
      async () => {
        await server.db.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE device_id = $1`, [
          d.deviceId(),
        ]);
        expireAccessToken();
        await d.syncNow();
      },
      'sign-in-needed',
    ],
    [
      'unlock is no way round it',
      () => refusal(d.call('session.unlock', { passcode: 'rhys passcode' })),
      'sign-in-needed',
    ],
    [
      'the same person signs in again',
      async () => {
        const account = rhys();
        await d.call('session.reauthenticate', {
          email: account.email,
          password: account.password,
          totp: await laterTotp(account),
        });
      },
      'unlocked',
    ],
    [
      'the device is revoked',
      async () => {
        await revokeDevice(server.db, d.deviceId());
        expireAccessToken();
        await d.syncNow();
      },
      'signed-out',
    ],
  ];
  it('follows the table, step by step', async () => {
    for (const [what, act, after] of path) {
      await act();
      expect(await state(), what).toBe(after);
    }
  });
});
