import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Mutation, PushResponse } from '../../shared/api';
import { useBackends } from './support/backends';
import { recordsOf, userIdOf } from './support/fixtures';
import { type Session, type TestServer, signIn, startTestServer } from './support/harness';

type Draft = Omit<Mutation, 'seq' | 'id'>;

describe.each(useBackends())('push on $name', (backend) => {
  let t: TestServer;
  let priya: Session;
  let patientId: string;
  beforeAll(async () => {
    t = await startTestServer(backend);
    priya = await signIn(t, t.account('Priya Nair'));
    patientId = (await recordsOf(t.db, await userIdOf(t.db, t.account('Priya Nair').email)))
      .patientId;
  });
  afterAll(async () => t?.close());

  const message = (body: string): Draft => ({
    kind: 'message.send',
    payload: { messageId: randomUUID(), patientId, body },
  });
  const countMessages = async (body: string) =>
    (await t.db.query('SELECT id FROM messages WHERE body = $1', [body])).length;
  const batch = (session: Session, drafts: Draft[]) => ({
    deviceId: session.deviceId,
    mutations: drafts.map((m) => ({ ...m, seq: ++session.seq, id: randomUUID() })),
  });

  it('applies a batch once; replaying it returns the same results and writes nothing', async () => {
    const body = { ...batch(priya, [message('replay-1'), message('replay-2')]) };
    const first = PushResponse.parse(
      (await t.post('/sync/push', body, { token: priya.token })).body,
    );
    expect(first.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const replay = PushResponse.parse(
      (await t.post('/sync/push', body, { token: priya.token })).body,
    );
    expect(replay.results).toEqual(first.results);
    expect(replay.lastAppliedSeq).toBe(first.lastAppliedSeq);
    expect(await countMessages('replay-1')).toBe(1);
    expect(await countMessages('replay-2')).toBe(1);
  });

  it('applies concurrent duplicate batches exactly once', async () => {
    const body = batch(priya, [message('dup-a'), message('dup-b'), message('dup-c')]);
    const responses = await Promise.all(
      [1, 2, 3, 4].map(() => t.post('/sync/push', body, { token: priya.token })),
    );
    const parsed = responses.map((r) => PushResponse.parse(r.body));
    for (const p of parsed) expect(p.results).toEqual(parsed[0]?.results);
    for (const b of ['dup-a', 'dup-b', 'dup-c']) expect(await countMessages(b)).toBe(1);
  });

  it('returns rejections with a readable reason and carries on with the rest of the batch', async () => {
    const response = PushResponse.parse(
      (
        await t.post(
          '/sync/push',
          batch(priya, [
            {
              kind: 'measure.record',
              payload: {
                measureId: randomUUID(),
                patientId,
                appointmentId: null,
                kind: 'PHQ9',
                items: [1, 1, 1, 1, 1, 1, 1, 1, 1],
                total: 20,
                recordedAt: new Date().toISOString(),
              },
            },
            message('after-a-rejection'),
          ]),
          { token: priya.token },
        )
      ).body,
    );
    expect(response.results[0]).toMatchObject({
      status: 'rejected',
      reason: 'The item scores do not add up to the total.',
    });
    expect(response.results[1]?.status).toBe('applied');
  });

  it('refuses a batch for another device and out-of-order sequence numbers', async () => {
    const other = await signIn(t, t.account('Priya Nair'));
    expect(
      (
        await t.post(
          '/sync/push',
          { ...batch(priya, [message('x')]), deviceId: other.deviceId },
          { token: priya.token },
        )
      ).status,
    ).toBe(403);
    const unordered = batch(priya, [message('y'), message('z')]);
    unordered.mutations.reverse();
    expect((await t.post('/sync/push', unordered, { token: priya.token })).status).toBe(400);
    const stale = {
      deviceId: priya.deviceId,
      mutations: [{ ...message('stale'), seq: 1, id: randomUUID() }],
    };
    expect(
      PushResponse.parse((await t.post('/sync/push', stale, { token: priya.token })).body)
        .results[0]?.status,
    ).toBe('rejected');
    expect(await countMessages('stale')).toBe(0);
  });

  it('turns edits of one note from two devices on the same base version into a conflict carrying the server version', async () => {
    const laptop = priya;
    const desktop = await signIn(t, t.account('Priya Nair'));
    const noteId = randomUUID();
    const save = (body: string, baseVersion: number | null): Draft => ({
      kind: 'note.save',
      payload: { noteId, patientId, appointmentId: null, kind: 'session_note', body, baseVersion },
    });
    const created = PushResponse.parse((await laptop.push([save('first draft', null)])).body)
      .results[0];
    expect(created).toMatchObject({ status: 'applied', version: 1 });
    const fromLaptop = PushResponse.parse((await laptop.push([save('laptop edit', 1)])).body)
      .results[0];
    expect(fromLaptop).toMatchObject({ status: 'applied', version: 2 });
    const fromDesktop = PushResponse.parse((await desktop.push([save('desktop edit', 1)])).body)
      .results[0];
    expect(fromDesktop?.status).toBe('conflict');
    if (fromDesktop?.status !== 'conflict') return;
    expect(fromDesktop.serverVersion).toMatchObject({
      entity: 'note',
      id: noteId,
      version: 2,
      data: { body: 'laptop edit', status: 'draft' },
    });
    // The desktop merges on top of version 2 and submits.
    expect(
      PushResponse.parse((await desktop.push([save('merged', 2)])).body).results[0],
    ).toMatchObject({ status: 'applied', version: 3 });
    expect(
      PushResponse.parse(
        (await desktop.push([{ kind: 'note.submit', payload: { noteId, baseVersion: 3 } }])).body,
      ).results[0]?.status,
    ).toBe('applied');
    expect(
      PushResponse.parse((await laptop.push([save('too late', 4)])).body).results[0]?.status,
    ).toBe('conflict');
    const revisions = await t.db.query<{ body: string }>(
      'SELECT body FROM note_revisions WHERE note_id = $1 ORDER BY version',
      [noteId],
    );
    expect(revisions.map((r) => r.body)).toEqual(['first draft', 'laptop edit', 'merged']);
  });

  it('decides a ticket once; a second supervisor deciding offline gets a conflict', async () => {
    const ticketId = randomUUID();
    await priya.push([
      {
        kind: 'ticket.raise',
        payload: {
          ticketId,
          patientId,
          type: 'session_extension_request',
          body: 'A fifth session?',
        },
      },
    ]);
    const helen = await signIn(t, t.account('Dr Helen Marsh'));
    const samuel = await signIn(t, t.account('Dr Samuel Okafor'));
    const decide = (decision: 'approve' | 'decline'): Draft => ({
      kind: 'ticket.decide',
      payload: { ticketId, decision, comment: 'Reviewed.' },
    });
    expect(
      PushResponse.parse((await helen.push([decide('approve')])).body).results[0]?.status,
    ).toBe('applied');
    const second = PushResponse.parse((await samuel.push([decide('decline')])).body).results[0];
    expect(second).toMatchObject({
      status: 'conflict',
      serverVersion: { entity: 'ticket', data: { state: 'approved' } },
    });
  });

  it('applies every other mutation kind for the allocated therapist', async () => {
    const records = await recordsOf(t.db, await userIdOf(t.db, t.account('Priya Nair').email));
    // Setting a patient's emergency contact edits the one they have (or creates the first).
    const [contact] = await t.db.query<{ id: string }>(
      'SELECT id FROM emergency_contacts WHERE patient_id = $1',
      [patientId],
    );
    const results = PushResponse.parse(
      (
        await priya.push([
          {
            kind: 'appointment.recordOutcome',
            payload: {
              appointmentId: records.appointmentId,
              outcome: 'attended',
              cancelledAt: null,
              cancelledBy: null,
              baseVersion: 1,
            },
          },
          {
            kind: 'utterance.comment',
            payload: {
              commentId: randomUUID(),
              transcriptId: records.transcriptId,
              utteranceId: records.utteranceId,
              body: 'Good Socratic question.',
            },
          },
          {
            kind: 'emergencyContact.set',
            payload: {
              contactId: contact?.id ?? randomUUID(),
              patientId,
              name: 'Sam Doe',
              phone: '07700 900123',
              relationship: 'partner',
              localEmergencyNumber: '999',
            },
          },
          {
            kind: 'audit.record',
            payload: {
              eventId: randomUUID(),
              action: 'open_transcript',
              patientId,
              entityId: records.transcriptId,
              occurredAt: new Date().toISOString(),
              country: 'GB',
            },
          },
          {
            kind: 'workAbroad.declare',
            payload: {
              declarationId: randomUUID(),
              country: 'US',
              from: '2027-01-01',
              to: '2027-01-10',
              patientsInformed: true,
              emergencyContactsConfirmed: true,
            },
          },
        ])
      ).body,
    ).results;
    expect(results.map((r) => r.status)).toEqual([
      'applied',
      'applied',
      'applied',
      'applied',
      'rejected',
    ]);
    expect(results[4]).toMatchObject({
      reason: 'US is not an approved country for working abroad.',
    });
  });
});
