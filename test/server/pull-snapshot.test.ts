import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Change, ChecksumsResponse, type Eviction, PullResponse } from '../../shared/api';
import { reallocatePatient } from '../../server/admin/operations';
import { useBackends } from './support/backends';
import { patientIdsOf, userIdOf } from './support/fixtures';
import { type Session, type TestServer, signIn, startTestServer } from './support/harness';

// Each pull (and each checksum request) reads one snapshot. The data layer's test seam runs a
// reallocation between two of the pull's statements; the device must end up as if the
// reallocation happened wholly before or wholly after the page.

/** A device's view of the feed: applies pages in cursor order, evictions remove a scope. */
const localDevice = (session: Session) => {
  let cursor = '0';
  const rows = new Map<string, Change>();
  const log: (Change | Eviction)[] = [];
  return {
    session,
    rows,
    log,
    catchUp: async () => {
      for (;;) {
        const page = PullResponse.parse(await session.pull('core', cursor));
        const ordered = [...page.changes, ...page.evictions].sort((a, b) =>
          BigInt(a.cursor) < BigInt(b.cursor) ? -1 : 1,
        );
        for (const item of ordered) {
          log.push(item);
          if ('entity' in item) {
            if (item.op === 'upsert') rows.set(`${item.entity}:${item.id}`, item);
            else rows.delete(`${item.entity}:${item.id}`);
          } else if (item.scope.kind === 'patient') {
            const patientId = item.scope.id;
            for (const [key, row] of rows)
              if (row.scope.kind === 'patient' && row.scope.id === patientId) rows.delete(key);
          }
        }
        cursor = page.nextCursor;
        if (!page.hasMore) return;
      }
    },
    holds: (patientId: string) =>
      [...rows.values()].filter((r) => r.scope.kind === 'patient' && r.scope.id === patientId),
  };
};

describe.each(useBackends())('one snapshot per pull, on $name', (backend) => {
  let t: TestServer;
  let armed: { step: string; action: () => Promise<unknown> } | null = null;
  const inFlight: Promise<unknown>[] = [];
  /** Runs the armed write at the named step (PGlite: it waits for the snapshot, if any). */
  const betweenSnapshotReads = async (step: string) => {
    if (!armed || armed.step !== step) return;
    const { action } = armed;
    armed = null;
    const write = action();
    inFlight.push(write);
    if (backend.name === 'postgres') await write;
  };
  const settled = async () => {
    await Promise.all(inFlight.splice(0));
  };
  let amelia: ReturnType<typeof localDevice>;
  let tom: ReturnType<typeof localDevice>;
  let ameliaId: string;
  let tomId: string;
  const ameliaPatients: string[] = [];
  const nextPatientOfAmelia = () => {
    const id = ameliaPatients.shift();
    if (!id) throw new Error('Amelia has no patient left to reallocate');
    return id;
  };

  beforeAll(async () => {
    t = await startTestServer(backend, {}, { betweenSnapshotReads });
    ameliaId = await userIdOf(t.db, t.account('Amelia Hart').email);
    tomId = await userIdOf(t.db, t.account('Tom Reeve').email);
    ameliaPatients.push(...(await patientIdsOf(t.db, [ameliaId])));
    amelia = localDevice(await signIn(t, t.account('Amelia Hart')));
    tom = localDevice(await signIn(t, t.account('Tom Reeve')));
    await amelia.catchUp();
    await tom.catchUp();
  });
  afterAll(async () => t?.close());

  const steps = ['pull:visibility', 'pull:head', 'pull:changes', 'pull:evictions'];

  it.each(steps)(
    'a patient reallocated at %s leaves the old therapist’s device and does not come back',
    async (step) => {
      const patientId = nextPatientOfAmelia();
      expect(amelia.holds(patientId).length).toBeGreaterThan(0);
      armed = { step, action: () => reallocatePatient(t.db, patientId, tomId, 'mid-pull') };
      await amelia.catchUp();
      await settled();
      await amelia.catchUp();
      expect(armed).toBeNull();
      const evictedAt = amelia.log.findIndex(
        (e) => !('entity' in e) && e.scope.kind === 'patient' && e.scope.id === patientId,
      );
      expect(evictedAt).toBeGreaterThanOrEqual(0);
      const afterEviction = amelia.log
        .slice(evictedAt)
        .filter((c) => 'entity' in c && c.scope.kind === 'patient' && c.scope.id === patientId);
      expect(afterEviction).toEqual([]);
      expect(amelia.holds(patientId)).toEqual([]);
    },
  );

  it.each(steps)(
    'a patient reallocated at %s arrives whole on the new therapist’s device',
    async (step) => {
      const patientId = nextPatientOfAmelia();
      expect(tom.holds(patientId)).toEqual([]);
      armed = { step, action: () => reallocatePatient(t.db, patientId, tomId, 'mid-pull') };
      await tom.catchUp();
      await settled();
      await tom.catchUp();
      expect(armed).toBeNull();
      const feed = await t.db.query<{ entity: string; id: string }>(
        `SELECT entity, id FROM sync_feed WHERE patient_id = $1 AND lane = 'core' AND NOT deleted`,
        [patientId],
      );
      const held = new Set(tom.holds(patientId).map((c) => `${c.entity}:${c.id}`));
      expect(feed.length).toBeGreaterThan(3);
      expect(feed.filter((r) => !held.has(`${r.entity}:${r.id}`))).toEqual([]);
    },
  );

  it.each(['checksums:visibility', 'checksums:head'])(
    'checksums computed across a reallocation at %s describe the feed at their asOf',
    async (step) => {
      const patientId = nextPatientOfAmelia();
      armed = { step, action: () => reallocatePatient(t.db, patientId, tomId, 'mid-checksum') };
      const response = await t.get('/sync/checksums?lane=core', {
        token: amelia.session.token,
      });
      await settled();
      expect(armed).toBeNull();
      const checksums = ChecksumsResponse.parse(response.body);
      const [eviction] = await t.db.query<{ cursor: number }>(
        `SELECT cursor FROM evictions WHERE user_id = $1 AND scope_id = $2 AND lane = 'core'`,
        [ameliaId, patientId],
      );
      expect(eviction).toBeDefined();
      const listed = checksums.scopes.some(
        (s) => s.scope.kind === 'patient' && s.scope.id === patientId,
      );
      // Listed exactly when the checksums were taken before the eviction.
      expect(listed).toBe(BigInt(checksums.asOf) < BigInt(eviction?.cursor ?? 0));
    },
  );
});
