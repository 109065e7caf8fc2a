import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deadline } from '../../../../shared/clinical';
import type {
  LeaveToday,
  PlannedTrip,
  SuperviseeTrips,
  TripMessages,
} from '../../../../shared/ipc';
import { ukDate } from '../../../../electron/core/app/work-abroad';
import type { TestServer } from '../../../server/support/harness';
import { startDevice, type TestDevice } from '../../../support/device';
import { useReferenceServer } from '../../../support/reference-server';
import { refusal } from './support/session-fixtures';

/**
 * Leave (issue 14, item 2) on a real device against the real service: planned offline like
 * every write, the caseload paused, deadlines inside it read "during your leave", the message
 * to each active patient prepared and sent only when the therapist says so — told only once
 * the service accepted it — and the supervisor seeing it all.
 */
const SCRYPT_HEAVY_MS = 240_000;
const reference = useReferenceServer();
let server: TestServer;
let priya: TestDevice;
let helen: TestDevice;
beforeAll(async () => {
  server = reference.server();
  priya = await startDevice({ serverUrl: server.url });
  await priya.signIn(server.account('Priya Nair'));
  await priya.synced();
}, SCRYPT_HEAVY_MS);
afterAll(async () => {
  await priya?.close();
  await helen?.close();
});

const DAY = 86_400_000;
const inDays = (n: number) => ukDate(new Date(Date.now() + n * DAY));
const trips = () => priya.call<{ trips: PlannedTrip[] }>('location.trips').then((t) => t.trips);
const deadlines = (device: TestDevice) =>
  device
    .call<{ deadlines: Deadline[] }>('deadlines.list', { includeDone: false })
    .then((r) => r.deadlines);

describe('leave on a device', { timeout: SCRYPT_HEAVY_MS }, () => {
  let leaveId = '';

  it('plans leave with no approved country needed, and pauses the caseload from its first day', async () => {
    expect(await priya.call('location.leaveToday')).toEqual({ leave: null });
    const { declarationId } = await priya.call<{ declarationId: string }>('location.planLeave', {
      purpose: 'annual_leave',
      country: 'US', // not approved for working: leave does not need it
      from: inDays(0),
      to: inDays(13),
    });
    leaveId = declarationId;
    expect(await trips()).toContainEqual(
      expect.objectContaining({ id: declarationId, purpose: 'annual_leave', syncState: 'pending' }),
    );
    expect(await priya.call<{ leave: LeaveToday | null }>('location.leaveToday')).toEqual({
      leave: { id: declarationId, purpose: 'annual_leave', from: inDays(0), to: inDays(13) },
    });
    await priya.syncNow();
    await priya.synced();
    expect((await trips()).find((t) => t.id === declarationId)).toMatchObject({
      syncState: 'synced',
    });
  });

  it('marks the open deadlines due inside the leave, and only those; none is dropped', async () => {
    const all = await deadlines(priya);
    const marked = all.filter((d) => d.duringLeave);
    expect(marked.length).toBeGreaterThan(0);
    const start = Date.parse(`${inDays(0)}T00:00:00Z`) - 3_600_000; // UK midnight, either season
    for (const d of marked) {
      expect(d.duringLeave).toEqual({ from: inDays(0), to: inDays(13) });
      expect(Date.parse(d.dueAt)).toBeGreaterThanOrEqual(start);
    }
    // Overdue since before the leave: plainly overdue.
    for (const d of all.filter((x) => Date.parse(x.dueAt) < start))
      expect(d.duringLeave).toBeUndefined();
  });

  it('prepares the message for each active patient; "told" only once the service accepted it', async () => {
    const prepared = await priya.call<TripMessages>('location.tripMessages', {
      declarationId: leaveId,
    });
    expect(prepared.patients.length).toBeGreaterThan(1);
    expect(prepared.patients.every((p) => p.told === 'not-sent')).toBe(true);
    const [first, second] = prepared.patients;
    if (!first || !second) throw new Error('two active patients expected');
    expect(first.prepared).toMatch(/^Dear \S+,\n\nI am away from \d+ \w+ \d{4} to \d+ \w+ \d{4}/);
    expect(first.prepared).toMatch(/call 999 or go to A&E/);

    const edited = `${first.prepared}\n\nP.S. edited by me`;
    await priya.call('location.sendTripMessages', {
      declarationId: leaveId,
      messages: [
        { patientId: first.patientId, body: edited },
        { patientId: second.patientId, body: second.prepared },
      ],
    });
    const queued = await priya.call<TripMessages>('location.tripMessages', {
      declarationId: leaveId,
    });
    const toldOf = (m: TripMessages, id: string) =>
      m.patients.find((p) => p.patientId === id)?.told;
    expect(toldOf(queued, first.patientId)).toBe('queued');
    expect(toldOf(queued, second.patientId)).toBe('queued');
    expect(queued.patients.filter((p) => p.told === 'not-sent')).toHaveLength(
      prepared.patients.length - 2,
    );

    await priya.syncNow();
    await priya.synced();
    const delivered = await priya.call<TripMessages>('location.tripMessages', {
      declarationId: leaveId,
    });
    expect(toldOf(delivered, first.patientId)).toBe('delivered');
    const kept = await server.db.query<{ body: string }>(
      `SELECT body FROM messages WHERE patient_id = $1 AND direction = 'outbound' AND body LIKE '%edited by me'`,
      [first.patientId],
    );
    expect(kept).toHaveLength(1);
  });

  it('refuses to send to a patient who is not an active patient of the therapist', async () => {
    const [other] = await server.db.query<{ id: string }>(
      `SELECT p.id FROM patients p JOIN users u ON u.id = p.therapist_id WHERE u.display_name = 'Rhys Ellis' LIMIT 1`,
    );
    expect(
      await refusal(
        priya.call('location.sendTripMessages', {
          declarationId: leaveId,
          messages: [{ patientId: other?.id, body: 'Hello' }],
        }),
      ),
    ).toMatch(/not an active patient of yours/);
  });

  it('moves a later leave before it starts, and not one that has started', async () => {
    const { declarationId } = await priya.call<{ declarationId: string }>('location.planLeave', {
      purpose: 'sick_leave',
      country: null,
      from: inDays(30),
      to: inDays(31),
    });
    await priya.call('location.moveTrip', { declarationId, from: inDays(32), to: inDays(33) });
    expect((await trips()).find((t) => t.id === declarationId)).toMatchObject({
      from: inDays(32),
      to: inDays(33),
      syncState: 'pending',
    });
    expect(
      await refusal(
        priya.call('location.moveTrip', {
          declarationId: leaveId,
          from: inDays(40),
          to: inDays(41),
        }),
      ),
    ).toMatch(/has started: its dates can no longer be changed/);
    await priya.syncNow();
    await priya.synced();
    const [row] = await server.db.query<{ from: string }>(
      `SELECT to_char(date_from, 'YYYY-MM-DD') AS "from" FROM work_abroad_declarations WHERE id = $1`,
      [declarationId],
    );
    expect(row).toEqual({ from: inDays(32) });
  });

  it('shows the supervisor the supervisee on leave, the trips, and the deadlines during the leave', async () => {
    helen = await startDevice({ serverUrl: server.url });
    await helen.signIn(server.account('Dr Helen Marsh'));
    await helen.synced();
    const view = await helen.call<SuperviseeTrips>('location.superviseeTrips');
    const p = view.supervisees.find((s) => s.name === 'Priya Nair');
    expect(p?.onLeave).toMatchObject({ id: leaveId, purpose: 'annual_leave' });
    expect(p?.trips.map((t) => t.purpose)).toEqual(['annual_leave', 'sick_leave']);
    expect(p?.trips[0]).toMatchObject({ ready: null, country: 'US' });
    expect(p?.deadlinesDuringLeave.length).toBeGreaterThan(0);
    expect(p?.deadlinesDuringLeave[0]?.words).toMatch(/^During Priya Nair’s leave, /);
    // The supervisor's own deadlines list carries the same mark.
    expect((await deadlines(helen)).some((d) => d.duringLeave)).toBe(true);
    expect(await refusal(priya.call('location.superviseeTrips'))).toMatch(/to supervisors/);
  });
});
