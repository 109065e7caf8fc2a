import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Change, ChecksumsResponse } from '../../shared/api';
import { touchFeed } from '../../server/sync/feed';
import { useBackends } from './support/backends';
import { userIdOf } from './support/fixtures';
import { type Session, type TestServer, signIn, startTestServer } from './support/harness';

// A value that fails the response contract, written straight into the database (as by an old
// server, an import or a hand edit), must not stop pulls for everyone who can see the
// patient: the record is logged, quarantined and left out; the rest of the page is served.

const md5Of = (changes: Change[]) =>
  createHash('md5')
    .update(
      changes
        .map((c) => ({ key: `${c.entity}:${c.id}`, line: `${c.entity}:${c.id}:${c.version}` }))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
        .map((x) => x.line)
        .join(','),
    )
    .digest('hex');

describe.each(useBackends())('a poisoned record, on $name', (backend) => {
  let t: TestServer;
  let priyaId: string;
  let patientId: string;
  let orgId: string;
  let measureId: string;
  let ticketId: string;
  const sessions: Session[] = [];

  /** Writes a record's row directly and moves it to the head of the feed, as a write would. */
  const poison = async (entity: 'measure' | 'ticket', id: string, sql: string) =>
    t.db.transaction(async (tx) => {
      await tx.query(sql, [id]);
      await touchFeed(tx, { entity, id, orgId, patientId, therapistId: null });
    });
  const everything = async (session: Session) =>
    (await session.pullAll('core')).flatMap((p) => p.changes);

  beforeAll(async () => {
    t = await startTestServer(backend);
    priyaId = await userIdOf(t.db, t.account('Priya Nair').email);
    const [row] = await t.db.query<{
      patient_id: string;
      org_id: string;
      measure_id: string;
      ticket_id: string;
    }>(
      `SELECT p.id AS patient_id, p.org_id, m.id AS measure_id, k.id AS ticket_id
         FROM patients p JOIN measures m ON m.patient_id = p.id JOIN tickets k ON k.patient_id = p.id
        WHERE p.therapist_id = $1 ORDER BY p.id, m.id, k.id LIMIT 1`,
      [priyaId],
    );
    if (!row) throw new Error('Priya has no patient with a measure and a ticket');
    ({ patient_id: patientId, org_id: orgId, measure_id: measureId, ticket_id: ticketId } = row);
    const supervisors = await t.db.query<{ name: string }>(
      `SELECT u.display_name AS name FROM supervision_assignments a JOIN users u ON u.id = a.supervisor_id
        WHERE a.therapist_id = $1 AND a.valid_to IS NULL`,
      [priyaId],
    );
    expect(supervisors.length).toBeGreaterThan(0);
    for (const name of ['Priya Nair', ...supervisors.map((s) => s.name)])
      sessions.push(await signIn(t, t.account(name)));
    await poison(
      'measure',
      measureId,
      `UPDATE measures SET recorded_at = '0001-01-01T00:00:00+01:00' WHERE id = $1`,
    );
    await poison('ticket', ticketId, `UPDATE tickets SET type = 'not_a_ticket_type' WHERE id = $1`);
  });
  afterAll(async () => t?.close());

  it('serves every page to the therapist and each supervisor, without the poisoned records', async () => {
    for (const session of sessions) {
      const changes = await everything(session);
      const ofPatient = changes.filter(
        (c) => c.scope.kind === 'patient' && c.scope.id === patientId,
      );
      expect(ofPatient.some((c) => c.entity === 'patient')).toBe(true);
      expect(ofPatient.some((c) => c.entity === 'measure')).toBe(true);
      expect(ofPatient.some((c) => c.id === measureId || c.id === ticketId)).toBe(false);
    }
  });

  it('quarantines the poisoned versions and leaves them out of the checksums', async () => {
    const quarantined = await t.db.query<{ entity: string; id: string }>(
      'SELECT entity, id FROM quarantined_records ORDER BY entity',
    );
    expect(quarantined).toEqual([
      { entity: 'measure', id: measureId },
      { entity: 'ticket', id: ticketId },
    ]);
    const [priya] = sessions;
    if (!priya) throw new Error('no session');
    const delivered = (await everything(priya)).filter(
      (c) => c.scope.kind === 'patient' && c.scope.id === patientId,
    );
    const checksums = ChecksumsResponse.parse(
      (await t.get('/sync/checksums?lane=core', { token: priya.token })).body,
    );
    const scope = checksums.scopes.find(
      (s) => s.scope.kind === 'patient' && s.scope.id === patientId,
    );
    expect(scope).toMatchObject({ count: delivered.length, md5: md5Of(delivered) });
  });

  it('leaves a poisoned record out of the drift repair of its scope too, quarantining it', async () => {
    const [row] = await t.db.query<{ id: string }>(
      'SELECT id FROM measures WHERE patient_id = $1 AND id <> $2 ORDER BY id LIMIT 1',
      [patientId, measureId],
    );
    if (!row) throw new Error('the patient has one measure only');
    await poison('measure', row.id, `UPDATE measures SET total = -7 WHERE id = $1`);
    const [priya] = sessions;
    if (!priya) throw new Error('no session');
    const answer = await t.get(`/sync/scope?lane=core&kind=patient&id=${patientId}&limit=1000`, {
      token: priya.token,
    });
    expect(answer.status).toBe(200);
    const body = answer.body as { visible: boolean; changes: Change[] };
    expect(body.visible).toBe(true);
    expect(body.changes.some((c) => c.entity === 'patient')).toBe(true);
    expect(body.changes.some((c) => c.id === row.id || c.id === ticketId)).toBe(false);
    const quarantined = await t.db.query<{ id: string }>(
      'SELECT id FROM quarantined_records WHERE id = $1',
      [row.id],
    );
    expect(quarantined).toHaveLength(1);
  });

  it('serves the record again once it is repaired (a new version)', async () => {
    await poison('measure', measureId, `UPDATE measures SET recorded_at = now() WHERE id = $1`);
    const [priya] = sessions;
    if (!priya) throw new Error('no session');
    const repaired = (await everything(priya)).find((c) => c.id === measureId);
    expect(repaired).toMatchObject({ entity: 'measure', op: 'upsert' });
  });
});
