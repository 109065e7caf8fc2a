import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionStatus } from '../../../../shared/ipc';
import type { TestServer } from '../../../server/support/harness';
import { startDevice, type TestDevice } from '../../../support/device';
import type { FaultProxy } from '../../../support/fault-proxy';
import { useReferenceServer } from '../../../support/reference-server';
import {
  filesIn,
  laterTotp,
  onServer,
  refusal,
  statusOf,
  unsentReply,
} from './support/session-fixtures';

// Each sign-in and passcode check costs an scrypt of 128 MiB (keys/key-slots.ts): on a busy
// two-core machine a test of several of them needs more than the default 30 s.
const SCRYPT_HEAVY_MS = 180_000;
/**
 * The passcode lock: one guess at a time, however many calls arrive together; and after the
 * last allowed wrong passcode, an online sign-in by the same person that keeps every unsent
 * change — never a wipe.
 */
const reference = useReferenceServer();
let server: TestServer;
let proxy: FaultProxy;
beforeAll(() => {
  server = reference.server();
  proxy = reference.proxy();
});
const devices: TestDevice[] = [];
afterAll(async () => {
  proxy.offline = false;
  for (const d of devices) await d.close().catch(() => undefined);
});
const device = async (dataDir?: string) => {
  const d = await startDevice({ serverUrl: proxy.url, ...(dataDir ? { dataDir } : {}) });
  devices.push(d);
  return d;
};

const settle = (calls: Promise<unknown>[]) =>
  Promise.allSettled(calls).then((results) =>
    results.map((r) => (r.status === 'fulfilled' ? 'unlocked' : String(r.reason))),
  );

describe('unlock', { timeout: SCRYPT_HEAVY_MS }, () => {
  it('takes parallel unlocks one at a time: five guesses, then no more, not even the right one', async () => {
    const d = await device();
    await d.signIn(server.account('Amelia Hart'), 'the right one');
    await d.call('session.lock');
    const wrong = Array.from({ length: 7 }, (_, i) =>
      d.call('session.unlock', { passcode: `guess number ${i}` }),
    );
    const outcomes = await settle([
      ...wrong,
      d.call('session.unlock', { passcode: 'the right one' }),
    ]);
    expect(outcomes.filter((o) => /Wrong passcode/.test(o))).toHaveLength(5);
    expect(outcomes.at(-1)).toMatch(/sign in again online/i);
    const status = await statusOf(d);
    expect(status).toMatchObject({
      state: 'sign-in-needed',
      signInNeeded: { why: 'too-many-passcodes', newPasscodeRequired: true },
      unlockAttemptsLeft: 0,
    });
  });

  it('after the last wrong passcode, an online sign-in with a new passcode keeps the unsent change', async () => {
    const d = await device();
    const amelia = server.account('Amelia Hart');
    await d.signIn(amelia, 'first passcode');
    await d.synced();
    proxy.offline = true; // the reply waits in the outbox
    const { body } = await unsentReply(d);
    await d.call('session.lock');
    for (let attempt = 1; attempt <= 5; attempt++)
      await refusal(d.call('session.unlock', { passcode: `not it ${attempt}` }));
    proxy.offline = false;
    const status = await statusOf(d);
    expect(status).toMatchObject({ state: 'sign-in-needed', unsentChanges: 1 });
    expect(status.reason).toMatch(/Too many wrong passcodes/);
    expect(filesIn(d.dataDir)).toContain('store.db');

    const credentials = { email: amelia.email, password: amelia.password };
    expect(
      await refusal(
        d.call('session.reauthenticate', { ...credentials, totp: await laterTotp(amelia) }),
      ),
    ).toMatch(/new passcode/);
    const back = await d.call<SessionStatus>('session.reauthenticate', {
      ...credentials,
      totp: await laterTotp(amelia),
      newPasscode: 'second passcode',
    });
    expect(back).toMatchObject({ state: 'unlocked', unlockAttemptsLeft: 5 });
    await d.syncNow();
    expect(await onServer(server, body)).toBe(1);
    expect((await statusOf(d)).unsentChanges).toBe(0);

    await d.call('session.lock');
    expect(await refusal(d.call('session.unlock', { passcode: 'first passcode' }))).toMatch(
      /Wrong passcode/,
    );
    expect(
      (await d.call<SessionStatus>('session.unlock', { passcode: 'second passcode' })).state,
    ).toBe('unlocked');
  });

  it('stays owed after a restart, and the sign-in opens the sealed store with the password', async () => {
    const first = await device();
    const tom = server.account('Tom Reeve');
    await first.signIn(tom, 'tom passcode');
    await first.synced();
    proxy.offline = true;
    const { body } = await unsentReply(first);
    await first.call('session.lock');
    for (let attempt = 1; attempt <= 5; attempt++)
      await refusal(first.call('session.unlock', { passcode: `not it ${attempt}` }));
    await first.close({ keepData: true });
    proxy.offline = false;

    const again = await device(first.dataDir);
    expect(await statusOf(again)).toMatchObject({
      state: 'sign-in-needed',
      user: { displayName: 'Tom Reeve' },
      unsentChanges: 1,
    });
    expect(await refusal(again.call('session.unlock', { passcode: 'tom passcode' }))).toMatch(
      /sign in again online/i,
    );
    await again.call('session.reauthenticate', {
      email: tom.email,
      password: tom.password,
      totp: await laterTotp(tom),
      newPasscode: 'new tom passcode',
    });
    expect((await statusOf(again)).state).toBe('unlocked');
    await again.syncNow();
    expect(await onServer(server, body)).toBe(1);
  });
});
