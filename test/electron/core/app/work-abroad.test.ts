import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveCountry, withdrawCountry } from '../../../../server/admin/operations';
import { touchFeed } from '../../../../server/sync/feed';
import type { PlannedTrip, TripPlan } from '../../../../shared/ipc';
import { tripProblem, ukDate } from '../../../../electron/core/app/work-abroad';
import type { TestServer } from '../../../server/support/harness';
import { startDevice, type TestDevice } from '../../../support/device';
import { useReferenceServer } from '../../../support/reference-server';
import { refusal } from './support/session-fixtures';

/**
 * Planning a period of working abroad (issue 14, item 3): checked on the device against the
 * approved list it has cached (so it answers offline), written as a pending plan, and
 * confirmed or refused by the service, which names a country it does not approve.
 */
const SCRYPT_HEAVY_MS = 180_000;
const reference = useReferenceServer();
let server: TestServer;
let d: TestDevice;
beforeAll(async () => {
  server = reference.server();
  d = await startDevice({ serverUrl: server.url });
  await d.signIn(server.account('Rhys Ellis'));
  await d.synced();
}, SCRYPT_HEAVY_MS);
afterAll(async () => d?.close());

const DAY = 86_400_000;
const inDays = (n: number) => ukDate(new Date(Date.now() + n * DAY));
const plan = (country: string, from = inDays(10), to = inDays(20)): TripPlan => ({
  country,
  from,
  to,
  patientsInformed: true,
  emergencyContactsConfirmed: true,
});
const trips = () =>
  d.call<{ approvedCountries: string[] | null; trips: PlannedTrip[] }>('location.trips');
const readiness = () =>
  d.call<{
    activePatients: number;
    withoutEmergencyContact: { patientId: string; name: string }[];
  }>('location.readiness');
const pendingChanges = () =>
  d.call<{ pendingChanges: number }>('sync.status').then((s) => s.pendingChanges);

describe('the plan, checked on the device', () => {
  it('refuses a country not on the cached approved list, naming it, and queues nothing', () => {
    expect(
      tripProblem(plan('FR'), { approvedCountries: ['GB', 'ES'], todayUk: inDays(0) }),
    ).toMatch(/^FR is not an approved country for you to work from \(approved: GB, ES\)/);
    expect(tripProblem(plan('ES'), { approvedCountries: ['GB', 'ES'], todayUk: inDays(0) })).toBe(
      null,
    );
  });

  it('refuses dates that end before they start, or a start in the past', () => {
    const context = { approvedCountries: ['ES'], todayUk: inDays(0) };
    expect(tripProblem(plan('ES', inDays(5), inDays(4)), context)).toMatch(/ends before it starts/);
    expect(tripProblem(plan('ES', inDays(-1), inDays(4)), context)).toMatch(/in the past/);
    expect(tripProblem(plan('ES', inDays(0), inDays(0)), context)).toBe(null);
  });

  it('says so when no approved list has been received', () => {
    expect(tripProblem(plan('ES'), { approvedCountries: null, todayUk: inDays(0) })).toMatch(
      /not received your approved countries/,
    );
  });
});

describe('planning working abroad on a device', { timeout: SCRYPT_HEAVY_MS }, () => {
  it('refuses France offline-style from the cached list, with nothing queued', async () => {
    const before = await pendingChanges();
    expect(await refusal(d.call('location.declareWorkAbroad', plan('FR')))).toMatch(
      /FR is not an approved country for you to work from/,
    );
    expect(await pendingChanges()).toBe(before);
    expect((await trips()).trips).toEqual([]);
  });

  it('keeps a plan to an approved country as pending; the service refuses it while a patient has no emergency contact, then confirms one', async () => {
    await approveCountry(server.db, 'FR');
    await d.syncNow(); // the approved list arrives with the service's configuration
    expect((await trips()).approvedCountries).toContain('FR');
    const first = await d.call<{ declarationId: string }>('location.declareWorkAbroad', plan('FR'));
    expect((await trips()).trips).toEqual([
      expect.objectContaining({ id: first.declarationId, country: 'FR', syncState: 'pending' }),
    ]);
    await d.syncNow();
    await d.synced();
    const refused = (await trips()).trips.find((t) => t.id === first.declarationId);
    expect(refused).toMatchObject({ syncState: 'rejected' });
    expect(refused?.rejectedReason).toMatch(/active patients? ha(s|ve) no local emergency contact/);
    // The device names the patients the service counted.
    const missing = await readiness();
    const counted = Number(
      /^(\d+) of your active patients/.exec(refused?.rejectedReason ?? '')?.[1],
    );
    expect(missing.withoutEmergencyContact).toHaveLength(counted);
    expect(missing.withoutEmergencyContact[0]?.name).toMatch(/^\S+ \S+/);

    // Every active patient gets a local emergency contact (recorded on the service, in its feed).
    const added = await server.db.query<{ id: string; patient_id: string; org_id: string }>(
      `INSERT INTO emergency_contacts (id, patient_id, name, phone, relationship, local_emergency_number, updated_at)
       SELECT gen_random_uuid(), p.id, 'Sam Carter', '+44 7700 900123', 'partner', '999', now()
         FROM patients p JOIN users u ON u.id = p.therapist_id
        WHERE u.display_name = 'Rhys Ellis' AND p.status = 'active'
          AND NOT EXISTS (SELECT 1 FROM emergency_contacts c WHERE c.patient_id = p.id)
       RETURNING id, patient_id, (SELECT org_id FROM patients WHERE id = patient_id) AS org_id`,
    );
    for (const c of added)
      await touchFeed(server.db, {
        entity: 'emergencyContact',
        id: c.id,
        orgId: c.org_id,
        patientId: c.patient_id,
        therapistId: null,
      });
    await d.syncNow();
    await d.synced();
    expect((await readiness()).withoutEmergencyContact).toEqual([]);
    const second = await d.call<{ declarationId: string }>(
      'location.declareWorkAbroad',
      plan('FR', inDays(11), inDays(21)),
    );
    await d.syncNow();
    await d.synced();
    expect((await trips()).trips.find((t) => t.id === second.declarationId)).toMatchObject({
      syncState: 'synced',
      rejectedReason: null,
    });
    const kept = await server.db.query<{ country: string }>(
      'SELECT country FROM work_abroad_declarations WHERE id = $1',
      [second.declarationId],
    );
    expect(kept).toEqual([{ country: 'FR' }]);
  });

  it('shows the service refusing a country it no longer approves, by name', async () => {
    const { declarationId } = await d.call<{ declarationId: string }>(
      'location.declareWorkAbroad',
      plan('ES', inDays(30), inDays(40)),
    );
    await withdrawCountry(server.db, 'ES');
    try {
      await d.syncNow();
      await d.synced();
      const refused = (await trips()).trips.find((t) => t.id === declarationId);
      expect(refused).toMatchObject({ syncState: 'rejected' });
      expect(refused?.rejectedReason).toMatch(/ES is not an approved country/);
    } finally {
      await approveCountry(server.db, 'ES');
    }
  });

  it('cancels a trip before its first day (the service keeps it, marked), and not once it has started', async () => {
    const later = await d.call<{ declarationId: string }>(
      'location.declareWorkAbroad',
      plan('FR', inDays(50), inDays(60)),
    );
    const today = await d.call<{ declarationId: string }>(
      'location.declareWorkAbroad',
      plan('FR', inDays(0), inDays(3)),
    );
    await d.syncNow();
    await d.synced();
    const before = (await trips()).trips;
    expect(before.find((t) => t.id === later.declarationId)).toMatchObject({
      syncState: 'synced',
      cancellable: true,
    });
    expect(before.find((t) => t.id === today.declarationId)).toMatchObject({ cancellable: false });
    expect(
      await refusal(d.call('location.cancelTrip', { declarationId: today.declarationId })),
    ).toMatch(/has started: it can no longer be cancelled/);

    await d.call('location.cancelTrip', { declarationId: later.declarationId });
    expect((await trips()).trips.find((t) => t.id === later.declarationId)).toMatchObject({
      syncState: 'pending',
      cancelledAt: expect.any(String),
      cancellable: false,
    });
    await d.syncNow();
    await d.synced();
    expect((await trips()).trips.find((t) => t.id === later.declarationId)).toMatchObject({
      syncState: 'synced',
      cancelledAt: expect.any(String),
    });
    const kept = await server.db.query<{ cancelled: boolean }>(
      'SELECT cancelled_at IS NOT NULL AS cancelled FROM work_abroad_declarations WHERE id = $1',
      [later.declarationId],
    );
    expect(kept).toEqual([{ cancelled: true }]);
  });
});
