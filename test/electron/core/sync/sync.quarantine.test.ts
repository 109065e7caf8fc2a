import { beforeAll, describe, expect, it } from 'vitest';
import { HOLD_BACK_AFTER_SERVER_FAILURES } from '../../../../electron/core/store/outbox-policy';
import type { TestServer } from '../../../server/support/harness';
import type { FaultProxy } from '../../../support/fault-proxy';
import { useReferenceServer } from '../../../support/reference-server';
import { caseloadPatients, countRows, signedInDevice, syncStatus, thread } from './support';

/**
 * One change the service keeps failing on must not hold up the ones behind it: after
 * HOLD_BACK_AFTER_SERVER_FAILURES failures of it alone — and only once the next change has
 * gone through without it — it is held back, visibly, for the person to retry or discard.
 * Failures of the whole service never set anything aside.
 */
const reference = useReferenceServer();
let server: TestServer;
let proxy: FaultProxy;
beforeAll(() => {
  server = reference.server();
  proxy = reference.proxy();
});

let poisoned = '';
/** The service fails (our INTERNAL 500) on every push that carries this test's poisoned reply. */
const failOnPoisoned = (name: string) => {
  poisoned = `This reply trips a defect on the server (${name}).`;
  const text = poisoned;
  proxy.inject('/sync/push', { kind: 'server-error' }, { when: (body) => body.includes(text) });
};

describe('a change the service keeps failing on', () => {
  it('is held back so the changes behind it go through, and waits for the person', async () => {
    const device = await signedInDevice(server, proxy.url);
    try {
      const [first, second] = await caseloadPatients(device, 2);
      if (!first || !second) throw new Error('caseload too small');
      failOnPoisoned('retried');
      await device.call('messages.reply', { patientId: first, body: poisoned });
      const behind = ['Sent after the poisoned one.', 'And this one too.'];
      await device.call('messages.reply', { patientId: second, body: behind[0] });
      await device.call('messages.reply', { patientId: first, body: behind[1] });

      for (let round = 0; round <= HOLD_BACK_AFTER_SERVER_FAILURES; round += 1)
        await device.syncNow();

      for (const body of behind)
        expect(await countRows(server, 'messages', 'body = $1', [body])).toBe(1);
      expect(await countRows(server, 'messages', 'body = $1', [poisoned])).toBe(0);
      const status = await syncStatus(device);
      expect(status.heldBack).toHaveLength(1);
      expect(status.heldBack[0]?.reason).toMatch(/failed on this change/);
      expect(status.rejected).toEqual([]);
      expect(status.pendingChanges).toBe(0);
      // Held back is not refused: the reply still reads as waiting to be sent.
      const mine = (await thread(device, first)).find((m) => m.body === poisoned);
      expect(mine?.syncState).toBe('pending');

      // Readable in full, and retried on the person's word once the defect is fixed.
      const seq = status.heldBack[0]?.seq ?? 0;
      const full = await device.call<{ text: { value: string }; state: string }>('sync.change', {
        seq,
      });
      expect(full).toMatchObject({ state: 'held-back', text: { value: poisoned } });
      proxy.heal();
      await device.call('sync.retryHeldBack', { seq });
      await device.syncNow();
      expect(await countRows(server, 'messages', 'body = $1', [poisoned])).toBe(1);
      const after = await syncStatus(device);
      expect(after.heldBack).toEqual([]);
      expect(after.pendingChanges).toBe(0);
    } finally {
      proxy.heal();
      await device.close();
    }
  });

  it('can be discarded by the person, and is then never sent', async () => {
    const device = await signedInDevice(server, proxy.url);
    try {
      const [patientId, other] = await caseloadPatients(device, 2);
      if (!patientId || !other) throw new Error('caseload too small');
      failOnPoisoned('discarded');
      await device.call('messages.reply', { patientId, body: poisoned });
      await device.call('messages.reply', { patientId: other, body: 'The one behind it.' });
      for (let round = 0; round <= HOLD_BACK_AFTER_SERVER_FAILURES; round += 1)
        await device.syncNow();
      const [held] = (await syncStatus(device)).heldBack;
      if (!held) throw new Error('nothing held back');
      await device.call('sync.discardHeldBack', { seq: held.seq });
      proxy.heal();
      await device.syncNow();
      expect(await countRows(server, 'messages', 'body = $1', [poisoned])).toBe(0);
      expect((await thread(device, patientId)).map((m) => m.body)).not.toContain(poisoned);
      expect((await syncStatus(device)).heldBack).toEqual([]);
    } finally {
      proxy.heal();
      await device.close();
    }
  });
});

describe('the whole service failing', () => {
  it('sets nothing aside, however long it lasts, and then delivers everything once', async () => {
    const device = await signedInDevice(server, proxy.url);
    try {
      const [patientId] = await caseloadPatients(device);
      if (!patientId) throw new Error('empty caseload');
      proxy.inject('/sync/push', { kind: 'server-error' });
      const bodies = ['Outage: first.', 'Outage: second.', 'Outage: third.'];
      for (const body of bodies) await device.call('messages.reply', { patientId, body });
      for (let round = 0; round < 3 * HOLD_BACK_AFTER_SERVER_FAILURES; round += 1)
        await device.syncNow();
      const during = await syncStatus(device);
      expect(during.heldBack).toEqual([]);
      expect(during.rejected).toEqual([]);
      expect(during.pendingChanges).toBeGreaterThanOrEqual(3);
      proxy.heal();
      await device.syncNow();
      for (const body of bodies)
        expect(await countRows(server, 'messages', 'body = $1', [body])).toBe(1);
      expect((await syncStatus(device)).pendingChanges).toBe(0);
    } finally {
      proxy.heal();
      await device.close();
    }
  });
});
