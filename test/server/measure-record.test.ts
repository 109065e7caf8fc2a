import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PushResponse } from '../../shared/api';
import { useBackends } from './support/backends';
import { userIdOf } from './support/fixtures';
import { type Session, type TestServer, signIn, startTestServer } from './support/harness';

/** Issue 10 item 4 on the server: scores are filed only against a session that took place. */
describe.each(useBackends())('measure.record on $name', (backend) => {
  let t: TestServer;
  let priya: Session;
  let sessions: { patientId: string; attended: string; future: string; missed: string };
  beforeAll(async () => {
    t = await startTestServer(backend);
    priya = await signIn(t, t.account('Priya Nair'));
    const therapistId = await userIdOf(t.db, t.account('Priya Nair').email);
    const [row] = await t.db.query<{ patient_id: string; ids: string[] }>(
      `SELECT patient_id, array_agg(id ORDER BY starts_at) AS ids FROM appointments
        WHERE therapist_id = $1 GROUP BY patient_id HAVING count(*) >= 3 ORDER BY patient_id LIMIT 1`,
      [therapistId],
    );
    const [attended, future, missed] = row?.ids ?? [];
    if (!row || !attended || !future || !missed) throw new Error('no patient with three sessions');
    await t.db.query(
      `UPDATE appointments SET outcome = 'attended', starts_at = now() - interval '3 days' WHERE id = $1`,
      [attended],
    );
    await t.db.query(
      `UPDATE appointments SET outcome = NULL, cancelled_at = NULL, cancelled_by = NULL, starts_at = now() + interval '3 days' WHERE id = $1`,
      [future],
    );
    await t.db.query(
      `UPDATE appointments SET outcome = 'dna', cancelled_at = NULL, cancelled_by = NULL, starts_at = now() - interval '2 days' WHERE id = $1`,
      [missed],
    );
    sessions = { patientId: row.patient_id, attended, future, missed };
  });
  afterAll(async () => t?.close());

  const record = async (appointmentId: string) => {
    const response = await priya.push([
      {
        kind: 'measure.record',
        payload: {
          measureId: randomUUID(),
          patientId: sessions.patientId,
          appointmentId,
          kind: 'PHQ9',
          items: [1, 1, 1, 1, 1, 1, 1, 1, 0],
          total: 8,
          recordedAt: new Date().toISOString(),
        },
      },
    ]);
    return PushResponse.parse(response.body).results[0];
  };

  it('files scores against an attended session, never a future or a missed one', async () => {
    expect(await record(sessions.attended)).toMatchObject({ status: 'applied' });
    expect(await record(sessions.future)).toMatchObject({
      status: 'rejected',
      reason: 'That session has not started yet: scores belong to a session that has taken place.',
    });
    expect(await record(sessions.missed)).toMatchObject({
      status: 'rejected',
      reason: 'The patient did not attend that session: its scores cannot be filed against it.',
    });
  });
});
