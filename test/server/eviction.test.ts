import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PullResponse, ChecksumsResponse } from '../../shared/api';
import {
  assignSupervisor,
  dischargePatient,
  endSupervision,
  reallocatePatient,
} from '../../server/admin/operations';
import { sweepScopes } from '../../server/sync/scopeChanges';
import { useBackends } from './support/backends';
import { patientIdsOf, recordsOf, userIdOf } from './support/fixtures';
import { type Session, type TestServer, signIn, startTestServer } from './support/harness';

/** A device that keeps its cursors, like the client's sync engine. */
const follower = (session: Session) => {
  const cursors = { core: '0', transcripts: '0' };
  return {
    session,
    /** Pulls a lane to its end; returns everything received. */
    catchUp: async (lane: 'core' | 'transcripts') => {
      const pages: PullResponse[] = [];
      for (;;) {
        const page = await session.pull(lane, cursors[lane]);
        pages.push(page);
        cursors[lane] = page.nextCursor;
        if (!page.hasMore) break;
      }
      return {
        changes: pages.flatMap((p) => p.changes),
        evictions: pages.flatMap((p) => p.evictions),
      };
    },
  };
};

describe.each(useBackends())('scope loss and gain on $name', (backend) => {
  let t: TestServer;
  let ids: Record<string, string>;
  const devices: Record<string, ReturnType<typeof follower>> = {};
  beforeAll(async () => {
    t = await startTestServer(backend);
    ids = {};
    for (const name of [
      'Amelia Hart',
      'Tom Reeve',
      'Priya Nair',
      'Rhys Ellis',
      'Dr Helen Marsh',
      'Dr Samuel Okafor',
    ]) {
      ids[name] = await userIdOf(t.db, t.account(name).email);
      const device = follower(await signIn(t, t.account(name)));
      await device.catchUp('core');
      await device.catchUp('transcripts');
      devices[name] = device;
    }
  });
  afterAll(async () => t?.close());
  const device = (name: string) =>
    devices[name] ??
    (() => {
      throw new Error(name);
    })();
  const id = (name: string) => ids[name] ?? '';

  it('evicts a reallocated patient from the old therapist and streams the whole record to the new one', async () => {
    const { patientId } = await recordsOf(t.db, id('Amelia Hart'));
    await reallocatePatient(t.db, patientId, id('Tom Reeve'), 'caseload balancing');

    for (const lane of ['core', 'transcripts'] as const) {
      const old = await device('Amelia Hart').catchUp(lane);
      expect(old.evictions).toEqual([
        expect.objectContaining({
          lane,
          scope: { kind: 'patient', id: patientId },
          reason: 'reallocated',
        }),
      ]);
      expect(
        old.changes.filter((c) => c.scope.kind === 'patient' && c.scope.id === patientId),
      ).toEqual([]);
    }
    const gained = await device('Tom Reeve').catchUp('core');
    const entities = new Set(
      gained.changes
        .filter((c) => c.scope.kind === 'patient' && c.scope.id === patientId)
        .map((c) => c.entity),
    );
    expect([...entities]).toEqual(
      expect.arrayContaining(['patient', 'episode', 'appointment', 'measure']),
    );
    const episode = gained.changes.find(
      (c) => c.entity === 'episode' && c.scope.kind === 'patient' && c.scope.id === patientId,
    );
    expect(episode?.data).toMatchObject({
      allocatedTherapistId: id('Tom Reeve'),
      allocationHistory: [
        { to: expect.any(String) },
        { therapistId: id('Tom Reeve'), to: null, reason: 'caseload balancing' },
      ],
    });
    expect(
      (await device('Tom Reeve').catchUp('transcripts')).changes.some(
        (c) => c.scope.kind === 'patient' && c.scope.id === patientId,
      ),
    ).toBe(true);
    // Helen supervises both therapists: nothing to evict for her.
    expect((await device('Dr Helen Marsh').catchUp('core')).evictions).toEqual([]);
    const checksums = ChecksumsResponse.parse(
      (await t.get('/sync/checksums?lane=core', { token: device('Amelia Hart').session.token }))
        .body,
    );
    expect(
      checksums.scopes.some((s) => s.scope.kind === 'patient' && s.scope.id === patientId),
    ).toBe(false);
  });

  it('evicts a patient from a supervisor who does not supervise the new therapist', async () => {
    const { patientId } = await recordsOf(t.db, id('Priya Nair'));
    await reallocatePatient(t.db, patientId, id('Amelia Hart'), 'stepped down');
    const samuel = await device('Dr Samuel Okafor').catchUp('core');
    expect(samuel.evictions.map((e) => e.scope)).toEqual([{ kind: 'patient', id: patientId }]);
    expect((await device('Dr Samuel Okafor').catchUp('transcripts')).evictions).toHaveLength(1);
    expect(
      (await device('Amelia Hart').catchUp('core')).changes.some(
        (c) => c.entity === 'patient' && c.id === patientId,
      ),
    ).toBe(true);
  });

  it('evicts a supervisee when the supervision assignment ends, and restores them when it starts again', async () => {
    const rhysPatients = await patientIdsOf(t.db, [id('Rhys Ellis')]);
    await endSupervision(t.db, id('Dr Samuel Okafor'), id('Rhys Ellis'));
    for (const lane of ['core', 'transcripts'] as const) {
      const { evictions, changes } = await device('Dr Samuel Okafor').catchUp(lane);
      // Each patient Samuel no longer sees, then Rhys's own records.
      expect(evictions.map((e) => e.scope)).toEqual([
        ...rhysPatients.map((id) => ({ kind: 'patient', id })),
        { kind: 'supervisee', therapistId: id('Rhys Ellis') },
      ]);
      expect(evictions.every((e) => e.reason === 'supervision_ended')).toBe(true);
      expect(
        changes.filter((c) => c.scope.kind === 'patient' && rhysPatients.includes(c.scope.id)),
      ).toEqual([]);
    }
    const fresh = await device('Dr Samuel Okafor').session.pullAll('core');
    expect(
      fresh
        .flatMap((p) => p.changes)
        .some((c) => c.scope.kind === 'patient' && rhysPatients.includes(c.scope.id)),
    ).toBe(false);
    // Rhys's own devices are unaffected.
    expect((await device('Rhys Ellis').catchUp('core')).evictions).toEqual([]);

    await assignSupervisor(t.db, id('Dr Samuel Okafor'), id('Rhys Ellis'));
    const back = await device('Dr Samuel Okafor').catchUp('core');
    const seen = new Set(back.changes.flatMap((c) => (c.entity === 'patient' ? [c.id] : [])));
    expect([...seen].sort()).toEqual(rhysPatients);
  });

  it('evicts a discharged patient from every device once the retention window has passed', async () => {
    const { patientId } = await recordsOf(t.db, id('Rhys Ellis'));
    await dischargePatient(t.db, patientId, new Date(Date.now() - 31 * 86_400_000));
    expect(
      (await device('Rhys Ellis').catchUp('core')).changes.some(
        (c) => c.entity === 'patient' && c.id === patientId,
      ),
    ).toBe(true);
    expect(await sweepScopes(t.db)).toEqual({ supervisionEnded: 0, retentionExpired: 1 });
    for (const name of ['Rhys Ellis', 'Dr Helen Marsh', 'Dr Samuel Okafor']) {
      const { evictions } = await device(name).catchUp('core');
      expect(evictions).toEqual([
        expect.objectContaining({
          scope: { kind: 'patient', id: patientId },
          reason: 'retention_expired',
        }),
      ]);
    }
    expect(await sweepScopes(t.db)).toEqual({ supervisionEnded: 0, retentionExpired: 0 });
  });
});
