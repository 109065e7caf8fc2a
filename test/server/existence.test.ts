import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MutationResult, PushResponse } from '../../shared/api';
import type { Queryable } from '../../server/db/database';
import { useBackends } from './support/backends';
import { type PatientRecords, mutationsAgainst, recordsOf, userIdOf } from './support/fixtures';
import { type Session, type TestServer, signIn, startTestServer } from './support/harness';

// Item 8 of issue 9: a refusal for an id that is not the caller's must not say whether that
// id exists: the same answer as for an id nobody has, on every route and every mutation.

const randomRecords = (): PatientRecords => ({
  patientId: randomUUID(),
  appointmentId: randomUUID(),
  transcriptId: randomUUID(),
  utteranceId: randomUUID(),
  ticketId: randomUUID(),
  noteId: randomUUID(),
});

/** What a refusal tells the caller: everything but the echoed seq and mutation id. */
const told = (results: MutationResult[]) =>
  results.map((r) => ({ status: r.status, reason: 'reason' in r ? r.reason : null }));

/** An active patient of the therapist with no emergency contact yet, and one contact id. */
const contactsOf = async (db: Queryable, therapistId: string) => {
  const [row] = await db.query<{ without: string; contact: string }>(
    `SELECT (SELECT p.id FROM patients p WHERE p.therapist_id = $1 AND p.status = 'active'
               AND NOT EXISTS (SELECT 1 FROM emergency_contacts c WHERE c.patient_id = p.id) ORDER BY p.id LIMIT 1) AS without,
            (SELECT c.id FROM emergency_contacts c JOIN patients p ON p.id = c.patient_id
              WHERE p.therapist_id = $1 ORDER BY c.id LIMIT 1) AS contact`,
    [therapistId],
  );
  if (!row?.without || !row.contact) throw new Error('the seed has no suitable patients');
  return row;
};

describe.each(useBackends())('existence of ids that are not the caller’s, on $name', (backend) => {
  let t: TestServer;
  let amelia: Session;
  let samuel: Session;
  let ids: Record<'amelia' | 'tom' | 'priya', string>;
  beforeAll(async () => {
    t = await startTestServer(backend);
    amelia = await signIn(t, t.account('Amelia Hart'));
    samuel = await signIn(t, t.account('Dr Samuel Okafor'));
    ids = {
      amelia: await userIdOf(t.db, t.account('Amelia Hart').email),
      tom: await userIdOf(t.db, t.account('Tom Reeve').email),
      priya: await userIdOf(t.db, t.account('Priya Nair').email),
    };
  });
  afterAll(async () => t?.close());

  const pushed = async (session: Session, records: PatientRecords) =>
    told(PushResponse.parse((await session.push(mutationsAgainst(records))).body).results);

  it("refuses every mutation against another therapist's records exactly as against ids nobody has", async () => {
    const others = await pushed(amelia, await recordsOf(t.db, ids.tom));
    const nobody = await pushed(amelia, randomRecords());
    expect(others.every((r) => r.status === 'rejected')).toBe(true);
    expect(others).toEqual(nobody);
  });

  it("refuses a supervisor every mutation against a non-supervisee's records exactly as against ids nobody has", async () => {
    const others = await pushed(samuel, await recordsOf(t.db, ids.amelia));
    const nobody = await pushed(samuel, randomRecords());
    expect(others.every((r) => r.status === 'rejected')).toBe(true);
    expect(others).toEqual(nobody);
  });

  it('answers a client id that is already taken alike, whoever holds it', async () => {
    const mine = await recordsOf(t.db, ids.amelia);
    const [myOtherNote] = await t.db.query<{ id: string }>(
      'SELECT id FROM notes WHERE patient_id IN (SELECT id FROM patients WHERE therapist_id = $1) AND patient_id <> $2 LIMIT 1',
      [ids.amelia, mine.patientId],
    );
    const theirs = await recordsOf(t.db, ids.tom);
    const saveAs = (noteId: string) => ({
      kind: 'note.save' as const,
      payload: {
        noteId,
        patientId: mine.patientId,
        appointmentId: null,
        kind: 'session_note' as const,
        body: 'mine',
        baseVersion: null,
      },
    });
    const ameliaContacts = await contactsOf(t.db, ids.amelia);
    const tomContacts = await contactsOf(t.db, ids.tom);
    const contactAs = (contactId: string) => ({
      kind: 'emergencyContact.set' as const,
      payload: {
        contactId,
        patientId: ameliaContacts.without,
        name: 'A Person',
        phone: '07700 900222',
        relationship: 'friend',
        localEmergencyNumber: '112',
      },
    });
    const response = await amelia.push([
      saveAs(myOtherNote?.id ?? ''),
      saveAs(theirs.noteId),
      contactAs(ameliaContacts.contact),
      contactAs(tomContacts.contact),
    ]);
    expect(response.status).toBe(200);
    const [myNote, theirNote, myContact, theirContact] = told(
      PushResponse.parse(response.body).results,
    );
    expect(myNote?.status).toBe('rejected');
    expect(theirNote).toEqual(myNote);
    expect(myContact?.status).toBe('rejected');
    expect(theirContact).toEqual(myContact);
  });

  it('answers a push naming another device exactly as one naming a device nobody has', async () => {
    const body = (deviceId: string) => ({
      deviceId,
      mutations: [
        {
          seq: 1,
          id: randomUUID(),
          kind: 'note.submit',
          payload: { noteId: randomUUID(), baseVersion: 1 },
        },
      ],
    });
    const other = await t.post('/sync/push', body(samuel.deviceId), { token: amelia.token });
    const nobody = await t.post('/sync/push', body(randomUUID()), { token: amelia.token });
    const { serverTime: _a, ...otherBody } = other.json;
    const { serverTime: _b, ...nobodyBody } = nobody.json;
    expect(other.status).toBe(nobody.status);
    expect(otherBody).toEqual(nobodyBody);
  });
});
