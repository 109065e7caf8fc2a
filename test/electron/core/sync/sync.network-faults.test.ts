import { beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../../server/support/harness';
import type { FaultProxy, NetworkFault } from '../../../support/fault-proxy';
import { useReferenceServer } from '../../../support/reference-server';
import { caseloadPatients, countRows, signedInDevice, syncStatus, thread } from './support';

/**
 * Hotel Wi-Fi, office proxies, load balancers and flaky links: none of them is the service,
 * so none of their answers may refuse a change. Through the real engine and the real
 * reference server, behind the fault proxy: the outbox waits (nothing is marked refused),
 * and when the network heals every change arrives exactly once.
 */
const reference = useReferenceServer();
let server: TestServer;
let proxy: FaultProxy;
beforeAll(() => {
  server = reference.server();
  proxy = reference.proxy();
});

const faults: [string, NetworkFault][] = [
  ['a captive portal’s sign-in page (HTML 200)', { kind: 'captive-portal' }],
  ['a captive portal’s redirect (302)', { kind: 'portal-redirect' }],
  ['a proxy asking for credentials (407)', { kind: 'proxy-auth' }],
  ['a load balancer’s 429 page', { kind: 'rate-limit-page', retryAfterSeconds: 1 }],
  ['a gateway’s 502 page', { kind: 'gateway-error', status: 502 }],
  ['a body cut off after the server committed', { kind: 'truncate' }],
  ['a response lost after the server committed', { kind: 'lose-response' }],
];

describe('answers that are not the service’s word never refuse a change', () => {
  it.each(faults)('%s: the changes wait, then each arrives exactly once', async (name, fault) => {
    const device = await signedInDevice(server, proxy.url);
    try {
      const [patientId] = await caseloadPatients(device);
      if (!patientId) throw new Error('empty caseload');
      proxy.inject('/sync/', fault);
      const bodies = [`${name}: the first reply.`, `${name}: the second reply.`];
      for (const body of bodies) await device.call('messages.reply', { patientId, body });
      for (let round = 0; round < 3; round += 1) await device.syncNow();
      expect(proxy.faulted('/sync/push')).toBeGreaterThan(0);

      const waiting = await syncStatus(device);
      expect(waiting.rejected).toEqual([]);
      expect(waiting.pendingChanges).toBeGreaterThanOrEqual(2);
      expect(waiting.phase).toBe('backing-off');
      const mine = (await thread(device, patientId)).filter((m) => bodies.includes(m.body));
      expect(mine.map((m) => m.syncState)).toEqual(['pending', 'pending']);

      proxy.heal();
      await device.syncNow();
      for (const body of bodies)
        expect(await countRows(server, 'messages', 'body = $1', [body])).toBe(1);
      const healed = await syncStatus(device);
      expect(healed.rejected).toEqual([]);
      expect(healed.pendingChanges).toBe(0);
      expect(healed.lastError).toBeNull();
    } finally {
      proxy.heal();
      await device.close();
    }
  });
});

describe('rate limits and Retry-After', () => {
  it('does not try again before the time a rate limit asks for', async () => {
    const device = await signedInDevice(server, proxy.url);
    try {
      const [patientId] = await caseloadPatients(device);
      if (!patientId) throw new Error('empty caseload');
      proxy.inject('/sync/push', { kind: 'rate-limit-page', retryAfterSeconds: 600 });
      await device.call('messages.reply', { patientId, body: 'Sent after the rate limit.' });
      await device.syncNow();
      const status = await syncStatus(device);
      expect(status.phase).toBe('backing-off');
      // The jitter alone would retry within a second; the proxy asked for ten minutes.
      const waitMs = Date.parse(status.nextAttemptAt ?? '') - Date.now();
      expect(waitMs).toBeGreaterThan(9 * 60_000);
      expect(status.rejected).toEqual([]);
    } finally {
      proxy.heal();
      await device.close();
    }
  });

  it('honours Retry-After on a gateway’s 503 too', async () => {
    const device = await signedInDevice(server, proxy.url);
    try {
      proxy.inject('/sync/', { kind: 'gateway-error', status: 503, retryAfterSeconds: 300 });
      await device.syncNow();
      const status = await syncStatus(device);
      expect(Date.parse(status.nextAttemptAt ?? '') - Date.now()).toBeGreaterThan(4 * 60_000);
    } finally {
      proxy.heal();
      await device.close();
    }
  });
});
