import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PatientDetail } from '../../../../shared/ipc';
import { startDevice, type TestDevice } from '../../../support/device';
import { useReferenceServer } from '../../../support/reference-server';

/** Issue 10 item 9 on a device: a session's note is started only once the session has ended. */
const reference = useReferenceServer();
let device: TestDevice;
let detail: PatientDetail;

beforeAll(async () => {
  device = await startDevice({ serverUrl: reference.proxy().url });
  await device.signIn(reference.server().account('Amelia Hart'));
  await device.synced();
  const { entries } = await device.call<{ entries: { patientId: string }[] }>('caseload.list', {});
  for (const entry of entries) {
    detail = await device.call<PatientDetail>('patients.get', { patientId: entry.patientId });
    if (detail.appointments.some((a) => Date.parse(a.startsAt) > Date.now())) break;
  }
});
afterAll(async () => device?.close());

describe('starting a note', () => {
  it('is refused for a session that has not taken place, allowed for one that has', async () => {
    const future = detail.appointments.find((a) => Date.parse(a.startsAt) > Date.now());
    const past = detail.appointments.find(
      (a) => a.outcome === 'attended' && Date.parse(a.startsAt) < Date.now() - 2 * 3_600_000,
    );
    if (!future || !past) throw new Error('the seed has no future and past appointment here');
    await expect(
      device.call('notes.create', {
        patientId: detail.patient.id,
        appointmentId: future.id,
        kind: 'session_note',
      }),
    ).rejects.toThrow(
      'This session has not taken place yet: its note can be written once it has ended.',
    );
    const note = await device.call<{ noteId: string; appointmentId: string }>('notes.create', {
      patientId: detail.patient.id,
      appointmentId: past.id,
      kind: 'session_note',
    });
    expect(note.appointmentId).toBe(past.id);
  });

  it('refuses a session of another patient', async () => {
    await expect(
      device.call('notes.create', {
        patientId: detail.patient.id,
        appointmentId: '00000000-0000-4000-8000-000000000000',
        kind: 'session_note',
      }),
    ).rejects.toThrow('That session is not one of this patient’s on this device.');
  });
});
