import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Mutation, PushResponse } from '../../shared/api';
import { useBackends } from './support/backends';
import { userIdOf } from './support/fixtures';
import { type Session, type TestServer, signIn, startTestServer } from './support/harness';

type Draft = Omit<Mutation, 'seq' | 'id'>;

// Working abroad (docs/domain.md): from abroad a therapist cannot dial 999 for a patient, so
// a declaration is accepted only once every active patient has a local emergency contact.

describe.each(useBackends())('workAbroad.declare on $name', (backend) => {
  let t: TestServer;
  let rhys: Session;
  let rhysId: string;
  beforeAll(async () => {
    t = await startTestServer(backend);
    rhys = await signIn(t, t.account('Rhys Ellis'));
    rhysId = await userIdOf(t.db, t.account('Rhys Ellis').email);
    const [active] = await t.db.query<{ id: string }>(
      `SELECT id FROM patients WHERE therapist_id = $1 AND status = 'active' ORDER BY id LIMIT 1`,
      [rhysId],
    );
    if (!active) throw new Error('Rhys Ellis has no active patient');
    await t.db.query(
      `DELETE FROM sync_feed WHERE entity = 'emergencyContact' AND patient_id = $1`,
      [active.id],
    );
    await t.db.query('DELETE FROM emergency_contacts WHERE patient_id = $1', [active.id]);
  });
  /** Active patients of Rhys with no emergency contact (at least the one arranged above). */
  const missingContacts = async () =>
    (
      await t.db.query<{ id: string }>(
        `SELECT p.id FROM patients p WHERE p.therapist_id = $1 AND p.status = 'active'
           AND NOT EXISTS (SELECT 1 FROM emergency_contacts c WHERE c.patient_id = p.id)`,
        [rhysId],
      )
    ).map((r) => r.id);
  afterAll(async () => t?.close());

  const declare = (): Draft => ({
    kind: 'workAbroad.declare',
    payload: {
      declarationId: randomUUID(),
      country: 'ES',
      from: '2027-03-01',
      to: '2027-03-14',
      patientsInformed: true,
      emergencyContactsConfirmed: true,
    },
  });
  const contact = (patientId: string): Draft => ({
    kind: 'emergencyContact.set',
    payload: {
      contactId: randomUUID(),
      patientId,
      name: 'Ana Ruiz',
      phone: '+34 600 000 001',
      relationship: 'sister',
      localEmergencyNumber: '112',
    },
  });

  it('refuses a declaration while an active patient has no local emergency contact, and accepts it once every one has', async () => {
    const missing = await missingContacts();
    expect(missing.length).toBeGreaterThan(0);
    const refused = PushResponse.parse((await rhys.push([declare()])).body).results[0];
    expect(refused).toMatchObject({ status: 'rejected' });
    expect(refused && 'reason' in refused ? refused.reason : '').toMatch(
      /have no local emergency contact recorded/,
    );
    const results = PushResponse.parse(
      (await rhys.push([...missing.map(contact), declare()])).body,
    ).results;
    expect(results.map((r) => r.status)).toEqual([...missing.map(() => 'applied'), 'applied']);
  });

  it('cancels one’s own trip before its first day, keeps it marked, and refuses a started one or another’s', async () => {
    const todayUk = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
      new Date(),
    );
    const future = declare();
    const startsToday = declare();
    (startsToday.payload as { from: string }).from = todayUk;
    const declared = PushResponse.parse((await rhys.push([future, startsToday])).body).results;
    expect(declared.map((r) => r.status)).toEqual(['applied', 'applied']);
    const cancel = (declarationId: string): Draft => ({
      kind: 'workAbroad.cancel',
      payload: { declarationId },
    });
    const futureId = (future.payload as { declarationId: string }).declarationId;
    const todayId = (startsToday.payload as { declarationId: string }).declarationId;

    const priya = await signIn(t, t.account('Priya Nair'));
    const [notHers] = PushResponse.parse((await priya.push([cancel(futureId)])).body).results;
    expect(notHers).toMatchObject({
      status: 'rejected',
      reason: 'There is no such planned trip of yours.',
    });

    const results = PushResponse.parse(
      (await rhys.push([cancel(futureId), cancel(futureId), cancel(todayId)])).body,
    ).results;
    expect(results.map((r) => r.status)).toEqual(['applied', 'rejected', 'rejected']);
    expect(results[1] && 'reason' in results[1] ? results[1].reason : '').toMatch(
      /already been cancelled/,
    );
    expect(results[2] && 'reason' in results[2] ? results[2].reason : '').toMatch(
      /started on .* can no longer be cancelled/,
    );
    const kept = await t.db.query<{ id: string; cancelled: boolean }>(
      'SELECT id, cancelled_at IS NOT NULL AS cancelled FROM work_abroad_declarations WHERE id = ANY($1::uuid[]) ORDER BY id',
      [[futureId, todayId]],
    );
    expect(Object.fromEntries(kept.map((r) => [r.id, r.cancelled]))).toEqual({
      [futureId]: true,
      [todayId]: false,
    });
  });
});
