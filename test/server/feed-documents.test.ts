import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Change,
  type EntityName,
  type Lane,
  PushResponse,
  parsePullResponse,
} from '../../shared/api';
import { touchFeed } from '../../server/sync/feed';
import { loadRecords } from '../../server/sync/loaders';
import { useBackends } from './support/backends';
import { recordsOf, userIdOf } from './support/fixtures';
import { type Session, type TestServer, signIn, startTestServer } from './support/harness';

// The feed served from rendered documents (server/sync/documents.ts, issue 12): rendered when
// written and after the seed, spliced into the page as stored, and never served for another
// version of the record than the feed row's.

interface FeedRowOf {
  entity: EntityName;
  id: string;
  version: number;
  deleted: boolean;
  patient_id: string | null;
  therapist_id: string | null;
  org_id: string;
}

describe.each(useBackends())('feed documents on $name', (backend) => {
  let t: TestServer;
  let priya: Session;
  let patientId: string;
  let orgId: string;
  beforeAll(async () => {
    t = await startTestServer(backend);
    priya = await signIn(t, t.account('Priya Nair'));
    patientId = (await recordsOf(t.rawDb, await userIdOf(t.rawDb, t.account('Priya Nair').email)))
      .patientId;
    const [org] = await t.rawDb.query<{ org_id: string }>(
      'SELECT org_id FROM patients WHERE id = $1',
      [patientId],
    );
    orgId = org?.org_id ?? '';
  });
  afterAll(async () => t?.close());

  const documentOf = async (entity: EntityName, id: string) =>
    (
      await t.rawDb.query<{ version: number; data: string }>(
        'SELECT version, data FROM feed_documents WHERE entity = $1 AND id = $2',
        [entity, id],
      )
    )[0] ?? null;
  const versionOf = async (entity: EntityName, id: string) =>
    (
      await t.rawDb.query<{ version: number }>(
        'SELECT version FROM sync_feed WHERE entity = $1 AND id = $2',
        [entity, id],
      )
    )[0]?.version;
  /** Everything of a lane from a cursor, as the client receives it. */
  const changesAfter = async (session: Session, lane: Lane, after: string) => {
    const changes: Change[] = [];
    for (;;) {
      const page = await session.pull(lane, after);
      changes.push(...page.changes);
      after = page.nextCursor;
      if (!page.hasMore) return changes;
    }
  };
  const head = async () =>
    String((await t.rawDb.query<{ value: number }>('SELECT value FROM feed_counter'))[0]?.value);
  const saveNote = (noteId: string, body: string, baseVersion: number | null) =>
    priya.push([
      {
        kind: 'note.save',
        payload: {
          noteId,
          patientId,
          appointmentId: null,
          kind: 'session_note',
          body,
          baseVersion,
        },
      },
    ]);

  it("serves the seed's feed from documents, spliced: the same JSON as the records rendered one by one, on every entity", async () => {
    const [live] = await t.rawDb.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM sync_feed WHERE NOT deleted',
    );
    const [stored] = await t.rawDb.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM feed_documents d JOIN sync_feed f
          ON f.entity = d.entity AND f.id = d.id AND f.version = d.version`,
    );
    expect(stored?.n).toBe(live?.n);

    const helen = await signIn(t, t.account('Dr Helen Marsh'));
    const entities = new Set<string>();
    for (const lane of ['core', 'transcripts'] as const) {
      let after = '0';
      for (;;) {
        const response = await t.get(`/sync/pull?lane=${lane}&after=${after}&limit=400`, {
          token: helen.token,
        });
        expect(response.status).toBe(200);
        expect(response.headers['content-type']).toMatch(/^application\/json/);
        const checked = parsePullResponse(response.body);
        if (!checked.success) throw new Error(checked.message);
        const page = checked.data;
        // The old way, for the same rows: each record loaded as an object and serialised.
        const rows = await t.rawDb.query<FeedRowOf>(
          `SELECT entity, id, version, deleted, patient_id, therapist_id, org_id FROM sync_feed
            WHERE (entity, id) IN (SELECT * FROM unnest($1::text[], $2::uuid[]))`,
          [page.changes.map((c) => c.entity), page.changes.map((c) => c.id)],
        );
        const rowOf = new Map(rows.map((r) => [`${r.entity}:${r.id}`, r]));
        for (const change of page.changes) {
          entities.add(change.entity);
          const row = rowOf.get(`${change.entity}:${change.id}`);
          const data = row?.deleted
            ? null
            : ((await loadRecords(t.rawDb, change.entity, [change.id])).get(change.id) ?? null);
          expect(change).toEqual({
            lane,
            cursor: change.cursor,
            entity: row?.entity,
            op: data === null ? 'delete' : 'upsert',
            id: row?.id,
            version: row?.version,
            scope: row?.patient_id
              ? { kind: 'patient', id: row.patient_id }
              : row?.therapist_id
                ? { kind: 'therapist', therapistId: row.therapist_id }
                : { kind: 'org', orgId: row?.org_id },
            data: JSON.parse(JSON.stringify(data)) as unknown,
          });
        }
        after = page.nextCursor;
        if (!page.hasMore) break;
      }
    }
    const seeded = await t.rawDb.query<{ entity: string }>('SELECT DISTINCT entity FROM sync_feed');
    expect([...entities].sort()).toEqual(seeded.map((r) => r.entity).sort());
  });

  it('renders a message and a note when they are written, and serves those documents', async () => {
    const from = await head();
    const messageId = randomUUID();
    const noteId = randomUUID();
    const pushed = PushResponse.parse(
      (
        await priya.push([
          { kind: 'message.send', payload: { messageId, patientId, body: 'Rendered at commit' } },
          {
            kind: 'note.save',
            payload: {
              noteId,
              patientId,
              appointmentId: null,
              kind: 'session_note',
              body: 'A note rendered at commit',
              baseVersion: null,
            },
          },
        ])
      ).body,
    );
    expect(pushed.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    for (const [entity, id] of [
      ['message', messageId],
      ['note', noteId],
    ] as const) {
      const document = await documentOf(entity, id);
      expect(document?.version).toBe(await versionOf(entity, id));
      expect(JSON.parse(document?.data ?? 'null')).toEqual(
        JSON.parse(JSON.stringify((await loadRecords(t.rawDb, entity, [id])).get(id))),
      );
    }
    // Changed behind the feed's back (no new version): a pull that rendered the records would
    // send these words; one served from the documents sends what was written.
    await t.rawDb.query(`UPDATE messages SET body = 'changed behind the feed' WHERE id = $1`, [
      messageId,
    ]);
    await t.rawDb.query(`UPDATE notes SET body = 'changed behind the feed' WHERE id = $1`, [
      noteId,
    ]);
    const served = await changesAfter(priya, 'core', from);
    const message = served.find((c) => c.id === messageId);
    const note = served.find((c) => c.id === noteId);
    expect(message?.data).toMatchObject({ body: 'Rendered at commit' });
    expect(note?.data).toMatchObject({ body: 'A note rendered at commit' });
  });

  it('never serves a document of another version or rendering: renders the record and stores it', async () => {
    const noteId = randomUUID();
    expect(
      PushResponse.parse((await saveNote(noteId, 'first words', null)).body).results[0],
    ).toMatchObject({ status: 'applied', version: 1 });
    const from = await head();
    expect(
      PushResponse.parse((await saveNote(noteId, 'second words', 1)).body).results[0],
    ).toMatchObject({ status: 'applied', version: 2 });
    const current = await documentOf('note', noteId);
    expect(current?.version).toBe(2);
    const forged = (body: string) =>
      JSON.stringify({ ...(JSON.parse(current?.data ?? '{}') as object), body });

    // An older version's document (as a pull that read an older snapshot would leave).
    await t.rawDb.query(
      `UPDATE feed_documents SET version = 1, data = $3 WHERE entity = $1 AND id = $2`,
      ['note', noteId, forged('from version 1')],
    );
    let served = (await changesAfter(priya, 'core', from)).find((c) => c.id === noteId);
    expect(served).toMatchObject({ version: 2, data: { body: 'second words' } });
    expect(await documentOf('note', noteId)).toEqual(current);

    // The current version, rendered by another server (other projections or contracts).
    await t.rawDb.query(
      `UPDATE feed_documents SET format = 'another server', data = $3 WHERE entity = $1 AND id = $2`,
      ['note', noteId, forged('another rendering')],
    );
    served = (await changesAfter(priya, 'core', from)).find((c) => c.id === noteId);
    expect(served).toMatchObject({ version: 2, data: { body: 'second words' } });
    expect(await documentOf('note', noteId)).toEqual(current);
  });

  it('renders a missing document when a pull needs it, and stores it', async () => {
    const messageId = randomUUID();
    const from = await head();
    await priya.push([
      { kind: 'message.send', payload: { messageId, patientId, body: 'Stored lazily' } },
    ]);
    const written = await documentOf('message', messageId);
    await t.rawDb.query(`DELETE FROM feed_documents WHERE entity = 'message' AND id = $1`, [
      messageId,
    ]);
    const served = (await changesAfter(priya, 'core', from)).find((c) => c.id === messageId);
    expect(served).toMatchObject({ version: 1, data: { body: 'Stored lazily' } });
    expect(await documentOf('message', messageId)).toEqual(written);
  });

  it('serves the page when it cannot store what it rendered', async () => {
    const messageId = randomUUID();
    const from = await head();
    await priya.push([
      { kind: 'message.send', payload: { messageId, patientId, body: 'Not stored again' } },
    ]);
    await t.rawDb.query(`DELETE FROM feed_documents WHERE entity = 'message' AND id = $1`, [
      messageId,
    ]);
    // Every store refused from here on (as by a full disk or a lost lock).
    await t.rawDb.exec(
      'ALTER TABLE feed_documents ADD CONSTRAINT refuse_all CHECK (false) NOT VALID',
    );
    try {
      const served = (await changesAfter(priya, 'core', from)).find((c) => c.id === messageId);
      expect(served).toMatchObject({ version: 1, data: { body: 'Not stored again' } });
      expect(await documentOf('message', messageId)).toBeNull();
    } finally {
      await t.rawDb.exec('ALTER TABLE feed_documents DROP CONSTRAINT refuse_all');
    }
  });

  it('never stores a document that fails its contract; the pull quarantines the record as before', async () => {
    const [measure] = await t.rawDb.query<{ id: string }>(
      'SELECT id FROM measures WHERE patient_id = $1 ORDER BY id LIMIT 1',
      [patientId],
    );
    if (!measure) throw new Error('the patient has no measure');
    const before = await documentOf('measure', measure.id);
    expect(before?.version).toBe(await versionOf('measure', measure.id));
    const from = await head();
    await t.rawDb.transaction(async (tx) => {
      await tx.query('UPDATE measures SET total = -7 WHERE id = $1', [measure.id]);
      await touchFeed(tx, {
        entity: 'measure',
        id: measure.id,
        orgId,
        patientId,
        therapistId: null,
      });
    });
    const poisoned = await versionOf('measure', measure.id);
    expect(await documentOf('measure', measure.id)).toEqual(before);
    expect(before?.version).toBeLessThan(poisoned ?? 0);
    const served = await changesAfter(priya, 'core', from);
    expect(served.some((c) => c.id === measure.id)).toBe(false);
    expect(
      await t.rawDb.query(
        `SELECT version FROM quarantined_records WHERE entity = 'measure' AND id = $1`,
        [measure.id],
      ),
    ).toEqual([{ version: poisoned }]);
    expect(await documentOf('measure', measure.id)).toEqual(before);
  });
});
