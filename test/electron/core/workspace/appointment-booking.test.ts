import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PushResponse } from '../../../../shared/api';
import type {
  AppointmentView,
  BookingOptions,
  CaseloadEntry,
  PatientDetail,
} from '../../../../shared/ipc';
import { signIn as serverSignIn } from '../../../server/support/harness';
import { startDevice, type TestDevice } from '../../../support/device';
import { useReferenceServer } from '../../../support/reference-server';
import { step2EpisodesWithRoom } from '../../../server/support/step2-room';
import { farDiary } from './support/booking-diary';

/**
 * Issue 13 item 6 on a device: a PWP books sessions offline (the step 2 limit and the diary
 * checked on the device by shared/clinical bookingRule), sees them pending, and the server
 * confirms them; the 5th treatment session is refused on the device with the reason; a booking
 * the server refuses (the hour taken from another device meanwhile) stays visible, refused,
 * with the server's reason. Real server over loopback, real encrypted SQLite, the fault proxy.
 */
const reference = useReferenceServer();
const DAY = 24 * 3_600_000;
let device: TestDevice;
let patientId: string;
let otherPatientId: string;
let otherEpisodeId: string;

const { base, ukAt } = farDiary(150);

beforeAll(async () => {
  const server = reference.server();
  const [a, b] = await step2EpisodesWithRoom(server, 'Amelia Hart', 2);
  if (!a || !b) throw new Error('Amelia has fewer than two open step 2 episodes');
  patientId = a.patient_id;
  otherPatientId = b.patient_id;
  otherEpisodeId = b.id;
  device = await startDevice({ serverUrl: reference.proxy().url });
  await device.signIn(server.account('Amelia Hart'));
  await device.synced();
});
afterAll(async () => device?.close());

const options = () => device.call<BookingOptions>('appointments.bookingOptions', { patientId });
const book = (days: number, over: Record<string, unknown> = {}) =>
  device.call<AppointmentView>('appointments.book', {
    patientId,
    kind: 'treatment',
    durationMinutes: 45,
    startsAtUk: ukAt(days),
    ...over,
  });
const shown = async (id: string, of = patientId): Promise<AppointmentView | undefined> =>
  (await device.call<PatientDetail>('patients.get', { patientId: of })).appointments.find(
    (a) => a.id === id,
  );

/** Amelia's other device books a 45-minute treatment session for the other patient, accepted. */
async function bookFromLaptop(startsAt: string): Promise<void> {
  const laptop = await serverSignIn(reference.server(), reference.server().account('Amelia Hart'));
  const response = await laptop.push([
    {
      kind: 'appointment.book',
      payload: {
        appointmentId: randomUUID(),
        patientId: otherPatientId,
        episodeId: otherEpisodeId,
        kind: 'treatment',
        durationMinutes: 45,
        startsAt,
      },
    },
  ]);
  expect(PushResponse.parse(response.body).results[0]?.status).toBe('applied');
}

describe('booking on the device', () => {
  it('proposes 45 minutes for a step 2 treatment session and says where the sessions stand', async () => {
    expect(await options()).toMatchObject({
      bookable: true,
      step: 2,
      lengths: {
        assessment: { minutes: 60, why: 'Step 2 assessments are 60 minutes.' },
        treatment: { minutes: 45, why: 'Step 2 treatment sessions are 45 minutes.' },
      },
      sessions: '0 of 4 treatment sessions used; 0 booked',
      treatmentRefusal: null,
    });
  });

  it('books offline: each session pending, the 5th refused on the device with the reason; the server confirms the four', async () => {
    const proxy = reference.proxy();
    proxy.offline = true;
    const booked: AppointmentView[] = [];
    try {
      for (let i = 0; i < 4; i += 1) booked.push(await book(i * 14));
      expect(booked.map((b) => b.syncState)).toEqual(['pending', 'pending', 'pending', 'pending']);
      expect(booked[0]).toMatchObject({ kind: 'treatment', durationMinutes: 45, outcome: null });
      await expect(book(70)).rejects.toThrow(
        /Step 2 allows 4 treatment sessions before a session extension is approved; this patient has 0 used and 4 booked\. No session extension request has been raised/,
      );
      expect(await options()).toMatchObject({
        sessions:
          '0 of 4 treatment sessions used; 4 booked; an extension is needed before another is booked',
        treatmentRefusal: expect.stringMatching(/^Step 2 allows 4 treatment sessions/),
      });
      // A UK time the clocks skip is refused in words; so is a length step 2 does not book.
      await expect(book(0, { startsAtUk: '2027-03-28T01:30' })).rejects.toThrow(
        /does not exist in UK time/,
      );
      await expect(book(3, { durationMinutes: 60 })).rejects.toThrow(
        /Step 2 treatment sessions are 45 minutes; this one is booked for 60\./,
      );
      await device.syncNow(); // fails: offline
      expect((await shown(booked[0]?.id ?? ''))?.syncState).toBe('pending');
    } finally {
      proxy.offline = false;
    }
    await device.syncNow();
    for (const b of booked) expect((await shown(b.id))?.syncState).toBe('synced');
    const stored = await reference
      .server()
      .db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM appointments WHERE id = ANY($1::uuid[]) AND outcome IS NULL`,
        [booked.map((b) => b.id)],
      );
    expect(stored[0]?.n).toBe(4);
    // The week's diary (Today) lists them.
    const coming = await device.call<{ appointments: { id: string }[] }>('appointments.upcoming', {
      from: new Date(base - DAY).toISOString(),
      to: new Date(base + DAY).toISOString(),
    });
    expect(coming.appointments.map((a) => a.id)).toContain(booked[0]?.id);
  });

  it('refuses a clash on the device; a booking the server refuses stays visible with its reason', async () => {
    await expect(
      device.call('appointments.book', {
        patientId: otherPatientId,
        kind: 'treatment',
        durationMinutes: 45,
        startsAtUk: ukAt(0),
      }),
    ).rejects.toThrow(/^.*You already have a 45-minute session at .* with another patient/);

    const proxy = reference.proxy();
    proxy.offline = true;
    let mine: AppointmentView;
    try {
      mine = await device.call<AppointmentView>('appointments.book', {
        patientId: otherPatientId,
        kind: 'assessment',
        durationMinutes: 60,
        startsAtUk: ukAt(100),
      });
      // Meanwhile, on another device of Amelia's, the same hour is booked first.
      await bookFromLaptop(new Date(base + 100 * DAY).toISOString());
    } finally {
      proxy.offline = false;
    }
    await device.syncNow();
    const refused = await shown(mine.id, otherPatientId);
    expect(refused).toMatchObject({ syncState: 'rejected' });
    expect(refused?.rejectedReason).toMatch(
      /^You already have a 45-minute session at .* with this patient: choose another time\.$/,
    );
  });
  it('a booking the server refused counts nowhere: not in the sessions booked, not as the next session', async () => {
    const row = async () =>
      (await device.call<{ entries: CaseloadEntry[] }>('caseload.list', {})).entries.find(
        (e) => e.patientId === otherPatientId,
      );
    const before = (await row())?.sessions?.booked ?? 0;
    const proxy = reference.proxy();
    proxy.offline = true;
    let mine: AppointmentView;
    try {
      mine = await device.call<AppointmentView>('appointments.book', {
        patientId: otherPatientId,
        kind: 'treatment',
        durationMinutes: 45,
        startsAtUk: ukAt(120),
      });
      // Counted while it waits: the device believes it booked.
      expect((await row())?.sessions?.booked).toBe(before + 1);
      // The laptop's session is the hour before; this device's then clashes with it.
      await bookFromLaptop(new Date(base + 120 * DAY - 30 * 60_000).toISOString());
    } finally {
      proxy.offline = false;
    }
    await device.syncNow();
    expect(await shown(mine.id, otherPatientId)).toMatchObject({ syncState: 'rejected' });
    const after = await row();
    // The laptop's session counts; the refused one does not.
    expect(after?.sessions?.booked).toBe(before + 1);
    expect(after?.nextAppointmentAt).not.toBe(new Date(base + 120 * DAY).toISOString());
  });
});
