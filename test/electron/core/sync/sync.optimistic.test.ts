import { beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../../server/support/harness';
import type { TestDevice } from '../../../support/device';
import type { FaultProxy } from '../../../support/fault-proxy';
import { useReferenceServer } from '../../../support/reference-server';
import { caseloadPatients, countRows, signedInDevice } from './support';

/**
 * What the person did on this device stands until the server has answered it: a pull page
 * read before the server applied the change (or while it was still on its way) never
 * reverts it on screen (mayReplaceLocalRow).
 */
const reference = useReferenceServer();
let server: TestServer;
let proxy: FaultProxy;
beforeAll(() => {
  server = reference.server();
  proxy = reference.proxy();
});

interface Appointment {
  id: string;
  startsAt: string;
  outcome: string | null;
  syncState: string;
  refused: { outcome: string }[];
}
async function appointmentOf(device: TestDevice, patientId: string, id: string) {
  const record = await device.call<{ appointments: Appointment[] }>('patients.get', { patientId });
  const found = record.appointments.find((a) => a.id === id);
  if (!found) throw new Error('appointment not on the device');
  return found;
}

describe('a pending local change and a stale pull page', () => {
  it('keeps the outcome recorded here while the page read before it arrives', async () => {
    const laptop = await signedInDevice(server, proxy.url);
    const desktop = await signedInDevice(server, server.url);
    try {
      const patients = await caseloadPatients(laptop, 3);
      let target: { patientId: string; appointment: Appointment } | null = null;
      for (const patientId of patients) {
        const { appointments } = await laptop.call<{ appointments: Appointment[] }>(
          'patients.get',
          { patientId },
        );
        const past = appointments.find((a) => Date.parse(a.startsAt) < Date.now() - 86_400_000);
        if (past) target = { patientId, appointment: past };
        if (target) break;
      }
      if (!target) throw new Error('no past appointment on the caseload');
      const { patientId, appointment } = target;

      // The other device records an outcome; the server's version moves on.
      await desktop.call('appointments.recordOutcome', {
        appointmentId: appointment.id,
        outcome: 'attended',
        cancelledAt: null,
        cancelledBy: null,
      });
      await desktop.syncNow();

      // This device's pull is on its way (the server answers with that version) when the
      // therapist records a different outcome here; its push then fails for a while.
      const held = proxy.holdNext('/sync/pull?lane=core');
      const round = laptop.syncNow();
      await held.reached;
      await laptop.call('appointments.recordOutcome', {
        appointmentId: appointment.id,
        outcome: 'dna',
        cancelledAt: null,
        cancelledBy: null,
      });
      proxy.inject('/sync/push', { kind: 'gateway-error', status: 502 });
      held.release();
      await round;
      await laptop.syncNow();

      expect(await appointmentOf(laptop, patientId, appointment.id)).toMatchObject({
        outcome: 'dna',
        syncState: 'pending',
      });

      // Once the server answers: the other device's outcome came first, so this one is a
      // conflict (issue 8 item 9) — the device shows the server's version with this
      // device's DNA beside it for the therapist to record again; nothing is overwritten.
      proxy.heal();
      await laptop.syncNow();
      expect(await appointmentOf(laptop, patientId, appointment.id)).toMatchObject({
        outcome: 'attended',
        syncState: 'synced',
        refused: [expect.objectContaining({ outcome: 'dna' })],
      });
      expect(
        await countRows(server, 'appointments', `id = $1 AND outcome = 'attended'`, [
          appointment.id,
        ]),
      ).toBe(1);
    } finally {
      proxy.heal();
      await laptop.close();
      await desktop.close();
    }
  });
});
