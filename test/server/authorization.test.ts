import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Change, ChecksumsResponse, PullResponse, PushResponse } from '../../shared/api';
import { useBackends } from './support/backends';
import {
  mutationsAgainst,
  patientIdsOf,
  recordCounts,
  recordsOf,
  userIdOf,
} from './support/fixtures';
import { type Session, type TestServer, signIn, startTestServer } from './support/harness';

// Demo staff: Helen supervises all four therapists; Samuel supervises the step 3 pair (Priya, Rhys).

const patientIdsIn = (changes: Change[]) =>
  new Set(changes.flatMap((c) => (c.scope.kind === 'patient' ? [c.scope.id] : [])));
const therapistIdsIn = (changes: Change[]) =>
  new Set(changes.flatMap((c) => (c.scope.kind === 'therapist' ? [c.scope.therapistId] : [])));

describe.each(useBackends())('authorization on $name', (backend) => {
  let t: TestServer;
  let amelia: Session;
  let samuel: Session;
  let ids: Record<'amelia' | 'tom' | 'priya' | 'rhys' | 'helen' | 'samuel', string>;
  beforeAll(async () => {
    t = await startTestServer(backend);
    amelia = await signIn(t, t.account('Amelia Hart'));
    samuel = await signIn(t, t.account('Dr Samuel Okafor'));
    const id = (name: string) => userIdOf(t.db, t.account(name).email);
    ids = {
      amelia: await id('Amelia Hart'),
      tom: await id('Tom Reeve'),
      priya: await id('Priya Nair'),
      rhys: await id('Rhys Ellis'),
      helen: await id('Dr Helen Marsh'),
      samuel: await id('Dr Samuel Okafor'),
    };
  });
  afterAll(async () => t?.close());

  const everything = async (s: Session) => {
    const changes: Change[] = [];
    for (const lane of ['core', 'transcripts'] as const)
      for (const page of await s.pullAll(lane)) changes.push(...PullResponse.parse(page).changes);
    return changes;
  };

  it('gives a therapist exactly their own caseload, in both lanes', async () => {
    const changes = await everything(amelia);
    expect([...patientIdsIn(changes)].sort()).toEqual(await patientIdsOf(t.db, [ids.amelia]));
    expect([...therapistIdsIn(changes)]).toEqual([ids.amelia]);
    expect(changes.some((c) => c.entity === 'transcript')).toBe(true);
    expect(changes.filter((c) => c.entity === 'serviceConfig')).toHaveLength(1);
  });

  it('gives a supervisor the caseloads and transcripts of current supervisees only', async () => {
    const changes = await everything(samuel);
    expect([...patientIdsIn(changes)].sort()).toEqual(
      await patientIdsOf(t.db, [ids.priya, ids.rhys]),
    );
    expect([...therapistIdsIn(changes)].sort()).toEqual([ids.samuel, ids.priya, ids.rhys].sort());
    const transcriptPatients = new Set(
      changes
        .filter((c) => c.entity === 'transcript')
        .map((c) => (c.scope.kind === 'patient' ? c.scope.id : '')),
    );
    expect([...transcriptPatients].every((p) => patientIdsIn(changes).has(p))).toBe(true);
    expect(transcriptPatients.size).toBeGreaterThan(5);
  });

  it("refuses every mutation kind against another therapist's patient, writing nothing", async () => {
    const before = await recordCounts(t.db);
    const response = await amelia.push(mutationsAgainst(await recordsOf(t.db, ids.tom)));
    expect(response.status).toBe(200);
    const { results } = PushResponse.parse(response.body);
    expect(results.map((r) => r.status)).toEqual(results.map(() => 'rejected'));
    expect(results.every((r) => r.status === 'rejected' && r.reason.length > 10)).toBe(true);
    expect(await recordCounts(t.db)).toEqual(before);
  });

  it("refuses a supervisor every mutation against a non-supervisee's patient", async () => {
    const before = await recordCounts(t.db);
    const { results } = PushResponse.parse(
      (await samuel.push(mutationsAgainst(await recordsOf(t.db, ids.amelia)))).body,
    );
    expect(results.map((r) => r.status)).toEqual(results.map(() => 'rejected'));
    expect(await recordCounts(t.db)).toEqual(before);
  });

  it('lets a supervisor decide, comment and rate for a supervisee, but not act as the therapist', async () => {
    const records = await recordsOf(t.db, ids.priya);
    await t.db.query(
      `UPDATE tickets SET state = 'open', decision = NULL, decided_by = NULL, decided_at = NULL, decision_comment = NULL WHERE id = $1`,
      [records.ticketId],
    );
    const all = mutationsAgainst(records);
    const { results } = PushResponse.parse((await samuel.push(all)).body);
    const statusOf = Object.fromEntries(all.map((m, i) => [`${m.kind}#${i}`, results[i]?.status]));
    expect(statusOf).toMatchObject({
      'message.send#0': 'rejected',
      'note.save#1': 'rejected',
      'appointment.recordOutcome#4': 'rejected',
      'ticket.decide#7': 'applied',
      'utterance.comment#8': 'applied',
      'ctsr.rate#9': 'applied',
      'audit.record#10': 'applied',
    });
  });

  it('publishes per-scope checksums the client can recompute from what it pulled', async () => {
    const changes = await everything(amelia);
    const response = await t.get('/sync/checksums?lane=core', { token: amelia.token });
    const checksums = ChecksumsResponse.parse(response.body);
    expect(
      checksums.scopes.every(
        (s) => s.scope.kind !== 'patient' || patientIdsIn(changes).has(s.scope.id),
      ),
    ).toBe(true);
    const latest = new Map<string, Change>();
    for (const c of changes.filter((c) => c.lane === 'core')) latest.set(`${c.entity}:${c.id}`, c);
    for (const scope of checksums.scopes.filter((s) => s.scope.kind === 'patient')) {
      const rows = [...latest.values()]
        .filter(
          (c) =>
            c.op === 'upsert' &&
            c.scope.kind === 'patient' &&
            scope.scope.kind === 'patient' &&
            c.scope.id === scope.scope.id,
        )
        .map((c) => `${c.entity}:${c.id}:${c.version}`)
        .sort();
      expect(rows).toHaveLength(scope.count);
      expect(createHash('md5').update(rows.join(',')).digest('hex')).toBe(scope.md5);
    }
  });

  it('validates and bounds pull parameters', async () => {
    expect((await t.get('/sync/pull?lane=everything', { token: amelia.token })).status).toBe(400);
    expect(
      (await t.get('/sync/pull?lane=core&limit=5000', { token: amelia.token })).json.fieldErrors,
    ).toHaveProperty('limit');
    expect((await t.get('/sync/pull?lane=core&after=-1', { token: amelia.token })).status).toBe(
      400,
    );
    const page = PullResponse.parse(
      (await t.get('/sync/pull?lane=transcripts&limit=1000', { token: samuel.token })).body,
    );
    expect(page.changes.length).toBeLessThanOrEqual(50);
    expect(page.hasMore).toBe(true);
  });
});
