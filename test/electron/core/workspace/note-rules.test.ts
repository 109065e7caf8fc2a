import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatForPeople } from '../../../../shared/clinical';
import type { NoteView, PatientDetail } from '../../../../shared/ipc';
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
  // A patient with a session ahead and an attended treatment session behind: which patient
  // that is moves with the time of day the seed is made at, so it is looked for, not assumed.
  for (const entry of entries) {
    detail = await device.call<PatientDetail>('patients.get', { patientId: entry.patientId });
    if (
      detail.appointments.some((a) => Date.parse(a.startsAt) > Date.now()) &&
      detail.appointments.some(attendedTreatment)
    )
      break;
  }
});
/** An attended treatment session that ended a while ago. */
const attendedTreatment = (a: PatientDetail['appointments'][number]): boolean =>
  a.kind === 'treatment' &&
  a.outcome === 'attended' &&
  Date.parse(a.startsAt) < Date.now() - 2 * 3_600_000;
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

describe('a note’s template (issue 13 item 9)', () => {
  it('comes from the service configuration, named for the patient and the session', async () => {
    const past = detail.appointments.find(attendedTreatment);
    if (!past) throw new Error('the seed has no attended treatment session here');
    const note = await device.call<{ noteId: string }>('notes.create', {
      patientId: detail.patient.id,
      appointmentId: past.id,
      kind: 'session_note',
    });
    const view = await device.call<NoteView>('notes.open', { noteId: note.noteId });
    const name = `${detail.patient.givenName} ${detail.patient.familyName}`;
    const day = formatForPeople(past.startsAt, { style: 'date' });
    expect(view.template?.name).toBe('treatment session');
    // The demo service configures its own treatment-session template (server/seed).
    expect(view.template?.body).toContain(`Treatment session with ${name}, ${day}.`);
    expect(view.template?.body).toContain('Bridge from the last session:');
    // A letter the service leaves to the default; it names no session.
    const letter = await device.call<{ noteId: string }>('notes.create', {
      patientId: detail.patient.id,
      appointmentId: null,
      kind: 'discharge_letter',
    });
    const letterView = await device.call<NoteView>('notes.open', { noteId: letter.noteId });
    expect(letterView.template?.name).toBe('discharge letter');
    expect(letterView.template?.body).toContain(`${name} has been discharged`);
    // Nothing is written into the note: the template waits for the therapist to ask.
    expect(view.draft?.body ?? '').toBe('');
  });
});
