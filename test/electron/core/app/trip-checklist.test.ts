import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { touchFeed } from '../../../../server/sync/feed';
import type { PlannedTrip, SuperviseeTrips, TripMessages } from '../../../../shared/ipc';
import { patientTold } from '../../../../electron/core/app/trip-messages';
import { ukDate } from '../../../../electron/core/app/work-abroad';
import type { TestServer } from '../../../server/support/harness';
import { startDevice, type TestDevice } from '../../../support/device';
import { useReferenceServer } from '../../../support/reference-server';

/**
 * The working-abroad checklist (issue 14, item 3): a trip is ready only when every active
 * patient has a local emergency contact AND has been told — by a message the service has
 * accepted, not one merely queued on this computer.
 */
const SCRYPT_HEAVY_MS = 240_000;
const reference = useReferenceServer();
let server: TestServer;
let d: TestDevice;
beforeAll(async () => {
  server = reference.server();
  d = await startDevice({ serverUrl: server.url });
  await d.signIn(server.account('Amelia Hart'));
  await d.synced();
}, SCRYPT_HEAVY_MS);
afterAll(async () => d?.close());

let readyTrip = '';
const inDays = (n: number) => ukDate(new Date(Date.now() + n * 86_400_000));
const tripOf = async (id: string) =>
  (await d.call<{ trips: PlannedTrip[] }>('location.trips')).trips.find((t) => t.id === id);

describe('patientTold (the rule)', () => {
  const undelivered = new Map<string, 'queued' | 'refused'>([
    ['q', 'queued'],
    ['r', 'refused'],
  ]);
  it.each([
    [undefined, true, 'not-sent'],
    ['q', true, 'queued'],
    ['r', true, 'refused'],
    ['a', true, 'delivered'],
    ['gone', false, 'not-sent'],
  ] as const)('message %s (kept %s) → %s', (id, kept, told) => {
    expect(patientTold(id, undelivered, () => kept)).toBe(told);
  });
});

describe('the checklist of a working trip', { timeout: SCRYPT_HEAVY_MS }, () => {
  it('is not ready while a message is only queued, and ready once every one is delivered and every contact recorded', async () => {
    const { declarationId } = await d.call<{ declarationId: string }>(
      'location.declareWorkAbroad',
      { country: 'ES', from: inDays(20), to: inDays(24) },
    );
    readyTrip = declarationId;
    const before = await tripOf(declarationId);
    expect(before?.checklist).toMatchObject({ ready: false, told: { delivered: 0 } });
    const active = before?.checklist?.activePatients ?? 0;
    expect(active).toBeGreaterThan(1);
    expect(before?.checklist?.told.notSent).toBe(active);

    const prepared = await d.call<TripMessages>('location.tripMessages', { declarationId });
    expect(prepared.patients[0]?.prepared).toMatch(/I will be working from Spain/);
    await d.call('location.sendTripMessages', {
      declarationId,
      messages: prepared.patients.map((p) => ({ patientId: p.patientId, body: p.prepared })),
    });
    // Queued on this computer: not yet told; each patient named with what is missing.
    const queued = (await tripOf(declarationId))?.checklist;
    expect(queued).toMatchObject({
      ready: false,
      told: { notSent: 0, queued: active, delivered: 0 },
    });
    expect(queued?.missing.map((m) => [m.name, m.told])).toEqual(
      prepared.patients.map((p) => [p.name, 'queued']),
    );

    // Every active patient gets a local emergency contact on the service.
    const added = await server.db.query<{ id: string; patient_id: string; org_id: string }>(
      `INSERT INTO emergency_contacts (id, patient_id, name, phone, relationship, local_emergency_number, updated_at)
       SELECT gen_random_uuid(), p.id, 'Sam Carter', '+44 7700 900123', 'partner', '999', now()
         FROM patients p JOIN users u ON u.id = p.therapist_id
        WHERE u.display_name = 'Amelia Hart' AND p.status = 'active'
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
    expect((await tripOf(declarationId))?.checklist).toEqual({
      activePatients: active,
      withoutContact: 0,
      told: { notSent: 0, queued: 0, refused: 0, delivered: active },
      ready: true,
      missing: [],
    });
  });

  it('is the supervisor’s too: "ready" counts the patients told, not the contacts alone', async () => {
    // A second trip: every contact is recorded (above), nobody is told of this one yet.
    const { declarationId: untold } = await d.call<{ declarationId: string }>(
      'location.declareWorkAbroad',
      { country: 'ES', from: inDays(30), to: inDays(34) },
    );
    await d.syncNow();
    await d.synced();
    const active = (await tripOf(untold))?.checklist?.activePatients ?? 0;
    const helen = await startDevice({ serverUrl: server.url });
    try {
      await helen.signIn(server.account('Dr Helen Marsh'));
      await helen.synced();
      const view = await helen.call<SuperviseeTrips>('location.superviseeTrips');
      const trips = view.supervisees.find((s) => s.name === 'Amelia Hart')?.trips ?? [];
      expect(trips.find((t) => t.id === readyTrip)).toMatchObject({
        ready: true,
        missingContacts: 0,
        notTold: 0,
      });
      expect(trips.find((t) => t.id === untold)).toMatchObject({
        ready: false,
        missingContacts: 0,
        notTold: active,
      });
    } finally {
      await helen.close();
    }
  });

  it('has no checklist for leave', async () => {
    const { declarationId } = await d.call<{ declarationId: string }>('location.planLeave', {
      purpose: 'annual_leave',
      country: null,
      from: inDays(40),
      to: inDays(41),
    });
    expect((await tripOf(declarationId))?.checklist).toBeNull();
  });
});
