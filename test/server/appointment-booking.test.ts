import { randomUUID } from 'node:crypto';
import { step2EpisodesWithRoom } from './support/step2-room';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MutationPayload, type MutationResult, PushResponse } from '../../shared/api';
import { useBackends } from './support/backends';
import { userIdOf } from './support/fixtures';
import { type Session, type TestServer, signIn, startTestServer } from './support/harness';

/**
 * Issue 13 item 6: the server checks a booking with the same rule the device used offline
 * (shared/clinical bookingRule) and refuses, with the reason in words, a 5th step 2 treatment
 * session without an approved extension, a second session for the therapist at the same time,
 * a length the service does not book, and a start in the past.
 */
const DAY = 24 * 3_600_000;
type Payload = MutationPayload<'appointment.book'>;

describe.each(useBackends())('booking sessions on $name', (backend) => {
  let t: TestServer;
  let tom: Session;
  let tomId: string;
  /** Two of Tom's step 2 patients with an open episode, cleared of treatment sessions. */
  let first: { patientId: string; episodeId: string };
  let second: { patientId: string; episodeId: string };
  /** A clock time far from the seeded diary, on the hour. */
  const base = Math.ceil((Date.now() + 200 * DAY) / 3_600_000) * 3_600_000;
  const at = (days: number, hours = 0) =>
    new Date(base + days * DAY + hours * 3_600_000).toISOString();

  beforeAll(async () => {
    t = await startTestServer(backend);
    tom = await signIn(t, t.account('Tom Reeve'));
    tomId = await userIdOf(t.db, t.account('Tom Reeve').email);
    // No treatment sessions counted yet, and no session extension request.
    const [a, b] = await step2EpisodesWithRoom(t, 'Tom Reeve', 2);
    if (!a || !b) throw new Error('Tom has fewer than two open step 2 episodes');
    first = { patientId: a.patient_id, episodeId: a.id };
    second = { patientId: b.patient_id, episodeId: b.id };
  });
  afterAll(async () => t?.close());

  const book = async (over: Partial<Payload>): Promise<MutationResult> => {
    const payload: Payload = {
      appointmentId: randomUUID(),
      ...first,
      kind: 'treatment',
      durationMinutes: 45,
      startsAt: at(0),
      ...over,
    };
    const response = await tom.push([{ kind: 'appointment.book', payload }]);
    expect(response.status).toBe(200);
    const [result] = PushResponse.parse(response.body).results;
    if (!result) throw new Error('no result');
    return result;
  };
  const reason = (r: MutationResult) => (r.status === 'rejected' ? r.reason : r.status);

  it('books four step 2 treatment sessions, then refuses the 5th until an extension is approved', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const id = randomUUID();
      ids.push(id);
      expect(await book({ appointmentId: id, startsAt: at(i * 14) })).toMatchObject({
        status: 'applied',
      });
    }
    const fifth = randomUUID();
    const refused = await book({ appointmentId: fifth, startsAt: at(70) });
    expect(reason(refused)).toBe(
      'Step 2 allows 4 treatment sessions before a session extension is approved; this patient has 0 used and 4 booked. No session extension request has been raised: raise one in Tickets for the supervisor to approve.',
    );
    expect(await t.db.query('SELECT 1 FROM appointments WHERE id = $1', [fifth])).toEqual([]);

    // Raised and still open: refused, saying what it waits for.
    const ticketId = randomUUID();
    await t.db.query(
      `INSERT INTO tickets (id, patient_id, therapist_id, type, body, state, raised_at)
       VALUES ($1, $2, $3, 'session_extension_request', 'Two more sessions of BA', 'open', now())`,
      [ticketId, first.patientId, tomId],
    );
    expect(reason(await book({ startsAt: at(70) }))).toMatch(
      /waiting for the supervisor’s decision\.$/,
    );

    await t.db.query(
      `UPDATE tickets SET state = 'approved', decision = 'approve', decided_at = now(), decision_comment = ''
        WHERE id = $1`,
      [ticketId],
    );
    expect(await book({ appointmentId: fifth, startsAt: at(70) })).toMatchObject({
      status: 'applied',
    });

    // Every device pulls the booked sessions, numbered in the episode.
    const pulled = (await tom.pullAll('core'))
      .flatMap((page) => page.changes)
      .filter((c) => c.entity === 'appointment' && [...ids, fifth].includes(c.id));
    expect(pulled).toHaveLength(5);
    expect(pulled.find((c) => c.id === fifth)).toMatchObject({
      data: { kind: 'treatment', durationMinutes: 45, outcome: null, therapistId: tomId },
    });
  });

  it('refuses a second session for the therapist at the same time, with another patient', async () => {
    expect(
      await book({ ...second, kind: 'assessment', durationMinutes: 60, startsAt: at(1) }),
    ).toMatchObject({
      status: 'applied',
    });
    const clash = await book({ ...second, startsAt: at(1, 0.5) });
    expect(reason(clash)).toMatch(
      /^You already have a 60-minute session at \w+ \d+ \w+ \d{4}, \d\d:\d\d with this patient: choose another time\.$/,
    );
    const other = await book({ startsAt: at(1, 0.75), kind: 'assessment', durationMinutes: 60 });
    expect(reason(other)).toMatch(/with another patient: choose another time\.$/);
    // Ending as the other starts is no clash.
    expect(await book({ ...second, startsAt: at(1, 1) })).toMatchObject({ status: 'applied' });
  });

  it('refuses a length step 2 does not book, and a start in the past', async () => {
    expect(reason(await book({ ...second, durationMinutes: 60, startsAt: at(3) }))).toBe(
      'Step 2 treatment sessions are 45 minutes; this one is booked for 60.',
    );
    expect(
      reason(await book({ ...second, startsAt: new Date(Date.now() - DAY).toISOString() })),
    ).toBe('That time has passed: book a session that starts later than now.');
  });

  it('refuses a patient who is not on the caller’s caseload, and an episode of another patient', async () => {
    expect(reason(await book({ ...first, episodeId: second.episodeId, startsAt: at(5) }))).toBe(
      'That episode of care is not this patient’s.',
    );
    const amelia = await signIn(t, t.account('Amelia Hart'));
    const response = await amelia.push([
      {
        kind: 'appointment.book',
        payload: {
          appointmentId: randomUUID(),
          ...first,
          kind: 'treatment',
          durationMinutes: 45,
          startsAt: at(6),
        },
      },
    ]);
    const [result] = PushResponse.parse(response.body).results;
    expect(result && reason(result)).toBe('This patient is not on your caseload.');
  });
});
