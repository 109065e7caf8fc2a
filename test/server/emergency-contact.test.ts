import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Mutation, type MutationResult, PushResponse } from '../../shared/api';
import { useBackends } from './support/backends';
import { patientIdsOf, userIdOf } from './support/fixtures';
import { type Session, type TestServer, signIn, startTestServer } from './support/harness';

type Draft = Omit<Mutation, 'seq' | 'id'>;

// emergencyContact.set: a patient has at most one emergency contact, named by its id.
// The same id again updates it in place; a different id while the patient already has one
// is a conflict carrying the stored contact (the other device's details are never
// overwritten unseen); an id that names another patient's contact is rejected.

describe.each(useBackends())('emergencyContact.set on $name', (backend) => {
  let t: TestServer;
  let rhys: Session;
  let rhysOtherDevice: Session;
  let patients: string[];
  beforeAll(async () => {
    t = await startTestServer(backend);
    rhys = await signIn(t, t.account('Rhys Ellis'));
    rhysOtherDevice = await signIn(t, t.account('Rhys Ellis'));
    // Five of Rhys's patients with no emergency contact yet (the seed gives most of them one).
    patients = (
      await patientIdsOf(t.db, [await userIdOf(t.db, t.account('Rhys Ellis').email)])
    ).slice(0, 5);
    await t.db.query(
      `DELETE FROM sync_feed WHERE entity = 'emergencyContact' AND patient_id = ANY($1::uuid[])`,
      [patients],
    );
    await t.db.query('DELETE FROM emergency_contacts WHERE patient_id = ANY($1::uuid[])', [
      patients,
    ]);
  });
  afterAll(async () => t?.close());

  const set = (patientId: string, contactId: string, name: string): Draft => ({
    kind: 'emergencyContact.set',
    payload: {
      contactId,
      patientId,
      name,
      phone: '+34 600 000 000',
      relationship: 'sister',
      localEmergencyNumber: '112',
    },
  });
  const resultOf = async (session: Session, drafts: Draft[]): Promise<MutationResult[]> => {
    const response = await session.push(drafts);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return PushResponse.parse(response.body).results;
  };
  const storedFor = (patientId: string) =>
    t.db.query<{ id: string; name: string }>(
      'SELECT id, name FROM emergency_contacts WHERE patient_id = $1',
      [patientId],
    );
  const patient = (i: number) => patients[i] ?? '';

  it('creates a contact, then updates the same contact id in place with a new version', async () => {
    const contactId = randomUUID();
    const [created] = await resultOf(rhys, [set(patient(0), contactId, 'Ana Ruiz')]);
    expect(created).toMatchObject({ status: 'applied', version: 1 });
    const [updated] = await resultOf(rhys, [set(patient(0), contactId, 'Ana Ruiz Gómez')]);
    expect(updated).toMatchObject({ status: 'applied', version: 2 });
    expect(await storedFor(patient(0))).toEqual([{ id: contactId, name: 'Ana Ruiz Gómez' }]);
  });

  it('answers a second contact for the same patient with a conflict carrying the stored one', async () => {
    const first = randomUUID();
    await resultOf(rhys, [set(patient(1), first, 'Joan Puig')]);
    const [second] = await resultOf(rhysOtherDevice, [set(patient(1), randomUUID(), 'Marta Puig')]);
    expect(second).toMatchObject({
      status: 'conflict',
      serverVersion: { entity: 'emergencyContact', id: first, data: { name: 'Joan Puig' } },
    });
    expect(await storedFor(patient(1))).toEqual([{ id: first, name: 'Joan Puig' }]);
  });

  it("rejects a contact id that names another patient's contact, and applies the change behind it", async () => {
    const taken = randomUUID();
    await resultOf(rhys, [set(patient(2), taken, 'Luis Vidal')]);
    const results = await resultOf(rhys, [
      set(patient(3), taken, 'Someone Else'),
      set(patient(3), randomUUID(), 'Pau Soler'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'applied']);
    expect(await storedFor(patient(2))).toEqual([{ id: taken, name: 'Luis Vidal' }]);
    expect((await storedFor(patient(3))).map((c) => c.name)).toEqual(['Pau Soler']);
  });

  it('settles two devices setting a first contact at once: one applies, the other conflicts', async () => {
    const [a, b] = await Promise.all([
      resultOf(rhys, [set(patient(4), randomUUID(), 'From the laptop')]),
      resultOf(rhysOtherDevice, [set(patient(4), randomUUID(), 'From the desktop')]),
    ]);
    expect([a?.[0]?.status, b?.[0]?.status].sort()).toEqual(['applied', 'conflict']);
    expect(await storedFor(patient(4))).toHaveLength(1);
  });
});
