import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Mutation, PushResponse, WorkAbroadDeclaration } from '../../shared/api';
import { useBackends } from './support/backends';
import { userIdOf } from './support/fixtures';
import { type Session, type TestServer, signIn, startTestServer } from './support/harness';

type Draft = Omit<Mutation, 'seq' | 'id'>;

// Working abroad (docs/domain.md): only from an approved country, checked when the trip is
// planned. Knowing each patient's local emergency contact and telling each patient is the
// trip's checklist, done after planning and before the trip starts (its readiness).

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

  it('accepts a working trip from an approved country before its checklist is done: no "patients informed" asked (they are told after planning), contacts still missing', async () => {
    expect((await missingContacts()).length).toBeGreaterThan(0);
    const {
      patientsInformed: _informed,
      emergencyContactsConfirmed: _confirmed,
      ...plan
    } = declare().payload as Record<string, unknown>;
    const sent = await rhys.push([{ kind: 'workAbroad.declare', payload: plan } as Draft]);
    expect(sent.status).toBe(200);
    const [result] = PushResponse.parse(sent.body).results;
    expect(result).toMatchObject({ status: 'applied' });
    const [stored] = await t.db.query<{ informed: boolean; confirmed: boolean }>(
      `SELECT patients_informed AS informed, emergency_contacts_confirmed AS confirmed
         FROM work_abroad_declarations WHERE id = $1`,
      [plan['declarationId']],
    );
    // Nothing is claimed that the therapist did not say: the checklist says who was told.
    expect(stored).toEqual({ informed: false, confirmed: false });
  });

  it('still accepts an older client’s payload, which says both were done', async () => {
    const [result] = PushResponse.parse((await rhys.push([declare()])).body).results;
    expect(result).toMatchObject({ status: 'applied' });
  });

  it('refuses a country not approved for the caller, naming it', async () => {
    const draft = declare();
    (draft.payload as { country: string }).country = 'US';
    const [result] = PushResponse.parse((await rhys.push([draft])).body).results;
    expect(result).toMatchObject({
      status: 'rejected',
      reason: 'US is not an approved country for working abroad.',
    });
  });

  it('syncs which patients a working trip told (its checklist): only patients whose message the service holds, for the supervisor to see', async () => {
    const trip = declare();
    const declarationId = (trip.payload as { declarationId: string }).declarationId;
    const patients = await t.db.query<{ id: string }>(
      `SELECT id FROM patients WHERE therapist_id = $1 AND status = 'active' ORDER BY id LIMIT 2`,
      [rhysId],
    );
    const [told, notTold] = patients.map((p) => p.id);
    if (!told || !notTold) throw new Error('Rhys Ellis needs two active patients');
    const messageId = randomUUID();
    const results = PushResponse.parse(
      (
        await rhys.push([
          trip,
          {
            kind: 'message.send',
            payload: { messageId, patientId: told, body: 'I will be working from Spain.' },
          },
          {
            kind: 'workAbroad.told',
            payload: {
              declarationId,
              told: [
                { patientId: told, messageId },
                // A message the service never accepted: that patient is not told.
                { patientId: notTold, messageId: randomUUID() },
              ],
            },
          },
        ])
      ).body,
    ).results;
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);

    const helen = await signIn(t, t.account('Dr Helen Marsh'));
    const seen = (await helen.pullAll('core'))
      .flatMap((page) => page.changes)
      .filter((c) => c.entity === 'workAbroadDeclaration' && 'data' in c)
      .map((c) => WorkAbroadDeclaration.parse((c as { data: unknown }).data))
      .find((d) => d.id === declarationId);
    expect(seen?.toldPatientIds).toEqual([told]);

    const [other] = PushResponse.parse(
      (
        await (
          await signIn(t, t.account('Priya Nair'))
        ).push([
          {
            kind: 'workAbroad.told',
            payload: { declarationId, told: [{ patientId: told, messageId }] },
          },
        ])
      ).body,
    ).results;
    expect(other).toMatchObject({
      status: 'rejected',
      reason: 'There is no such working trip of yours.',
    });
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
