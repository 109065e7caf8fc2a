import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveCountry, withdrawCountry } from '../../../../server/admin/operations';
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
const notices: { level: string; message: string; desktop: boolean }[] = [];
beforeAll(async () => {
  server = reference.server();
  d = await startDevice({ serverUrl: server.url });
  d.core.onEvent((channel, payload) => {
    if (channel === 'app.notice') notices.push(payload as (typeof notices)[number]);
  });
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
    ).toMatch(
      /^France \(FR\) is not an approved country for you to work from \(approved: GB, ES\)/,
    );
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
      /France \(FR\) is not an approved country for you to work from/,
    );
    expect(await pendingChanges()).toBe(before);
    expect((await trips()).trips).toEqual([]);
  });

  it('keeps a plan to an approved country as pending; the service confirms it while patients still lack contacts, and its checklist says not ready, counting whom', async () => {
    await approveCountry(server.db, 'FR');
    await d.syncNow(); // the approved list arrives with the service's configuration
    expect((await trips()).approvedCountries).toContain('FR');
    const missing = await readiness();
    expect(missing.withoutEmergencyContact.length).toBeGreaterThan(0);
    expect(missing.withoutEmergencyContact[0]?.name).toMatch(/^\S+ \S+/);
    const first = await d.call<{ declarationId: string }>('location.declareWorkAbroad', plan('FR'));
    expect((await trips()).trips).toEqual([
      expect.objectContaining({ id: first.declarationId, country: 'FR', syncState: 'pending' }),
    ]);
    await d.syncNow();
    await d.synced();
    const confirmed = (await trips()).trips.find((t) => t.id === first.declarationId);
    expect(confirmed).toMatchObject({
      syncState: 'synced',
      rejectedReason: null,
      checklist: {
        activePatients: missing.activePatients,
        withoutContact: missing.withoutEmergencyContact.length,
        told: { notSent: missing.activePatients, queued: 0, refused: 0, delivered: 0 },
        ready: false,
      },
    });
    const kept = await server.db.query<{ country: string }>(
      'SELECT country FROM work_abroad_declarations WHERE id = $1',
      [first.declarationId],
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
      // Told on the desktop too, as a count: no country, patient or words of the change.
      expect(notices).toContainEqual({
        level: 'warning',
        message:
          'The service refused 1 change you made. Nothing is lost: choose "Review changes that need you" to see why and send again.',
        desktop: true,
      });
    } finally {
      await approveCountry(server.db, 'ES');
    }
  });

  it('plans a country approved for this therapist alone, offline from the cached list, and loses it when withdrawn', async () => {
    const { email } = server.account('Rhys Ellis');
    expect((await trips()).approvedCountries).not.toContain('PT');
    await approveCountry(server.db, 'PT', { userEmail: email });
    await d.syncNow(); // a personal approval arrives with the therapist's own profile
    expect((await trips()).approvedCountries).toEqual(expect.arrayContaining(['GB', 'PT']));
    // Another therapist's approval is not this therapist's.
    await approveCountry(server.db, 'IT', { userEmail: server.account('Priya Nair').email });
    await d.syncNow();
    expect((await trips()).approvedCountries).not.toContain('IT');
    const { declarationId } = await d.call<{ declarationId: string }>(
      'location.declareWorkAbroad',
      plan('PT', inDays(50), inDays(55)),
    );
    await d.syncNow();
    await d.synced();
    expect((await trips()).trips.find((t) => t.id === declarationId)).toMatchObject({
      syncState: 'synced',
      rejectedReason: null,
    });
    await withdrawCountry(server.db, 'PT', { userEmail: email });
    await d.syncNow();
    expect((await trips()).approvedCountries).not.toContain('PT');
    expect(await refusal(d.call('location.declareWorkAbroad', plan('PT')))).toMatch(
      /Portugal \(PT\) is not an approved country/,
    );
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
