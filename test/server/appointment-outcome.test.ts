import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MutationPayload, type MutationResult, PushResponse } from '../../shared/api';
import { currentVersion } from '../../server/sync/feed';
import { useBackends } from './support/backends';
import { userIdOf } from './support/fixtures';
import { type Session, type TestServer, signIn, startTestServer } from './support/harness';

/**
 * Issue 10 item 1 and issue 8 item 9: the server computes an appointment's outcome from the
 * facts (when and by whom it was cancelled), refuses a contradiction, and answers a conflict
 * when the appointment changed since the version the client started from.
 */
const HOUR = 3_600_000;
type Payload = MutationPayload<'appointment.recordOutcome'>;

describe.each(useBackends())('appointment outcomes on $name', (backend) => {
  let t: TestServer;
  let laptop: Session;
  let tablet: Session;
  let therapistId: string;
  beforeAll(async () => {
    t = await startTestServer(backend);
    laptop = await signIn(t, t.account('Priya Nair'));
    tablet = await signIn(t, t.account('Priya Nair'));
    therapistId = await userIdOf(t.db, t.account('Priya Nair').email);
  });
  afterAll(async () => t?.close());

  const used: string[] = [];
  /** A booked appointment of Priya's of its own, arranged to start at `startsInMs` from now. */
  const booked = async (startsInMs: number, minutes = 60): Promise<string> => {
    const [row] = await t.db.query<{ id: string }>(
      `SELECT a.id FROM appointments a JOIN episodes e ON e.id = a.episode_id
        WHERE a.therapist_id = $1 AND a.kind = 'treatment' AND e.step = 3 AND NOT (a.id = ANY($2::uuid[]))
        ORDER BY a.id LIMIT 1`,
      [therapistId, used],
    );
    if (!row) throw new Error('no booked appointment left');
    await t.db.query(
      `UPDATE appointments SET starts_at = $2, duration_minutes = $3, outcome = NULL, cancelled_at = NULL, cancelled_by = NULL WHERE id = $1`,
      [row.id, new Date(Date.now() + startsInMs).toISOString(), minutes],
    );
    used.push(row.id);
    return row.id;
  };
  const version = async (id: string) => (await currentVersion(t.db, 'appointment', id)) ?? 0;
  const push = async (session: Session, payload: Payload): Promise<MutationResult> => {
    const response = await session.push([{ kind: 'appointment.recordOutcome', payload }]);
    expect(response.status).toBe(200);
    const [result] = PushResponse.parse(response.body).results;
    if (!result) throw new Error('no result');
    return result;
  };
  const stored = async (id: string) =>
    (
      await t.db.query<{ outcome: string | null; cancelled_by: string | null }>(
        'SELECT outcome, cancelled_by FROM appointments WHERE id = $1',
        [id],
      )
    )[0];

  it('refuses a "late cancellation" made seven days ahead, with the reason; records it as a cancellation', async () => {
    const id = await booked(8 * 24 * HOUR);
    const cancelledAt = new Date(Date.now() - HOUR).toISOString();
    const base = await version(id);
    const late = await push(laptop, {
      appointmentId: id,
      outcome: 'late_cancellation',
      cancelledAt,
      cancelledBy: 'patient',
      baseVersion: base,
    });
    expect(late).toMatchObject({ status: 'rejected' });
    expect(late.status === 'rejected' && late.reason).toMatch(
      /sent as a late cancellation, but the facts make it a cancellation\. Cancelled in time: the patient cancelled \d days( \d+ hours?)? before the start \(more than 48 hours\)\./,
    );
    expect(await stored(id)).toEqual({ outcome: null, cancelled_by: null });
    const inTime = await push(laptop, {
      appointmentId: id,
      outcome: 'cancelled',
      cancelledAt,
      cancelledBy: 'patient',
      baseVersion: base,
    });
    expect(inTime).toMatchObject({ status: 'applied', version: base + 1 });
    expect(await stored(id)).toEqual({ outcome: 'cancelled', cancelled_by: 'patient' });
    // The record every device pulls says who cancelled.
    const pulled = (await laptop.pullAll('core'))
      .flatMap((page) => page.changes)
      .find((change) => change.entity === 'appointment' && change.id === id);
    expect(pulled).toMatchObject({ data: { outcome: 'cancelled', cancelledBy: 'patient' } });
  });

  it('computes a late cancellation from the facts (the patient, within 48 hours inclusive)', async () => {
    const id = await booked(47 * HOUR);
    const result = await push(laptop, {
      appointmentId: id,
      outcome: 'late_cancellation',
      cancelledAt: new Date(Date.now() - HOUR).toISOString(),
      cancelledBy: 'patient',
      baseVersion: await version(id),
    });
    expect(result.status).toBe('applied');
    expect(await stored(id)).toEqual({ outcome: 'late_cancellation', cancelled_by: 'patient' });
  });

  it('refuses attended or DNA for an appointment that has not started, and a cancellation without who', async () => {
    const id = await booked(2 * HOUR);
    const base = await version(id);
    for (const outcome of ['attended', 'dna'] as const) {
      const result = await push(laptop, {
        appointmentId: id,
        outcome,
        cancelledAt: null,
        cancelledBy: null,
        baseVersion: base,
      });
      expect(result.status === 'rejected' && result.reason).toMatch(/has not started yet/);
    }
    const noWho = await push(laptop, {
      appointmentId: id,
      outcome: 'cancelled',
      cancelledAt: new Date().toISOString(),
      cancelledBy: null,
      baseVersion: base,
    });
    expect(noWho.status === 'rejected' && noWho.reason).toBe(
      'Say when the appointment was cancelled and by whom (the patient, the therapist or the service).',
    );
    const whoWithoutCancel = await push(laptop, {
      appointmentId: id,
      outcome: 'dna',
      cancelledAt: null,
      cancelledBy: 'patient',
      baseVersion: base,
    });
    expect(whoWithoutCancel.status === 'rejected' && whoWithoutCancel.reason).toBe(
      'Only a cancellation has a time of cancellation and who cancelled.',
    );
    expect(await stored(id)).toEqual({ outcome: null, cancelled_by: null });
  });

  it('refuses a paid outcome for a session length the service does not book', async () => {
    const id = await booked(-2 * HOUR, 60);
    await t.db.query(
      `UPDATE appointments SET duration_minutes = 45, kind = 'assessment' WHERE id = $1`,
      [id],
    );
    const result = await push(laptop, {
      appointmentId: id,
      outcome: 'attended',
      cancelledAt: null,
      cancelledBy: null,
      baseVersion: await version(id),
    });
    expect(result.status === 'rejected' && result.reason).toBe(
      'Step 3 assessments are 60 minutes; this one is booked for 45. Ask the service to correct the booking first.',
    );
  });

  it('answers a conflict, with the current record, when another device changed the appointment since', async () => {
    const id = await booked(-2 * HOUR);
    const base = await version(id);
    const first = await push(tablet, {
      appointmentId: id,
      outcome: 'dna',
      cancelledAt: null,
      cancelledBy: null,
      baseVersion: base,
    });
    expect(first).toMatchObject({ status: 'applied', version: base + 1 });
    const stale = await push(laptop, {
      appointmentId: id,
      outcome: 'attended',
      cancelledAt: null,
      cancelledBy: null,
      baseVersion: base,
    });
    expect(stale).toMatchObject({
      status: 'conflict',
      serverVersion: {
        entity: 'appointment',
        id,
        version: base + 1,
        data: expect.objectContaining({ id, outcome: 'dna' }),
      },
    });
    expect(stale.status === 'conflict' && stale.reason).toBe(
      'This appointment was changed on another device after you opened it: it is now recorded as a DNA. Yours (attended) was not recorded; record it again if it is right.',
    );
    expect(await stored(id)).toMatchObject({ outcome: 'dna' }); // nothing overwritten
    // Resolved by choosing again from the current version.
    const again = await push(laptop, {
      appointmentId: id,
      outcome: 'attended',
      cancelledAt: null,
      cancelledBy: null,
      baseVersion: base + 1,
    });
    expect(again).toMatchObject({ status: 'applied', version: base + 2 });
    expect(await stored(id)).toMatchObject({ outcome: 'attended' });
    const trail = await t.db.query<{ version: number; outcome: string }>(
      'SELECT version, outcome FROM appointment_outcome_revisions WHERE appointment_id = $1 ORDER BY version',
      [id],
    );
    expect(trail).toEqual([
      { version: base + 1, outcome: 'dna' },
      { version: base + 2, outcome: 'attended' },
    ]);
  });

  it("does not count this device's own later changes as a conflict, nor a version it cannot have seen", async () => {
    const id = await booked(-2 * HOUR);
    const base = await version(id);
    const payload = (outcome: 'dna' | 'attended'): Payload => ({
      appointmentId: id,
      outcome,
      cancelledAt: null,
      cancelledBy: null,
      baseVersion: base,
    });
    expect((await push(laptop, payload('dna'))).status).toBe('applied');
    expect((await push(laptop, payload('attended'))).status).toBe('applied');
    const future = await push(laptop, { ...payload('dna'), baseVersion: base + 10 });
    expect(future.status === 'rejected' && future.reason).toBe(
      'This appointment has no such version on the server; open it again and record the outcome.',
    );
  });
});
