import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../../server/support/harness';
import { startDevice, type TestDevice } from '../../../support/device';
import { useReferenceServer } from '../../../support/reference-server';

/**
 * Nothing patient-identifiable leaves the core while patient data is closed (locked, or the
 * location rule not met): not in a method's answer over the real validating dispatcher, not
 * in an event as hosts forward it. A rejected change is the case in point: its summary names
 * the patient ("Message to Sam Carter").
 */
const reference = useReferenceServer();
let server: TestServer;
beforeAll(() => {
  server = reference.server();
});
const devices: TestDevice[] = [];
afterAll(async () => {
  for (const d of devices) await d.close().catch(() => undefined);
});

interface Captured {
  channel: string;
  payload: unknown;
}

/** Signs in, syncs, then queues a change the server refuses, naming a cached patient. */
async function deviceWithRejectedChange(zone?: string) {
  const d = await startDevice({ serverUrl: server.url, ...(zone ? { deviceZone: zone } : {}) });
  devices.push(d);
  await d.signIn(server.account('Priya Nair'), 'gate passcode');
  await d.synced();
  const store = d.store();
  if (!store) throw new Error('no store');
  const patient = store.records.list('patient')[0];
  if (!patient) throw new Error('no cached patient');
  const existing = store.records.listForPatient('message', patient.id)[0];
  if (!existing) throw new Error('no cached message');
  // The same message id again: the server refuses it ("already exists").
  store.applyInTransaction(() =>
    store.outbox.enqueue({
      mutationId: randomUUID(),
      kind: 'message.send',
      payload: { messageId: existing.id, patientId: patient.id, body: 'Again' },
      createdAt: new Date().toISOString(),
    }),
  );
  await d.syncNow();
  const name = `${patient.data.givenName} ${patient.data.familyName}`;
  return { d, name, patientId: patient.id };
}

const capture = (d: TestDevice): Captured[] => {
  const seen: Captured[] = [];
  d.core.onEvent((channel, payload) => seen.push({ channel, payload }));
  return seen;
};

describe('the patient-data gate at the edge of the core', () => {
  it('names the patient while patient data is open, and nowhere while the app is locked', async () => {
    const { d, name, patientId } = await deviceWithRejectedChange();
    const open = await d.call<{ rejected: { summary: string }[] }>('sync.status');
    expect(open.rejected.map((r) => r.summary)).toContain(`Message to ${name}`);

    await d.call('session.lock');
    const events = capture(d);
    const locked = await d.call('sync.status');
    expect(JSON.stringify(locked)).not.toContain(name);
    expect(locked).toMatchObject({ rejected: [{ kind: 'message.send' }] });
    await d.syncNow();
    d.core.syncEngine()?.localChange();
    await d.synced();
    expect(events.filter((e) => e.channel === 'sync.changed').length).toBeGreaterThan(0);
    for (const event of events) {
      expect(JSON.stringify(event)).not.toContain(name);
      expect(JSON.stringify(event)).not.toContain(patientId);
    }

    await d.call('session.unlock', { passcode: 'gate passcode' });
    const again = await d.call<{ rejected: { summary: string }[] }>('sync.status');
    expect(again.rejected.map((r) => r.summary)).toContain(`Message to ${name}`);
    // Opening patient data sends the full status, so the UI does not wait for the next sync.
    const reopened = events.filter((e) => e.channel === 'sync.changed').at(-1);
    expect(JSON.stringify(reopened)).toContain(name);
  });

  it('names nobody while the location rule keeps patient data closed', async () => {
    const { d, name } = await deviceWithRejectedChange('America/New_York');
    expect((await d.call<{ state: string }>('session.status')).state).toBe('location-check-needed');
    const events = capture(d);
    const status = await d.call<{ rejected: unknown[] }>('sync.status');
    expect(status.rejected).toHaveLength(1);
    expect(JSON.stringify(status)).not.toContain(name);
    d.core.syncEngine()?.localChange();
    await d.synced();
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) expect(JSON.stringify(event)).not.toContain(name);
  });
});
