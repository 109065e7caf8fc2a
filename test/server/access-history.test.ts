import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endSupervision, reallocatePatient } from '../../server/admin/operations';
import { type Database, openDatabase } from '../../server/db/database';
import { migrate } from '../../server/db/migrations';
import { initialSchema } from '../../server/db/migrations/001_initial';
import { auditedAccessAllowed, couldSeePatientAt } from '../../server/push/access';
import { useBackends } from './support/backends';
import { patientIdsOf, userIdOf } from './support/fixtures';
import { type TestServer, startTestServer } from './support/harness';

// Who could see a patient at an instant, from the allocation and supervision history.

const at = (ms: number) => new Date(ms);

describe.each(useBackends())('access as of an instant, on $name', (backend) => {
  let t: TestServer;
  const ids: Record<string, string> = {};
  const user = (name: string) => ids[name] ?? '';
  beforeAll(async () => {
    t = await startTestServer(backend);
    for (const name of [
      'Amelia Hart',
      'Tom Reeve',
      'Priya Nair',
      'Dr Helen Marsh',
      'Dr Samuel Okafor',
    ])
      ids[name] = await userIdOf(t.db, t.account(name).email);
  });
  afterAll(async () => t?.close());

  it('follows a reallocation: the old therapist before it, the new one after it', async () => {
    const [patientId = ''] = await patientIdsOf(t.db, [user('Priya Nair')]);
    const before = Date.now() - 1_000;
    await reallocatePatient(t.db, patientId, user('Amelia Hart'), 'stepped down');
    const after = Date.now() + 1_000;
    const sees = (name: string, ms: number) =>
      couldSeePatientAt(t.db, user(name), patientId, at(ms));
    expect([await sees('Priya Nair', before), await sees('Priya Nair', after)]).toEqual([
      true,
      false,
    ]);
    expect([await sees('Amelia Hart', before), await sees('Amelia Hart', after)]).toEqual([
      false,
      true,
    ]);
    // Samuel supervises Priya (step 3) but not Amelia; Helen supervises both.
    expect([await sees('Dr Samuel Okafor', before), await sees('Dr Samuel Okafor', after)]).toEqual(
      [true, false],
    );
    expect([await sees('Dr Helen Marsh', before), await sees('Dr Helen Marsh', after)]).toEqual([
      true,
      true,
    ]);
    expect(await sees('Tom Reeve', before)).toBe(false);
  });

  it('follows a supervision: visible while it lasted, not after it ended', async () => {
    const [patientId = ''] = await patientIdsOf(t.db, [user('Tom Reeve')]);
    const during = Date.now() - 1_000;
    await endSupervision(t.db, user('Dr Helen Marsh'), user('Tom Reeve'));
    const after = Date.now() + 1_000;
    expect(await couldSeePatientAt(t.db, user('Dr Helen Marsh'), patientId, at(during))).toBe(true);
    expect(await couldSeePatientAt(t.db, user('Dr Helen Marsh'), patientId, at(after))).toBe(false);
  });

  it('takes an audited access as of when it happened, never later than its receipt, or as of now', async () => {
    const [patientId = ''] = await patientIdsOf(t.db, [user('Amelia Hart')]);
    const now = new Date();
    const allowed = (name: string, occurredMs: number) =>
      auditedAccessAllowed(t.db, user(name), patientId, {
        occurredAt: at(occurredMs),
        receivedAt: now,
      });
    // Amelia holds the patient now: allowed whatever the claim (a clock a little off).
    expect(await allowed('Amelia Hart', now.getTime() - 86_400_000)).toBe(true);
    expect(await allowed('Amelia Hart', now.getTime() + 86_400_000)).toBe(true);
    // Tom never held them: a claim in the future is checked at receipt, not then.
    expect(await allowed('Tom Reeve', now.getTime() + 86_400_000)).toBe(false);
  });

  it('refuses access after the retention window closed the record', async () => {
    const [patientId = ''] = await patientIdsOf(t.db, [user('Tom Reeve')]);
    const before = Date.now() - 1_000;
    await t.db.query(
      `UPDATE patients SET status = 'discharged', discharged_at = now(), retention_expired_at = now() WHERE id = $1`,
      [patientId],
    );
    const after = Date.now() + 1_000;
    expect(await couldSeePatientAt(t.db, user('Tom Reeve'), patientId, at(before))).toBe(true);
    expect(await couldSeePatientAt(t.db, user('Tom Reeve'), patientId, at(after))).toBe(false);
  });
});

describe.each(useBackends())(
  'allocation history for a database made before it existed, on $name',
  (backend) => {
    let db: Database;
    beforeAll(async () => {
      db = await openDatabase(await backend.emptyDatabase());
    });
    afterAll(async () => db?.close());

    it('is rebuilt from the episodes’ allocations when the migration runs', async () => {
      // A database at migration 1, with one patient reallocated once and one never.
      await db.exec(initialSchema);
      await db.exec(`CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()); INSERT INTO schema_migrations VALUES (1, 'initial', now())`);
      const org = randomUUID();
      const [a, b] = [randomUUID(), randomUUID()];
      const [moved, stayed] = [randomUUID(), randomUUID()];
      await db.query('INSERT INTO organisations (id, name) VALUES ($1, $2)', [org, 'Org']);
      for (const [id, email] of [
        [a, 'a@example.org'],
        [b, 'b@example.org'],
      ] as const)
        await db.query(
          `INSERT INTO users (id, org_id, email, display_name, role, password_hash, totp_secret, service_start_date)
         VALUES ($1, $2, $3, $3, 'therapist', 'x', 'x', '2020-01-01')`,
          [id, org, email],
        );
      for (const [patient, therapist, ref] of [
        [moved, b, 'R1'],
        [stayed, a, 'R2'],
      ] as const) {
        await db.query(
          `INSERT INTO patients (id, org_id, case_reference, given_name, family_name, date_of_birth, phone, therapist_id, status)
         VALUES ($1, $2, $3, 'G', 'F', '1980-01-01', '0', $4, 'active')`,
          [patient, org, ref, therapist],
        );
        const episode = randomUUID();
        await db.query(
          `INSERT INTO episodes (id, patient_id, step, problem_descriptor, status, allocated_therapist_id, opened_at)
         VALUES ($1, $2, 3, 'x', 'in_treatment', $3, '2026-01-01T00:00:00Z')`,
          [episode, patient, therapist],
        );
        if (patient === moved)
          await db.query(
            `INSERT INTO episode_allocations (id, episode_id, therapist_id, valid_from, valid_to, reason) VALUES
             ($1, $3, $4, '2026-01-01T00:00:00Z', '2026-03-01T00:00:00Z', 'initial'),
             ($2, $3, $5, '2026-03-01T00:00:00Z', NULL, 'reallocated')`,
            [randomUUID(), randomUUID(), episode, a, b],
          );
      }
      // Migration 2 and every later one run; 2 is the one that builds the history.
      expect((await migrate(db))[0]).toBe(2);
      const sees = (user: string, patient: string, iso: string) =>
        couldSeePatientAt(db, user, patient, new Date(iso));
      expect(await sees(a, moved, '2026-02-01T00:00:00Z')).toBe(true);
      expect(await sees(b, moved, '2026-02-01T00:00:00Z')).toBe(false);
      expect(await sees(a, moved, '2026-04-01T00:00:00Z')).toBe(false);
      expect(await sees(b, moved, '2026-04-01T00:00:00Z')).toBe(true);
      expect(await sees(a, stayed, '2020-01-01T00:00:00Z')).toBe(true);
      // From now on the trigger keeps the history.
      await db.query('UPDATE patients SET therapist_id = $2 WHERE id = $1', [stayed, b]);
      expect(await sees(b, stayed, new Date(Date.now() + 1_000).toISOString())).toBe(true);
      expect(await sees(a, stayed, '2026-04-01T00:00:00Z')).toBe(true);
    });
  },
);
