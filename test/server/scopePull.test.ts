import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Change,
  type ChangeScope,
  ChecksumsResponse,
  ScopePullResponse,
} from '../../shared/api';
import { reallocatePatient } from '../../server/admin/operations';
import { useBackends } from './support/backends';
import { type Session, type TestServer, signIn, startTestServer } from './support/harness';

/**
 * GET /sync/scope, the drift repair of one scope: exactly the rows the checksums count for
 * that scope, each once, in pages; nothing of a scope the caller cannot see.
 */
describe.each(useBackends())('scoped pull on $name', (backend) => {
  let t: TestServer;
  let priya: Session;
  beforeAll(async () => {
    t = await startTestServer(backend);
    priya = await signIn(t, t.account('Priya Nair'));
  });
  afterAll(async () => t?.close());

  const keyOf = (scope: ChangeScope) =>
    scope.kind === 'patient'
      ? `patient=${scope.id}`
      : scope.kind === 'therapist'
        ? `therapist=${scope.therapistId}`
        : `org=${scope.orgId}`;
  const query = (scope: ChangeScope) => {
    const [kind, id] = keyOf(scope).split('=');
    return `kind=${kind}&id=${id}`;
  };
  const walk = async (lane: 'core' | 'transcripts', scope: ChangeScope, limit: number) => {
    const changes: Change[] = [];
    let after = '0';
    for (;;) {
      const r = await t.get(
        `/sync/scope?lane=${lane}&${query(scope)}&after=${after}&limit=${limit}`,
        {
          token: priya.token,
        },
      );
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const page = ScopePullResponse.parse(r.body);
      expect(page.visible).toBe(true);
      changes.push(...page.changes);
      after = page.nextCursor;
      if (!page.hasMore) return changes;
    }
  };
  const checksums = async (lane: 'core' | 'transcripts') => {
    const r = await t.get(`/sync/checksums?lane=${lane}`, { token: priya.token });
    return ChecksumsResponse.parse(r.body);
  };

  it.each(['core', 'transcripts'] as const)(
    'returns, for every %s scope, the rows its checksum counts, each once, in any page size',
    async (lane) => {
      const { scopes } = await checksums(lane);
      expect(scopes.length).toBeGreaterThan(1);
      for (const { scope, count } of scopes.slice(0, 4)) {
        const small = await walk(lane, scope, 3);
        const live = small.filter((c) => c.op === 'upsert');
        expect(live).toHaveLength(count);
        expect(new Set(live.map((c) => c.id)).size).toBe(count);
        expect(live.every((c) => keyOf(c.scope) === keyOf(scope))).toBe(true);
        const big = await walk(lane, scope, 1000);
        expect(new Set(big.map((c) => `${c.entity}:${c.id}:${c.version}`))).toEqual(
          new Set(small.map((c) => `${c.entity}:${c.id}:${c.version}`)),
        );
      }
    },
  );

  it('answers visible: false, with nothing, for a scope the caller cannot see', async () => {
    // Priya is a PWP with no supervisees: another therapist's patient is not hers to see.
    const [other] = await t.db.query<{ id: string }>(
      `SELECT id FROM patients WHERE therapist_id <> $1 ORDER BY id LIMIT 1`,
      [priya.userId],
    );
    if (!other) throw new Error('no patient of another therapist');
    const r = await t.get(`/sync/scope?lane=core&kind=patient&id=${other.id}`, {
      token: priya.token,
    });
    const page = ScopePullResponse.parse(r.body);
    expect(page).toMatchObject({ visible: false, changes: [], hasMore: false });
  });

  it('stops showing a patient once reallocated away', async () => {
    const { scopes } = await checksums('core');
    const patient = scopes.find((s) => s.scope.kind === 'patient')?.scope;
    if (patient?.kind !== 'patient') throw new Error('no patient scope');
    const [other] = await t.db.query<{ id: string }>(
      `SELECT id FROM users WHERE role IN ('pwp', 'therapist') AND id <> $1 ORDER BY id LIMIT 1`,
      [priya.userId],
    );
    await reallocatePatient(t.db, patient.id, other?.id ?? '', 'test');
    const r = await t.get(`/sync/scope?lane=core&${query(patient)}`, { token: priya.token });
    expect(ScopePullResponse.parse(r.body).visible).toBe(false);
  });
});
