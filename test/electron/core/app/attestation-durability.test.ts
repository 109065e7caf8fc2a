import { afterAll, describe, expect, it } from 'vitest';
import type { Durability } from '../../../../electron/core/store';
import { startDevice, type TestDevice } from '../../../support/device';
import { useReferenceServer } from '../../../support/reference-server';

/**
 * Every answer of the service brings a fresh location attestation, and the device keeps the
 * newest. Kept as a flushed commit each time, it cost a new device's first sync a third of its
 * time (each one also folded into the database the WAL the download's pages had left: npm run
 * bench's profile). The service sends another with its next answer, so it is kept as a page
 * of a first download is (Store.applyInTransaction 'refetchable'): a power cut can lose only
 * the newest, and the one before it, which expires sooner, stands until the next answer.
 */
const reference = useReferenceServer();
let device: TestDevice | null = null;
afterAll(async () => {
  await device?.close();
});

describe('a location attestation taken from an answer', { timeout: 180_000 }, () => {
  it('is kept in a refetchable commit, never a flushed one', async () => {
    device = await startDevice({ serverUrl: reference.server().url });
    await device.signIn(reference.server().account('Priya Nair'));
    await device.call('sync.now', {});
    const store = device.store();
    if (!store) throw new Error('no open store after sign-in');

    const attestationOf = (): unknown =>
      (store.settings.get('session') as { attestation?: unknown } | undefined)?.attestation;
    const kept: (Durability | undefined)[] = [];
    let depth = 0;
    const apply = store.applyInTransaction.bind(store);
    store.applyInTransaction = ((fn: () => unknown, durability?: Durability) => {
      const before = attestationOf();
      depth += 1;
      try {
        return apply(fn, durability);
      } finally {
        depth -= 1;
        if (attestationOf() !== before) kept.push(durability);
      }
    }) as typeof store.applyInTransaction;
    const settingsSet = store.settings.set.bind(store.settings);
    let outside = 0;
    store.settings.set = (key, value, at) => {
      settingsSet(key, value, at);
      // A write of the session outside any transaction is a flushed commit of its own.
      if (key === 'session' && depth === 0) outside += 1;
    };

    // Attestations are signed to the second: the next round's answers bring new ones.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await device.call('sync.now', {});
    await device.call('sync.now', {});

    expect(outside).toBe(0);
    expect(kept.length).toBeGreaterThan(0);
    expect(new Set(kept)).toEqual(new Set(['refetchable']));
  });
});
