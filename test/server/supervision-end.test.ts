import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endSupervision, reallocatePatient } from '../../server/admin/operations';
import { startDevice, type TestDevice } from '../support/device';
import { useReferenceServer } from '../support/reference-server';
import { patientIdsOf, recordsOf, userIdOf } from './support/fixtures';
import type { TestServer } from './support/harness';

// Ending a supervision takes away exactly what the supervisor can no longer see: the patients
// still visible through another supervisee stay on the device (with their transcripts, run
// by the therapist whose supervision ended), the others leave it. A real supervisor's device
// (the whole core, encrypted store) against the real server.

const reference = useReferenceServer();

describe('ending a supervision', () => {
  let server: TestServer;
  let samuel: TestDevice;
  let ids: { samuel: string; rhys: string; priya: string };
  beforeAll(async () => {
    server = reference.server();
    ids = {
      samuel: await userIdOf(server.db, server.account('Dr Samuel Okafor').email),
      rhys: await userIdOf(server.db, server.account('Rhys Ellis').email),
      priya: await userIdOf(server.db, server.account('Priya Nair').email),
    };
    samuel = await startDevice({ serverUrl: server.url });
    await samuel.signIn(server.account('Dr Samuel Okafor'));
    await samuel.synced();
  }, 120_000);
  afterAll(async () => samuel?.close());

  it('keeps a patient the supervisor still sees through another supervisee, and removes the rest', async () => {
    // A patient Rhys treated (his transcripts) now with Priya, whom Samuel also supervises.
    const { patientId: stillSeen, transcriptId } = await recordsOf(server.db, ids.rhys);
    await reallocatePatient(server.db, stillSeen, ids.priya, 'caseload balancing');
    await samuel.syncNow();
    const held = await samuel.rowsOfPatient(stillSeen);
    expect(held.byTable['transcripts'] ?? 0).toBeGreaterThan(0);
    const leaving = (await patientIdsOf(server.db, [ids.rhys]))[0] ?? '';
    expect((await samuel.rowsOfPatient(leaving)).total).toBeGreaterThan(0);

    await endSupervision(server.db, ids.samuel, ids.rhys);
    await samuel.syncNow();

    const kept = await samuel.rowsOfPatient(stillSeen);
    expect(kept.byTable['patients']).toBe(1);
    expect(kept.byTable['transcripts']).toBe(held.byTable['transcripts']);
    expect(
      (
        await server.db.query('SELECT 1 FROM transcripts WHERE id = $1 AND therapist_id = $2', [
          transcriptId,
          ids.rhys,
        ])
      ).length,
    ).toBe(1);
    expect((await samuel.rowsOfPatient(leaving)).total).toBe(0);
    // The server's own eviction set: derived from visibility, never through who ran sessions.
    const evicted = (
      await server.db.query<{ scope_id: string }>(
        `SELECT DISTINCT scope_id FROM evictions WHERE user_id = $1 AND reason = 'supervision_ended'`,
        [ids.samuel],
      )
    ).map((e) => e.scope_id);
    expect(evicted).toContain(leaving);
    expect(evicted).toContain(ids.rhys);
    expect(evicted).not.toContain(stillSeen);
  });
});
