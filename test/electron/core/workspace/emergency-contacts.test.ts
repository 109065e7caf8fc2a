import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { EmergencyContactInput, type PatientDetail } from '../../../../shared/ipc';
import type { TestServer } from '../../../server/support/harness';
import type { TestDevice } from '../../../support/device';
import type { FaultProxy } from '../../../support/fault-proxy';
import { useReferenceServer } from '../../../support/reference-server';
import { touchFeed } from '../../../../server/sync/feed';
import { userIdOf } from '../../../server/support/fixtures';
import { refusal } from '../app/support/session-fixtures';
import { signedInDevice, syncStatus } from '../sync/support';

/**
 * Recording a patient's local emergency contact from the app (issue 14, item 3): written on
 * the device offline like every change and sent through the outbox; the trip readiness counts
 * it at once; a refusal by the service shows among the refused changes, never dropped.
 */
const SCRYPT_HEAVY_MS = 180_000;
const reference = useReferenceServer();
let server: TestServer;
let proxy: FaultProxy;
let d: TestDevice;
beforeAll(async () => {
  server = reference.server();
  proxy = reference.proxy();
  // The tests need patients without a contact: the demo gives most patients one, at random.
  // The service withdraws the contacts of five of Priya's patients (a deletion in the feed).
  const priyaId = await userIdOf(server.db, server.account('Priya Nair').email);
  await server.db.transaction(async (tx) => {
    const contacts = await tx.query<{ id: string; patient_id: string; org_id: string }>(
      `SELECT c.id, c.patient_id, p.org_id FROM emergency_contacts c
         JOIN patients p ON p.id = c.patient_id
        WHERE p.id IN (SELECT id FROM patients WHERE therapist_id = $1 AND status = 'active'
                        ORDER BY case_reference LIMIT 5)`,
      [priyaId],
    );
    for (const c of contacts) {
      await tx.query('DELETE FROM emergency_contacts WHERE id = $1', [c.id]);
      await touchFeed(tx, {
        entity: 'emergencyContact',
        id: c.id,
        orgId: c.org_id,
        patientId: c.patient_id,
        therapistId: priyaId,
        deleted: true,
      });
    }
  });
  d = await signedInDevice(server, proxy.url);
}, SCRYPT_HEAVY_MS);

type Readiness = { activePatients: number; withoutEmergencyContact: { patientId: string }[] };
const readiness = () => d.call<Readiness>('location.readiness');
const detail = (patientId: string) => d.call<PatientDetail>('patients.get', { patientId });
const contact = (patientId: string, contactId: string | null = null) => ({
  patientId,
  contactId,
  name: 'Amélie Durand',
  relationship: 'sister',
  phone: '+33 6 12 34 56 78',
  localEmergencyNumber: '112',
});
const onServer = (patientId: string) =>
  server.db.query<{ id: string; name: string; phone: string; local_emergency_number: string }>(
    'SELECT id, name, phone, local_emergency_number FROM emergency_contacts WHERE patient_id = $1',
    [patientId],
  );

describe('the form’s rules, in words', () => {
  it('refuses an empty name, a phone in letters and an emergency number that is not digits', () => {
    const parsed = EmergencyContactInput.safeParse({
      ...contact(randomUUID()),
      name: '  ',
      phone: 'call her',
      localEmergencyNumber: 'one one two',
    });
    expect(parsed.success).toBe(false);
    const messages: Record<string, string> = {};
    for (const issue of parsed.error?.issues ?? [])
      messages[String(issue.path[0])] ??= issue.message;
    expect(messages['name']).toBe('Enter the contact’s name.');
    expect(messages['phone']).toMatch(/^Enter the phone number in digits/);
    expect(messages['localEmergencyNumber']).toMatch(/^Enter the emergency number of the patient/);
    expect(EmergencyContactInput.safeParse(contact(randomUUID())).success).toBe(true);
  });
});

describe('recording a local emergency contact', { timeout: SCRYPT_HEAVY_MS }, () => {
  it('records one offline (pending), counts it for the trip at once, and sends it when online', async () => {
    const before = await readiness();
    const patientId = before.withoutEmergencyContact[0]?.patientId;
    if (!patientId) throw new Error('every patient already has a contact');
    proxy.offline = true;
    try {
      const recorded = await d.call<{ id: string; syncState: string }>(
        'patients.setEmergencyContact',
        contact(patientId),
      );
      expect(recorded.syncState).toBe('pending');
      expect((await detail(patientId)).emergencyContacts).toEqual([
        expect.objectContaining({ name: 'Amélie Durand', syncState: 'pending' }),
      ]);
      const after = await readiness();
      expect(after.withoutEmergencyContact).toHaveLength(before.withoutEmergencyContact.length - 1);
      expect(after.withoutEmergencyContact.map((p) => p.patientId)).not.toContain(patientId);
      expect(await onServer(patientId)).toEqual([]);
    } finally {
      proxy.offline = false;
    }
    await d.syncNow();
    await d.synced();
    expect(await onServer(patientId)).toEqual([
      expect.objectContaining({ name: 'Amélie Durand', local_emergency_number: '112' }),
    ]);
    expect((await detail(patientId)).emergencyContacts).toEqual([
      expect.objectContaining({ name: 'Amélie Durand', syncState: 'synced' }),
    ]);
  });

  it('edits the contact a patient has, and refuses a second one on the device', async () => {
    const patientId = (await readiness()).withoutEmergencyContact[0]?.patientId;
    if (!patientId) throw new Error('every patient already has a contact');
    const first = await d.call<{ id: string }>('patients.setEmergencyContact', contact(patientId));
    expect(await refusal(d.call('patients.setEmergencyContact', contact(patientId)))).toMatch(
      /already has a local emergency contact \(Amélie Durand\): edit that one/,
    );
    await d.call('patients.setEmergencyContact', {
      ...contact(patientId, first.id),
      phone: '+33 7 00 00 00 01',
    });
    await d.syncNow();
    await d.synced();
    expect(await onServer(patientId)).toEqual([
      expect.objectContaining({ id: first.id, phone: '+33 7 00 00 00 01' }),
    ]);
  });

  it('refuses an invalid contact before it is written, and queues nothing', async () => {
    const patientId = (await readiness()).withoutEmergencyContact[0]?.patientId;
    if (!patientId) throw new Error('every patient already has a contact');
    const pending = (await syncStatus(d)).pendingChanges;
    expect(
      await refusal(
        d.call('patients.setEmergencyContact', {
          ...contact(patientId),
          localEmergencyNumber: 'x',
        }),
      ),
    ).toMatch(/INVALID_REQUEST/);
    expect((await detail(patientId)).emergencyContacts).toEqual([]);
    expect((await syncStatus(d)).pendingChanges).toBe(pending);
  });

  it('shows the service’s refusal (a contact recorded elsewhere first) among the refused changes, with the service’s contact in its place', async () => {
    const patientId = (await readiness()).withoutEmergencyContact[0]?.patientId;
    if (!patientId) throw new Error('every patient already has a contact');
    // Another device recorded one first; this device has not heard of it yet.
    await server.db.query(
      `INSERT INTO emergency_contacts (id, patient_id, name, phone, relationship, local_emergency_number, updated_at)
       VALUES (gen_random_uuid(), $1, 'Jean Martin', '+33 6 98 76 54 32', 'brother', '112', now())`,
      [patientId],
    );
    await d.call('patients.setEmergencyContact', contact(patientId));
    await d.syncNow();
    await d.synced();
    const refused = (await syncStatus(d)).rejected.find((r) => r.kind === 'emergencyContact.set');
    expect(refused?.reason).toMatch(/already has an emergency contact \(Jean Martin\)/);
    expect(refused?.summary).toMatch(/^Emergency contact for /);
    // Both stay visible: the service's contact, and this device's refused one with its reason.
    expect((await detail(patientId)).emergencyContacts).toEqual([
      expect.objectContaining({ name: 'Jean Martin', syncState: 'synced' }),
      expect.objectContaining({ name: 'Amélie Durand', syncState: 'rejected' }),
    ]);
    // The one to edit now is the service's; a refused contact does not count for a trip.
    expect(await refusal(d.call('patients.setEmergencyContact', contact(patientId)))).toMatch(
      /already has a local emergency contact \(Jean Martin\)/,
    );
  });
});
