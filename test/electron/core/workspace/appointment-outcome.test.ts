import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppointmentView, OutcomeCheck, PatientDetail } from '../../../../shared/ipc';
import type { TestServer } from '../../../server/support/harness';
import { startDevice, type TestDevice } from '../../../support/device';
import { useReferenceServer } from '../../../support/reference-server';

/**
 * Recording appointment outcomes on a device (issue 10 item 1, issue 8 item 9): the status is
 * computed from when and by whom an appointment was cancelled, checked before anything is
 * written, and a change another device made since is a conflict the therapist sees and
 * resolves — nothing overwritten silently. Real server over loopback, real encrypted SQLite.
 */
const reference = useReferenceServer();
let server: TestServer;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Arranged {
  patientId: string;
  /** Starts in seven days. */
  nextWeek: string;
  /** Started two hours ago, no outcome yet. */
  earlier: string;
}
let arranged: Arranged;

beforeAll(async () => {
  server = reference.server();
  const [patient] = await server.db.query<{ id: string }>(
    `SELECT p.id FROM patients p JOIN users u ON u.id = p.therapist_id
      WHERE u.display_name = 'Priya Nair' AND p.status = 'active'
        AND (SELECT count(*) FROM appointments a WHERE a.patient_id = p.id AND a.kind = 'treatment') >= 2
      ORDER BY p.case_reference LIMIT 1`,
  );
  // The demo seed is dated from today: pick a patient with two treatment appointments.
  if (!patient) throw new Error('Priya has no active patient with two treatment appointments');
  const treatments = await server.db.query<{ id: string }>(
    `SELECT id FROM appointments WHERE patient_id = $1 AND kind = 'treatment' ORDER BY starts_at LIMIT 2`,
    [patient.id],
  );
  const [a, b] = treatments;
  if (!a || !b) throw new Error('too few appointments');
  const arrange = (id: string, startsAt: number) =>
    server.db.query(
      `UPDATE appointments SET starts_at = $2, duration_minutes = 60, outcome = NULL, cancelled_at = NULL, cancelled_by = NULL WHERE id = $1`,
      [id, new Date(startsAt).toISOString()],
    );
  await arrange(a.id, Date.now() + 7 * DAY);
  await arrange(b.id, Date.now() - 2 * HOUR);
  arranged = { patientId: patient.id, nextWeek: a.id, earlier: b.id };
});

const devices: TestDevice[] = [];
afterAll(async () => {
  for (const d of devices) await d.close();
});
async function signedIn(): Promise<TestDevice> {
  const device = await startDevice({ serverUrl: reference.proxy().url });
  devices.push(device);
  await device.signIn(server.account('Priya Nair'));
  await device.synced();
  return device;
}
const appointmentOn = async (device: TestDevice, id: string): Promise<AppointmentView> => {
  const detail = await device.call<PatientDetail>('patients.get', {
    patientId: arranged.patientId,
  });
  const found = detail.appointments.find((a) => a.id === id);
  if (!found) throw new Error(`appointment ${id} is not shown`);
  return found;
};
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

describe('recording an outcome', () => {
  it('computes a cancellation seven days ahead as in time, never "late"; attended waits for the start', async () => {
    const device = await signedIn();
    const check = await device.call<OutcomeCheck>('appointments.checkOutcome', {
      appointmentId: arranged.nextWeek,
      outcome: 'cancelled',
      cancelledAt: ago(HOUR),
      cancelledBy: 'patient',
    });
    expect(check).toMatchObject({ ok: true, status: 'cancelled' });
    expect(check.ok && check.explanation).toMatch(
      /^Cancelled in time: the patient cancelled 7 days/,
    );
    await expect(
      device.call('appointments.recordOutcome', {
        appointmentId: arranged.nextWeek,
        outcome: 'attended',
        cancelledAt: null,
        cancelledBy: null,
      }),
    ).rejects.toThrow(/has not started yet: it cannot be recorded as attended, only cancelled/);
    await expect(
      device.call('appointments.recordOutcome', {
        appointmentId: arranged.nextWeek,
        outcome: 'cancelled',
        cancelledAt: ago(HOUR),
        cancelledBy: null,
      }),
    ).rejects.toThrow(/Say when the appointment was cancelled and by whom/);
    // A hand-picked "late_cancellation" is not a request the contract accepts.
    await expect(
      device.call('appointments.recordOutcome', {
        appointmentId: arranged.nextWeek,
        outcome: 'late_cancellation',
        cancelledAt: ago(HOUR),
        cancelledBy: 'patient',
      }),
    ).rejects.toThrow(/INVALID_REQUEST/);
  });

  it('a cancelled appointment leaves the coming appointments, and the server agrees with the device', async () => {
    const device = await signedIn();
    const window = { from: ago(HOUR), to: new Date(Date.now() + 8 * DAY).toISOString() };
    const coming = async () =>
      (
        await device.call<{ appointments: { id: string }[] }>('appointments.upcoming', window)
      ).appointments.map((a) => a.id);
    expect(await coming()).toContain(arranged.nextWeek);
    const recorded = await device.call<AppointmentView>('appointments.recordOutcome', {
      appointmentId: arranged.nextWeek,
      outcome: 'cancelled',
      cancelledAt: ago(HOUR),
      cancelledBy: 'patient',
    });
    expect(recorded).toMatchObject({
      outcome: 'cancelled',
      cancelledBy: 'patient',
      syncState: 'pending',
      refused: [],
    });
    expect(await coming()).not.toContain(arranged.nextWeek);
    await device.syncNow();
    expect(await appointmentOn(device, arranged.nextWeek)).toMatchObject({
      outcome: 'cancelled',
      cancelledBy: 'patient',
      syncState: 'synced',
      refused: [],
    });
    const [row] = await server.db.query<{ outcome: string; cancelled_by: string }>(
      'SELECT outcome, cancelled_by FROM appointments WHERE id = $1',
      [arranged.nextWeek],
    );
    expect(row).toEqual({ outcome: 'cancelled', cancelled_by: 'patient' });
  });

  it('a change made on another device since is a conflict the therapist sees and resolves', async () => {
    const laptop = await signedIn();
    const tablet = await signedIn();
    await tablet.call('appointments.recordOutcome', {
      appointmentId: arranged.earlier,
      outcome: 'dna',
      cancelledAt: null,
      cancelledBy: null,
    });
    await tablet.syncNow();
    // The laptop has not synced since: it records against the version it holds.
    await laptop.call('appointments.recordOutcome', {
      appointmentId: arranged.earlier,
      outcome: 'attended',
      cancelledAt: null,
      cancelledBy: null,
    });
    await laptop.syncNow();
    const seen = await appointmentOn(laptop, arranged.earlier);
    expect(seen).toMatchObject({ outcome: 'dna', syncState: 'synced' });
    expect(seen.refused).toEqual([
      expect.objectContaining({
        outcome: 'attended',
        reason:
          'This appointment was changed on another device after you opened it: it is now recorded as a DNA. Yours (attended) was not recorded; record it again if it is right.',
      }),
    ]);
    const [before] = await server.db.query<{ outcome: string }>(
      'SELECT outcome FROM appointments WHERE id = $1',
      [arranged.earlier],
    );
    expect(before?.outcome).toBe('dna'); // nothing overwritten
    // The therapist chooses: record theirs again, now against the current version.
    await laptop.call('appointments.recordOutcome', {
      appointmentId: arranged.earlier,
      outcome: 'attended',
      cancelledAt: null,
      cancelledBy: null,
    });
    await laptop.syncNow();
    expect(await appointmentOn(laptop, arranged.earlier)).toMatchObject({
      outcome: 'attended',
      syncState: 'synced',
    });
    const [after] = await server.db.query<{ outcome: string }>(
      'SELECT outcome FROM appointments WHERE id = $1',
      [arranged.earlier],
    );
    expect(after?.outcome).toBe('attended');
  });

  it('a second outcome recorded offline on the same device is not a conflict with its own first', async () => {
    const device = await signedIn();
    const proxy = reference.proxy();
    proxy.offline = true;
    try {
      for (const outcome of ['attended', 'dna'] as const) {
        await device.call('appointments.recordOutcome', {
          appointmentId: arranged.earlier,
          outcome,
          cancelledAt: null,
          cancelledBy: null,
        });
      }
    } finally {
      proxy.offline = false;
    }
    await device.syncNow();
    expect(await appointmentOn(device, arranged.earlier)).toMatchObject({
      outcome: 'dna',
      syncState: 'synced',
      refused: [],
    });
  });
});
