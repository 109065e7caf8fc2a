import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AppointmentView,
  CancelledSession,
  PatientDetail,
  SyncStatus,
} from '../../../../shared/ipc';
import { startDevice, type TestDevice } from '../../../support/device';
import { useReferenceServer } from '../../../support/reference-server';
import { step2EpisodesWithRoom } from '../../../server/support/step2-room';
import { farDiary } from './support/booking-diary';

/**
 * A session booked offline and called off before the service has it. A booking no push has
 * carried is withdrawn: it and its queued change go in one transaction, and the service never
 * hears of it. One a push has carried (it may have been applied) is cancelled after it: the
 * cancellation follows it in the queue, against the version the service gives a new booking.
 * A booking the service refused is no session to cancel. Real server over loopback (the fault
 * proxy cuts the network), real encrypted SQLite. Offline, the engine backs off after a failed
 * round and a new change waits for the next (an hour here): a push happens only when the test
 * runs a round.
 */
const reference = useReferenceServer();
let device: TestDevice;
let patientId: string;

const { ukAt } = farDiary(170);

beforeAll(async () => {
  const server = reference.server();
  // Room under the step 2 limit for the sessions this file books.
  const [episode] = await step2EpisodesWithRoom(server, 'Amelia Hart', 1);
  if (!episode) throw new Error('Amelia has no open step 2 episode');
  patientId = episode.patient_id;
  device = await startDevice({
    serverUrl: reference.proxy().url,
    // A failed round waits an hour before the next: rounds run when the test runs them.
    sync: { backoff: { delayMs: () => 3_600_000 } },
  });
  await device.signIn(server.account('Amelia Hart'));
  await device.synced();
});
afterAll(async () => device?.close());

const book = (days: number) =>
  device.call<AppointmentView>('appointments.book', {
    patientId,
    kind: 'treatment',
    durationMinutes: 45,
    startsAtUk: ukAt(days),
  });
const cancel = (appointmentId: string) =>
  device.call<CancelledSession>('appointments.cancel', { appointmentId });
const shown = async (id: string): Promise<AppointmentView | undefined> =>
  (await device.call<PatientDetail>('patients.get', { patientId })).appointments.find(
    (a) => a.id === id,
  );
const waiting = async () => (await device.call<SyncStatus>('sync.status', {})).pendingChanges;
/** The queued changes to one appointment, in order. */
const queued = async (id: string) =>
  (
    await device.query<{ kind: string }>(
      `SELECT kind FROM outbox WHERE subject_id = ? AND status <> 'sent' ORDER BY seq`,
      id,
    )
  ).map((e) => e.kind);
const onServer = async (id: string) =>
  (
    await reference
      .server()
      .db.query<{ outcome: string | null; cancelled_by: string | null }>(
        'SELECT outcome, cancelled_by FROM appointments WHERE id = $1',
        [id],
      )
  )[0] ?? null;

describe('cancelling a booking the service does not have yet', () => {
  it('withdraws one never sent, and cancels one already on its way after it', async () => {
    const proxy = reference.proxy();
    proxy.offline = true;
    let neverSent: AppointmentView;
    let onItsWay: AppointmentView;
    try {
      await device.syncNow(); // fails: offline, and the engine backs off
      // Booked offline and called off before any round: withdrawn, record and change together.
      neverSent = await book(0);
      const before = await waiting();
      expect(await queued(neverSent.id)).toEqual(['appointment.book']);
      expect(await cancel(neverSent.id)).toEqual({ kind: 'withdrawn' });
      expect(await queued(neverSent.id)).toEqual([]);
      expect(await waiting()).toBe(before - 1);
      expect(await shown(neverSent.id)).toBeUndefined();
      // Booked offline, then a round tried to send it: it may have reached the service.
      onItsWay = await book(7);
      await device.syncNow(); // fails: offline
      const cancelled = await cancel(onItsWay.id);
      expect(cancelled).toMatchObject({
        kind: 'cancelled',
        appointment: { id: onItsWay.id, outcome: 'cancelled', syncState: 'pending' },
      });
      expect(await queued(onItsWay.id)).toEqual(['appointment.book', 'appointment.recordOutcome']);
    } finally {
      proxy.offline = false;
    }
    await device.syncNow();
    expect(await waiting()).toBe(0);
    expect(await onServer(neverSent.id)).toBeNull();
    expect(await onServer(onItsWay.id)).toEqual({
      outcome: 'cancelled',
      cancelled_by: 'therapist',
    });
    expect(await shown(onItsWay.id)).toMatchObject({ outcome: 'cancelled', syncState: 'synced' });
  });

  it('records a confirmed session cancelled now on the service, sent at once', async () => {
    // The device's corrected clock may read a little ahead of the service's: "now" is now.
    const booked = await book(21);
    await device.syncNow();
    expect((await shown(booked.id))?.syncState).toBe('synced');
    expect(await cancel(booked.id)).toMatchObject({ kind: 'cancelled' });
    await device.syncNow();
    expect(await onServer(booked.id)).toEqual({ outcome: 'cancelled', cancelled_by: 'therapist' });
    expect(await shown(booked.id)).toMatchObject({
      outcome: 'cancelled',
      syncState: 'synced',
      refused: [],
    });
  });

  it('refuses a withdrawn booking again, and a session that already has an outcome, in words', async () => {
    const proxy = reference.proxy();
    proxy.offline = true;
    try {
      await device.syncNow(); // fails: offline, and the engine backs off
      const booked = await book(14);
      await cancel(booked.id);
      await expect(cancel(booked.id)).rejects.toThrow(/not on this device/);
    } finally {
      proxy.offline = false;
    }
  });
});
